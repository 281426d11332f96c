import { createSeededRandom } from './create-seeded-random.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';

export interface SpotCheckItem {
  id: string;
  departmentId: string;
}

export interface SpotCheckOptions {
  /** Recorded with the sample so anyone can re-draw it. */
  seed: string;
  /** Share of items to draw, in (0, 1]; give this or `count`. */
  share?: number;
  /** Number of items to draw, ≥ 1 (capped at the population); give this or `share`. */
  count?: number;
  /** Allocate the sample to departments in proportion to their size. */
  stratifyByDepartment: boolean;
}

export interface SpotCheckStratum {
  /** Null for the single stratum of an unstratified draw. */
  departmentId: string | null;
  population: number;
  sampled: number;
}

export interface SpotCheckSample<T extends SpotCheckItem> {
  /** The drawn items, in id order. */
  sample: T[];
  /** Strata in department id order. */
  strata: SpotCheckStratum[];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Largest-remainder (Hamilton) allocation of `total` over strata in proportion to their sizes.
 * Ties in the remainder go to the larger stratum, then the smaller department id.
 */
function allocate(sizes: readonly number[], keys: readonly string[], total: number): number[] {
  const population = sizes.reduce((s, x) => s + x, 0);
  const quotas = sizes.map((size) => (total * size) / population);
  const result = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - result.reduce((s, x) => s + x, 0);
  const order = quotas
    .map((q, i) => ({ i, remainder: q - (result[i] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || (sizes[b.i] ?? 0) - (sizes[a.i] ?? 0) || compareIds(keys[a.i] ?? '', keys[b.i] ?? ''));
  for (const { i } of order) {
    if (left <= 0) break;
    if ((result[i] ?? 0) < (sizes[i] ?? 0)) {
      result[i] = (result[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return result;
}

/** Draws `k` of `items` (already in id order) by a partial Fisher–Yates shuffle. */
function drawFrom<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const picked = pool[j] as T;
    pool[j] = pool[i] as T;
    pool[i] = picked;
  }
  return pool.slice(0, k);
}

/**
 * A reproducible random sample of closed tickets for the administrative office's spot checks.
 * Same seed and same set of items, in any order → same sample: items are sorted by id first and each
 * stratum draws from its own generator seeded with `seed` and the department id, so one department's
 * tickets never change another's draw. With `share`, the target is ⌈share·N⌉ and every non-empty
 * department gets at least one; with `count`, exactly min(count, N) are drawn.
 */
export function drawSpotCheckSample<T extends SpotCheckItem>(items: readonly T[], options: SpotCheckOptions): SpotCheckSample<T> {
  if (!Array.isArray(items as unknown)) throw new DomainValidationError('items', 'The items must be a list');
  if (options === null || typeof options !== 'object') throw new DomainValidationError('options', 'The sampling options must be an object');
  const { seed, share, count, stratifyByDepartment } = options;
  if (typeof seed !== 'string' || seed === '') throw new DomainValidationError('seed', 'The seed must be a non-empty string');
  if ((share === undefined) === (count === undefined)) throw new DomainValidationError('share', 'Give either a share or a count, not both');
  if (share !== undefined && !(typeof share === 'number' && share > 0 && share <= 1)) {
    throw new DomainValidationError('share', 'The share must be above 0 and at most 1');
  }
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw new DomainValidationError('count', 'The count must be a whole number, 1 or more');
  if (typeof stratifyByDepartment !== 'boolean') throw new DomainValidationError('stratifyByDepartment', 'stratifyByDepartment must be true or false');

  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || typeof item.id !== 'string' || item.id === '') {
      throw new DomainValidationError(`items.${i}.id`, 'Every item needs a non-empty id');
    }
    if (typeof item.departmentId !== 'string' || item.departmentId === '') {
      throw new DomainValidationError(`items.${i}.departmentId`, `Item "${item.id}" needs a department id`);
    }
    if (ids.has(item.id)) throw new DomainValidationError(`items.${i}.id`, `The item "${item.id}" is listed twice`);
    ids.add(item.id);
  });

  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id));
  const n = sorted.length;
  if (n === 0) return { sample: [], strata: [] };
  // A positive share never rounds down to nothing; the epsilon keeps 0.1·30 at 3, not 4.
  const target = share !== undefined ? Math.ceil(share * n - 1e-9) : Math.min(count ?? 0, n);

  if (!stratifyByDepartment) {
    const sample = drawFrom(sorted, target, createSeededRandom(seed)).sort((a, b) => compareIds(a.id, b.id));
    return { sample, strata: [{ departmentId: null, population: n, sampled: sample.length }] };
  }

  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const group = groups.get(item.departmentId);
    if (group) group.push(item);
    else groups.set(item.departmentId, [item]);
  }
  const keys = [...groups.keys()].sort(compareIds);
  const sizes = keys.map((k) => groups.get(k)?.length ?? 0);
  const quotas = allocate(sizes, keys, target);
  // Every department is audited when sampling by share, even one too small for its proportional quota.
  const finalQuotas = share !== undefined ? quotas.map((q) => Math.max(1, q)) : quotas;

  const sample: T[] = [];
  const strata: SpotCheckStratum[] = keys.map((departmentId, i) => {
    const members = groups.get(departmentId) ?? [];
    const quota = finalQuotas[i] ?? 0;
    // U+241F (symbol for unit separator) keeps "a"+"bc" and "ab"+"c" apart.
    sample.push(...drawFrom(members, quota, createSeededRandom(`${seed}\u241f${departmentId}`)));
    return { departmentId, population: members.length, sampled: quota };
  });
  sample.sort((a, b) => compareIds(a.id, b.id));
  return { sample, strata };
}
