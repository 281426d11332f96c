import { Badge, Button, Group, Menu, Stack, Switch, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { CATEGORIES_KEY, useAllCategories } from '../../api/org.ts';
import type { Category } from '../../api/types.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { MoveModal } from '../../components/move-modal.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { TreeList } from '../../components/tree-list.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { buildTree } from '../../lib/tree.ts';
import { AppModal } from '../../components/app-modal.tsx';

type Dialog =
  | { kind: 'create'; parent: Category | null }
  | { kind: 'edit'; category: Category }
  | { kind: 'move'; category: Category }
  | { kind: 'delete'; category: Category };

export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('categories.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const categories = useAllCategories();
  const [showInactive, setShowInactive] = useState(true);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const all = categories.data ?? [];
  const visible = showInactive ? all : all.filter((c) => c.active);
  const roots = useMemo(() => buildTree(visible, i18n.language), [visible, i18n.language]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY });
  const closeDialog = () => {
    setDialog(null);
    setActionError(null);
  };
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const patch = async (c: Category, body: Record<string, unknown>, message: 'categories.saved' | 'categories.deactivated' | 'categories.reactivated') => {
    const saved = await api.patch<Category>(`/api/categories/${c.id}`, body);
    await refresh();
    setDialog(null);
    status.success(t(message, { name: saved.name }));
  };
  const runAction = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = (c: Category) =>
    runAction(async () => {
      const answer = await api.delete<{ deactivated?: boolean } | undefined>(`/api/categories/${c.id}`);
      await refresh();
      setDialog(null);
      if (answer?.deactivated) status.info(t('categories.deactivatedInUse', { name: c.name }));
      else status.success(t('categories.deleted', { name: c.name }));
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('categories.title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('categories.intro')}
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'create', parent: null })}>{t('categories.add')}</Button>
      </Group>

      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={categories.error} />

      <Group gap="sm">
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set(all.map((c) => c.id)))}>
          {t('categories.expandAll')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>
          {t('categories.collapseAll')}
        </Button>
        <Switch label={t('categories.showInactive')} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
      </Group>

      {categories.isPending && <Text>{t('common.loading')}</Text>}
      {!categories.isPending && all.length === 0 && <Text>{t('categories.empty')}</Text>}

      <TreeList
        label={t('categories.tree')}
        nodes={roots}
        expanded={expanded}
        onToggle={toggle}
        expandLabel={(c) => t('categories.expand', { name: c.name })}
        collapseLabel={(c) => t('categories.collapse', { name: c.name })}
        renderRow={({ item: c }) => (
          <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }} gap="sm">
            <Stack gap={0}>
              <Group gap="sm" wrap="wrap">
                <Text fw={600} td={c.active ? undefined : 'line-through'}>
                  {c.name}
                </Text>
                {!c.active && (
                  <Badge color="gray" variant="outline" size="sm">
                    {t('common.inactive')}
                  </Badge>
                )}
                <Text size="sm">
                  {c.responsibleDepartmentName
                    ? c.departmentId === null
                      ? t('categories.responsibleInherited', { name: c.responsibleDepartmentName })
                      : t('categories.responsible', { name: c.responsibleDepartmentName })
                    : t('categories.noResponsible')}
                </Text>
                <Text size="sm" c="dimmed">
                  {c.defaultHandlerName ? t('categories.handlerShown', { name: c.defaultHandlerName }) : t('categories.noHandler')}
                </Text>
              </Group>
              {c.description && (
                <Text size="sm" c="dimmed">
                  {c.description}
                </Text>
              )}
            </Stack>
            <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="default">
                  {t('common.actions')}
                  <VisuallyHidden component="span"> {c.name}</VisuallyHidden>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog({ kind: 'create', parent: c })} disabled={!c.active}>
                  {t('categories.addChild')}
                </Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'edit', category: c })}>{t('categories.edit')}</Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'move', category: c })}>{t('categories.move')}</Menu.Item>
                {c.active ? (
                  <Menu.Item onClick={() => void runAction(() => patch(c, { active: false }, 'categories.deactivated'))}>{t('categories.deactivate')}</Menu.Item>
                ) : (
                  <Menu.Item onClick={() => void runAction(() => patch(c, { active: true }, 'categories.reactivated'))}>{t('categories.reactivate')}</Menu.Item>
                )}
                <Menu.Divider />
                <Menu.Item color="var(--mantine-color-red-9)" onClick={() => setDialog({ kind: 'delete', category: c })}>
                  {t('categories.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      />
      {!dialog && <ErrorAlert error={actionError} />}

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <CategoryFormModal
          category={dialog.kind === 'edit' ? dialog.category : null}
          parent={dialog.kind === 'create' ? dialog.parent : null}
          onClose={closeDialog}
          onSaved={async (saved, created) => {
            await refresh();
            if (created && saved.parentId !== null) setExpanded((prev) => new Set(prev).add(saved.parentId!));
            setDialog(null);
            status.success(t(created ? 'categories.created' : 'categories.saved', { name: saved.name }));
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveModal
          title={t('categories.moveTitle', { name: dialog.category.name })}
          label={t('categories.parent')}
          topLevelLabel={t('categories.topLevel')}
          item={dialog.category}
          items={all}
          onClose={closeDialog}
          onSubmit={(parentId) => patch(dialog.category, { parentId }, 'categories.saved')}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          opened
          title={t('categories.deleteTitle', { name: dialog.category.name })}
          body={t('categories.deleteBody')}
          confirmLabel={t('categories.delete')}
          danger
          loading={busy}
          error={actionError}
          onConfirm={() => void remove(dialog.category)}
          onClose={closeDialog}
        />
      )}
    </Stack>
  );
}

const FIELDS = ['name', 'description', 'departmentId', 'defaultHandlerId', 'parentId'];

function CategoryFormModal(props: { category: Category | null; parent: Category | null; onSaved: (c: Category, created: boolean) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const c = props.category;
  const topLevel = c ? c.parentId === null : props.parent === null;
  const [name, setName] = useState(c?.name ?? '');
  const [description, setDescription] = useState(c?.description ?? '');
  const [departmentId, setDepartmentId] = useState<number | null>(c?.departmentId ?? null);
  const [handlerId, setHandlerId] = useState<number | null>(c?.defaultHandlerId ?? null);
  const [handlerName, setHandlerName] = useState<string | null>(c?.defaultHandlerName ?? null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missingDept, setMissingDept] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (topLevel && departmentId === null) {
      setMissingDept(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { name: name.trim(), description: description.trim() || null, departmentId, defaultHandlerId: handlerId };
      if (c) {
        await props.onSaved(await api.patch<Category>(`/api/categories/${c.id}`, body), false);
      } else {
        await props.onSaved(await api.post<Category>('/api/categories', { ...body, parentId: props.parent?.id ?? null }), true);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = c ? t('categories.editTitle', { name: c.name }) : props.parent ? t('categories.createChildTitle', { name: props.parent.name }) : t('categories.createTitle');
  return (
    <AppModal opened onClose={props.onClose} title={title} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <ErrorAlert message={formError(t, error, FIELDS)} />
          <TextInput label={t('categories.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(t, error, 'name')} data-autofocus />
          <Textarea label={t('categories.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} error={fieldError(t, error, 'description')} />
          <DepartmentSelect
            label={t('categories.department')}
            placeholder={topLevel ? undefined : t('categories.departmentInherit')}
            description={topLevel ? t('categories.departmentRequired') : t('categories.departmentInherit')}
            required={topLevel}
            value={departmentId}
            onChange={(v) => {
              setDepartmentId(v);
              setMissingDept(false);
            }}
            error={missingDept ? t('categories.departmentRequired') : fieldError(t, error, 'departmentId')}
          />
          <StaffPicker
            label={t('categories.handler')}
            value={handlerId}
            valueName={handlerName}
            onChange={(id, n) => {
              setHandlerId(id);
              setHandlerName(n);
            }}
            error={fieldError(t, error, 'defaultHandlerId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {c ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
