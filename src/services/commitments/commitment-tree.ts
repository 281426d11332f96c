import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { computeTargetMinutes, computeWorkingDayMinutes } from '../../domain/commitments/commitment-spec.ts';
import type { CommitmentFields, CommitmentFieldsInput } from '../../domain/commitments/validate-commitment.ts';
import { validateCommitmentTree, type CommitmentTreeNode, type CommitmentTreeProblem } from '../../domain/commitments/validate-commitment-tree.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { TICKET_CHANNELS } from '../../domain/tickets/ticket-state.ts';
import type { RequestContext } from '../context.ts';
import { PRIORITIES } from '../tickets/register-ticket.ts';
import { loadCalendar } from './load-calendars.ts';
import type { VersionRow } from './views.ts';

/** What the commitment use cases share: the tree under its lock, its checks, and writing a version. */

/** What a client may send: the fields of a version (all optional on PATCH), plus place and state. */
export type CommitmentInput = Partial<CommitmentFieldsInput> & { level?: number; parentId?: number | null; position?: number; active?: boolean };

export const FIELD_OPTIONS = { priorities: PRIORITIES, channels: TICKET_CHANNELS };
/** Serialises changes to the commitment tree, so two admins cannot both squeeze a stage into the same budget. */
const TREE_LOCK = sql`select pg_advisory_xact_lock(hashtext('centric.commitment-tree'))`;

type CommitmentRow = { id: number; parent_id: number | null; position: number; current_version: number; active: boolean; created_at: Date; updated_at: Date };

export interface TreeState {
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
export function checkTree(nodes: Iterable<CommitmentTreeNode>, changedId: number, fieldFor: Partial<Record<CommitmentTreeProblem['kind'], string>> = {}): void {
  const problem = validateCommitmentTree([...nodes]).find((p) => p.involvedIds.includes(changedId));
  if (problem) throw invalid(problem.message, fieldFor[problem.kind] ?? FIELD_FOR[problem.kind], `commitment_${problem.kind}`);
}

/** Checks the ids a commitment names and works out its target in business minutes. */
export async function resolveReferences(trx: Db, fields: CommitmentFields, changed: (key: keyof CommitmentFields) => boolean): Promise<number> {
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

export function fieldsOf(v: VersionRow): CommitmentFields {
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

export async function insertVersion(trx: Db, ctx: RequestContext & { actor: { id: number } }, id: number, version: number, level: number, fields: CommitmentFields, targetMinutes: number, nowMs: number) {
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
export async function placeAmongSiblings(trx: Db, tree: TreeState, id: number, parentId: number | null, position: number | undefined): Promise<void> {
  const siblings = [...tree.nodes.values()].filter((n) => n.parentId === parentId && n.id !== id).sort((a, b) => a.position - b.position || a.id - b.id);
  const at = Math.min(Math.max(position ?? siblings.length, 0), siblings.length);
  const ordered = [...siblings.slice(0, at).map((n) => n.id), id, ...siblings.slice(at).map((n) => n.id)];
  for (const [index, siblingId] of ordered.entries()) {
    if (siblingId !== id && tree.nodes.get(siblingId)!.position === index) continue;
    await trx.updateTable('commitments').set({ position: index }).where('id', '=', siblingId).execute();
  }
}

export const auditable = (fields: CommitmentFields, extra: Record<string, unknown>) => ({ ...fields, ...extra });

export const VERSION_KEYS = ['name', 'appliesTo', 'startEvent', 'stopEvent', 'pauseOnWait', 'targetValue', 'targetUnit', 'calendarId', 'warnShare', 'responsible', 'stageKind', 'escalateAfterMinutes'] as const;
