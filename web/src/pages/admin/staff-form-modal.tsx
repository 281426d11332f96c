import { Button, Checkbox, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ROLES, STAFF_CLASSES } from '../../../../src/domain/org/roles.ts';
import type { Role, Staff, StaffClass } from '../../api/types.ts';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError, formError } from '../../lib/errors.ts';
import { AppModal } from '../../components/app-modal.tsx';

const FIELDS = ['email', 'name', 'phone', 'departmentId', 'staffClass', 'roles', 'seniorManager', 'password', 'active'] as const;

/** Add a staff member (staff = null) or edit one. */
export function StaffFormModal(props: {
  staff: Staff | null;
  onClose: () => void;
  onSaved: (staff: Staff & { generatedPassword?: string | null }, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const editing = props.staff;
  const [email, setEmail] = useState(editing?.email ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [phone, setPhone] = useState(editing?.phone ?? '');
  const [departmentId, setDepartmentId] = useState<number | null>(editing?.departmentId ?? null);
  const [staffClass, setStaffClass] = useState<StaffClass>(editing?.staffClass ?? 'functional');
  const [roles, setRoles] = useState<Role[]>(editing?.roles ?? ['agent']);
  const [seniorManager, setSeniorManager] = useState(editing?.seniorManager ?? false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [rolesMissing, setRolesMissing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (roles.length === 0) {
      setRolesMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { email: email.trim(), name: name.trim(), phone: phone.trim() || null, departmentId, staffClass, roles, seniorManager };
      if (editing) {
        const saved = await api.patch<Staff>(`/api/staff/${editing.id}`, body);
        props.onSaved(saved, false);
      } else {
        const saved = await api.post<Staff & { generatedPassword: string | null }>('/api/staff', password ? { ...body, password } : body);
        props.onSaved(saved, true);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={props.onClose} title={editing ? t('staff.editTitle', { name: editing.name }) : t('staff.createTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <ErrorAlert message={formError(t, error, FIELDS)} />
          <TextInput label={t('staff.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(t, error, 'name')} data-autofocus />
          <TextInput label={t('staff.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError(t, error, 'email')} />
          <TextInput label={t('staff.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={fieldError(t, error, 'phone')} />
          <DepartmentSelect label={t('staff.department')} placeholder={t('staff.noDepartment')} value={departmentId} onChange={setDepartmentId} error={fieldError(t, error, 'departmentId')} />
          <Select
            label={t('staff.staffClass')}
            data={STAFF_CLASSES.map((c) => ({ value: c, label: t(`staffClass.${c}`) }))}
            value={staffClass}
            onChange={(v) => v && setStaffClass(v as StaffClass)}
            allowDeselect={false}
            error={fieldError(t, error, 'staffClass')}
          />
          <Checkbox.Group
            label={t('staff.roles')}
            required
            value={roles}
            onChange={(v) => {
              setRoles(v as Role[]);
              setRolesMissing(false);
            }}
            error={rolesMissing ? t('staff.rolesRequired') : fieldError(t, error, 'roles')}
          >
            <Group mt="xs">
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={t('staff.seniorManager')}
            description={t('staff.seniorManagerHint')}
            checked={seniorManager}
            onChange={(e) => setSeniorManager(e.currentTarget.checked)}
            error={fieldError(t, error, 'seniorManager')}
          />
          {!editing && (
            <PasswordInput
              label={t('staff.password')}
              description={t('staff.passwordHint')}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(t, error, 'password')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
