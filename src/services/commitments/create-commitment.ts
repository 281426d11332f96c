import type { Db } from '../../db/connect.ts';
import { MAX_COMMITMENT_LEVEL } from '../../domain/commitments/commitment-spec.ts';
import { validateCommitmentFields, type CommitmentFieldsInput } from '../../domain/commitments/validate-commitment.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, checkTree, FIELD_OPTIONS, insertVersion, loadTree, placeAmongSiblings, resolveReferences, type CommitmentInput } from './commitment-tree.ts';
import { loadCommitmentViews, type CommitmentView } from './views.ts';

/** Adds a commitment, or a stage under `parentId` (its level follows from the parent); version 1 holds its fields. */
export async function createCommitment(db: Db, ctx: RequestContext, { commitment: input, nowMs }: { commitment: CommitmentInput; nowMs: number }): Promise<CommitmentView> {
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
  return (await loadCommitmentViews(db, [id]))[0]!;
}
