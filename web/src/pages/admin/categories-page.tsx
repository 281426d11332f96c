import { Button, Group, Menu, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAllCategories } from '../../api/org.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { Category } from '../../api/types.ts';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { TreeAdminPage, TreeItemName } from '../../components/tree-admin-page.tsx';
import { fieldError, formError } from '../../lib/errors.ts';
import { AppModal } from '../../components/app-modal.tsx';

type Dialog = { kind: 'create'; parent: Category | null } | { kind: 'edit'; category: Category };

export function CategoriesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useAllCategories();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.org.categories() });

  return (
    <TreeAdminPage<Category, Dialog>
      texts="categories"
      query={categories}
      endpoint="/api/categories"
      refresh={refresh}
      introMaw={720}
      createDialog={(parent) => ({ kind: 'create', parent })}
      renderDetails={(c) => (
        <Stack gap={0}>
          <Group gap="sm" wrap="wrap">
            <TreeItemName item={c} />
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
      )}
      menuItems={(c, open, moveItem) => (
        <>
          <Menu.Item onClick={() => open({ kind: 'edit', category: c })}>{t('categories.edit')}</Menu.Item>
          {moveItem}
        </>
      )}
      renderDialog={(dialog, ctx) => (
        <CategoryFormModal
          category={dialog.kind === 'edit' ? dialog.category : null}
          parent={dialog.kind === 'create' ? dialog.parent : null}
          onClose={ctx.close}
          onSaved={async (saved, created) => {
            await refresh();
            if (created && saved.parentId !== null) ctx.expand(saved.parentId);
            ctx.close();
            ctx.status.success(t(created ? 'categories.created' : 'categories.saved', { name: saved.name }));
          }}
        />
      )}
    />
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
