import { Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv, downloadUrl, toCsv, type CsvCell } from '../lib/csv.ts';

// Only what the dashboards draw, so the bundle carries no unused chart types.
echarts.use([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The chart's numbers as a table: read by screen readers instead of the canvas, and exported as CSV. */
export interface ChartTable {
  columns: string[];
  rows: CsvCell[][];
}

/**
 * One ECharts chart: created on its div, updated with setOption, resized with its box, disposed on
 * unmount. The canvas is an image with a name; the same numbers are a visually hidden table, and the
 * buttons save the picture as PNG and the numbers as CSV.
 */
export function Chart(props: { title: string; option: ChartOption; table: ChartTable; fileName: string; height?: number; testId?: string }) {
  const { t } = useTranslation('dashboard');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const titleId = useId();

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a filter that removes a series must not leave the old one drawn.
    chart.current?.setOption({ animation: false, ...props.option }, { notMerge: true });
  }, [props.option]);

  const savePng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) downloadUrl(url, `${props.fileName}.png`);
  };
  const empty = props.table.rows.length === 0;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId} data-testid={props.testId}>
      <Group justify="space-between" align="center" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id={titleId}>
          {props.title}
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={savePng} disabled={empty} aria-label={t('chart.savePngOf', { title: props.title })}>
            {t('chart.savePng')}
          </Button>
          <Button size="xs" variant="default" onClick={() => downloadCsv(`${props.fileName}.csv`, toCsv(props.table.columns, props.table.rows))} disabled={empty} aria-label={t('chart.saveCsvOf', { title: props.title })}>
            {t('chart.saveCsv')}
          </Button>
        </Group>
      </Group>
      {empty && <Text c="dimmed" size="sm">{t('chart.empty')}</Text>}
      <div ref={box} role="img" aria-label={t('chart.imageLabel', { title: props.title })} style={{ height: props.height ?? 280, width: '100%', display: empty ? 'none' : undefined }} data-chart="" />
      <VisuallyHidden>
        <Table>
          <caption>{props.title}</caption>
          <Table.Thead>
            <Table.Tr>
              {props.table.columns.map((c) => (
                <Table.Th key={c} scope="col">{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.table.rows.map((r, i) => (
              <Table.Tr key={i}>
                {r.map((v, j) => (
                  <Table.Td key={j}>{v === null ? '—' : String(v)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Paper>
  );
}
