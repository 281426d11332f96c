import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_ACTION_TYPES, type TicketActionType } from '../../src/domain/tickets/index.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

// Every action × every actor (staff of each kind, the ticket's customer, another customer) × every
// state: what GET offers is exactly what POST accepts; the rest is refused with the exact status —
// 404 when the actor may not see the ticket, 409 when its state does not allow the action, 403 when
// the state does but this person may not — and writes nothing.
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
  // The customer the tickets are for (on the portal), and a stranger who must never see them.
  const customer = await signUpCustomer(t.app, { name: '矩阵客户' });
  const stranger = await signUpCustomer(t.app, { name: '陌生客户' });
  return { repair, handler, colleague, clients, customer, stranger };
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

/** The steps (actor, action) that bring a fresh ticket to each state; `new` is a portal request nobody picked up. */
const PATHS: Record<string, [string, TicketActionType | 'hand-over to department'][]> = {
  new: [],
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
  const res = state === 'new'
    ? await org.customer.request('POST', '/api/portal/tickets', { subject: `matrix ${state}` })
    : await org.clients.owner!.request('POST', '/api/tickets', { channel: 'phone', subject: `matrix ${state}`, customerId: org.customer.customerId });
  expect(res.statusCode, res.body).toBe(201);
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

/** The states in which the rules allow each staff action at all (for someone); outside them the answer is 409. */
const OPEN = ['registered', 'in_progress', 'handed_over', 'escalated', 'waiting', 'resolved', 'called_back', 'refused'];
const STAFF_STATES: Record<string, string[]> = {
  'pick-up': ['new'], take: ['registered', 'handed_over'], 'hand-over': ['registered', 'in_progress', 'handed_over'], assign: ['handed_over'],
  accept: ['handed_over'], decline: ['handed_over', 'in_progress'], contact: OPEN, note: [...OPEN, 'new', 'closed'], reply: OPEN,
  wait: ['registered', 'in_progress'], resume: ['waiting'], escalate: ['registered', 'in_progress', 'handed_over'], instruct: ['escalated'],
  refuse: ['registered', 'in_progress', 'handed_over'], 'approve-exception': ['refused'], resolve: ['registered', 'in_progress'], callback: ['resolved'],
  close: ['resolved', 'called_back', 'refused'], reopen: ['resolved', 'called_back', 'closed'], 'transfer-ownership': [...OPEN, 'closed'],
};
/** Staff actions: confirm and rate are the customer's (on the portal; a link for rating). */
const STAFF_ACTIONS = TICKET_ACTION_TYPES.filter((a) => a !== 'confirm' && a !== 'rate');

/** The status a staff member gets for an action the ticket page does not offer them. */
function expectedStaffRefusal(label: string, who: string, action: TicketActionType): 403 | 409 {
  const status = label.split(' ')[0]!;
  if (!STAFF_STATES[action]!.includes(status)) return 409;
  // Allowed in this state only with more to it: a department hand-over needs its head to assign
  // first, and the owner closes a result the customer has not confirmed only after the callback.
  if (action === 'accept' && label === 'handed_over (to the department)') return 409;
  if (action === 'close' && status === 'resolved' && who === 'owner') return 409;
  return 403;
}

/** A customer's actions on the portal: the path and a valid body for each. */
const PORTAL_ACTIONS: Record<string, [string, Record<string, unknown>]> = {
  reply: ['reply', { text: '还没有人来' }],
  confirm: ['confirm', {}],
  reopen: ['reopen', { reason: '问题又出现了' }],
  rate: ['rating', { satisfaction: 4, comment: '还可以' }],
};

describe('ticket actions over the API', () => {
  for (const state of Object.keys(PATHS)) {
    it(`in state ${state}: offered ⇔ accepted, for every actor and action`, async () => {
      const probe = await ticketIn(state);
      const version = async () => (await t.db.selectFrom('tickets').select('version').where('id', '=', probe).executeTakeFirstOrThrow()).version;
      for (const [who, client] of Object.entries(org.clients)) {
        const view = await client.request('GET', `/api/tickets/${probe}`);
        expect([200, 404], `${who} reads the ticket`).toContain(view.statusCode);
        const offered: TicketActionType[] = view.statusCode === 200 ? view.json().actions : [];
        for (const action of STAFF_ACTIONS) {
          if (offered.includes(action)) {
            // Each accepted action gets its own fresh ticket in the same state.
            const fresh = await ticketIn(state);
            const ok = await client.request('POST', `/api/tickets/${fresh}/${action}`, body(action));
            expect(ok.statusCode, `${who} may ${action} in ${state}: ${ok.body}`).toBe(200);
          } else {
            const before = await version();
            const refused = await client.request('POST', `/api/tickets/${probe}/${action}`, body(action));
            const expected = view.statusCode === 404 ? 404 : expectedStaffRefusal(state, who, action);
            expect(refused.statusCode, `${who} may not ${action} in ${state}: ${refused.body}`).toBe(expected);
            expect(refused.json().error.message).toEqual(expect.any(String));
            expect(await version()).toBe(before);
          }
        }
      }

      // The customer: on the portal, only their own requests, only the customer's actions.
      for (const [who, customer] of [['customer', org.customer], ['another customer', org.stranger]] as [string, PortalClient][]) {
        const view = await customer.request('GET', `/api/portal/tickets/${probe}`);
        expect(view.statusCode, `${who} reads it`).toBe(who === 'customer' ? 200 : 404);
        const offered: TicketActionType[] = view.statusCode === 200 ? view.json().actions : [];
        for (const [action, [path, payload]] of Object.entries(PORTAL_ACTIONS)) {
          if (offered.includes(action as TicketActionType)) {
            const fresh = await ticketIn(state);
            const ok = await customer.request('POST', `/api/portal/tickets/${fresh}/${path}`, payload);
            expect([200, 201], `${who} may ${action} in ${state}: ${ok.body}`).toContain(ok.statusCode);
          } else {
            const before = await version();
            const refused = await customer.request('POST', `/api/portal/tickets/${probe}/${path}`, payload);
            // Every refusal of a customer's own action on their own request is about its state.
            expect(refused.statusCode, `${who} may not ${action} in ${state}: ${refused.body}`).toBe(view.statusCode === 404 ? 404 : 409);
            expect(refused.json().error.message).toEqual(expect.any(String));
            expect(await version()).toBe(before);
          }
        }
        // Staff work is not the customer's, whatever the state.
        if (who === 'customer') expect(offered.filter((a) => !(a in PORTAL_ACTIONS))).toEqual([]);
      }
    }, 180_000);
  }
});
