import { Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useScorecardTrend } from '../../api/scorecards.ts';
import { Chart, type ChartOption, type ChartTable } from '../../components/chart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** The dashboard's scorecard panel: the weekly index per account I may see, and my account team's together. */
export function ScorecardTrendPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('scorecards');
  const trend = useScorecardTrend({ from, to });
  const data = trend.data;
  const { option, table } = useMemo(() => {
    const series = data ? [...data.accounts.map((a) => ({ name: a.accountName, points: a.points })), ...(data.team.points.length ? [{ name: t('trend.team'), points: data.team.points }] : [])] : [];
    const weeks = [...new Set(series.flatMap((s) => s.points.map((p) => p.weekKey)))].sort();
    const chart: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', name: t('trend.index'), min: -100, max: 100 },
      series: series.map((s) => ({ type: 'line', name: s.name, connectNulls: true, data: weeks.map((w) => { const p = s.points.find((x) => x.weekKey === w); return p ? Math.round(p.index * 10) / 10 : null; }) })),
    };
    const rows: ChartTable = {
      columns: [t('trend.account'), t('trend.week'), t('trend.index'), t('trend.n')],
      rows: series.flatMap((s) => s.points.map((p) => [s.name, p.weekKey, Math.round(p.index * 10) / 10, p.n])),
    };
    return { option: chart, table: rows };
  }, [data, t]);
  return (
    <Stack gap="xs">
      <ErrorAlert error={trend.error} />
      <Chart title={t('trend.title')} option={option} table={table} fileName={`scorecards-${from}`} testId="chart-scorecards" />
    </Stack>
  );
}
