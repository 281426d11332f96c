import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Saaty's random consistency index for n = 1..15 (Saaty 1980/2008): the mean CI of random reciprocal matrices. */
export const SAATY_RANDOM_INDEX: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** Judgements with CR at or above this are refused (Saaty's 10 % rule). */
export const MAX_CONSISTENCY_RATIO = 0.1;

/**
 * a[j][i]·a[i][j] may differ from 1 by this much, so a client may send 0.333 for 1/3 or 0.11 for 1/9;
 * the scale bounds 1/9..9 get the same relative slack.
 */
export const AHP_RECIPROCITY_TOLERANCE = 0.01;

const MAX_ITERATIONS = 10_000;
const CONVERGENCE = 1e-13;

export interface AhpInconsistentPair {
  i: number;
  j: number;
  labelI: string;
  labelJ: string;
  /** The judgement a[i][j]. */
  judged: number;
  /** What the derived weights imply for it: w[i]/w[j]. */
  implied: number;
  /** |ln(a[i][j] · w[j] / w[i])|: 0 when the judgement agrees with the weights. */
  deviation: number;
}

export interface AhpResult {
  n: number;
  labels: string[];
  /** Principal right eigenvector, normalised to sum 1, in matrix order. */
  weights: number[];
  lambdaMax: number;
  /** Consistency index (λmax − n)/(n − 1); 0 for n = 1. */
  ci: number;
  /** Saaty's random index for n. */
  ri: number;
  /** Consistency ratio CI/RI; 0 for n ≤ 2, which are always consistent. */
  cr: number;
  /** cr < 0.10. */
  consistent: boolean;
  /** The judgement furthest from what the weights imply; null for n ≤ 2. */
  mostInconsistentPair: AhpInconsistentPair | null;
  iterations: number;
}

function validateLabels(labels: readonly string[] | undefined, n: number): string[] {
  if (labels === undefined) return Array.from({ length: n }, (_, i) => `criterion ${i + 1}`);
  if (!Array.isArray(labels) || labels.length !== n) {
    throw new DomainValidationError('labels', `Give exactly one label per row of the matrix (${n})`);
  }
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    if (typeof label !== 'string' || label.trim() === '') throw new DomainValidationError(`labels.${i}`, `Label ${i + 1} must be a non-empty string`);
    if (seen.has(label)) throw new DomainValidationError(`labels.${i}`, `The label "${label}" is used twice`);
    seen.add(label);
  });
  return [...labels];
}

function validateMatrix(matrix: readonly (readonly number[])[]): number[][] {
  if (!Array.isArray(matrix) || matrix.length === 0) throw new DomainValidationError('matrix', 'The pairwise comparison matrix must have at least one row');
  const n = matrix.length;
  if (n > SAATY_RANDOM_INDEX.length) {
    throw new DomainValidationError('matrix', `At most ${SAATY_RANDOM_INDEX.length} elements can be compared at once (Saaty's random index stops there); split them into groups`);
  }
  const lowest = (1 / 9) * (1 - AHP_RECIPROCITY_TOLERANCE);
  const highest = 9 * (1 + AHP_RECIPROCITY_TOLERANCE);
  const a = matrix.map((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw new DomainValidationError(`matrix.${i}`, `Row ${i + 1} must have ${n} entries: the matrix must be square`);
    return row.map((value, j) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new DomainValidationError(`matrix.${i}.${j}`, `Entry (${i + 1}, ${j + 1}) is not a number`);
      if (value < lowest || value > highest) {
        throw new DomainValidationError(`matrix.${i}.${j}`, `Entry (${i + 1}, ${j + 1}) is ${value}; Saaty's scale runs from 1/9 to 9`);
      }
      return value;
    });
  });
  for (let i = 0; i < n; i++) {
    if (Math.abs((a[i]?.[i] ?? NaN) - 1) > 1e-9) throw new DomainValidationError(`matrix.${i}.${i}`, `Entry (${i + 1}, ${i + 1}) compares an element with itself and must be 1`);
    for (let j = i + 1; j < n; j++) {
      const product = (a[i]?.[j] ?? NaN) * (a[j]?.[i] ?? NaN);
      if (!(Math.abs(product - 1) <= AHP_RECIPROCITY_TOLERANCE + 1e-9)) {
        throw new DomainValidationError(`matrix.${j}.${i}`, `Entry (${j + 1}, ${i + 1}) must be the reciprocal of entry (${i + 1}, ${j + 1}) = ${a[i]?.[j]}`);
      }
    }
  }
  return a;
}

function multiply(a: readonly (readonly number[])[], w: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * (w[j] ?? 0), 0));
}

/**
 * Weights from a reciprocal pairwise comparison matrix on Saaty's 1–9 scale (a[i][j] = how much more
 * important i is than j), by power iteration to the principal eigenvector, with λmax, CI and CR.
 * Entries may be fractional (Saaty's 1.1–1.9 refinements, 2.5 …) as long as they lie in 1/9..9.
 */
export function computeAhpWeights(matrix: readonly (readonly number[])[], labels?: readonly string[]): AhpResult {
  const a = validateMatrix(matrix);
  const n = a.length;
  const names = validateLabels(labels, n);

  // A positive matrix has a simple dominant eigenvalue (Perron), so power iteration converges from any positive start.
  let w = new Array<number>(n).fill(1 / n);
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations += 1;
    const next = multiply(a, w);
    const sum = next.reduce((s, x) => s + x, 0);
    const normalised = next.map((x) => x / sum);
    const change = Math.max(...normalised.map((x, i) => Math.abs(x - (w[i] ?? 0))));
    w = normalised;
    if (change < CONVERGENCE) break;
  }

  const aw = multiply(a, w);
  const lambdaMax = aw.reduce((s, x, i) => s + x / (w[i] ?? 1), 0) / n;
  // λmax ≥ n holds in exact arithmetic for reciprocal matrices; clamp away rounding noise.
  const ci = n <= 1 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const ri = SAATY_RANDOM_INDEX[n - 1] ?? 0;
  const cr = n <= 2 || ri === 0 ? 0 : ci / ri;

  let mostInconsistentPair: AhpInconsistentPair | null = null;
  if (n >= 3) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const judged = a[i]?.[j] ?? 1;
        const implied = (w[i] ?? 1) / (w[j] ?? 1);
        const deviation = Math.abs(Math.log(judged / implied));
        // Strictly greater: ties go to the first pair in row order, so the answer is deterministic.
        if (!mostInconsistentPair || deviation > mostInconsistentPair.deviation + 1e-12) {
          mostInconsistentPair = { i, j, labelI: names[i] ?? '', labelJ: names[j] ?? '', judged, implied, deviation };
        }
      }
    }
  }
  return { n, labels: names, weights: w, lambdaMax, ci, ri, cr, consistent: cr < MAX_CONSISTENCY_RATIO, mostInconsistentPair, iterations };
}

function formatRatio(ratio: number): string {
  return ratio >= 1 ? `${Number(ratio.toFixed(1))}` : `1/${Number((1 / ratio).toFixed(1))}`;
}

/**
 * Refuses judgements whose CR is 0.10 or more, naming the pair to revisit (the judgement furthest,
 * in log ratio, from what the weights imply) so the person can fix that comparison first.
 */
export function assertAhpConsistent(result: AhpResult): void {
  if (result.cr < MAX_CONSISTENCY_RATIO) return;
  const pair = result.mostInconsistentPair;
  const where = pair
    ? ` Revisit "${pair.labelI}" versus "${pair.labelJ}": it was judged ${formatRatio(pair.judged)}, but the other judgements imply about ${formatRatio(pair.implied)}.`
    : '';
  throw new DomainValidationError(
    pair ? `matrix.${pair.i}.${pair.j}` : 'matrix',
    `The pairwise comparisons are not consistent enough: consistency ratio ${result.cr.toFixed(3)}, which must be below ${MAX_CONSISTENCY_RATIO.toFixed(2)}.${where}`,
  );
}
