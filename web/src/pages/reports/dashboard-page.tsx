import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCommitmentReport, reportCsvUrl, type CommitmentReport, type ReportQuery } from '../../api/commitments.ts';
import { useCompanySettings, useSurveyDashboard, type DashboardGroup, type DashboardQuery, type SurveyDashboard } from '../../api/dashboard.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import { CHANNELS } from '../../api/tickets.ts';
import { Chart, type ChartOption, type ChartTable } from '../../components/chart.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { ScorecardTrendPanel } from '../scorecards/scorecard-trend-panel.tsx';
import { downloadCsv, toCsv } from '../../lib/csv.ts';

type T = TFunction<'dashboard'>;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date (`yyyy-mm-dd`) in the company's zone, `daysBack` days earlier. */
function dateIn(timeZone: string, daysBack = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.now());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const d = new Date(Date.UTC(get('year'), get('month') - 1, get('day') - daysBack));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The day after a `yyyy-mm-dd` date: people pick the last day, the API wants the first day after. */
export function nextDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

function groupLabel(t: T, tMain: TFunction, kind: 'channel' | 'other', g: DashboardGroup): string {
  if (g.key === null) return t('common.none');
  if (kind === 'channel') {
    if (g.key === 'link' || g.key === 'portal') return t(`channels.${g.key}`);
    if ((CHANNELS as readonly string[]).includes(String(g.key))) return tMain(`channels.${g.key as (typeof CHANNELS)[number]}`);
  }
  return g.label ?? String(g.key);
}

/** CSAT % on the left axis, the mean 1–5 on the right: one line each over time, or bars per group. */
function figuresOption(t: T, labels: string[], groups: DashboardGroup[], type: 'line' | 'bar'): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: type === 'bar' ? 72 : 32 },
    xAxis: { type: 'category', data: labels, axisLabel: type === 'bar' ? { rotate: 30, interval: 0, width: 90, overflow: 'truncate' } : {} },
    yAxis: [
      { type: 'value', name: t('charts.csat'), min: 0, max: 100 },
      { type: 'value', name: t('charts.mean'), min: 0, max: 5 },
    ],
    series: [
      { name: t('charts.csat'), type, data: groups.map((g) => pct(g.csat)), yAxisIndex: 0 },
      { name: t('charts.mean'), type: 'line', data: groups.map((g) => round2(g.mean)), yAxisIndex: 1 },
    ],
  };
}

function figuresTable(t: T, first: string, labels: string[], groups: DashboardGroup[]): ChartTable {
  return { columns: [first, t('charts.n'), t('charts.csat'), t('charts.mean')], rows: groups.map((g, i) => [labels[i] ?? '', g.n, pct(g.csat), round2(g.mean)]) };
}

/** The dashboard: filters, then every chart (PNG and CSV each), the low ratings and commitment compliance. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  usePageTitle(t('page.title'));
  const settings = useCompanySettings();
  return (
    <Stack>
      <div>
        <Title order={1}>{t('page.title')}</Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('page.intro')}
        </Text>
      </div>
      <ErrorAlert error={settings.error} />
      {settings.data ? <DashboardView timeZone={settings.data.timeZone} /> : <Text>{t('common.loading')}</Text>}
    </Stack>
  );
}

function DashboardView({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const user = useCurrentUser();
  const [from, setFrom] = useState(() => dateIn(timeZone, 89));
  const [to, setTo] = useState(() => dateIn(timeZone));
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [missing, setMissing] = useState<'from' | 'to' | null>(null);
  const [query, setQuery] = useState<DashboardQuery>(() => ({ from, to: nextDate(to)! }));
  const dashboard = useSurveyDashboard(query);
  const mayReport = (['admin', 'office', 'supervisor'] as const).some((r) => hasRole(user.roles, r));
  const reportQuery: ReportQuery | null = mayReport ? { from: query.from, to: query.to, groupBy: 'commitment', timeZone } : null;
  const report = useCommitmentReport(reportQuery);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const end = nextDate(to);
    if (!DATE.test(from)) return setMissing('from');
    if (!end) return setMissing('to');
    setMissing(null);
    setQuery({ from, to: end, ...(departmentId ? { departmentId } : {}) });
  };
  const apiError = dashboard.error as { field?: string; message?: string } | null;
  const fieldError = (field: 'from' | 'to') => (missing === field ? t('page.dateRequired') : apiError?.field === field ? apiError.message : undefined);
  const data = dashboard.data;
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone }), [i18n.language, timeZone]);

  return (
    <>
      <form onSubmit={submit} noValidate aria-label={t('page.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('page.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} error={fieldError('from')} required />
          <TextInput label={t('page.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} error={fieldError('to')} required />
          <div style={{ width: 260 }}>
            <DepartmentSelect label={t('page.department')} placeholder={t('page.allDepartments')} value={departmentId} onChange={setDepartmentId} includeInactive />
          </div>
          <Button type="submit">{t('page.show')}</Button>
        </Group>
      </form>
      <ErrorAlert error={apiError?.field === 'from' || apiError?.field === 'to' ? undefined : dashboard.error} />
      {dashboard.isFetching && !data && <Text>{t('common.loading')}</Text>}
      {data && (
        <>
          <Text size="sm" c="dimmed" data-testid="dashboard-period">
            {t('page.period', { from: dayFormat.format(new Date(data.from)), to: dayFormat.format(new Date(Date.parse(data.to) - 1)), zone: data.timeZone })} · {t(`page.scope.${data.scope}`)}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label={t('page.ratings')} value={String(data.overall.n)} />
            <Figure label={t('page.csat')} value={data.overall.csat === null ? '—' : `${pct(data.overall.csat)}\u00a0%`} />
            <Figure label={t('page.mean')} value={data.overall.mean === null ? '—' : data.overall.mean.toFixed(2)} />
          </SimpleGrid>
          <SatisfactionCharts data={data} />
          <LowRatings data={data} />
        </>
      )}
      {mayReport && reportQuery && <CompliancePanel report={report.data} error={report.error} query={reportQuery} />}
      <ScorecardTrendPanel from={query.from} to={query.to} />
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function SatisfactionCharts({ data }: { data: SurveyDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { t: tMain } = useTranslation();
  const stamp = `${data.from.slice(0, 10)}`;
  const charts = useMemo(() => {
    const trend = (groups: DashboardGroup[]) => groups.map((g) => String(g.key));
    const labelled = (groups: DashboardGroup[], kind: 'channel' | 'other') => groups.slice(0, 20).map((g) => groupLabel(t, tMain, kind, g));
    const sets: { id: string; title: string; groups: DashboardGroup[]; labels: string[]; type: 'line' | 'bar'; first: string }[] = [
      { id: 'week', title: t('charts.week'), groups: data.byWeek, labels: trend(data.byWeek), type: 'line', first: t('charts.period') },
      { id: 'month', title: t('charts.month'), groups: data.byMonth, labels: trend(data.byMonth), type: 'line', first: t('charts.period') },
      { id: 'department', title: t('charts.department'), groups: data.byDepartment.slice(0, 20), labels: labelled(data.byDepartment, 'other'), type: 'bar', first: t('charts.group') },
      { id: 'person', title: t('charts.person'), groups: data.byPerson.slice(0, 20), labels: labelled(data.byPerson, 'other'), type: 'bar', first: t('charts.group') },
      { id: 'category', title: t('charts.category'), groups: data.byCategory.slice(0, 20), labels: labelled(data.byCategory, 'other'), type: 'bar', first: t('charts.group') },
      { id: 'channel', title: t('charts.channel'), groups: data.byChannel, labels: labelled(data.byChannel, 'channel'), type: 'bar', first: t('charts.group') },
    ];
    return sets.map((s) => ({ ...s, option: figuresOption(t, s.labels, s.groups, s.type), table: figuresTable(t, s.first, s.labels, s.groups) }));
  }, [data, t, tMain]);
  const zh = /^zh/i.test(i18n.language);
  const dims = data.dimensions;
  const radarOption: ChartOption = useMemo(
    () => ({
      tooltip: {},
      radar: { indicator: dims.map((d) => ({ name: zh ? d.nameZh : d.nameEn, max: 5, min: 0 })), radius: '65%' },
      series: [{ type: 'radar', name: t('charts.radar'), data: [{ value: dims.map((d) => round2(d.mean) ?? 0), name: t('charts.mean'), areaStyle: { opacity: 0.2 } }] }],
    }),
    [dims, zh, t],
  );
  const radarTable: ChartTable = {
    columns: [t('charts.dimension'), t('charts.answers'), t('charts.mean')],
    rows: dims.filter((d) => d.answers > 0).map((d) => [zh ? d.nameZh : d.nameEn, d.answers, round2(d.mean)]),
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {charts.map((c) => (
        <Chart key={c.id} title={c.title} option={c.option} table={c.table} fileName={`satisfaction-${c.id}-${stamp}`} testId={`chart-${c.id}`} />
      ))}
      <Chart title={t('charts.radar')} option={radarOption} table={radarTable} fileName={`dimensions-${stamp}`} testId="chart-radar" height={320} />
    </SimpleGrid>
  );
}

function LowRatings({ data }: { data: SurveyDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { t: tMain } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: data.timeZone });
  const complaintText = (r: SurveyDashboard['lowRatings'][number]) =>
    r.complaints === 0 || !r.complaintStatus ? t('low.noComplaint') : t('low.complaintCount', { status: t(`low.complaintStatuses.${r.complaintStatus as 'received'}`), count: r.complaints });
  const statusText = (s: string | null) => (s ? tMain(`statuses.${s}` as 'statuses.new', { defaultValue: s }) : '');
  const columns = [t('low.answeredAt'), t('low.satisfaction'), t('low.ticket'), t('low.subject'), t('low.customer'), t('low.owner'), t('low.ticketStatus'), t('low.complaint'), t('low.reopened'), t('low.comment')];
  const rows = data.lowRatings.map((r) => [
    when.format(new Date(r.answeredAt)), r.satisfaction, r.ticketNumber, r.subject, r.customerName, r.ownerName, statusText(r.ticketStatus), complaintText(r), r.reopenedAfter ? t('low.yes') : t('low.no'), r.comment,
  ]);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="low-ratings-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="low-ratings-title">
          {t('low.title')}
        </Title>
        <Button size="xs" variant="default" disabled={rows.length === 0} onClick={() => downloadCsv(`low-ratings-${data.from.slice(0, 10)}.csv`, toCsv(columns, rows))}>
          {t('chart.saveCsv')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('low.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="low-ratings">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lowRatings.map((r, i) => (
                <Table.Tr key={r.surveyId}>
                  <Table.Td>{rows[i]![0]}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light">
                      {r.satisfaction}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.ticketId ? <Anchor component={Link} to={`/tickets/${r.ticketId}`}>{r.ticketNumber}</Anchor> : '—'}</Table.Td>
                  {rows[i]!.slice(3).map((v, j) => (
                    <Table.Td key={j}>{v ?? ''}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data.lowRatingsTruncated && (
        <Text size="sm" c="dimmed">
          {t('low.truncated', { count: data.lowRatings.length })}
        </Text>
      )}
    </Paper>
  );
}

function CompliancePanel({ report, error, query }: { report: CommitmentReport | undefined; error: unknown; query: ReportQuery }): ReactNode {
  const { t, i18n } = useTranslation('dashboard');
  const rows = report?.rows ?? [];
  const names = rows.map((r) => r.name ?? t('common.none'));
  const option: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, interval: 0, width: 100, overflow: 'truncate' } },
      yAxis: { type: 'value', name: t('charts.metPct'), min: 0, max: 100 },
      series: [{ type: 'bar', name: t('charts.metPct'), data: rows.map((r) => (r.metPercent === null ? null : Math.round(r.metPercent * 10) / 10)) }],
    }),
    [rows, names, t],
  );
  const table: ChartTable = { columns: [t('charts.commitment'), t('charts.decided'), t('charts.breached'), t('charts.metPct')], rows: rows.map((r, i) => [names[i]!, r.count, r.breaches, r.metPercent]) };
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      <Chart title={t('charts.compliance')} option={option} table={table} fileName={`compliance-${query.from}`} testId="chart-compliance" />
      <Anchor href={reportCsvUrl(query, 'summary', i18n.language)} download size="sm">
        {t('compliance.csv')}
      </Anchor>
    </Stack>
  );
}
