import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { CHANNELS, PRIORITIES, STATUSES, VIEWS, isView, useTicketCounts, type Ticket, type TicketView } from '../../api/tickets.ts';
import type { Page } from '../../api/types.ts';
import { CategorySelect } from '../../components/category-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PriorityBadge, StatusBadge } from '../../components/ticket-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDateTime, startOfLocalDay, startOfNextLocalDay } from '../../lib/format.ts';
import { NotFoundPage } from '../not-found-page.tsx';

const PAGE_SIZE = 25;

/** The queue links with their counts; shared by the queue page and (as nav links) the layout. */
export function QueueNav({ current }: { current: TicketView }) {
  const { t } = useTranslation();
  const counts = useTicketCounts();
  return (
    <Group component="nav" aria-label={t('queue.navLabel')} gap={6}>
      {VIEWS.map((v) => {
        const count = v === 'all' ? undefined : counts.data?.[v];
        const active = v === current;
        return (
          <Button
            key={v}
            component={Link}
            to={`/queues/${v}`}
            size="compact-sm"
            variant={active ? 'filled' : 'default'}
            aria-current={active ? 'page' : undefined}
            rightSection={
              count === undefined ? undefined : (
                <Badge size="sm" variant={active ? 'white' : 'light'} circle={count < 10}>
                  {count}
                </Badge>
              )
            }
          >
            {t(`views.${v}`)}
          </Button>
        );
      })}
    </Group>
  );
}

export function QueuePage() {
  const { view: raw } = useParams();
  if (!isView(raw)) return <NotFoundPage />;
  // A new view starts with fresh filters.
  return <Queue key={raw} view={raw} />;
}

function Queue({ view }: { view: TicketView }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t(`views.${view}`));
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<'newest' | 'oldest'>('newest');

  const filters = {
    view,
    q: debouncedQ || undefined,
    status: status ?? undefined,
    priority: priority ?? undefined,
    channel: channel ?? undefined,
    categoryId: categoryId ?? undefined,
    from: from ? startOfLocalDay(from) : undefined,
    to: to ? startOfNextLocalDay(to) : undefined,
    sort,
  };
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'list', filters],
    queryFn: ({ pageParam }) => api.get<Page<Ticket>>('/api/tickets', { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyFilter = Boolean(q || status || priority || channel || categoryId || from || to);
  const clear = () => {
    setQ('');
    setStatus(null);
    setPriority(null);
    setChannel(null);
    setCategoryId(null);
    setFrom('');
    setTo('');
  };

  return (
    <Stack>
      <div>
        <Title order={1}>{t(`views.${view}`)}</Title>
        <Text size="sm" c="dimmed">
          {t(`viewHints.${view}`)}
        </Text>
      </div>
      <QueueNav current={view} />

      <Group align="flex-end" gap="sm" role="search" aria-label={t('queue.filters')}>
        <TextInput label={t('queue.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} />
        <Select
          label={t('queue.status')}
          placeholder={t('common.all')}
          data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={190}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('queue.priority')}
          placeholder={t('common.all')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          value={priority}
          onChange={setPriority}
          clearable
          w={130}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('queue.channel')}
          placeholder={t('common.all')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={channel}
          onChange={setChannel}
          clearable
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
        <CategorySelect label={t('queue.category')} placeholder={t('common.all')} value={categoryId} onChange={(id) => setCategoryId(id)} includeInactive w={220} />
        <TextInput label={t('queue.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={160} />
        <TextInput label={t('queue.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
        <Select
          label={t('queue.sort')}
          data={[
            { value: 'newest', label: t('queue.newest') },
            { value: 'oldest', label: t('queue.oldest') },
          ]}
          value={sort}
          onChange={(v) => setSort((v ?? 'newest') as 'newest' | 'oldest')}
          allowDeselect={false}
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
        {anyFilter && (
          <Button variant="subtle" onClick={clear}>
            {t('queue.clear')}
          </Button>
        )}
      </Group>

      <ErrorAlert error={list.error} />

      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="queue-table">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
            {t('queue.caption', { view: t(`views.${view}`) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ticketFields.number')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.subject')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.customer')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.status')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.priority')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.owner')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.handler')}</Table.Th>
              <Table.Th scope="col">{t('ticketFields.registeredAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/tickets/${r.id}`}>
                    {r.number}
                  </Anchor>
                </Table.Th>
                <Table.Td>{r.subject}</Table.Td>
                <Table.Td>
                  {r.customerName ?? '—'}
                  {r.customerOrganisation ? (
                    <Text size="xs" c="dimmed">
                      {r.customerOrganisation}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={r.priority} />
                </Table.Td>
                <Table.Td>{r.ownerName ?? '—'}</Table.Td>
                <Table.Td>{r.handlerName ?? (r.handlerDepartmentName ? `(${r.handlerDepartmentName})` : '—')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.registeredAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {list.isPending && <Text>{t('common.loading')}</Text>}
      {!list.isPending && rows.length === 0 && <Text>{t('queue.empty')}</Text>}
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
    </Stack>
  );
}
