import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let agent: Client;

beforeAll(async () => {
  t = await createTestApp();
  agent = await signInNew(t, { roles: ['agent'] });
});
afterAll(() => t.close());

describe('ticket numbers', () => {
  it('keep every digit past the millionth ticket, so numbers never collide', async () => {
    // A utility can register a million requests; PostgreSQL's lpad cuts 1000001 to 100000.
    await sql`select setval('ticket_number_seq', 999998)`.execute(t.db);
    const numbers: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await agent.request('POST', '/api/tickets', { channel: 'phone', subject: `第 ${i} 件` });
      expect(res.statusCode, res.body).toBe(201);
      numbers.push(res.json<{ number: string }>().number);
    }
    const year = numbers[0]!.slice(0, 4);
    expect(numbers.slice(0, 3)).toEqual([`${year}-999999`, `${year}-1000000`, `${year}-1000001`]);
    expect(new Set(numbers).size).toBe(12);
  });

  it('take the year in the company time zone: 00:30 on 1 January in Shanghai is the new year', async () => {
    const saved = t.clock.nowMs;
    try {
      t.clock.nowMs = Date.parse('2026-12-31T15:30:00Z'); // 23:30 on 31 December 2026 in Shanghai (the default zone)
      const nightAgent = await signInNew(t, { roles: ['agent'] });
      const oldYear = await nightAgent.request('POST', '/api/tickets', { channel: 'phone', subject: '除夕夜来电' });
      expect(oldYear.statusCode, oldYear.body).toBe(201);
      expect(oldYear.json<{ number: string }>().number).toMatch(/^2026-/);

      t.clock.advance(60 * 60_000); // 2026-12-31T16:30Z: 00:30 on 1 January 2027 in Shanghai, still 2026 in UTC
      const newYear = await nightAgent.request('POST', '/api/tickets', { channel: 'phone', subject: '元旦凌晨来电' });
      expect(newYear.statusCode, newYear.body).toBe(201);
      expect(newYear.json<{ number: string }>().number).toMatch(/^2027-/);
    } finally {
      t.clock.nowMs = saved;
    }
  });
});
