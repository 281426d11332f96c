import { describe, expect, it } from 'vitest';
import { matchCommitments, matchesTicket, type TicketMatchFacts } from './match-commitments.ts';

const gasLeak: TicketMatchFacts = { categoryAncestorIds: [12, 4, 1], priority: 'urgent', channel: 'phone', customerKind: 'person', customerSegment: 'key_account' };

describe('matchesTicket', () => {
  it('matches everything when nothing is asked', () => {
    expect(matchesTicket({}, gasLeak)).toBe(true);
    expect(matchesTicket({ categoryIds: [], priorities: [] }, gasLeak)).toBe(true);
  });

  it('matches a category subtree through any ancestor', () => {
    expect(matchesTicket({ categoryIds: [4] }, gasLeak)).toBe(true);
    expect(matchesTicket({ categoryIds: [12] }, gasLeak)).toBe(true);
    expect(matchesTicket({ categoryIds: [7, 1] }, gasLeak)).toBe(true);
    expect(matchesTicket({ categoryIds: [7] }, gasLeak)).toBe(false);
    expect(matchesTicket({ categoryIds: [4] }, { ...gasLeak, categoryAncestorIds: [] })).toBe(false);
  });

  it('needs every given list to hold the ticket’s value', () => {
    expect(matchesTicket({ priorities: ['urgent', 'high'], channels: ['phone'] }, gasLeak)).toBe(true);
    expect(matchesTicket({ priorities: ['urgent'], channels: ['web'] }, gasLeak)).toBe(false);
    expect(matchesTicket({ customerKinds: ['organisation'] }, gasLeak)).toBe(false);
    expect(matchesTicket({ customerKinds: ['person'] }, { ...gasLeak, customerKind: null })).toBe(false);
  });

  it('matches customer segments, and a customer without one matches no segment list', () => {
    expect(matchesTicket({ customerSegments: ['vip', 'key_account'] }, gasLeak)).toBe(true);
    expect(matchesTicket({ customerSegments: ['vip'] }, gasLeak)).toBe(false);
    expect(matchesTicket({ customerSegments: ['key_account'] }, { ...gasLeak, customerSegment: null })).toBe(false);
    expect(matchesTicket({ customerSegments: [] }, { ...gasLeak, customerSegment: null })).toBe(true);
  });

  it('filters a list in order', () => {
    const items = [{ id: 1, appliesTo: { priorities: ['low'] } }, { id: 2, appliesTo: {} }, { id: 3, appliesTo: { channels: ['phone'] } }];
    expect(matchCommitments(items, gasLeak).map((i) => i.id)).toEqual([2, 3]);
  });
});
