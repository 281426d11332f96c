import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSearchBigrams } from '../../src/domain/tickets/search-tokens.ts';
import type { RequestContext } from '../../src/services/context.ts';
import { listTickets } from '../../src/services/tickets/list-tickets.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let agent: Client & { email: string };

beforeAll(async () => {
  t = await createTestApp();
  agent = await signInNew(t, { roles: ['agent'] });
});
afterAll(() => t.close());

async function register(subject: string, description = '') {
  const res = await agent.request('POST', '/api/tickets', { channel: 'phone', subject, description });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: number }>().id;
}

async function search(q: string): Promise<number[]> {
  const res = await agent.request('GET', `/api/tickets?view=owned&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: number }[] }>().items.map((i) => i.id);
}

describe('ticket search', () => {
  it('the SQL bigram function and the TypeScript one agree', async () => {
    const samples = [
      '燃气表漏气', '2026-000123 燃气 漏气，请上门 gas leak 3栋', '锦绣花园12栋1201室', '气', '', 'gas leak near the meter',
      'ガス漏れ', '가스 누출', '气气气', '客户反映燃气表附近有气味，已提醒开窗通风、勿用明火。', '𠀀𠀁 rare ideographs beyond the BMP',
    ];
    for (const text of samples) {
      const { rows } = await sql<{ b: string[] }>`select ticket_search_bigrams(${text}) as b`.execute(t.db);
      expect([...rows[0]!.b].sort(), text).toEqual(listSearchBigrams(text).sort());
    }
  });

  it('finds two-character and longer Chinese terms, English words and single characters, exactly', async () => {
    const leak = await register('燃气表漏气', '客户报告厨房有气味');
    const lift = await register('电梯故障', 'The elevator is stuck between floors');
    expect(await search('漏气')).toEqual([leak]);
    expect(await search('燃气表漏')).toEqual([leak]);
    expect(await search('电梯')).toEqual([lift]);
    expect(await search('ELEVATOR')).toEqual([lift]);
    expect(await search('气')).toEqual([leak]);
    expect(await search('燃气 漏气')).toEqual([]);
    // Both pairs are in the ticket (气表, 漏气), but not as this substring.
    expect(await search('漏气表')).toEqual([]);
    expect(await search('鳄鱼')).toEqual([]);
  });

  it('treats LIKE wildcards in q as plain characters', async () => {
    const pct = await register('折扣 100% 未生效');
    expect(await search('100%')).toEqual([pct]);
    expect(await search('%')).toEqual([pct]);
    expect(await search('_')).toEqual([]);
  });
});

describe('ticket search past the newest tickets', () => {
  it('gives the same pages whether the matches are found by walking the newest tickets or through the indexes', async () => {
    const me = await t.db.selectFrom('staff').select(['id', 'department_id']).where('email', '=', agent.email).executeTakeFirstOrThrow();
    const ctx: RequestContext = { actor: { kind: 'staff', id: me.id, roles: ['agent'], departmentId: me.department_id }, requestId: null, clientIp: null };
    const subjects = ['燃气漏气 A', '电梯故障', 'gas leak', '燃气表漏气 B', 'no match here', '漏气 leak C', '停水', '燃气漏气 D', 'Leak in basement'];
    for (const s of subjects) await register(s);
    const pages = async (q: string, sort: 'newest' | 'oldest', walkSteps?: number[]) => {
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTickets(t.db, ctx, { view: 'owned', q, sort, limit: 2, cursor }, { searchWalkSteps: walkSteps });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    for (const q of ['漏气', '燃气漏气', 'leak', '鳄鱼', 'zebra']) {
      for (const sort of ['newest', 'oldest'] as const) {
        const walked = await pages(q, sort);
        // Walks of two and three rows leave most matches to the index-driven last part.
        expect(await pages(q, sort, [2]), `${q} ${sort}`).toEqual(walked);
        expect(await pages(q, sort, [2, 3]), `${q} ${sort}`).toEqual(walked);
      }
    }
    // With the first test's 燃气表漏气: five tickets hold 漏气, three hold leak (any case).
    expect((await pages('漏气', 'newest', [2])).length).toBe(5);
    expect((await pages('leak', 'oldest', [2, 3])).length).toBe(3);
  });
});
