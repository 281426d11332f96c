import type { Db } from '../../db/connect.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { checkTree, loadTree, placeAmongSiblings } from './commitment-tree.ts';
import { loadCommitmentViews, type CommitmentView } from './views.ts';

/**
 * Moves a commitment under another parent and/or to another place among its siblings. Its level
 * stays what its versions say, so it moves only under a parent one level up (or to the top when
 * level 1); the stages must still fit their new parent's budget.
 */
export async function moveCommitment(db: Db, ctx: RequestContext, { id, nowMs, ...input }: { id: number; parentId: number | null; position?: number; nowMs: number }): Promise<CommitmentView> {
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
  return (await loadCommitmentViews(db, [id]))[0]!;
}
