import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import {
  computeTargetMinutes,
  MAX_COMMITMENT_LEVEL,
  computeWorkingDayMinutes,
  type CommitmentAppliesTo,
  type CommitmentResponsible,
  type CommitmentStageKind,
  type CommitmentTargetUnit,
} from '../../domain/commitments/commitment-spec.ts';
import { validateCommitmentFields, type CommitmentFields, type CommitmentFieldsInput } from '../../domain/commitments/validate-commitment.ts';
import { validateCommitmentTree, type CommitmentTreeNode, type CommitmentTreeProblem } from '../../domain/commitments/validate-commitment-tree.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import { TICKET_CHANNELS } from '../../domain/tickets/ticket-state.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { PRIORITIES } from '../tickets/register-ticket.ts';
import { loadCalendar } from './load-calendars.ts';

/** A commitment with what its current version promises. */
export interface CommitmentView {
  id: number;
  parentId: number | null;
  /** Order among its siblings: stages run in this order. */
  position: number;
  active: boolean;
  currentVersion: number;
  name: string;
  level: number;
  appliesTo: CommitmentAppliesTo;
  startEvent: string;
  stopEvent: string;
  pauseOnWait: boolean;
  targetValue: number;
  targetUnit: CommitmentTargetUnit;
  /** The target in business minutes on its calendar. */
  targetMinutes: number;
  calendarId: number;
  calendarName: string | null;
  warnShare: number;
  responsible: CommitmentResponsible & { departmentName?: string | null };
  stageKind: CommitmentStageKind;
  escalateAfterMinutes: number[];
  createdAt: string;
  updatedAt: string;
}

export interface CommitmentVersionView extends Omit<CommitmentView, 'id' | 'parentId' | 'position' | 'active' | 'currentVersion' | 'updatedAt'> {
  version: number;
  createdBy: number | null;
  createdByName: string | null;
}

export interface CommitmentDetail extends CommitmentView {
  /** Every version, newest first. */
  versions: CommitmentVersionView[];
}

/** What a client may send: the fields of a version (all optional on PATCH), plus place and state. */
export type CommitmentInput = Partial<CommitmentFieldsInput> & { level?: number; parentId?: number | null; position?: number; active?: boolean };

const FIELD_OPTIONS = { priorities: PRIORITIES, channels: TICKET_CHANNELS };
/** Serialises changes to the commitment tree, so two admins cannot both squeeze a stage into the same budget. */
const TREE_LOCK = sql`select pg_advisory_xact_lock(hashtext('centric.commitment-tree'))`;

type VersionRow = {
  commitment_id: number;
  version: number;
  name: string;
  level: number;
  applies_to: CommitmentAppliesTo;
  start_event: string;
  stop_event: string;
  pause_on_wait: boolean;
  target_value: number;
  target_unit: CommitmentTargetUnit;
  target_minutes: number;
  calendar_id: number;
  warn_share: number;
  responsible: CommitmentResponsible;
  stage_kind: CommitmentStageKind;
  escalate_after_minutes: number[];
  created_by: number | null;
  created_at: Date;
};

type CommitmentRow = { id: number; parent_id: number | null; position: number; current_version: number; active: boolean; created_at: Date; updated_at: Date };

async function loadNames(db: Db, versions: VersionRow[]) {
  const calendarIds = [...new Set(versions.map((v) => v.calendar_id))];
  const deptIds = [...new Set(versions.flatMap((v) => (v.responsible.kind === 'department' ? [v.responsible.departmentId] : [])))];
  const staffIds = [...new Set(versions.flatMap((v) => (v.created_by === null ? [] : [v.created_by])))];
  const [calendars, departments, staff] = await Promise.all([
    calendarIds.length ? db.selectFrom('calendars').select(['id', 'name']).where('id', 'in', calendarIds).execute() : [],
    deptIds.length ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', deptIds).execute() : [],
    staffIds.length ? db.selectFrom('staff').select(['id', 'name']).where('id', 'in', staffIds).execute() : [],
  ]);
  return { calendar: new Map(calendars.map((c) => [c.id, c.name])), department: new Map(departments.map((d) => [d.id, d.name])), staff: new Map(staff.map((s) => [s.id, s.name])) };
}

function versionFields(v: VersionRow, names: Awaited<ReturnType<typeof loadNames>>) {
  return {
    name: v.name,
    level: v.level,
    appliesTo: v.applies_to,
    startEvent: v.start_event,
    stopEvent: v.stop_event,
    pauseOnWait: v.pause_on_wait,
    targetValue: v.target_value,
    targetUnit: v.target_unit,
    targetMinutes: v.target_minutes,
    calendarId: v.calendar_id,
    calendarName: names.calendar.get(v.calendar_id) ?? null,
    warnShare: Number(v.warn_share),
    responsible: v.responsible.kind === 'department' ? { ...v.responsible, departmentName: names.department.get(v.responsible.departmentId) ?? null } : v.responsible,
    stageKind: v.stage_kind,
    escalateAfterMinutes: v.escalate_after_minutes,
  };
}

async function loadViews(db: Db, ids?: number[]): Promise<CommitmentView[]> {
  let q = db
    .selectFrom('commitments as c')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .selectAll('v')
    .select(['c.id', 'c.parent_id', 'c.position', 'c.current_version', 'c.active', 'c.created_at as c_created_at', 'c.updated_at as c_updated_at']);
  if (ids) q = q.where('c.id', 'in', ids);
  const rows = await q.orderBy('v.level').orderBy('c.parent_id').orderBy('c.position').orderBy('c.id').execute();
  const names = await loadNames(db, rows as unknown as VersionRow[]);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    position: r.position,
    active: r.active,
    currentVersion: r.current_version,
    ...versionFields(r as unknown as VersionRow, names),
    createdAt: r.c_created_at.toISOString(),
    updatedAt: r.c_updated_at.toISOString(),
  }));
}

/** Every commitment (active or not) with its current version: the client builds the tree from parentId and position. */
export async function listCommitments(db: Db, ctx: RequestContext): Promise<CommitmentView[]> {
  requireStaff(ctx);
  return loadViews(db);
}

export async function getCommitment(db: Db, ctx: RequestContext, id: number): Promise<CommitmentDetail> {
  requireStaff(ctx);
  const [view] = await loadViews(db, [id]);
  if (!view) throw notFound(`No commitment with id ${id}`);
  const versions = (await db.selectFrom('commitment_versions').selectAll().where('commitment_id', '=', id).orderBy('version', 'desc').execute()) as unknown as VersionRow[];
  const names = await loadNames(db, versions);
  return {
    ...view,
    versions: versions.map((v) => ({
      version: v.version,
      ...versionFields(v, names),
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      createdByName: v.created_by === null ? null : (names.staff.get(v.created_by) ?? null),
    })),
  };
}

interface TreeState {
  rows: Map<number, CommitmentRow>;
  nodes: Map<number, CommitmentTreeNode & { position: number }>;
  versions: Map<number, VersionRow>;
}

/** The tree as its current versions say, under the tree lock (held to the end of the transaction). */
export async function loadTree(trx: Db): Promise<TreeState> {
  await TREE_LOCK.execute(trx);
  const rows = await trx.selectFrom('commitments').select(['id', 'parent_id', 'position', 'current_version', 'active', 'created_at', 'updated_at']).execute();
  const versions = (await trx
    .selectFrom('commitments as c')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .selectAll('v')
    .execute()) as unknown as VersionRow[];
  const versionOf = new Map(versions.map((v) => [v.commitment_id, v]));
  const nodes = new Map<number, CommitmentTreeNode & { position: number }>();
  for (const r of rows) {
    const v = versionOf.get(r.id)!;
    nodes.set(r.id, { id: r.id, parentId: r.parent_id, position: r.position, level: v.level, active: r.active, name: v.name, targetMinutes: v.target_minutes, startEvent: v.start_event, stopEvent: v.stop_event });
  }
  return { rows: new Map(rows.map((r) => [r.id, r])), nodes, versions: versionOf };
}

const FIELD_FOR: Record<CommitmentTreeProblem['kind'], string> = {
  missing_parent: 'parentId',
  cycle: 'parentId',
  level: 'parentId',
  inactive_parent: 'parentId',
  events: 'stopEvent',
  fit: 'targetValue',
};

/** Refuses the change when the tree it leads to has a problem involving `changedId`. */
function checkTree(nodes: Iterable<CommitmentTreeNode>, changedId: number, fieldFor: Partial<Record<CommitmentTreeProblem['kind'], string>> = {}): void {
  const problem = validateCommitmentTree([...nodes]).find((p) => p.involvedIds.includes(changedId));
  if (problem) throw invalid(problem.message, fieldFor[problem.kind] ?? FIELD_FOR[problem.kind], `commitment_${problem.kind}`);
}

/** Checks the ids a commitment names and works out its target in business minutes. */
async function resolveReferences(trx: Db, fields: CommitmentFields, changed: (key: keyof CommitmentFields) => boolean): Promise<number> {
  const calendarRow = await trx.selectFrom('calendars').select(['id', 'active']).where('id', '=', fields.calendarId).executeTakeFirst();
  if (!calendarRow) throw invalid(`There is no calendar with id ${fields.calendarId}.`, 'calendarId');
  if (!calendarRow.active && changed('calendarId')) throw invalid('That calendar is deactivated; choose an active one.', 'calendarId');
  if (fields.responsible.kind === 'department' && changed('responsible')) {
    const dept = await trx.selectFrom('departments').select(['active']).where('id', '=', fields.responsible.departmentId).executeTakeFirst();
    if (!dept) throw invalid(`There is no department with id ${fields.responsible.departmentId}.`, 'responsible.departmentId');
    if (!dept.active) throw invalid('That department is deactivated; choose an active one.', 'responsible.departmentId');
  }
  const categoryIds = fields.appliesTo.categoryIds ?? [];
  if (categoryIds.length > 0 && changed('appliesTo')) {
    const found = new Set((await trx.selectFrom('categories').select('id').where('id', 'in', categoryIds).execute()).map((c) => c.id));
    const missing = categoryIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw invalid(`There is no category with id ${categoryIds[missing]}.`, `appliesTo.categoryIds.${missing}`);
  }
  const { definition } = await loadCalendar(trx, fields.calendarId);
  const workingDayMinutes = computeWorkingDayMinutes(definition);
  if (fields.targetUnit === 'working_days' && workingDayMinutes === 0) {
    throw invalid('That calendar has no Monday hours, which is what a working day counts; give the target in hours instead.', 'targetUnit');
  }
  return computeTargetMinutes(fields.targetValue, fields.targetUnit, workingDayMinutes);
}

function fieldsOf(v: VersionRow): CommitmentFields {
  return {
    name: v.name,
    appliesTo: v.applies_to,
    startEvent: v.start_event as CommitmentFields['startEvent'],
    stopEvent: v.stop_event as CommitmentFields['stopEvent'],
    pauseOnWait: v.pause_on_wait,
    targetValue: v.target_value,
    targetUnit: v.target_unit,
    calendarId: v.calendar_id,
    warnShare: Number(v.warn_share),
    responsible: v.responsible,
    stageKind: v.stage_kind,
    escalateAfterMinutes: v.escalate_after_minutes,
  };
}

async function insertVersion(trx: Db, ctx: RequestContext & { actor: { id: number } }, id: number, version: number, level: number, fields: CommitmentFields, targetMinutes: number, nowMs: number) {
  await trx
    .insertInto('commitment_versions')
    .values({
      commitment_id: id,
      version,
      name: fields.name,
      level,
      applies_to: JSON.stringify(fields.appliesTo),
      start_event: fields.startEvent,
      stop_event: fields.stopEvent,
      pause_on_wait: fields.pauseOnWait,
      target_value: fields.targetValue,
      target_unit: fields.targetUnit,
      target_minutes: targetMinutes,
      calendar_id: fields.calendarId,
      warn_share: fields.warnShare,
      responsible: JSON.stringify(fields.responsible),
      stage_kind: fields.stageKind,
      escalate_after_minutes: fields.escalateAfterMinutes,
      created_by: ctx.actor.id,
      // The app's clock: a clock starting at or after this instant runs on this version.
      created_at: new Date(nowMs),
    })
    .execute();
}

/** Puts `id` at `position` among the children of `parentId` and numbers them 0, 1, 2 … */
async function placeAmongSiblings(trx: Db, tree: TreeState, id: number, parentId: number | null, position: number | undefined): Promise<void> {
  const siblings = [...tree.nodes.values()].filter((n) => n.parentId === parentId && n.id !== id).sort((a, b) => a.position - b.position || a.id - b.id);
  const at = Math.min(Math.max(position ?? siblings.length, 0), siblings.length);
  const ordered = [...siblings.slice(0, at).map((n) => n.id), id, ...siblings.slice(at).map((n) => n.id)];
  for (const [index, siblingId] of ordered.entries()) {
    if (siblingId !== id && tree.nodes.get(siblingId)!.position === index) continue;
    await trx.updateTable('commitments').set({ position: index }).where('id', '=', siblingId).execute();
  }
}

const auditable = (fields: CommitmentFields, extra: Record<string, unknown>) => ({ ...fields, ...extra });

export async function createCommitment(db: Db, ctx: RequestContext, input: CommitmentInput, nowMs: number): Promise<CommitmentView> {
  requireStaff(ctx, 'admin');
  const fields = validateCommitmentFields(input as CommitmentFieldsInput, FIELD_OPTIONS);
  const id = await db.transaction().execute(async (trx) => {
    const tree = await loadTree(trx);
    const parentId = input.parentId ?? null;
    const parent = parentId === null ? null : tree.nodes.get(parentId);
    if (parent === undefined) throw invalid(`There is no commitment with id ${parentId}.`, 'parentId');
    if (parent && parent.level >= MAX_COMMITMENT_LEVEL) throw invalid(`"${parent.name}" is a level-${MAX_COMMITMENT_LEVEL} stage: stages go at most ${MAX_COMMITMENT_LEVEL} levels deep.`, 'parentId');
    const level = parent ? parent.level + 1 : 1;
    if (input.level !== undefined && input.level !== level) {
      throw invalid(parent ? `A stage of "${parent.name}" is level ${level}; the level follows from the parent.` : 'A commitment without a parent is level 1; choose a parent to make a stage.', 'level');
    }
    const targetMinutes = await resolveReferences(trx, fields, () => true);
    const NEW = -1;
    checkTree([...tree.nodes.values(), { id: NEW, parentId, level, active: input.active ?? true, name: fields.name, targetMinutes, startEvent: fields.startEvent, stopEvent: fields.stopEvent }], NEW);

    const at = new Date(nowMs);
    const { id } = await trx.insertInto('commitments').values({ parent_id: parentId, position: 0, active: input.active ?? true, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    tree.nodes.set(id, { id, parentId, position: -1, level, active: true, name: fields.name, targetMinutes, startEvent: fields.startEvent, stopEvent: fields.stopEvent });
    await placeAmongSiblings(trx, tree, id, parentId, input.position);
    await insertVersion(trx, ctx, id, 1, level, fields, targetMinutes, nowMs);
    await recordAudit(trx, ctx, { action: 'commitment.create', entity: 'commitment', entityId: id, before: null, after: auditable(fields, { parentId, level, targetMinutes, version: 1, active: input.active ?? true }) });
    return id;
  });
  return (await loadViews(db, [id]))[0]!;
}

const VERSION_KEYS = ['name', 'appliesTo', 'startEvent', 'stopEvent', 'pauseOnWait', 'targetValue', 'targetUnit', 'calendarId', 'warnShare', 'responsible', 'stageKind', 'escalateAfterMinutes'] as const;

/**
 * Edits a commitment: changed fields make a new version (running clocks stay on theirs, clocks
 * that start from now on use it); `active: false` deactivates it and its stages, `active: true`
 * brings back only itself. Every change is checked against the whole tree.
 */
export async function updateCommitment(db: Db, ctx: RequestContext, id: number, input: CommitmentInput, nowMs: number): Promise<CommitmentView> {
  requireStaff(ctx, 'admin');
  if ('parentId' in input || 'position' in input) throw invalid('Move a commitment with POST /api/commitments/{id}/move.', 'parentId' in input ? 'parentId' : 'position');
  await db.transaction().execute(async (trx) => {
    const tree = await loadTree(trx);
    const row = tree.rows.get(id);
    if (!row) throw notFound(`No commitment with id ${id}`);
    const current = tree.versions.get(id)!;
    if (input.level !== undefined && input.level !== current.level) {
      throw invalid(`"${current.name}" is level ${current.level}; the level follows from where it sits in the tree.`, 'level');
    }
    const before = fieldsOf(current);
    const merged: CommitmentFieldsInput = { ...before };
    for (const key of VERSION_KEYS) if (input[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = input[key];
    const fields = validateCommitmentFields(merged, FIELD_OPTIONS);
    const newVersion = JSON.stringify(fields) !== JSON.stringify(before);
    const targetMinutes = newVersion ? await resolveReferences(trx, fields, (key) => JSON.stringify(fields[key]) !== JSON.stringify(before[key])) : current.target_minutes;
    const active = input.active ?? row.active;

    const node = tree.nodes.get(id)!;
    Object.assign(node, { active, name: fields.name, targetMinutes, startEvent: fields.startEvent, stopEvent: fields.stopEvent });
    const deactivated = !active && row.active ? listSubtreeIds(tree.nodes.values(), id).filter((d) => d !== id && tree.nodes.get(d)!.active) : [];
    for (const d of deactivated) tree.nodes.get(d)!.active = false;
    checkTree(tree.nodes.values(), id, newVersion ? {} : { fit: 'active', inactive_parent: 'active' });
    if (!newVersion && active === row.active) return;

    const version = newVersion ? row.current_version + 1 : row.current_version;
    if (newVersion) await insertVersion(trx, ctx, id, version, current.level, fields, targetMinutes, nowMs);
    await trx.updateTable('commitments').set({ current_version: version, active, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
    const action = active !== row.active ? (active ? 'commitment.reactivate' : 'commitment.deactivate') : 'commitment.update';
    await recordAudit(trx, ctx, {
      action, entity: 'commitment', entityId: id,
      before: auditable(before, { version: row.current_version, targetMinutes: current.target_minutes, active: row.active }),
      after: auditable(fields, { version, targetMinutes, active }),
    });
    if (deactivated.length > 0) {
      await trx.updateTable('commitments').set({ active: false, updated_at: new Date(nowMs) }).where('id', 'in', deactivated).execute();
      for (const d of deactivated) {
        await recordAudit(trx, ctx, { action: 'commitment.deactivate', entity: 'commitment', entityId: d, before: { active: true }, after: { active: false, withParent: id } });
      }
    }
  });
  return (await loadViews(db, [id]))[0]!;
}

/**
 * Moves a commitment under another parent and/or to another place among its siblings. Its level
 * stays what its versions say, so it moves only under a parent one level up (or to the top when
 * level 1); the stages must still fit their new parent's budget.
 */
export async function moveCommitment(db: Db, ctx: RequestContext, id: number, input: { parentId: number | null; position?: number }, nowMs: number): Promise<CommitmentView> {
  requireStaff(ctx, 'admin');
  await db.transaction().execute(async (trx) => {
    const tree = await loadTree(trx);
    const node = tree.nodes.get(id);
    if (!node) throw notFound(`No commitment with id ${id}`);
    const parentId = input.parentId;
    const parent = parentId === null ? null : tree.nodes.get(parentId);
    if (parent === undefined) throw invalid(`There is no commitment with id ${parentId}.`, 'parentId');
    const newLevel = parent ? parent.level + 1 : 1;
    if (parentId !== null && listSubtreeIds(tree.nodes.values(), id).includes(parentId)) {
      throw invalid(`"${node.name}" cannot sit under itself or under one of its own stages.`, 'parentId');
    }
    if (newLevel !== node.level) {
      throw invalid(
        parent
          ? `"${node.name}" is a level-${node.level} commitment; under "${parent.name}" it would be level ${newLevel}. Move it under a level-${node.level - 1} commitment.`
          : `"${node.name}" is a level-${node.level} stage; only a level-1 commitment sits at the top.`,
        'parentId',
      );
    }
    const before = { parentId: node.parentId, position: node.position };
    node.parentId = parentId;
    checkTree(tree.nodes.values(), id, { fit: 'parentId' });
    if (before.parentId !== parentId) {
      await trx.updateTable('commitments').set({ parent_id: parentId, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
      // Close the gap it leaves behind.
      const old = [...tree.nodes.values()].filter((n) => n.parentId === before.parentId && n.id !== id).sort((a, b) => a.position - b.position || a.id - b.id);
      for (const [index, sibling] of old.entries()) {
        if (sibling.position !== index) await trx.updateTable('commitments').set({ position: index }).where('id', '=', sibling.id).execute();
      }
    }
    await placeAmongSiblings(trx, tree, id, parentId, input.position);
    const position = (await trx.selectFrom('commitments').select('position').where('id', '=', id).executeTakeFirstOrThrow()).position;
    await recordAudit(trx, ctx, { action: 'commitment.move', entity: 'commitment', entityId: id, before, after: { parentId, position } });
  });
  return (await loadViews(db, [id]))[0]!;
}
