import { Badge, Button, Group, Menu, Stack, Switch, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { CATEGORIES_KEY, DEPARTMENTS_KEY, useAllDepartments } from '../../api/org.ts';
import type { Department } from '../../api/types.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
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
  | { kind: 'create'; parent: Department | null }
  | { kind: 'rename'; dept: Department }
  | { kind: 'move'; dept: Department }
  | { kind: 'head'; dept: Department }
  | { kind: 'delete'; dept: Department };

export function DepartmentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('departments.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const departments = useAllDepartments();
  const [showInactive, setShowInactive] = useState(true);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const all = departments.data ?? [];
  const visible = showInactive ? all : all.filter((d) => d.active);
  const roots = useMemo(() => buildTree(visible, i18n.language), [visible, i18n.language]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
    await queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY });
    await queryClient.invalidateQueries({ queryKey: ['staff'] });
  };
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
  const expandPathTo = (id: number | null) => {
    if (id === null) return;
    setExpanded((prev) => new Set(prev).add(id));
  };

  const patch = async (dept: Department, body: Record<string, unknown>, message: string) => {
    const saved = await api.patch<Department>(`/api/departments/${dept.id}`, body);
    await refresh();
    setDialog(null);
    status.success(t(message as 'departments.saved', { name: saved.name }));
    return saved;
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

  const remove = (dept: Department) =>
    runAction(async () => {
      const answer = await api.delete<{ deactivated?: boolean } | undefined>(`/api/departments/${dept.id}`);
      await refresh();
      setDialog(null);
      if (answer?.deactivated) status.info(t('departments.deactivatedInUse', { name: dept.name }));
      else status.success(t('departments.deleted', { name: dept.name }));
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('departments.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('departments.intro')}
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'create', parent: null })}>{t('departments.add')}</Button>
      </Group>

      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={departments.error} />

      <Group gap="sm">
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set(all.map((d) => d.id)))}>
          {t('departments.expandAll')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>
          {t('departments.collapseAll')}
        </Button>
        <Switch label={t('departments.showInactive')} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
      </Group>

      {departments.isPending && <Text>{t('common.loading')}</Text>}
      {!departments.isPending && all.length === 0 && <Text>{t('departments.empty')}</Text>}

      <TreeList
        label={t('departments.tree')}
        nodes={roots}
        expanded={expanded}
        onToggle={toggle}
        expandLabel={(d) => t('departments.expand', { name: d.name })}
        collapseLabel={(d) => t('departments.collapse', { name: d.name })}
        renderRow={({ item: d }) => (
          <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }} gap="sm">
            <Group gap="sm" wrap="wrap">
              <Text fw={600} td={d.active ? undefined : 'line-through'}>
                {d.name}
              </Text>
              {!d.active && (
                <Badge color="gray" variant="outline" size="sm">
                  {t('common.inactive')}
                </Badge>
              )}
              <Text size="sm">
                {t('departments.head')}: {d.headName ?? t('departments.noHead')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('departments.staffCount', { count: d.staffCount })}
              </Text>
            </Group>
            <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="default">
                  {t('common.actions')}
                  <VisuallyHidden component="span"> {d.name}</VisuallyHidden>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog({ kind: 'create', parent: d })} disabled={!d.active}>
                  {t('departments.addChild')}
                </Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'rename', dept: d })}>{t('departments.rename')}</Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'move', dept: d })}>{t('departments.move')}</Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'head', dept: d })}>{t('departments.setHead')}</Menu.Item>
                {d.active ? (
                  <Menu.Item onClick={() => void runAction(() => patch(d, { active: false }, 'departments.deactivated'))}>{t('departments.deactivate')}</Menu.Item>
                ) : (
                  <Menu.Item onClick={() => void runAction(() => patch(d, { active: true }, 'departments.reactivated'))}>{t('departments.reactivate')}</Menu.Item>
                )}
                <Menu.Divider />
                <Menu.Item color="var(--mantine-color-red-9)" onClick={() => setDialog({ kind: 'delete', dept: d })}>
                  {t('departments.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      />
      {!dialog && <ErrorAlert error={actionError} />}

      {(dialog?.kind === 'create' || dialog?.kind === 'rename') && (
        <NameModal
          title={
            dialog.kind === 'rename'
              ? t('departments.renameTitle', { name: dialog.dept.name })
              : dialog.parent
                ? t('departments.createChildTitle', { name: dialog.parent.name })
                : t('departments.createTitle')
          }
          initial={dialog.kind === 'rename' ? dialog.dept.name : ''}
          onClose={closeDialog}
          onSubmit={async (name) => {
            if (dialog.kind === 'rename') {
              await patch(dialog.dept, { name }, 'departments.saved');
            } else {
              const created = await api.post<Department>('/api/departments', { name, parentId: dialog.parent?.id ?? null });
              await refresh();
              expandPathTo(dialog.parent?.id ?? null);
              setDialog(null);
              status.success(t('departments.created', { name: created.name }));
            }
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveModal
          title={t('departments.moveTitle', { name: dialog.dept.name })}
          label={t('departments.parent')}
          topLevelLabel={t('departments.topLevel')}
          item={dialog.dept}
          items={all}
          onClose={closeDialog}
          onSubmit={async (parentId) => {
            await patch(dialog.dept, { parentId }, 'departments.saved');
            expandPathTo(parentId);
          }}
        />
      )}
      {dialog?.kind === 'head' && <HeadModal dept={dialog.dept} onClose={closeDialog} onSubmit={(headId) => patch(dialog.dept, { headId }, 'departments.saved').then(() => undefined)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          opened
          title={t('departments.deleteTitle', { name: dialog.dept.name })}
          body={t('departments.deleteBody')}
          confirmLabel={t('departments.delete')}
          danger
          loading={busy}
          error={actionError}
          onConfirm={() => void remove(dialog.dept)}
          onClose={closeDialog}
        />
      )}
    </Stack>
  );
}

function NameModal(props: { title: string; initial: string; onSubmit: (name: string) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(name.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={props.onClose} title={props.title}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <ErrorAlert message={formError(t, error, ['name'])} />
          <TextInput label={t('departments.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(t, error, 'name')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function HeadModal(props: { dept: Department; onSubmit: (headId: number | null) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [headId, setHeadId] = useState<number | null>(props.dept.headId);
  const [headName, setHeadName] = useState<string | null>(props.dept.headName);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(headId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={props.onClose} title={t('departments.headTitle', { name: props.dept.name })}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(t, error, ['headId'])} />
          <StaffPicker
            label={t('departments.headLabel')}
            value={headId}
            valueName={headName}
            onChange={(id, name) => {
              setHeadId(id);
              setHeadName(name);
            }}
            error={fieldError(t, error, 'headId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
