import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { portalSignIn, portalSignUp } from '../api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { portalFieldError, portalFormError } from '../errors.ts';
import { usePortalTitle } from '../use-portal-title.ts';

const FIELDS = ['name', 'email', 'phone', 'password'] as const;

/**
 * Opens an account, then signs in with it. The server answers the same whether or not the email
 * already had an account; when signing in then fails, the customer is sent to sign in with the
 * password they already had.
 */
export function PortalSignUpPage() {
  const { t } = useTranslation('portal');
  usePortalTitle(t('signUp.title'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', email: '', phone: '', password: '' });
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const localError = (field: (typeof FIELDS)[number]): string | undefined => {
    if (!checked) return undefined;
    if (field === 'name' && !form.name.trim()) return t('errors.required');
    if (field === 'email' && !form.email.trim()) return t('errors.required');
    if (field === 'email' && !/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) return t('errors.email');
    if (field === 'password' && (form.password.length < 8 || form.password.length > 200)) return t('errors.passwordLength');
    return undefined;
  };
  const fieldMessage = (field: (typeof FIELDS)[number]) => localError(field) ?? portalFieldError(t, error, field);

  const set = (field: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
    if (error instanceof ApiError && error.field === field) setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const invalid = FIELDS.some((f) => {
      if (f === 'name') return !form.name.trim();
      if (f === 'email') return !/^[^\s@]+@[^\s@]+$/.test(form.email.trim());
      if (f === 'password') return form.password.length < 8 || form.password.length > 200;
      return false;
    });
    if (invalid) return;
    setBusy(true);
    setError(null);
    const email = form.email.trim();
    try {
      await portalSignUp({ email, password: form.password, name: form.name.trim(), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) });
    } catch (err) {
      setError(err);
      setBusy(false);
      return;
    }
    try {
      await portalSignIn(queryClient, email, form.password);
      navigate('/portal/requests', { replace: true });
    } catch {
      // The email already had an account with another password: sign in with that one.
      navigate('/portal', { replace: true, state: { signedUp: true, email } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center>
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={480}>
        <Stack>
          <Title order={1} size="h2">
            {t('signUp.title')}
          </Title>
          <Text size="sm">{t('signUp.subtitle')}</Text>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              <PortalErrorAlert message={portalFormError(t, error, FIELDS)} />
              <TextInput label={t('signUp.name')} name="name" autoComplete="name" required value={form.name} onChange={set('name')} error={fieldMessage('name')} maxLength={200} autoFocus />
              <TextInput label={t('signUp.email')} type="email" name="email" autoComplete="email" required value={form.email} onChange={set('email')} error={fieldMessage('email')} maxLength={254} />
              <TextInput
                label={`${t('signUp.phone')} (${t('common.optional')})`}
                type="tel"
                name="phone"
                autoComplete="tel"
                value={form.phone}
                onChange={set('phone')}
                error={fieldMessage('phone')}
                maxLength={50}
              />
              <PasswordInput
                label={t('signUp.password')}
                description={t('signUp.passwordHint')}
                name="password"
                autoComplete="new-password"
                required
                value={form.password}
                onChange={set('password')}
                error={fieldMessage('password')}
              />
              <Button type="submit" loading={busy}>
                {t('signUp.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm">
            {t('signUp.haveAccount')}{' '}
            <Anchor component={Link} to="/portal">
              {t('signUp.signInLink')}
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
