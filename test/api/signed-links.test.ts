import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signScorecardLink } from '../../src/services/scorecards/scorecard-link-token.ts';
import { decodeCanonicalBase64url } from '../../src/services/signed-tokens.ts';
import { signRatingLink, verifyRatingLink } from '../../src/services/tickets/rating-links.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer } from '../helpers/portal.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let owner: Client;
beforeAll(async () => {
  t = await createTestApp();
  const dept = await buildDepartment(t.db);
  owner = await signIn(t.app, (await buildStaff(t.db, { departmentId: dept.id })).email);
});
afterAll(() => t.close());

async function rateResolvedTicket(): Promise<{ id: number; token: string }> {
  const customer = await signUpCustomer(t.app);
  const id = (await customer.request('POST', '/api/portal/tickets', { subject: 'No power' })).json().id as number;
  expect((await owner.request('POST', `/api/tickets/${id}/pick-up`, {})).statusCode).toBe(200);
  expect((await owner.request('POST', `/api/tickets/${id}/resolve`, { result: 'Fuse replaced' })).statusCode).toBe(200);
  const link = await owner.request('POST', `/api/tickets/${id}/rating-link`);
  expect(link.statusCode, link.body).toBe(201);
  const token = (link.json() as { url: string }).url.split('/rate/')[1]!;
  const shown = await t.app.inject({ method: 'GET', url: `/api/rating/${token}` });
  expect(shown.statusCode, shown.body).toBe(200);
  const rated = await t.app.inject({ method: 'POST', url: `/api/rating/${token}`, payload: { satisfaction: 4 } });
  expect(rated.statusCode, rated.body).toBe(201);
  return { id, token };
}

describe('signed links at any ticket id', () => {
  it('a rating link works at a small id and at ticket 10^12', async () => {
    const small = await rateResolvedTicket();
    expect(small.id).toBeLessThan(1000);
    await sql`alter table tickets alter column id restart with 1000000000000`.execute(t.db);
    const large = await rateResolvedTicket();
    expect(large.id).toBe(1_000_000_000_000);
    expect(large.token.length).toBeGreaterThan(100);
  });

  it('a scorecard link at id 10^12 reaches its route (404 for an unknown card, never 414)', async () => {
    const token = signScorecardLink({ scorecardId: 1e12, contactId: 1e12, expiresAtMs: t.clock.nowMs + 60_000 }, 'x'.repeat(40));
    const res = await t.app.inject({ method: 'GET', url: `/api/rating/scorecard/${token}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('invalid_link');
  });
});

describe('one spelling per token', () => {
  const secret = 's'.repeat(40);
  const token = signRatingLink({ ticketId: 1e12, expiresAtMs: 2e12, round: 3, nonce: 'abcdefghijklmnop' }, secret);
  const [payload, signature] = token.split('.') as [string, string];
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('accepts the canonical token', () => {
    expect(verifyRatingLink(token, secret)).toEqual({ ticketId: 1e12, expiresAtMs: 2e12, round: 3, nonce: 'abcdefghijklmnop' });
  });

  it('refuses the last character’s siblings, padding, trailing and foreign characters', () => {
    const last = signature.at(-1)!;
    const siblings = [...ALPHABET].filter((c) => c !== last && Buffer.from(signature.slice(0, -1) + c, 'base64url').equals(Buffer.from(signature, 'base64url')));
    expect(siblings.length).toBeGreaterThan(0); // 43 characters carry 2 spare bits
    const respelled = [
      ...siblings.map((c) => `${payload}.${signature.slice(0, -1)}${c}`),
      `${payload}.${signature}=`,
      `${payload}=.${signature}`,
      `${payload}.${signature}!`,
      `${payload}.${signature.slice(0, 10)}*${signature.slice(10)}`,
      `${payload}.${signature.slice(0, 10)}%${signature.slice(10)}`,
      `${payload}. ${signature}`,
      `${payload}.${signature}.`,
    ];
    for (const variant of respelled) expect(verifyRatingLink(variant, secret), variant).toBeNull();
  });

  it('decodes base64url only in its canonical spelling', () => {
    expect(decodeCanonicalBase64url('AQ')?.toString('hex')).toBe('01');
    expect(decodeCanonicalBase64url('AR')).toBeNull();
    expect(decodeCanonicalBase64url('AQ==')).toBeNull();
    expect(decodeCanonicalBase64url('A+Q')).toBeNull();
  });

  it('answers 404 over HTTP for a respelled signature', async () => {
    const { token: real } = await rateResolvedTicket();
    const [p, s] = real.split('.') as [string, string];
    const last = s.at(-1)!;
    const sibling = [...ALPHABET].find((c) => c !== last && Buffer.from(s.slice(0, -1) + c, 'base64url').equals(Buffer.from(s, 'base64url')))!;
    const res = await t.app.inject({ method: 'GET', url: `/api/rating/${p}.${s.slice(0, -1)}${sibling}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('invalid_link');
  });
});
