import { Anchor, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REPORT_GROUP_BYS, REPORT_PERIODS, reportCsvUrl, useCommitmentReport, type ComplianceFigures, type ReportGroupBy, type ReportPeriod, type ReportQuery } from '../../api/commitments.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NotAllowedPage } from '../not-allowed-page.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { formatMinutes } from '../../lib/format-duration.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const toDateInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The day after a `yyyy-mm-dd` date, as `yyyy-mm-dd`: the person picks the last day, the API wants the first day after. */
export function nextDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
  } catch {
    return 'Asia/Shanghai';
  }
}

/** Who may read the report (the API answers 403 to anyone else). */
export const REPORT_ROLES = ['admin', 'office', 'supervisor'] as const;

/** Compliance with the service commitments over a period, grouped three ways, with who caused each breach. */
export function CommitmentReportPage() {
  const user = useCurrentUser();
  if (!REPORT_ROLES.some((r) => hasRole(user.roles, r))) return <NotAllowedPage />;
  return <CommitmentReport />;
}

function CommitmentReport() {
  const { t, i18n } = useTranslation('commitments');
  usePageTitle(t('report.title'));
  const today = new Date();
  const [from, setFrom] = useState(toDateInput(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(toDateInput(today));
  const [groupBy, setGroupBy] = useState<ReportGroupBy>('commitment');
  const [level, setLevel] = useState<string | null>(null);
  const [period, setPeriod] = useState<ReportPeriod | null>(null);
  const [missing, setMissing] = useState<'from' | 'to' | null>(null);
  const [query, setQuery] = useState<ReportQuery | null>(() => ({ from, to: nextDate(to)!, groupBy: 'commitment', timeZone: browserTimeZone() }));
  const report = useCommitmentReport(query);

  const run = (next: Partial<Pick<ReportQuery, 'groupBy' | 'level' | 'period'>> = {}) => {
    const end = nextDate(to);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return setMissing('from');
    if (!end) return setMissing('to');
    setMissing(null);
    const lvl = 'level' in next ? next.level : level ? Number(level) : undefined;
    const per = 'period' in next ? next.period : (period ?? undefined);
    setQuery({ from, to: end, groupBy: next.groupBy ?? groupBy, timeZone: browserTimeZone(), ...(lvl ? { level: lvl } : {}), ...(per ? { period: per } : {}) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };

  const words = { minutes: (m: number) => t('duration.minutes', { count: m }), hours: (h: number, m: string) => t('duration.hours', { h, m }) };
  const minutes = (m: number | null | undefined) => (m === null || m === undefined ? '—' : formatMinutes(m, words));
  // A no-break space keeps "66.7 %" on one line in narrow columns.
  const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}\u00a0%`);
  const percent = (v: number | null) => (v === null ? '—' : `${v}\u00a0%`);
  const apiError = report.error as { field?: string } | null;
  const fieldError = (field: 'from' | 'to') => (missing === field ? t('report.dateRequired') : apiError?.field === field ? (report.error as Error).message : undefined);

  const figures = (f: ComplianceFigures) => [
    <Table.Td key="count">{f.count}</Table.Td>,
    <Table.Td key="met">{f.met}</Table.Td>,
    <Table.Td key="breaches">{f.breaches}</Table.Td>,
    <Table.Td key="pct">{percent(f.metPercent)}</Table.Td>,
    <Table.Td key="median">{minutes(f.medianElapsedMinutes)}</Table.Td>,
    <Table.Td key="p90">{minutes(f.p90ElapsedMinutes)}</Table.Td>,
    <Table.Td key="mshare">{share(f.medianShareOfTarget)}</Table.Td>,
    <Table.Td key="pshare">{share(f.p90ShareOfTarget)}</Table.Td>,
  ];
  const data = report.data;
  const byCommitment = data?.groupBy === 'commitment';
  const perPeriod = Boolean(data?.period);
  const columns = 9 + (byCommitment ? 1 : 0) + (perPeriod ? 1 : 0);
  const periodTotal = new Map((data?.periodTotals ?? []).map((p) => [p.period, p]));

  return (
    <Stack>
      <div>
        <Title order={1}>{t('report.title')}</Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('report.intro')}
        </Text>
      </div>

      <form onSubmit={submit} noValidate aria-label={t('report.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('report.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} error={fieldError('from')} required />
          <TextInput label={t('report.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} error={fieldError('to')} required />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="report-group-label">
              {t('report.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="report-group-label"
              value={groupBy}
              onChange={(v) => {
                setGroupBy(v as ReportGroupBy);
                run({ groupBy: v as ReportGroupBy });
              }}
              data={REPORT_GROUP_BYS.map((g) => ({ value: g, label: t(`report.groups.${g}`) }))}
            />
          </Stack>
          <Select
            label={t('report.level')}
            placeholder={t('report.allLevels')}
            data={[1, 2, 3].map((l) => ({ value: String(l), label: t('report.levelN', { level: l }) }))}
            value={level}
            onChange={(v) => {
              setLevel(v);
              run({ level: v ? Number(v) : undefined });
            }}
            clearable
            w={160}
          />
          <Select
            label={t('report.perPeriod')}
            placeholder={t('report.periodNone')}
            data={REPORT_PERIODS.map((p) => ({ value: p, label: t(`report.periods.${p}`) }))}
            value={period}
            onChange={(v) => {
              setPeriod(v as ReportPeriod | null);
              run({ period: (v as ReportPeriod | null) ?? undefined });
            }}
            clearable
            w={160}
          />
          <Button type="submit">{t('report.show')}</Button>
        </Group>
      </form>

      <ErrorAlert error={apiError?.field === 'from' || apiError?.field === 'to' ? undefined : report.error} />
      {report.isFetching && !data && <Text>{t('common.loading')}</Text>}

      {data && query && (
        <>
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed">
              {t('report.period', { from: formatDate(data.from, i18n.language), to: formatDate(new Date(Date.parse(data.to) - 1).toISOString(), i18n.language) })}
              {data.scope === 'departments' ? ` · ${t('report.scopeDepartments')}` : ''}
            </Text>
            <Group gap="xs">
              <Button component="a" href={reportCsvUrl(query, 'summary', i18n.language)} download variant="default">
                {t('report.downloadCsv')}
              </Button>
              <Button component="a" href={reportCsvUrl(query, 'attributions', i18n.language)} download variant="default">
                {t('report.downloadAttributionsCsv')}
              </Button>
            </Group>
          </Group>

          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('report.summaryTitle')}
            </Title>
            <Table.ScrollContainer minWidth={900}>
              <Table striped data-testid="report-table">
                <Table.Thead>
                  <Table.Tr>
                    {perPeriod && <Table.Th scope="col">{t('report.cols.period')}</Table.Th>}
                    <Table.Th scope="col">{t(`report.groups.${data.groupBy}`)}</Table.Th>
                    {byCommitment && <Table.Th scope="col">{t('report.cols.target')}</Table.Th>}
                    <Table.Th scope="col">{t('report.cols.count')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.met')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.breaches')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.metPercent')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.median')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.p90')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.medianShare')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.p90Share')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={columns}>{t('report.empty')}</Table.Td>
                    </Table.Tr>
                  )}
                  {data.rows.map((r, i) => {
                    const total = r.period !== undefined && data.rows[i + 1]?.period !== r.period ? periodTotal.get(r.period) : undefined;
                    return (
                      <Fragment key={`${r.period ?? ''}|${r.key ?? 'none'}`}>
                        <Table.Tr>
                          {perPeriod && <Table.Td>{r.period}</Table.Td>}
                          <Table.Th scope="row" fw={500} style={{ paddingLeft: byCommitment && r.level ? 8 + (r.level - 1) * 20 : undefined }}>
                            {r.name ?? t('report.nobody')}
                          </Table.Th>
                          {byCommitment && <Table.Td>{minutes(r.targetMinutes)}</Table.Td>}
                          {figures(r)}
                        </Table.Tr>
                        {total && (
                          <Table.Tr>
                            <Table.Td>{r.period}</Table.Td>
                            <Table.Th scope="row">{t('report.periodTotal', { period: r.period })}</Table.Th>
                            {byCommitment && <Table.Td />}
                            {figures(total)}
                          </Table.Tr>
                        )}
                      </Fragment>
                    );
                  })}
                </Table.Tbody>
                {data.rows.length > 0 && (
                  <Table.Tfoot>
                    <Table.Tr>
                      {perPeriod && <Table.Td />}
                      <Table.Th scope="row">{t('report.total')}</Table.Th>
                      {byCommitment && <Table.Td />}
                      {figures(data.totals)}
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed" mt="xs">
              {t('report.percentileNote')}
            </Text>
          </Card>

          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('report.attributionsTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('report.attributionsIntro')}
            </Text>
            <Table.ScrollContainer minWidth={800}>
              <Table striped data-testid="attribution-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('report.cols.ticket')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.commitment')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.stage')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.overrun')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.department')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.person')}</Table.Th>
                    <Table.Th scope="col">{t('report.cols.breachedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.attributions.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>{t('report.noAttributions')}</Table.Td>
                    </Table.Tr>
                  )}
                  {data.attributions.map((a, i) => (
                    <Table.Tr key={`${a.clockId}-${i}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/tickets/${a.ticketId}`}>
                          {a.ticketNumber}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{a.commitmentName}</Table.Td>
                      <Table.Td>{a.kind === 'parent_slack' ? t('report.parentSlack') : (a.stageName ?? '—')}</Table.Td>
                      <Table.Td>{a.kind === 'parent_slack' ? '—' : minutes(a.overrunMinutes)}</Table.Td>
                      <Table.Td>{a.departmentName ?? '—'}</Table.Td>
                      <Table.Td>{a.staffName ?? '—'}</Table.Td>
                      <Table.Td>{formatDateTime(a.breachedAt, i18n.language) || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {data.attributionsTruncated && (
              <Text size="sm" mt="xs">
                {t('report.truncated')}
              </Text>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
