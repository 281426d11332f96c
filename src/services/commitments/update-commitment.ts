import type { Db } from '../../db/connect.ts';
import { validateCommitmentFields, type CommitmentFieldsInput } from '../../domain/commitments/validate-commitment.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, checkTree, FIELD_OPTIONS, fieldsOf, insertVersion, loadTree, resolveReferences, VERSION_KEYS, type CommitmentInput } from './commitment-tree.ts';
import { loadCommitmentViews, type CommitmentView } from './views.ts';

/**
 * Edits a commitment: changed fields make a new version (running clocks stay on theirs, clocks
 * that start from now on use it); `active: false` deactivates it and its stages, `active: true`
 * brings back only itself. Every change is checked against the whole tree.
 */
export async function updateCommitment(db: Db, ctx: RequestContext, { id, changes: input, nowMs }: { id: number; changes: CommitmentInput; nowMs: number }): Promise<CommitmentView> {
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
  return (await loadCommitmentViews(db, [id]))[0]!;
}
