export interface SatisfactionPoint {
  /** When the customer answered, ms since the epoch. */
  atMs: number;
  /** 1–5. */
  satisfaction: number;
}

export interface MonthlySatisfaction {
  /** YYYY-MM in `timeZone`. */
  month: string;
  answered: number;
  average: number;
  /** Share of answers of 4 or 5 (CSAT), 0–1. */
  satisfiedShare: number;
}

/** The satisfaction trend of one customer: answers grouped by calendar month in `timeZone`, oldest first. */
export function summarizeSatisfactionByMonth(points: readonly SatisfactionPoint[], timeZone: string): MonthlySatisfaction[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const byMonth = new Map<string, { n: number; sum: number; satisfied: number }>();
  for (const p of points) {
    const parts = format.formatToParts(new Date(p.atMs));
    const month = `${parts.find((x) => x.type === 'year')!.value}-${parts.find((x) => x.type === 'month')!.value}`;
    const m = byMonth.get(month) ?? { n: 0, sum: 0, satisfied: 0 };
    m.n += 1;
    m.sum += p.satisfaction;
    if (p.satisfaction >= 4) m.satisfied += 1;
    byMonth.set(month, m);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, answered: m.n, average: Math.round((m.sum / m.n) * 100) / 100, satisfiedShare: Math.round((m.satisfied / m.n) * 1000) / 1000 }));
}
