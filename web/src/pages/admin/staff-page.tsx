import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { DEPARTMENTS_KEY } from '../../api/org.ts';
import { ROLES } from '../../../../src/domain/org/roles.ts';
import type { Page, Role, Staff } from '../../api/types.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SecretModal } from '../../components/secret-modal.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { StaffFormModal } from './staff-form-modal.tsx';

const PAGE_SIZE = 25;

type Dialog =
  | { kind: 'form'; staff: Staff | null }
  | { kind: 'deactivate'; staff: Staff }
  | { kind: 'reset'; staff: Staff }
  | { kind: 'secret'; name: string; password: string };

export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const filters = { q: debouncedQ || undefined, departmentId: departmentId ?? undefined, role: role ?? undefined, active: active === 'all' ? undefined : active };
  const list = useInfiniteQuery({
    queryKey: ['staff', 'list', filters],
    queryFn: ({ pageParam }) => api.get<Page<Staff>>('/api/staff', { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['staff'] });
    await queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
  };

  const closeDialog = () => {
    setDialog(null);
    setActionError(null);
  };

  const setActiveFlag = async (staff: Staff, value: boolean) => {
    setBusy(true);
    setActionError(null);
    try {
      await api.patch<Staff>(`/api/staff/${staff.id}`, { active: value });
      await refresh();
      setDialog(null);
      status.success(t(value ? 'staff.reactivated' : 'staff.deactivated', { name: staff.name }));
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  const resetPassword = async (staff: Staff) => {
    setBusy(true);
    setActionError(null);
    try {
      const { password } = await api.post<{ password: string }>(`/api/staff/${staff.id}/password`, {});
      setDialog({ kind: 'secret', name: staff.name, password });
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('staff.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('staff.intro')}
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'form', staff: null })}>{t('staff.add')}</Button>
      </Group>

      <StatusMessage status={status.status} onClose={status.clear} />

      <Group align="flex-end" gap="sm" role="search">
        <TextInput label={t('staff.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={260} />
        <DepartmentSelect label={t('staff.filterDepartment')} placeholder={t('common.all')} value={departmentId} onChange={setDepartmentId} includeInactive />
        <Select
          label={t('staff.filterRole')}
          placeholder={t('common.all')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => setRole(v as Role | null)}
          clearable
          w={200}
        />
        <Select
          label={t('staff.filterActive')}
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          value={active}
          onChange={(v) => setActive((v ?? 'all') as 'all' | 'true' | 'false')}
          allowDeselect={false}
          w={140}
        />
      </Group>

      <ErrorAlert error={list.error} />

      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.name')}</Table.Th>
              <Table.Th scope="col">{t('staff.email')}</Table.Th>
              <Table.Th scope="col">{t('staff.department')}</Table.Th>
              <Table.Th scope="col">{t('staff.staffClass')}</Table.Th>
              <Table.Th scope="col">{t('staff.roles')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={500}>
                  {s.name}
                </Table.Th>
                <Table.Td>{s.email}</Table.Td>
                <Table.Td>{s.departmentName ?? '—'}</Table.Td>
                <Table.Td>{t(`staffClass.${s.staffClass}`)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {s.roles.map((r) => (
                      <Badge key={r} variant="light" size="sm">
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                    {s.seniorManager && (
                      <Badge variant="light" size="sm">
                        {t('staff.seniorManagerBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge variant={s.active ? 'light' : 'outline'} color={s.active ? 'green' : 'gray'} size="sm">
                    {s.active ? t('common.active') : t('common.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" onClick={() => setDialog({ kind: 'form', staff: s })}>
                      {t('common.edit')}
                      <VisuallyHidden component="span"> {s.name}</VisuallyHidden>
                    </Button>
                    {s.active ? (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDialog({ kind: 'deactivate', staff: s })}>
                        {t('staff.deactivate')}
                        <VisuallyHidden component="span"> {s.name}</VisuallyHidden>
                      </Button>
                    ) : (
                      <Button size="compact-sm" variant="subtle" loading={busy} onClick={() => void setActiveFlag(s, true)}>
                        {t('staff.reactivate')}
                        <VisuallyHidden component="span"> {s.name}</VisuallyHidden>
                      </Button>
                    )}
                    <Button size="compact-sm" variant="subtle" onClick={() => setDialog({ kind: 'reset', staff: s })}>
                      {t('staff.resetPassword')}
                      <VisuallyHidden component="span"> {s.name}</VisuallyHidden>
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {list.isPending && <Text>{t('common.loading')}</Text>}
      {!list.isPending && rows.length === 0 && <Text>{t('common.noResults')}</Text>}
      <Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('common.count', { count: rows.length })}
        </Text>
        {list.hasNextPage ? (
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Group>

      {dialog?.kind === 'form' && (
        <StaffFormModal
          staff={dialog.staff}
          onClose={closeDialog}
          onSaved={(saved, created) => {
            void refresh();
            if (created && saved.generatedPassword) setDialog({ kind: 'secret', name: saved.name, password: saved.generatedPassword });
            else setDialog(null);
            status.success(t(created ? 'staff.created' : 'staff.saved', { name: saved.name }));
          }}
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <ConfirmModal
          opened
          title={t('staff.deactivateTitle', { name: dialog.staff.name })}
          body={t('staff.deactivateBody', { name: dialog.staff.name })}
          confirmLabel={t('staff.deactivate')}
          danger
          loading={busy}
          error={actionError}
          onConfirm={() => void setActiveFlag(dialog.staff, false)}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ConfirmModal
          opened
          title={t('staff.resetTitle', { name: dialog.staff.name })}
          body={t('staff.resetBody', { name: dialog.staff.name })}
          confirmLabel={t('staff.resetPassword')}
          loading={busy}
          error={actionError}
          onConfirm={() => void resetPassword(dialog.staff)}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'secret' && (
        <SecretModal
          opened
          title={t('staff.generatedTitle', { name: dialog.name })}
          body={t('staff.generatedBody', { name: dialog.name })}
          label={t('signIn.password')}
          secret={dialog.password}
          onClose={closeDialog}
        />
      )}
    </Stack>
  );
}
