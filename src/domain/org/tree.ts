/** A node of a tree held as parent links (departments, categories of the duty catalog). */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** True when making `newParentId` the parent of `id` would close a loop (including itself). */
export function wouldCreateCycle(nodes: ReadonlyMap<number, TreeNode>, id: number, newParentId: number | null): boolean {
  let cursor = newParentId;
  const seen = new Set<number>();
  while (cursor !== null) {
    if (cursor === id) return true;
    // A loop that does not pass through `id` already exists in the data; stop rather than spin.
    if (seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = nodes.get(cursor)?.parentId ?? null;
  }
  return false;
}

/** The ids of `rootId` and everything below it. */
export function listSubtreeIds(nodes: Iterable<TreeNode>, rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  const result: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

/** `id` and its ancestors, nearest first. */
export function listAncestorIds(nodes: ReadonlyMap<number, TreeNode>, id: number): number[] {
  const result: number[] = [];
  let cursor: number | null = id;
  while (cursor !== null && !result.includes(cursor)) {
    result.push(cursor);
    cursor = nodes.get(cursor)?.parentId ?? null;
  }
  return result;
}
