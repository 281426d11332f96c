import { Badge, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useCurrentUser } from '../api/session.ts';
import type { ApiToken, CreatedApiToken } from '../api/types.ts';
import { ConfirmModal } from '../components/confirm-modal.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { SecretModal } from '../components/secret-modal.tsx';
import { StatusMessage, useStatus } from '../components/status-message.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { fieldError, formError } from '../lib/errors.ts';
import { formatDate, formatDateTime, startOfNextLocalDay } from '../lib/format.ts';

const TOKENS_KEY = ['tokens'] as const;

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const user = useCurrentUser();
  const status = useStatus();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('account.title')}</Title>
      <StatusMessage status={status.status} onClose={status.clear} />
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t('account.profile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text>
            <strong>{t('account.name')}:</strong> {user.name}
          </Text>
          <Text>
            <strong>{t('account.email')}:</strong> {user.email}
          </Text>
          <Text>
            <strong>{t('account.department')}:</strong> {user.departmentName ?? t('common.none')}
          </Text>
          <Group gap={6}>
            <Text fw={700}>{t('account.roles')}:</Text>
            {user.roles.map((r) => (
              <Badge key={r} variant="light">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
        </SimpleGrid>
      </Card>
      <ChangePassword onDone={() => status.success(t('account.passwordChanged'))} />
      <Tokens onRevoked={(name) => status.success(t('account.tokenRevoked', { name }))} />
    </Stack>
  );
}

function ChangePassword({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/session/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="password-title">
      <Title order={2} size="h3" id="password-title">
        {t('account.passwordTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.passwordIntro')}
      </Text>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack maw={420}>
          <ErrorAlert message={formError(t, error, ['currentPassword', 'newPassword'])} />
          <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={fieldError(t, error, 'currentPassword')} />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.newPasswordHint')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => {
              setNext(e.currentTarget.value);
              setMismatch(false);
            }}
            error={fieldError(t, error, 'newPassword')}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              setMismatch(false);
            }}
            error={mismatch ? t('errors.passwordsDiffer') : undefined}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Tokens({ onRevoked }: { onRevoked: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.get<{ items: ApiToken[] }>('/api/tokens') });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<CreatedApiToken>('/api/tokens', { name: name.trim(), expiresAt: expires ? startOfNextLocalDay(expires) ?? null : null });
      setCreated({ name: answer.name, token: answer.token });
      setName('');
      setExpires('');
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    setBusy(true);
    setRevokeError(null);
    try {
      await api.delete(`/api/tokens/${token.id}`);
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      setRevoking(null);
      onRevoked(token.name);
    } catch (err) {
      setRevokeError(err);
    } finally {
      setBusy(false);
    }
  };

  const now = Date.now();
  const stateOf = (tok: ApiToken) =>
    tok.revokedAt ? t('account.revoked') : tok.expiresAt && new Date(tok.expiresAt).getTime() <= now ? t('account.expired') : t('account.valid');

  return (
    <Card withBorder component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h3" id="tokens-title">
        {t('account.tokensTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.tokensIntro')}
      </Text>
      <form onSubmit={(e) => void create(e)} noValidate>
        <Stack gap="xs" mb="md">
          <ErrorAlert message={formError(t, error, ['name', 'expiresAt'])} />
          <Group align="flex-start">
            <TextInput label={t('account.tokenName')} description={t('account.tokenNameHint')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(t, error, 'name')} w={300} />
            <TextInput label={t('account.tokenExpires')} type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} error={fieldError(t, error, 'expiresAt')} w={200} />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('account.createToken')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={tokens.error} />
      {tokens.data && tokens.data.items.length === 0 && <Text>{t('account.noTokens')}</Text>}
      {tokens.data && tokens.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('account.tokenName')}</Table.Th>
                <Table.Th scope="col">{t('account.prefix')}</Table.Th>
                <Table.Th scope="col">{t('account.created')}</Table.Th>
                <Table.Th scope="col">{t('account.expires')}</Table.Th>
                <Table.Th scope="col">{t('account.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Th scope="row" fw={500}>
                    {tok.name}
                  </Table.Th>
                  <Table.Td>
                    <code>{tok.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(tok.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{tok.expiresAt ? formatDate(tok.expiresAt, i18n.language) : t('account.noExpiry')}</Table.Td>
                  <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, i18n.language) : t('account.never')}</Table.Td>
                  <Table.Td>
                    <Badge variant={tok.revokedAt ? 'outline' : 'light'} color={tok.revokedAt ? 'gray' : 'green'} size="sm">
                      {stateOf(tok)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!tok.revokedAt && (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(tok)}>
                        {t('account.revoke')}
                        <VisuallyHidden component="span"> {tok.name}</VisuallyHidden>
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {created && (
        <SecretModal
          opened
          title={t('account.tokenCreatedTitle', { name: created.name })}
          body={t('account.tokenCreatedBody')}
          label={t('account.tokenSecret')}
          secret={created.token}
          onClose={() => setCreated(null)}
        />
      )}
      {revoking && (
        <ConfirmModal
          opened
          title={t('account.revokeTitle', { name: revoking.name })}
          body={t('account.revokeBody')}
          confirmLabel={t('account.revoke')}
          danger
          loading={busy}
          error={revokeError}
          onConfirm={() => void revoke(revoking)}
          onClose={() => {
            setRevoking(null);
            setRevokeError(null);
          }}
        />
      )}
    </Card>
  );
}
