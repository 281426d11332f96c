import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_ACTION_TYPES, type TicketActionType } from '../../src/domain/tickets/index.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

// Every action × every kind of staff actor × every state a staff member can bring a ticket to:
// what GET /api/tickets/:id offers is exactly what POST accepts; the rest is refused and writes nothing.
let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrg>>;

async function buildOrg() {
  const company = await buildDepartment(t.db, { name: 'Company' });
  const boss = await buildStaff(t.db, { name: 'Boss', departmentId: company.id, roles: ['supervisor'] });
  await t.db.updateTable('departments').set({ head_id: boss.id }).where('id', '=', company.id).execute();
  const service = await buildDepartment(t.db, { name: 'Service', parentId: company.id });
  const repair = await buildDepartment(t.db, { name: 'Repair', parentId: company.id });
  const head = await buildStaff(t.db, { name: 'Repair head', departmentId: repair.id, roles: ['supervisor'] });
  await t.db.updateTable('departments').set({ head_id: head.id }).where('id', '=', repair.id).execute();
  const handler = await buildStaff(t.db, { name: 'Handler', departmentId: repair.id });
  const colleague = await buildStaff(t.db, { name: 'Second handler', departmentId: repair.id });
  const owner = await buildStaff(t.db, { name: 'Owner', departmentId: service.id });
  const outsider = await buildStaff(t.db, { name: 'Outsider', departmentId: (await buildDepartment(t.db, { name: 'Elsewhere' })).id });
  const admin = await buildStaff(t.db, { name: 'Admin', roles: ['admin'] });
  const office = await buildStaff(t.db, { name: 'Office', roles: ['office'] });
  const senior = await buildStaff(t.db, { name: 'Senior', departmentId: company.id });
  await t.db.updateTable('staff').set({ senior_manager: true }).where('id', '=', senior.id).execute();
  const clients: Record<string, Client> = {};
  for (const [k, s] of Object.entries({ owner, handler, head, boss, outsider, admin, office, senior })) clients[k] = await signIn(t.app, s.email);
  return { repair, handler, colleague, clients };
}

const body = (action: TicketActionType): Record<string, unknown> => {
  switch (action) {
    case 'hand-over': return { departmentId: org.repair.id, handlerId: org.handler.id };
    // The head reassigns to a colleague of the current handler (reassigning to the same person is refused as invalid).
    case 'assign': return { handlerId: org.colleague.id };
    case 'decline': case 'wait': case 'escalate': case 'refuse': case 'approve-exception': case 'reopen': return { reason: 'a reason' };
    case 'contact': return { channel: 'phone', summary: 'called the customer' };
    case 'note': case 'reply': return { text: 'some text' };
    case 'instruct': return { instruction: 'do this' };
    case 'resolve': return { result: 'fixed' };
    case 'callback': return { satisfaction: 4, channel: 'phone' };
    case 'close': return { reason: 'done' };
    case 'transfer-ownership': return { newOwnerId: org.handler.id, reason: 'the owner left' };
    default: return {};
  }
};

/** The steps (actor, action) that bring a fresh ticket to each state. */
const PATHS: Record<string, [string, TicketActionType | 'hand-over to department'][]> = {
  registered: [],
  'in_progress (owner)': [['owner', 'take']],
  handed_over: [['owner', 'hand-over']],
  'handed_over (to the department)': [['owner', 'hand-over to department']],
  'in_progress (handler)': [['owner', 'hand-over'], ['handler', 'accept']],
  escalated: [['owner', 'escalate']],
  waiting: [['owner', 'take'], ['owner', 'wait']],
  resolved: [['owner', 'hand-over'], ['handler', 'accept'], ['handler', 'resolve']],
  called_back: [['owner', 'hand-over'], ['handler', 'accept'], ['handler', 'resolve'], ['owner', 'callback']],
  closed: [['owner', 'hand-over'], ['handler', 'accept'], ['handler', 'resolve'], ['owner', 'callback'], ['owner', 'close']],
  refused: [['owner', 'refuse']],
};

async function ticketIn(state: string): Promise<number> {
  const res = await org.clients.owner!.request('POST', '/api/tickets', { channel: 'phone', subject: `matrix ${state}` });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  for (const [who, step] of PATHS[state]!) {
    const [action, payload] = step === 'hand-over to department' ? ['hand-over', { departmentId: org.repair.id }] : [step, body(step)];
    const r = await org.clients[who]!.request('POST', `/api/tickets/${id}/${action}`, payload);
    expect(r.statusCode, `${who} ${action} → ${r.body}`).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg();
});
afterAll(() => t.close());

describe('ticket actions over the API', () => {
  for (const state of Object.keys(PATHS)) {
    it(`in state ${state}: offered ⇔ accepted, for every actor and action`, async () => {
      const probe = await ticketIn(state);
      for (const [who, client] of Object.entries(org.clients)) {
        const view = await client.request('GET', `/api/tickets/${probe}`);
        const offered: TicketActionType[] = view.statusCode === 200 ? view.json().actions : [];
        for (const action of TICKET_ACTION_TYPES) {
          if (offered.includes(action)) {
            // Each accepted action gets its own fresh ticket in the same state.
            const fresh = await ticketIn(state);
            const ok = await client.request('POST', `/api/tickets/${fresh}/${action}`, body(action));
            expect(ok.statusCode, `${who} may ${action} in ${state}: ${ok.body}`).toBe(200);
          } else {
            const before = await t.db.selectFrom('tickets').select('version').where('id', '=', probe).executeTakeFirstOrThrow();
            const refused = await client.request('POST', `/api/tickets/${probe}/${action}`, body(action));
            expect([403, 404, 409], `${who} may not ${action} in ${state}: ${refused.body}`).toContain(refused.statusCode);
            if (view.statusCode !== 200) expect(refused.statusCode).toBe(404);
            expect(refused.json().error.message).toEqual(expect.any(String));
            const after = await t.db.selectFrom('tickets').select('version').where('id', '=', probe).executeTakeFirstOrThrow();
            expect(after.version).toBe(before.version);
          }
        }
      }
    }, 120_000);
  }
});
