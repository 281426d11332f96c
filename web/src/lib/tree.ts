/** Flat rows with parentId → a forest, children sorted by name in the current language. */
export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
  depth: number;
}

export function buildTree<T extends { id: number; parentId: number | null; name: string }>(items: readonly T[], lang: string): TreeNode<T>[] {
  const byId = new Map<number, TreeNode<T>>();
  for (const item of items) byId.set(item.id, { item, children: [], depth: 0 });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.item.parentId === null ? undefined : byId.get(node.item.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const collator = new Intl.Collator(lang);
  const sortAndDepth = (nodes: TreeNode<T>[], depth: number) => {
    nodes.sort((a, b) => collator.compare(a.item.name, b.item.name));
    for (const n of nodes) {
      n.depth = depth;
      sortAndDepth(n.children, depth + 1);
    }
  };
  sortAndDepth(roots, 0);
  return roots;
}

/** Depth-first order, for selects: each item with its path ("Head office / Sales"). */
export function flattenTree<T extends { id: number; name: string }>(roots: readonly TreeNode<T>[]): { item: T; path: string; depth: number }[] {
  const out: { item: T; path: string; depth: number }[] = [];
  const walk = (nodes: readonly TreeNode<T>[], prefix: string) => {
    for (const n of nodes) {
      const path = prefix ? `${prefix} / ${n.item.name}` : n.item.name;
      out.push({ item: n.item, path, depth: n.depth });
      walk(n.children, path);
    }
  };
  walk(roots, '');
  return out;
}

/** The ids of `id` and everything below it (a node cannot move under these). */
export function subtreeIds<T extends { id: number; parentId: number | null }>(items: readonly T[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const i of items) {
    if (i.parentId === null) continue;
    const list = children.get(i.parentId) ?? [];
    list.push(i.id);
    children.set(i.parentId, list);
  }
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    for (const c of children.get(next) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}
