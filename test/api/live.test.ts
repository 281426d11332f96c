import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createKysely, createPool, type Db } from '../../src/db/connect.ts';
import { buildApp, type AppInstance } from '../../src/http/app.ts';
import { buildDepartment, buildStaff, TEST_PASSWORD } from '../helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/** One Centric instance over real HTTP on 127.0.0.1, with its own connection pool. */
/** /metrics answers only with the metrics token. */
const METRICS_TOKEN = 'metrics-token-for-the-live-test-0001';

interface Instance {
  app: AppInstance;
  baseUrl: string;
  db: Db;
}

async function startInstance(url: string, options: { liveHeartbeatMs?: number } = {}): Promise<Instance> {
  const db = createKysely(createPool(url, 5));
  const app = await buildApp({ db, databaseUrl: url, config: loadConfig({ CENTRIC_METRICS_TOKEN: METRICS_TOKEN }), ...options });
  app.addHook('onClose', async () => db.destroy());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, db, baseUrl: `http://127.0.0.1:${port}` };
}

interface Session {
  id: number;
  cookie: string;
  csrfToken: string;
}

async function signInOver(instance: Instance, email: string): Promise<Session> {
  const res = await fetch(`${instance.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string; user: { id: number } };
  return { id: body.user.id, cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrfToken: body.csrfToken };
}

async function call(instance: Instance, session: Session, method: string, path: string, body?: unknown) {
  const res = await fetch(`${instance.baseUrl}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function registerTicket(instance: Instance, session: Session, subject = '燃气表漏气'): Promise<number> {
  const res = await call(instance, session, 'POST', '/api/tickets', { channel: 'phone', subject });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An SSE reader over fetch: collects events and waits for the one a test expects. */
async function openStream(instance: Instance, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(`${instance.baseUrl}/api/events`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const received: StreamEvent[] = [];
  let raw = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        buffer += text;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) received.push({ event, data: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
        }
        for (const w of waiters) w();
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    for (const w of waiters) w();
  })();
  return {
    res,
    received,
    get raw() {
      return raw;
    },
    get ended() {
      return ended;
    },
    /** Resolves with the first event (ever received) matching, or fails after `timeoutMs`. */
    waitFor(match: (e: StreamEvent) => boolean, timeoutMs = 10_000): Promise<StreamEvent> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async waitForEnd(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (!ended) throw new Error('the stream did not end');
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

const streamOf = (instance: Instance, session: Session) => openStream(instance, { cookie: session.cookie });
const isTicket = (id: number, event = 'ticket') => (e: StreamEvent) => e.event === event && e.data.ticketId === id;

async function metric(instance: Instance, name: string): Promise<number> {
  const text = await (await fetch(`${instance.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let tdb: TestDatabase;
/** Two "servers" on one database: changes are made on A, streams are read on B. */
let a: Instance;
let b: Instance;

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = await startInstance(tdb.url);
  b = await startInstance(tdb.url, { liveHeartbeatMs: 400 });
});
afterAll(async () => {
  // fetch (undici) opens a spare connection after an aborted stream; one that never sends a request
  // counts as busy to Node until its headers timeout (~60 s), which would hold close() up for that long.
  for (const instance of [a, b]) instance?.app.server.closeAllConnections();
  await a?.app.close();
  await b?.app.close();
  await tdb?.close();
});

/** A service department with two agents, a repair department with a handler, and an outsider elsewhere. */
async function buildOrg() {
  const service = await buildDepartment(tdb.db);
  const repair = await buildDepartment(tdb.db);
  const elsewhere = await buildDepartment(tdb.db);
  const staff = {
    agent: await buildStaff(tdb.db, { departmentId: service.id }),
    colleague: await buildStaff(tdb.db, { departmentId: service.id }),
    handler: await buildStaff(tdb.db, { departmentId: repair.id }),
    outsider: await buildStaff(tdb.db, { departmentId: elsewhere.id }),
    neighbour: await buildStaff(tdb.db, { departmentId: elsewhere.id }),
    admin: await buildStaff(tdb.db, { roles: ['admin'] }),
  };
  return { service, repair, elsewhere, staff };
}

describe('GET /api/events', () => {
  it('needs a signed-in staff member', async () => {
    const res = await fetch(`${b.baseUrl}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('streams a change made on another instance to a reader who may see the ticket', async () => {
    const { staff } = await buildOrg();
    const colleague = await signInOver(b, staff.colleague.email);
    const stream = await streamOf(b, colleague);
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.res.headers.get('cache-control')).toMatch(/no-cache/);
      await stream.waitFor((e) => e.event === 'ready');
      expect(stream.raw).toMatch(/^retry: \d+\n\n/);

      const agent = await signInOver(a, staff.agent.email);
      const id = await registerTicket(a, agent);
      const got = await stream.waitFor(isTicket(id));
      expect(got.data).toEqual({ ticketId: id, events: ['registered'] });
    } finally {
      await stream.close();
    }
  });

  it('sends a notification event to the person the change notifies', async () => {
    const { repair, staff } = await buildOrg();
    const handler = await signInOver(b, staff.handler.email);
    const stream = await streamOf(b, handler);
    try {
      await stream.waitFor((e) => e.event === 'ready');
      const agent = await signInOver(a, staff.agent.email);
      const id = await registerTicket(a, agent);
      const res = await call(a, agent, 'POST', `/api/tickets/${id}/hand-over`, { departmentId: repair.id, handlerId: staff.handler.id });
      expect(res.status).toBe(200);
      const note = await stream.waitFor(isTicket(id, 'notification'));
      expect(note.data.events).toContain('handed_over');
      await stream.waitFor(isTicket(id));
    } finally {
      await stream.close();
    }
  });

  it('never names a ticket the reader may not see', async () => {
    const { staff } = await buildOrg();
    const outsider = await signInOver(b, staff.outsider.email);
    const admin = await signInOver(b, staff.admin.email);
    const outsiderStream = await streamOf(b, outsider);
    const adminStream = await streamOf(b, admin);
    try {
      await outsiderStream.waitFor((e) => e.event === 'ready');
      await adminStream.waitFor((e) => e.event === 'ready');
      const agent = await signInOver(a, staff.agent.email);
      const hidden = await registerTicket(a, agent, '内部：不应被他人看到');
      await call(a, agent, 'POST', `/api/tickets/${hidden}/note`, { text: 'internal' });
      // A later change the outsider may see: changes arrive in commit order, so once it is here the
      // hidden ones were already decided on.
      const neighbour = await signInOver(a, staff.neighbour.email);
      const marker = await registerTicket(a, neighbour);
      await outsiderStream.waitFor(isTicket(marker));
      expect(outsiderStream.received.filter((e) => e.data.ticketId === hidden)).toEqual([]);
      // An admin sees everything, the hidden ticket included.
      await adminStream.waitFor(isTicket(hidden));
      await adminStream.waitFor(isTicket(marker));
    } finally {
      await outsiderStream.close();
      await adminStream.close();
    }
  });

  it('forgets a reader who disconnects', async () => {
    const { staff } = await buildOrg();
    const agent = await signInOver(b, staff.agent.email);
    const before = await metric(b, 'centric_live_streams');
    const stream = await streamOf(b, agent);
    await stream.waitFor((e) => e.event === 'ready');
    expect(await metric(b, 'centric_live_streams')).toBe(before + 1);
    await stream.close();
    await eventually(async () => (await metric(b, 'centric_live_streams')) === before);
  });

  it('ends the stream when the reader signs out (checked at each heartbeat)', async () => {
    const { staff } = await buildOrg();
    const agent = await signInOver(b, staff.agent.email);
    const stream = await streamOf(b, agent);
    try {
      await stream.waitFor((e) => e.event === 'ready');
      await eventually(async () => stream.raw.includes(': heartbeat'));
      expect((await call(b, agent, 'DELETE', '/api/session')).status).toBe(204);
      await stream.waitFor((e) => e.event === 'signed-out');
      await stream.waitForEnd();
    } finally {
      await stream.close();
    }
  });

  it('accepts a bearer token as well as the session cookie', async () => {
    const { staff } = await buildOrg();
    const agent = await signInOver(b, staff.agent.email);
    const token = await call(b, agent, 'POST', '/api/tokens', { name: 'wallboard' });
    expect(token.status).toBe(201);
    const stream = await openStream(b, { authorization: `Bearer ${token.body.token as string}` });
    try {
      await stream.waitFor((e) => e.event === 'ready');
      const colleague = await signInOver(a, staff.colleague.email);
      const id = await registerTicket(a, colleague);
      await stream.waitFor(isTicket(id));
    } finally {
      await stream.close();
    }
  });

  it('survives losing the database connection: reconnects, says resync, and streams again', async () => {
    const { staff } = await buildOrg();
    const agent = await signInOver(b, staff.agent.email);
    const stream = await streamOf(b, agent);
    try {
      await stream.waitFor((e) => e.event === 'ready');
      const reconnectsBefore = await metric(b, 'centric_live_reconnects');
      const killed = await sql<{ pid: number }>`
        select pg_terminate_backend(pid) as ok, pid from pg_stat_activity
        where application_name = 'centric-live' and datname = current_database()`.execute(tdb.db);
      expect(killed.rows.length).toBeGreaterThan(0);
      await stream.waitFor((e) => e.event === 'resync');
      expect(await metric(b, 'centric_live_reconnects')).toBe(reconnectsBefore + 1);
      expect(await metric(b, 'centric_live_listening')).toBe(1);
      expect(stream.ended).toBe(false);

      const colleague = await signInOver(a, staff.colleague.email);
      const id = await registerTicket(a, colleague);
      await stream.waitFor(isTicket(id));
    } finally {
      await stream.close();
    }
  });

  it('ends open streams and its LISTEN connection when the app closes, so closing does not hang', async () => {
    const { staff } = await buildOrg();
    const listeners = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = 'centric-live' and datname = current_database()`.execute(tdb.db)).rows[0]!.n;
    const c = await startInstance(tdb.url);
    const before = await listeners();
    const agent = await signInOver(c, staff.agent.email);
    const stream = await streamOf(c, agent);
    await stream.waitFor((e) => e.event === 'ready');
    expect(await listeners()).toBe(before + 1);
    await c.app.close();
    await stream.waitForEnd();
    await eventually(async () => (await listeners()) === before);
  });
});
