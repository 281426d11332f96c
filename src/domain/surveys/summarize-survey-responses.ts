import { computeCronbachAlpha, RELIABLE_ALPHA } from './compute-cronbach-alpha.ts';
import { computeCsat, type CsatResult } from './compute-csat.ts';
import type { SurveyAnswerKind } from './parse-survey-answer.ts';

/** One answered survey as statistics see it. */
export interface SurveyResponseData {
  /** The overall 1–5 satisfaction. */
  satisfaction: number;
  answers: readonly { key: string; dimension: string | null; kind: SurveyAnswerKind; score: number | null }[];
}

export const RELIABILITY_FLAGS = ['reliable', 'below_threshold', 'insufficient_data'] as const;
export type ReliabilityFlag = (typeof RELIABILITY_FLAGS)[number];

export interface DimensionSummary {
  dimension: string;
  /** Scored answers in this dimension (any kind). */
  answers: number;
  /** Mean of its 1–5 scale answers; null when there are none. */
  mean: number | null;
  /** Share of "yes" among its yes/no answers; null when there are none. */
  yesShare: number | null;
  /** Mean points of its grade answers; null when there are none. */
  gradePoints: number | null;
  /** Cronbach's α over its 1–5 scale questions; null when it cannot be computed. */
  alpha: number | null;
  /** Respondents α was computed from (those who answered every item used). */
  alphaN: number;
  /** Items (questions) α was computed from. */
  alphaK: number;
  /** reliable: α ≥ 0.70; below_threshold: α < 0.70; insufficient_data: fewer than 2 respondents or 2 items, or no spread. */
  flag: ReliabilityFlag;
}

export interface SurveySummary extends CsatResult {
  dimensions: DimensionSummary[];
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, x) => s + x, 0) / values.length);

/**
 * The items α is computed on: respondents' scale answers keyed by question. Templates change over
 * versions, so respondents may have answered different questions; α needs a complete table, so the
 * item set chosen is the one the most respondents answered completely (then the larger set, then by name).
 */
function chooseAlphaTable(rows: readonly Map<string, number>[]): { keys: string[]; matrix: number[][] } {
  const candidates = new Map<string, string[]>();
  for (const row of rows) {
    if (row.size < 2) continue;
    const keys = [...row.keys()].sort();
    candidates.set(keys.join('\u0000'), keys);
  }
  let best: { keys: string[]; covered: Map<string, number>[] } | null = null;
  for (const keys of [...candidates.keys()].sort().map((id) => candidates.get(id)!)) {
    const covered = rows.filter((row) => keys.every((k) => row.has(k)));
    if (!best || covered.length > best.covered.length || (covered.length === best.covered.length && keys.length > best.keys.length)) {
      best = { keys, covered };
    }
  }
  if (!best) return { keys: [], matrix: [] };
  return { keys: best.keys, matrix: best.covered.map((row) => best.keys.map((k) => row.get(k)!)) };
}

function summarizeDimension(dimension: string, responses: readonly SurveyResponseData[]): DimensionSummary {
  const scale: number[] = [];
  const yesNo: number[] = [];
  const grades: number[] = [];
  const alphaRows: Map<string, number>[] = [];
  for (const response of responses) {
    const row = new Map<string, number>();
    for (const a of response.answers) {
      if (a.dimension !== dimension || a.score === null) continue;
      if (a.kind === 'scale') {
        scale.push(a.score);
        row.set(a.key, a.score);
      } else if (a.kind === 'yes_no') yesNo.push(a.score);
      else if (a.kind === 'grade') grades.push(a.score);
    }
    if (row.size > 0) alphaRows.push(row);
  }
  const { keys, matrix } = chooseAlphaTable(alphaRows);
  let alpha: number | null = null;
  if (matrix.length >= 2 && keys.length >= 2) alpha = computeCronbachAlpha(matrix).alpha;
  // The same epsilon as computeCronbachAlpha, so an α of exactly 0.70 counts as reliable.
  const flag: ReliabilityFlag = alpha === null ? 'insufficient_data' : alpha >= RELIABLE_ALPHA - 1e-12 ? 'reliable' : 'below_threshold';
  return {
    dimension,
    answers: scale.length + yesNo.length + grades.length,
    mean: mean(scale),
    yesShare: mean(yesNo),
    gradePoints: mean(grades),
    alpha,
    alphaN: keys.length >= 2 ? matrix.length : 0,
    alphaK: matrix.length > 0 ? keys.length : 0,
    flag,
  };
}

/**
 * CSAT, mean and distribution of the overall satisfaction, and per dimension the means, Cronbach's
 * α with its n, and a flag when α is below 0.70. Dimensions come in `dimensionOrder` first, then any
 * other answered dimension by key.
 */
export function summarizeSurveyResponses(responses: readonly SurveyResponseData[], dimensionOrder: readonly string[] = []): SurveySummary {
  const csat = computeCsat(responses.map((r) => r.satisfaction));
  const answered = new Set<string>();
  for (const r of responses) for (const a of r.answers) if (a.dimension !== null && a.score !== null) answered.add(a.dimension);
  const order = [...dimensionOrder.filter((d) => answered.has(d)), ...[...answered].filter((d) => !dimensionOrder.includes(d)).sort()];
  return { ...csat, dimensions: order.map((d) => summarizeDimension(d, responses)) };
}
