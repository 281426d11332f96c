import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../api/tickets.ts';
import { SURVEY_GROUP_BYS, dimensionName, useSurveyResults, type DimensionSummary, type SurveyGroupBy, type SurveyResults, type SurveyResultsQuery, type SurveySummary } from '../../api/surveys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { downloadCsv, toCsv } from '../../lib/csv.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const toDateInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day after a `yyyy-mm-dd` date: the person picks the last day, the API wants the first day after. */
function nextDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A day as the company counts it (the zone the results were computed in), not the browser's. */
const formatDayIn = (iso: string, lang: string, timeZone: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone }).format(new Date(iso));

const share = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}\u00a0%`);
const decimal = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
const distribution = (s: SurveySummary) => (['1', '2', '3', '4', '5'] as const).map((k) => s.distribution[k]).join(' / ');

type Translate = TFunction<'surveys'>;

function groupLabel(t: Translate, tMain: TFunction, groupBy: SurveyGroupBy | null, key: number | string | null, label: string | null): string {
  if (key === null) return t('results.none');
  if (groupBy === 'channel') {
    if (key === 'link' || key === 'portal') return t(`results.channels.${key}`);
    if ((CHANNELS as readonly string[]).includes(String(key))) return tMain(`channels.${key as (typeof CHANNELS)[number]}`);
  }
  return label ?? String(key);
}

/** CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) of the overall row and every group, with each dimension's mean and α. */
function buildCsv(t: Translate, tMain: TFunction, results: SurveyResults, language: string): string {
  const dims = results.overall.dimensions.map((d) => d.dimension);
  const header = [t('results.group'), t('results.n'), t('results.csat'), t('results.mean'), '1', '2', '3', '4', '5',
    ...dims.flatMap((d) => { const name = dimensionName(results.dimensions, d, language); return [`${name} ${t('results.mean')}`, `${name} ${t('results.alpha')}`, `${name} ${t('results.alphaN')}`, `${name} ${t('results.reliability')}`]; })];
  const row = (label: string, s: SurveySummary) => {
    const byDim = new Map(s.dimensions.map((d) => [d.dimension, d]));
    return [label, s.n, s.csat ?? '', s.mean ?? '', ...(['1', '2', '3', '4', '5'] as const).map((k) => s.distribution[k]),
      ...dims.flatMap((d) => { const x = byDim.get(d); return x ? [x.mean ?? '', x.alpha ?? '', x.alphaN, t(`results.flags.${x.flag}`)] : ['', '', '', '']; })];
  };
  // Group labels are names people typed: the shared helper guards cells a spreadsheet would run as formulas.
  return toCsv(header, [row(t('results.overall'), results.overall), ...results.groups.map((g) => row(groupLabel(t, tMain, results.groupBy, g.key, g.label), g))]);
}

/** Survey results over a period: CSAT, mean, distribution per group, and the dimensions with Cronbach's α. */
export function SurveyResultsPage() {
  const { t, i18n } = useTranslation('surveys');
  const { t: tMain } = useTranslation();
  usePageTitle(t('results.title'));
  const today = new Date();
  const [from, setFrom] = useState(toDateInput(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(toDateInput(today));
  const [groupBy, setGroupBy] = useState<SurveyGroupBy | ''>('department');
  const [missing, setMissing] = useState<'from' | 'to' | null>(null);
  const [query, setQuery] = useState<SurveyResultsQuery | null>(() => ({ from, to: nextDate(to)!, groupBy: 'department' }));
  const results = useSurveyResults(query);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const end = nextDate(to);
    if (!DATE.test(from)) return setMissing('from');
    if (!end) return setMissing('to');
    setMissing(null);
    setQuery({ from, to: end, ...(groupBy ? { groupBy } : {}) });
  };
  const apiError = results.error as { field?: string; message?: string } | null;
  const fieldError = (field: 'from' | 'to') => (missing === field ? t('results.dateRequired') : apiError?.field === field ? apiError.message : undefined);
  const data = results.data;

  return (
    <Stack>
      <div>
        <Title order={1}>{t('results.title')}</Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('results.intro')}
        </Text>
      </div>

      <form onSubmit={submit} noValidate aria-label={t('results.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('results.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} error={fieldError('from')} required />
          <TextInput label={t('results.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} error={fieldError('to')} required />
          <NativeSelect
            label={t('results.groupBy')}
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value as SurveyGroupBy | '')}
            data={[{ value: '', label: t('results.groups.none') }, ...SURVEY_GROUP_BYS.map((g) => ({ value: g, label: t(`results.groups.${g}`) }))]}
            w={180}
          />
          <Button type="submit">{t('results.show')}</Button>
        </Group>
      </form>

      <ErrorAlert error={apiError?.field === 'from' || apiError?.field === 'to' ? undefined : results.error} />
      {results.isFetching && !data && <Text>{t('common.loading')}</Text>}

      {data && (
        <>
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed" data-testid="results-period">
              {t('results.period', { from: formatDayIn(data.from, i18n.language, data.timeZone), to: formatDayIn(new Date(Date.parse(data.to) - 1).toISOString(), i18n.language, data.timeZone) })} · {t(`results.scope.${data.scope}`)}
            </Text>
            <Button variant="default" onClick={() => downloadCsv(`survey-results-${data.from.slice(0, 10)}-${data.groupBy ?? 'overall'}.csv`, buildCsv(t, tMain, data, i18n.language))}>
              {t('results.downloadCsv')}
            </Button>
          </Group>

          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="results-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('results.group')}</Table.Th>
                  <Table.Th scope="col">{t('results.n')}</Table.Th>
                  <Table.Th scope="col">{t('results.csat')}</Table.Th>
                  <Table.Th scope="col">{t('results.mean')}</Table.Th>
                  <Table.Th scope="col">{t('results.distribution')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <SummaryRow label={t('results.overall')} summary={data.overall} strong />
                {data.groups.map((g) => (
                  <SummaryRow key={String(g.key)} label={groupLabel(t, tMain, data.groupBy, g.key, g.label)} summary={g} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.overall.n === 0 && <Text c="dimmed">{t('results.empty')}</Text>}

          {data.overall.dimensions.length > 0 && (
            <>
              <Title order={2} size="h3">
                {t('results.dimensionsTitle')}
              </Title>
              <Table.ScrollContainer minWidth={720}>
                <Table striped data-testid="dimensions-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('results.dimension')}</Table.Th>
                      <Table.Th scope="col">{t('results.answers')}</Table.Th>
                      <Table.Th scope="col">{t('results.mean')}</Table.Th>
                      <Table.Th scope="col">{t('results.yesShare')}</Table.Th>
                      <Table.Th scope="col">{t('results.gradePoints')}</Table.Th>
                      <Table.Th scope="col">{t('results.alpha')}</Table.Th>
                      <Table.Th scope="col">{t('results.alphaN')}</Table.Th>
                      <Table.Th scope="col">{t('results.reliability')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.overall.dimensions.map((d) => (
                      <DimensionRow key={d.dimension} name={dimensionName(data.dimensions, d.dimension, i18n.language)} d={d} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </>
      )}
    </Stack>
  );
}

function SummaryRow({ label, summary, strong }: { label: string; summary: SurveySummary; strong?: boolean }) {
  return (
    <Table.Tr fw={strong ? 700 : undefined}>
      <Table.Th scope="row" fw={strong ? 700 : 500}>
        {label}
      </Table.Th>
      <Table.Td>{summary.n}</Table.Td>
      <Table.Td>{share(summary.csat)}</Table.Td>
      <Table.Td>{decimal(summary.mean)}</Table.Td>
      <Table.Td>{distribution(summary)}</Table.Td>
    </Table.Tr>
  );
}

function DimensionRow({ name, d }: { name: string; d: DimensionSummary }) {
  const { t } = useTranslation('surveys');
  const color = d.flag === 'reliable' ? 'green' : d.flag === 'below_threshold' ? 'red' : 'gray';
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {name}
      </Table.Th>
      <Table.Td>{d.answers}</Table.Td>
      <Table.Td>{decimal(d.mean)}</Table.Td>
      <Table.Td>{share(d.yesShare)}</Table.Td>
      <Table.Td>{decimal(d.gradePoints, 1)}</Table.Td>
      <Table.Td>{decimal(d.alpha, 3)}</Table.Td>
      <Table.Td>{d.alphaN}</Table.Td>
      <Table.Td>
        <Badge color={color} variant="light" data-flag={d.flag}>
          {t(`results.flags.${d.flag}`)}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
