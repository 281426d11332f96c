import type { Db } from '../../src/db/connect.ts';
import { buildDepartment, buildStaff } from './factories.ts';
import { signIn, type Client, type TestApp } from './test-app.ts';

/**
 * One organisation per call for accountability tests:
 *   company (head: boss) ─┬─ service (head: serviceHead) ── agent, colleague, deputy (supervisor, not head)
 *                         └─ repair (head: repairHead) ── handler
 *   office (its own root department): officer, investigator (both 'office')
 *   elsewhere: outsider
 */
export async function buildAccountabilityOrg(t: TestApp) {
  const company = await buildDepartment(t.db);
  const boss = await buildStaff(t.db, { name: 'Boss', roles: ['supervisor'], departmentId: company.id });
  await setHead(t.db, company.id, boss.id);
  const service = await buildDepartment(t.db, { parentId: company.id });
  const repair = await buildDepartment(t.db, { parentId: company.id });
  const serviceHead = await buildStaff(t.db, { name: 'Service head', roles: ['supervisor', 'agent'], departmentId: service.id });
  await setHead(t.db, service.id, serviceHead.id);
  const repairHead = await buildStaff(t.db, { name: 'Repair head', roles: ['supervisor', 'agent'], departmentId: repair.id });
  await setHead(t.db, repair.id, repairHead.id);
  const agent = await buildStaff(t.db, { name: 'Agent', departmentId: service.id, staffClass: 'dedicated' });
  const colleague = await buildStaff(t.db, { name: 'Colleague', departmentId: service.id });
  const deputy = await buildStaff(t.db, { name: 'Deputy', roles: ['supervisor', 'agent'], departmentId: service.id });
  const handler = await buildStaff(t.db, { name: 'Handler', departmentId: repair.id });
  const officeDept = await buildDepartment(t.db);
  const officer = await buildStaff(t.db, { name: 'Officer', roles: ['office'], departmentId: officeDept.id });
  const investigator = await buildStaff(t.db, { name: 'Investigator', roles: ['office'], departmentId: officeDept.id });
  const outsider = await buildStaff(t.db, { name: 'Outsider', departmentId: (await buildDepartment(t.db)).id });
  const people = { boss, serviceHead, repairHead, agent, colleague, deputy, handler, officer, investigator, outsider };
  const clients = {} as Record<keyof typeof people, Client>;
  for (const [key, person] of Object.entries(people)) clients[key as keyof typeof people] = await signIn(t.app, person.email);
  return { company, service, repair, officeDept, people, ...clients };
}

export type AccountabilityOrg = Awaited<ReturnType<typeof buildAccountabilityOrg>>;

async function setHead(db: Db, departmentId: number, headId: number) {
  await db.updateTable('departments').set({ head_id: headId }).where('id', '=', departmentId).execute();
}

/** Signs everyone in again (after the clock moved past their sessions). */
export async function signInAgain(t: TestApp, org: AccountabilityOrg): Promise<void> {
  for (const [key, person] of Object.entries(org.people)) {
    (org as unknown as Record<string, Client>)[key] = await signIn(t.app, person.email);
  }
}

/** Registers, investigates and verifies a complaint about `subjectId` through the API; returns its id. */
export async function verifyComplaint(
  org: AccountabilityOrg,
  subjectId: number,
  options: { kind?: string; severity?: 'minor' | 'serious'; ticketId?: number; outcome?: 'verified' | 'rejected' } = {},
): Promise<number> {
  const created = await org.colleague.request('POST', '/api/complaints', {
    source: 'phone', complainantName: '王女士', complainantContact: '13800000000', subjectStaffId: subjectId, kind: options.kind ?? 'cold_treatment',
    summary: 'Rude on the phone', ...(options.ticketId ? { ticketId: options.ticketId } : {}),
  });
  if (created.statusCode !== 201) throw new Error(`register complaint: ${created.statusCode} ${created.body}`);
  const id = created.json<{ id: number }>().id;
  await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.investigator.id }));
  await expectOk(org.investigator.request('POST', `/api/complaints/${id}/update`, { findings: 'The call recording confirms it.' }));
  await expectOk(org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: options.outcome ?? 'verified', reason: 'Recording reviewed', severity: options.severity ?? 'minor',
    // Decided at once, before the person concerned's deadline to respond: the office records why.
    earlyDecisionReason: 'The recording settles it' }));
  return id;
}

export async function expectOk<T extends { statusCode: number; body: string }>(pending: Promise<T>): Promise<T> {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`expected success, got ${res.statusCode} ${res.body}`);
  return res;
}
