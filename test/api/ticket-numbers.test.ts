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
});
