import { Button, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAllDepartments } from '../../api/org.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { Department } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { TreeAdminPage, TreeItemName } from '../../components/tree-admin-page.tsx';
import { fieldError, formError } from '../../lib/errors.ts';
import { AppModal } from '../../components/app-modal.tsx';

type Dialog = { kind: 'create'; parent: Department | null } | { kind: 'rename'; dept: Department } | { kind: 'head'; dept: Department };

export function DepartmentsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const departments = useAllDepartments();
  // A department's name and head show in the category tree and the staff lists too.
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.org.departments() });
    await queryClient.invalidateQueries({ queryKey: queryKeys.org.categories() });
    await queryClient.invalidateQueries({ queryKey: queryKeys.org.staff() });
  };

  return (
    <TreeAdminPage<Department, Dialog>
      texts="departments"
      query={departments}
      endpoint="/api/departments"
      refresh={refresh}
      expandAfterMove
      createDialog={(parent) => ({ kind: 'create', parent })}
      renderDetails={(d) => (
        <Group gap="sm" wrap="wrap">
          <TreeItemName item={d} />
          <Text size="sm">
            {t('departments.head')}: {d.headName ?? t('departments.noHead')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('departments.staffCount', { count: d.staffCount })}
          </Text>
        </Group>
      )}
      menuItems={(d, open, moveItem) => (
        <>
          <Menu.Item onClick={() => open({ kind: 'rename', dept: d })}>{t('departments.rename')}</Menu.Item>
          {moveItem}
          <Menu.Item onClick={() => open({ kind: 'head', dept: d })}>{t('departments.setHead')}</Menu.Item>
        </>
      )}
      renderDialog={(dialog, ctx) =>
        dialog.kind === 'head' ? (
          <HeadModal dept={dialog.dept} onClose={ctx.close} onSubmit={(headId) => ctx.patch(dialog.dept, { headId }, 'departments.saved').then(() => undefined)} />
        ) : (
          <NameModal
            title={
              dialog.kind === 'rename'
                ? t('departments.renameTitle', { name: dialog.dept.name })
                : dialog.parent
                  ? t('departments.createChildTitle', { name: dialog.parent.name })
                  : t('departments.createTitle')
            }
            initial={dialog.kind === 'rename' ? dialog.dept.name : ''}
            onClose={ctx.close}
            onSubmit={async (name) => {
              if (dialog.kind === 'rename') {
                await ctx.patch(dialog.dept, { name }, 'departments.saved');
              } else {
                const created = await api.post<Department>('/api/departments', { name, parentId: dialog.parent?.id ?? null });
                await ctx.refresh();
                ctx.expand(dialog.parent?.id ?? null);
                ctx.close();
                ctx.status.success(t('departments.created', { name: created.name }));
              }
            }}
          />
        )
      }
    />
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
