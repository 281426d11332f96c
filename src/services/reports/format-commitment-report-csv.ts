import type { ComplianceSummary } from '../../domain/commitments/summarize-compliance.ts';
import type { ReportCsvLanguage, ReportCsvTable, ReportGroupBy } from '../../domain/commitments/compliance-report-options.ts';
import type { AttributionRow, CommitmentReport } from '../../contracts/reports.ts';

export type CsvLanguage = ReportCsvLanguage;
export type CsvTable = ReportCsvTable;

const CSV_HEADERS: Record<
  CsvLanguage,
  { summary: string[]; attributions: string[]; period: string; total: string; none: string; groups: Record<ReportGroupBy, string>; kinds: Record<AttributionRow['kind'], string> }
> = {
  en: {
    period: 'Period',
    summary: ['ID', 'Level', 'Target (min)', 'Clocks', 'Met', 'Breaches', 'Met %', 'Median elapsed (min)', 'P90 elapsed (min)', 'Median share of target', 'P90 share of target', 'Late minutes'],
    attributions: ['Ticket', 'Commitment', 'Stage', 'Cause', 'Budget (min)', 'Used (min)', 'Overrun (min)', 'Department', 'Person', 'Breached at'],
    total: 'All',
    none: '(nobody)',
    groups: { commitment: 'Commitment', department: 'Department', person: 'Person' },
    kinds: { stage_overrun: 'Stage over budget', parent_slack: 'No stage over budget' },
  },
  'zh-CN': {
    period: '期间',
    summary: ['编号', '级别', '目标（分钟）', '计时数', '达成', '违约', '达成率 %', '用时中位数（分钟）', '用时 P90（分钟）', '中位数占目标比', 'P90 占目标比', '超时分钟'],
    attributions: ['工单', '服务承诺', '环节', '原因', '预算（分钟）', '实用（分钟）', '超出（分钟）', '部门', '责任人', '违约时间'],
    total: '合计',
    none: '（无人负责）',
    groups: { commitment: '服务承诺', department: '部门', person: '责任人' },
    kinds: { stage_overrun: '环节超时', parent_slack: '各环节均未超时' },
  },
};

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' so it stays text.
 */
export function formatCsvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV for Excel: UTF-8 with a byte-order mark (so Chinese opens correctly), CRLF line ends. */
export function formatCommitmentReportCsv(report: CommitmentReport, table: CsvTable, lang: CsvLanguage): string {
  const h = CSV_HEADERS[lang];
  const lines: (string | number | null)[][] = [];
  if (table === 'summary') {
    // Per period: a leading Period column, and each period's total after its rows.
    const lead = (p: string | undefined) => (report.period === null ? [] : [p ?? null]);
    lines.push([...(report.period === null ? [] : [h.period]), h.groups[report.groupBy], ...h.summary]);
    const figures = (s: ComplianceSummary) => [s.count, s.met, s.breaches, s.metPercent, s.medianElapsedMinutes, s.p90ElapsedMinutes, s.medianShareOfTarget, s.p90ShareOfTarget, s.lateMinutesTotal];
    const totalOf = new Map((report.periodTotals ?? []).map((p) => [p.period, p]));
    report.rows.forEach((row, i) => {
      lines.push([...lead(row.period), row.name ?? h.none, row.key, row.level ?? null, row.targetMinutes ?? null, ...figures(row)]);
      const total = row.period === undefined ? undefined : totalOf.get(row.period);
      if (total && report.rows[i + 1]?.period !== row.period) lines.push([...lead(row.period), h.total, null, null, null, ...figures(total)]);
    });
    lines.push(report.period === null ? [h.total, null, null, null, ...figures(report.totals)] : [h.total, null, null, null, null, ...figures(report.totals)]);
  } else {
    lines.push(h.attributions);
    for (const a of report.attributions) {
      lines.push([a.ticketNumber, a.commitmentName, a.stageName, h.kinds[a.kind], a.budgetMinutes, a.usedMinutes, a.overrunMinutes, a.departmentName, a.staffName, a.breachedAt]);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map(formatCsvField).join(',')).join('\r\n')}\r\n`;
}
