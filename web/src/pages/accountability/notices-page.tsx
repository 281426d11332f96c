import { Badge, Button, Card, Checkbox, Group, Radio, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshAccountability, type Notice, type NoticeKind, type NoticeReceipts } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import type { Page } from '../../api/types.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';

/** The company-wide board of criticism and commendation, with read receipts. */
export function NoticesPage() {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('notices.title'));
  const user = useCurrentUser();
  const isOffice = hasRole(user.roles, 'office');
  const queryClient = useQueryClient();
  const status = useStatus();
  const [publishing, setPublishing] = useState(false);
  const [receiptsFor, setReceiptsFor] = useState<Notice | null>(null);
  const [withdrawing, setWithdrawing] = useState<Notice | null>(null);
  // The office's history: withdrawn notices too, marked as such.
  const [history, setHistory] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useInfiniteQuery({
    queryKey: ['accountability', 'notices', 'board', history],
    queryFn: ({ pageParam }) => api.get<Page<Notice> & { unread: number }>('/api/notices', { limit: 20, cursor: pageParam ?? undefined, history: history || undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const notices = list.data?.pages.flatMap((p) => p.items) ?? [];

  const markRead = async (notice: Notice) => {
    setBusy(notice.id);
    setError(null);
    try {
      await api.post(`/api/notices/${notice.id}/read`);
      await refreshAccountability(queryClient);
      status.success(t('notices.markedRead', { title: notice.title }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('notices.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('notices.intro')}
          </Text>
        </div>
        {isOffice && <Button onClick={() => setPublishing(true)}>{t('notices.publish')}</Button>}
      </Group>
      {isOffice && <Checkbox label={t('notices.showWithdrawn')} checked={history} onChange={(e) => setHistory(e.currentTarget.checked)} />}
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={list.error ?? error} />
      {list.isPending && <Text>{tc('common.loading')}</Text>}
      {!list.isPending && notices.length === 0 && <Text>{t('notices.empty')}</Text>}
      <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }} data-testid="notice-board">
        {notices.map((n) => (
          <Card component="li" key={n.id} withBorder padding="md" data-testid="notice">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Group gap="xs">
                  <Badge color={n.kind === 'criticism' ? 'red' : 'green'} variant={n.kind === 'criticism' ? 'filled' : 'light'} tt="none">
                    {t(`notices.kinds.${n.kind}`)}
                  </Badge>
                  {n.withdrawnAt && (
                    <Badge color="gray" variant="outline" tt="none">
                      {t('notices.withdrawn')}
                    </Badge>
                  )}
                  <Title order={2} size="h4">
                    {n.title}
                  </Title>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('notices.published', { date: formatDateTime(n.publishedAt, i18n.language), name: n.publishedByName ?? '' })}
                </Text>
              </Group>
              {(n.personName || n.departmentName) && (
                <Text size="sm">{t('notices.about', { name: [n.personName, n.departmentName].filter(Boolean).join(' · ') })}</Text>
              )}
              <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
              {n.withdrawnAt && (
                <Text size="sm" c="dimmed" data-testid="withdrawn">
                  {t('notices.withdrawnOn', { date: formatDateTime(n.withdrawnAt, i18n.language), name: n.withdrawnByName ?? '', reason: n.withdrawnReason ?? '' })}
                </Text>
              )}
              <Group justify="space-between">
                {n.withdrawnAt ? (
                  <span />
                ) : n.readAt ? (
                  <Text size="sm" c="dimmed" data-testid="read-at">
                    {t('notices.readOn', { date: formatDateTime(n.readAt, i18n.language) })}
                  </Text>
                ) : (
                  <Button size="xs" variant="light" loading={busy === n.id} onClick={() => void markRead(n)} aria-label={t('notices.markReadNamed', { title: n.title })}>
                    {t('notices.markRead')}
                  </Button>
                )}
                {isOffice && (
                  <Group gap="xs">
                    <Button size="xs" variant="subtle" onClick={() => setReceiptsFor(n)}>
                      {t('notices.receiptsButton', { count: n.readCount })}
                    </Button>
                    {!n.withdrawnAt && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setWithdrawing(n)} aria-label={t('notices.withdrawNamed', { title: n.title })}>
                        {t('notices.withdraw')}
                      </Button>
                    )}
                  </Group>
                )}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {tc('common.loadMore')}
        </Button>
      )}
      {publishing && (
        <PublishModal
          onClose={() => setPublishing(false)}
          onDone={async (n) => {
            setPublishing(false);
            await refreshAccountability(queryClient);
            status.success(t('notices.publishedMessage', { title: n.title }));
          }}
        />
      )}
      {receiptsFor && <ReceiptsModal notice={receiptsFor} onClose={() => setReceiptsFor(null)} />}
      {withdrawing && (
        <WithdrawModal
          notice={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={async (n) => {
            setWithdrawing(null);
            await refreshAccountability(queryClient);
            status.success(t('notices.withdrawnMessage', { title: n.title }));
          }}
        />
      )}
    </Stack>
  );
}

/** The office takes a notice off the board, saying why; it stays in the history. */
function WithdrawModal({ notice, onClose, onDone }: { notice: Notice; onClose: () => void; onDone: (n: Notice) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Notice>(`/api/notices/${notice.id}/withdraw`, { reason }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('notices.withdrawTitle', { title: notice.title })}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['reason'])} />
          <Textarea label={t('notices.withdrawReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'reason')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('notices.withdrawSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function PublishModal({ onClose, onDone }: { onClose: () => void; onDone: (n: Notice) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [kind, setKind] = useState<NoticeKind>('commendation');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [personId, setPersonId] = useState<number | null>(null);
  const [personName, setPersonName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Notice>('/api/notices', { kind, title, body, personId }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('notices.publish')} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['title', 'body', 'personId', 'kind'])} />
          <Radio.Group label={t('notices.kind')} value={kind} onChange={(v) => setKind(v as typeof kind)}>
            <Group mt="xs">
              <Radio value="commendation" label={t('notices.kinds.commendation')} />
              <Radio value="criticism" label={t('notices.kinds.criticism')} />
            </Group>
          </Radio.Group>
          <TextInput label={t('notices.noticeTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'title')} data-autofocus />
          <Textarea label={t('notices.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} required autosize minRows={4} maxLength={10000} error={fieldError(tc, error, 'body')} />
          <StaffPicker label={t('notices.person')} value={personId} valueName={personName} onChange={(id, name) => { setPersonId(id); setPersonName(name); }} error={fieldError(tc, error, 'personId')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('notices.publishSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function ReceiptsModal({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const receipts = useQuery({ queryKey: ['accountability', 'receipts', notice.id], queryFn: () => api.get<NoticeReceipts>(`/api/notices/${notice.id}/receipts`) });
  return (
    <AppModal opened onClose={onClose} title={t('notices.receiptsTitle', { title: notice.title })} size="lg">
      <Stack>
        <ErrorAlert error={receipts.error} />
        {receipts.isPending && <Text>{tc('common.loading')}</Text>}
        {receipts.data && (
          <>
            <Text data-testid="receipt-count">{t('notices.receiptsSummary', { read: receipts.data.readCount, total: receipts.data.staffCount })}</Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('common.person')}</Table.Th>
                  <Table.Th scope="col">{t('common.department')}</Table.Th>
                  <Table.Th scope="col">{t('notices.readAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {receipts.data.items.map((r) => (
                  <Table.Tr key={r.staffId}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.departmentName ?? '–'}</Table.Td>
                    <Table.Td>{r.readAt ? formatDateTime(r.readAt, i18n.language) : t('notices.notYetRead')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </AppModal>
  );
}
