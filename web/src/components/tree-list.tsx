import { ActionIcon, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TreeNode } from '../lib/tree.ts';

/**
 * A tree as nested lists with a disclosure button per branch (aria-expanded): every control is a
 * real button, so Tab/Enter/Space are all a keyboard user needs.
 */
export function TreeList<T extends { id: number; name: string }>(props: {
  nodes: TreeNode<T>[];
  expanded: ReadonlySet<number>;
  onToggle: (id: number) => void;
  expandLabel: (item: T) => string;
  collapseLabel: (item: T) => string;
  renderRow: (node: TreeNode<T>) => ReactNode;
  label?: string;
}) {
  return (
    <ul className="tree-list" aria-label={props.label}>
      {props.nodes.map((node) => {
        const open = props.expanded.has(node.item.id);
        const hasChildren = node.children.length > 0;
        return (
          <li key={node.item.id} data-testid={`tree-item-${node.item.id}`}>
            <Group className="tree-row" gap="xs" wrap="nowrap" align="center">
              {hasChildren ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => props.onToggle(node.item.id)}
                  aria-expanded={open}
                  aria-label={open ? props.collapseLabel(node.item) : props.expandLabel(node.item)}
                >
                  <span aria-hidden="true" style={{ display: 'inline-block', transform: open ? 'rotate(90deg)' : 'none', transition: 'transform 120ms' }}>
                    ▶
                  </span>
                </ActionIcon>
              ) : (
                <span style={{ width: 28, flex: 'none' }} />
              )}
              {props.renderRow(node)}
            </Group>
            {hasChildren && open && <TreeList {...props} nodes={node.children} label={undefined} />}
          </li>
        );
      })}
    </ul>
  );
}
