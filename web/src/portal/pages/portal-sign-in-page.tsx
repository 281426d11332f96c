import { Alert, Anchor, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { portalSignIn, usePortalSession } from '../api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { usePortalTitle } from '../use-portal-title.ts';

/** Only portal paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/portal/') && !next.startsWith('//') ? next : '/portal/requests';
}

export function PortalSignInPage() {
  const { t } = useTranslation('portal');
  usePortalTitle(t('signIn.title'));
  const session = usePortalSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const signedUp = (location.state as { signedUp?: boolean; email?: string } | null) ?? null;
  const [email, setEmail] = useState(signedUp?.email ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  if (session.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.data && !busy) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await portalSignIn(queryClient, email.trim(), password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center>
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440}>
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text size="sm">{t('signIn.subtitle')}</Text>
          {signedUp?.signedUp && (
            <Alert color="blue" variant="light" role="status">
              {t('signUp.answer')}
            </Alert>
          )}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              {error ? <PortalErrorAlert error={error} /> : null}
              <TextInput
                label={t('signIn.email')}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => {
                  setEmail(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing && !email.trim() ? t('errors.required') : undefined}
                autoFocus={!signedUp?.email}
              />
              <PasswordInput
                label={t('signIn.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => {
                  setPassword(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing && !password ? t('errors.required') : undefined}
                autoFocus={Boolean(signedUp?.email)}
              />
              <Button type="submit" loading={busy}>
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm">
            {t('signIn.noAccount')}{' '}
            <Anchor component={Link} to="/portal/sign-up">
              {t('signIn.signUpLink')}
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
