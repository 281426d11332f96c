import { Badge, Button, Group, Menu, Stack, Switch, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { buildTree } from '../lib/tree.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { MoveModal } from './move-modal.tsx';
import { StatusMessage, useStatus, type StatusApi } from './status-message.tsx';
import { TreeList } from './tree-list.tsx';
import { usePageTitle } from './use-page-title.ts';

export interface TreeAdminItem {
  id: number;
  name: string;
  parentId: number | null;
  active: boolean;
}

/** The two trees an admin keeps; each has the same set of texts under its own key. */
type TreeTexts = 'departments' | 'categories';
type TextKey =
  | 'title' | 'intro' | 'add' | 'expandAll' | 'collapseAll' | 'showInactive' | 'empty' | 'tree' | 'expand' | 'collapse'
  | 'addChild' | 'move' | 'moveTitle' | 'parent' | 'topLevel' | 'deactivate' | 'reactivate' | 'deactivated' | 'reactivated'
  | 'saved' | 'delete' | 'deleteTitle' | 'deleteBody' | 'deleted' | 'deactivatedInUse';
type Key = `${TreeTexts}.${TextKey}`;

/** What the page around the tree hands to its own dialogs and menu items. */
export interface TreeAdminContext<T extends TreeAdminItem> {
  all: readonly T[];
  status: StatusApi;
  /** Saves a change to one item, refreshes the trees and says so (`message` takes `{ name }`). */
  patch: (item: T, body: Record<string, unknown>, message: Key) => Promise<T>;
  refresh: () => Promise<unknown>;
  expand: (id: number | null) => void;
  close: () => void;
}

/**
 * One admin page for a tree (departments, categories): the heading, expand/collapse and the
 * inactive switch, the tree with a menu per item (add below, the page's own items, move,
 * deactivate/reactivate, delete), the move and delete dialogs, saving through `useMutation`. The page adds its row details,
 * its menu items and its dialogs (`D`, opened by `open`).
 */
export function TreeAdminPage<T extends TreeAdminItem, D>(props: {
  texts: TreeTexts;
  query: UseQueryResult<T[]>;
  endpoint: string;
  /** Every query a change can affect (the other tree shows names from this one). */
  refresh: () => Promise<unknown>;
  introMaw?: number;
  /** Open the new parent after a move, so the moved item stays in sight. */
  expandAfterMove?: boolean;
  createDialog: (parent: T | null) => D;
  renderDetails: (item: T) => ReactNode;
  /** The page's own menu items, with `moveItem` (the shared move entry) placed among them. */
  menuItems: (item: T, open: (dialog: D) => void, moveItem: ReactNode) => ReactNode;
  renderDialog: (dialog: D, ctx: TreeAdminContext<T>) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const k = (key: TextKey) => `${props.texts}.${key}` as Key;
  usePageTitle(t(k('title')));
  const status = useStatus();
  const [showInactive, setShowInactive] = useState(true);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<{ kind: 'own'; own: D } | { kind: 'move'; item: T } | { kind: 'delete'; item: T } | null>(null);

  const all = props.query.data ?? [];
  const visible = showInactive ? all : all.filter((item) => item.active);
  const roots = useMemo(() => buildTree(visible, i18n.language), [visible, i18n.language]);

  const patchItem = useMutation({
    mutationFn: ({ item, body }: { item: T; body: Record<string, unknown> }) => api.patch<T>(`${props.endpoint}/${item.id}`, body),
    onSuccess: () => props.refresh(),
  });
  const removeItem = useMutation({
    mutationFn: (item: T) => api.delete<{ deactivated?: boolean } | undefined>(`${props.endpoint}/${item.id}`),
    onSuccess: () => props.refresh(),
  });

  const close = () => {
    setDialog(null);
    patchItem.reset();
    removeItem.reset();
  };
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const expand = (id: number | null) => {
    if (id === null) return;
    setExpanded((prev) => new Set(prev).add(id));
  };
  const patch = async (item: T, body: Record<string, unknown>, message: Key) => {
    const saved = await patchItem.mutateAsync({ item, body });
    setDialog(null);
    status.success(t(message, { name: saved.name }));
    return saved;
  };
  // From the menu: a failure shows under the tree (the dialogs show their own).
  const patchFromMenu = (item: T, body: Record<string, unknown>, message: Key) => {
    removeItem.reset();
    patch(item, body, message).catch(() => {});
  };
  const remove = (item: T) => {
    patchItem.reset();
    removeItem.mutate(item, {
      onSuccess: (answer) => {
        setDialog(null);
        if (answer?.deactivated) status.info(t(k('deactivatedInUse'), { name: item.name }));
        else status.success(t(k('deleted'), { name: item.name }));
      },
    });
  };
  const actionError = removeItem.error ?? patchItem.error;
  const ctx: TreeAdminContext<T> = { all, status, patch, refresh: props.refresh, expand, close };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t(k('title'))}</Title>
          <Text size="sm" c="dimmed" maw={props.introMaw}>
            {t(k('intro'))}
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'own', own: props.createDialog(null) })}>{t(k('add'))}</Button>
      </Group>

      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={props.query.error} />

      <Group gap="sm">
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set(all.map((item) => item.id)))}>
          {t(k('expandAll'))}
        </Button>
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>
          {t(k('collapseAll'))}
        </Button>
        <Switch label={t(k('showInactive'))} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
      </Group>

      {props.query.isPending && <Text>{t('common.loading')}</Text>}
      {!props.query.isPending && all.length === 0 && <Text>{t(k('empty'))}</Text>}

      <TreeList
        label={t(k('tree'))}
        nodes={roots}
        expanded={expanded}
        onToggle={toggle}
        expandLabel={(item) => t(k('expand'), { name: item.name })}
        collapseLabel={(item) => t(k('collapse'), { name: item.name })}
        renderRow={({ item }) => (
          <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }} gap="sm">
            {props.renderDetails(item)}
            <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="default">
                  {t('common.actions')}
                  <VisuallyHidden component="span"> {item.name}</VisuallyHidden>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog({ kind: 'own', own: props.createDialog(item) })} disabled={!item.active}>
                  {t(k('addChild'))}
                </Menu.Item>
                {props.menuItems(
                  item,
                  (own) => setDialog({ kind: 'own', own }),
                  <Menu.Item onClick={() => setDialog({ kind: 'move', item })}>{t(k('move'))}</Menu.Item>,
                )}
                {item.active ? (
                  <Menu.Item onClick={() => patchFromMenu(item, { active: false }, k('deactivated'))}>{t(k('deactivate'))}</Menu.Item>
                ) : (
                  <Menu.Item onClick={() => patchFromMenu(item, { active: true }, k('reactivated'))}>{t(k('reactivate'))}</Menu.Item>
                )}
                <Menu.Divider />
                <Menu.Item color="var(--mantine-color-red-9)" onClick={() => setDialog({ kind: 'delete', item })}>
                  {t(k('delete'))}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      />
      {!dialog && <ErrorAlert error={actionError} />}

      {dialog?.kind === 'own' && props.renderDialog(dialog.own, ctx)}
      {dialog?.kind === 'move' && (
        <MoveModal
          title={t(k('moveTitle'), { name: dialog.item.name })}
          label={t(k('parent'))}
          topLevelLabel={t(k('topLevel'))}
          item={dialog.item}
          items={all}
          onClose={close}
          onSubmit={async (parentId) => {
            await patch(dialog.item, { parentId }, k('saved'));
            if (props.expandAfterMove) expand(parentId);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          opened
          title={t(k('deleteTitle'), { name: dialog.item.name })}
          body={t(k('deleteBody'))}
          confirmLabel={t(k('delete'))}
          danger
          loading={removeItem.isPending}
          error={removeItem.error}
          onConfirm={() => remove(dialog.item)}
          onClose={close}
        />
      )}
    </Stack>
  );
}

/** The item's name, struck through with an "inactive" badge when it is inactive. */
export function TreeItemName({ item }: { item: TreeAdminItem }) {
  const { t } = useTranslation();
  return (
    <>
      <Text fw={600} td={item.active ? undefined : 'line-through'}>
        {item.name}
      </Text>
      {!item.active && (
        <Badge color="gray" variant="outline" size="sm">
          {t('common.inactive')}
        </Badge>
      )}
    </>
  );
}
