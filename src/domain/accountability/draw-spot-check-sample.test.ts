import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, hashSeed } from './create-seeded-random.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { drawSpotCheckSample, type SpotCheckItem } from './draw-spot-check-sample.ts';

function population(sizes: Record<string, number>): SpotCheckItem[] {
  return Object.entries(sizes).flatMap(([departmentId, size]) =>
    Array.from({ length: size }, (_, i) => ({ id: `${departmentId}-${String(i).padStart(3, '0')}`, departmentId })),
  );
}

describe('createSeededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = createSeededRandom('2026-W10');
    const b = createSeededRandom('2026-W10');
    const c = createSeededRandom('2026-W11');
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Roughly uniform: the mean of 1000 draws is within 0.05 of 0.5.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
  });

  it('hashes to four 32-bit words', () => {
    const words = hashSeed('');
    expect(words).toHaveLength(4);
    for (const w of words) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    expect(hashSeed('ab')).not.toEqual(hashSeed('ba'));
  });
});

describe('drawSpotCheckSample', () => {
  const items = population({ sales: 50, service: 30, it: 15, legal: 5 });

  it('is pinned: the same seed draws the same tickets release after release', () => {
    const { sample } = drawSpotCheckSample(population({ d1: 10 }), { seed: 'audit-2026-03', count: 3, stratifyByDepartment: false });
    // Golden output: if this changes, previously recorded samples can no longer be re-drawn.
    expect(sample.map((s) => s.id)).toEqual(["d1-007", "d1-008", "d1-009"]);
  });

  it('gives the same sample for the same seed and items in any order', () => {
    const expected = drawSpotCheckSample(items, { seed: 's1', share: 0.1, stratifyByDepartment: true });
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), (shuffled) => {
        expect(drawSpotCheckSample(shuffled, { seed: 's1', share: 0.1, stratifyByDepartment: true })).toEqual(expected);
      }),
      { numRuns: 50 },
    );
    expect(drawSpotCheckSample(items, { seed: 's2', share: 0.1, stratifyByDepartment: true }).sample).not.toEqual(expected.sample);
  });

  it('allocates in proportion with largest remainders, at least one per department', () => {
    // 10 % of 100 = 10: quotas 5, 3, 1.5, 0.5 → floors 5, 3, 1, 0 (9); the one left goes to the larger
    // of the tied remainders (it, 15) → 5, 3, 2, 0; legal then gets its guaranteed 1 → 11 in all.
    const { sample, strata } = drawSpotCheckSample(items, { seed: 'x', share: 0.1, stratifyByDepartment: true });
    expect(strata).toEqual([
      { departmentId: 'it', population: 15, sampled: 2 },
      { departmentId: 'legal', population: 5, sampled: 1 },
      { departmentId: 'sales', population: 50, sampled: 5 },
      { departmentId: 'service', population: 30, sampled: 3 },
    ]);
    expect(sample).toHaveLength(11);
    for (const s of strata) expect(sample.filter((i) => i.departmentId === s.departmentId)).toHaveLength(s.sampled);
    expect(new Set(sample.map((i) => i.id)).size).toBe(sample.length);
    expect(sample.map((i) => i.id)).toEqual([...sample.map((i) => i.id)].sort());
  });

  it('rounds a share up so it never draws nothing', () => {
    expect(drawSpotCheckSample(population({ a: 30 }), { seed: 'x', share: 0.1, stratifyByDepartment: false }).sample).toHaveLength(3);
    expect(drawSpotCheckSample(population({ a: 31 }), { seed: 'x', share: 0.1, stratifyByDepartment: false }).sample).toHaveLength(4);
    expect(drawSpotCheckSample(population({ a: 3 }), { seed: 'x', share: 0.01, stratifyByDepartment: false }).sample).toHaveLength(1);
    expect(drawSpotCheckSample(population({ a: 3 }), { seed: 'x', share: 1, stratifyByDepartment: true }).sample).toHaveLength(3);
  });

  it('draws exactly `count`, capped at the population, without the per-department minimum', () => {
    const result = drawSpotCheckSample(items, { seed: 'x', count: 4, stratifyByDepartment: true });
    expect(result.sample).toHaveLength(4);
    // quotas 2, 1.2, 0.6, 0.2 → 2, 1, 0, 0 + one for the largest remainder (it, 0.6)
    expect(result.strata.map((s) => s.sampled)).toEqual([1, 0, 2, 1]);
    expect(drawSpotCheckSample(items, { seed: 'x', count: 500, stratifyByDepartment: false }).sample).toHaveLength(100);
  });

  it("keeps one department's draw independent of the others' tickets", () => {
    const drawnIn = (list: SpotCheckItem[], departmentId: string) =>
      drawSpotCheckSample(list, { seed: 'x', share: 0.1, stratifyByDepartment: true }).sample.filter((i) => i.departmentId === departmentId);
    // One more sales ticket leaves IT's quota at 2, so IT's draw must not move.
    const withMoreSales = [...items, { id: 'sales-999', departmentId: 'sales' }];
    expect(drawnIn(withMoreSales, 'it')).toEqual(drawnIn(items, 'it'));
    expect(drawnIn(items, 'it')).toHaveLength(2);
  });

  it('returns an empty sample for no items', () => {
    expect(drawSpotCheckSample([], { seed: 'x', share: 0.5, stratifyByDepartment: true })).toEqual({ sample: [], strata: [] });
  });

  it('validates options and items, naming the field', () => {
    const cases: [unknown, unknown, string][] = [
      [items, { seed: 'x', share: 0, stratifyByDepartment: true }, 'share'],
      [items, { seed: 'x', share: 1.01, stratifyByDepartment: true }, 'share'],
      [items, { seed: 'x', stratifyByDepartment: true }, 'share'],
      [items, { seed: 'x', share: 0.1, count: 3, stratifyByDepartment: true }, 'share'],
      [items, { seed: 'x', count: 0, stratifyByDepartment: true }, 'count'],
      [items, { seed: 'x', count: 2.5, stratifyByDepartment: true }, 'count'],
      [items, { seed: '', count: 1, stratifyByDepartment: true }, 'seed'],
      [[{ id: 'a', departmentId: 'd' }, { id: 'a', departmentId: 'd' }], { seed: 'x', count: 1, stratifyByDepartment: true }, 'items.1.id'],
      [[{ id: 'a' }], { seed: 'x', count: 1, stratifyByDepartment: true }, 'items.0.departmentId'],
    ];
    for (const [input, options, field] of cases) {
      try {
        drawSpotCheckSample(input as SpotCheckItem[], options as { seed: string; stratifyByDepartment: boolean });
        throw new Error('expected an error');
      } catch (err) {
        expect(err).toBeInstanceOf(DomainValidationError);
        expect((err as DomainValidationError).field).toBe(field);
      }
    }
  });
});
