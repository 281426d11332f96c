import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { CHANNELS, PRIORITIES, SORTS, STATUSES, VIEWS, isView, useTicketCounts, type Customer, type TicketFilters, type TicketListItem, type TicketView } from '../../api/tickets.ts';
import type { Page } from '../../api/types.ts';
import { CategorySelect } from '../../components/category-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PriorityBadge, StatusBadge } from '../../components/ticket-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDateTime, startOfLocalDay, startOfNextLocalDay } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/url-params.ts';
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

type QueueParam = 'q' | 'status' | 'priority' | 'channel' | 'categoryId' | 'customerId' | 'from' | 'to' | 'sort';

/** The filters as the URL holds them; a value that is not valid (an edited or old bookmark) counts as absent. */
function readQueueParams(params: URLSearchParams) {
  const oneOf = <T extends string>(key: QueueParam, allowed: readonly T[]): T | null => {
    const v = params.get(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null;
  };
  const id = (key: QueueParam) => {
    const v = params.get(key);
    return v !== null && /^[1-9]\d{0,14}$/.test(v) ? Number(v) : null;
  };
  const day = (key: QueueParam) => {
    const v = params.get(key);
    return v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '';
  };
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: oneOf('status', STATUSES),
    priority: oneOf('priority', PRIORITIES),
    channel: oneOf('channel', CHANNELS),
    categoryId: id('categoryId'),
    customerId: id('customerId'),
    from: day('from'),
    to: day('to'),
    sort: oneOf('sort', SORTS) ?? 'newest',
  };
}

/**
 * A queue. Its filters live in the URL (?status=…&sort=due), so a filtered queue can be bookmarked,
 * shared and reloaded, and back/forward step through filter changes.
 */
function Queue({ view }: { view: TicketView }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t(`views.${view}`));
  const [params, update] = useUrlParams<QueueParam>();
  const f = readQueueParams(params);

  // The search box is typed into; its text reaches the URL once typing pauses, and follows the URL back.
  const [q, setQ] = useState(f.q);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const urlQ = f.q;
  const urlQRef = useRef(urlQ);
  urlQRef.current = urlQ;
  // Only a paused edit of the box writes the URL (the URL's own changes come back through the effect below).
  useEffect(() => {
    if (debouncedQ !== urlQRef.current.trim()) update({ q: debouncedQ || null });
  }, [debouncedQ]);
  useEffect(() => {
    setQ((current) => (current.trim() === urlQ.trim() ? current : urlQ));
  }, [urlQ]);

  const filters: TicketFilters = {
    q: f.q.trim() || undefined,
    status: f.status ?? undefined,
    priority: f.priority ?? undefined,
    channel: f.channel ?? undefined,
    categoryId: f.categoryId ?? undefined,
    customerId: f.customerId ?? undefined,
    from: f.from ? startOfLocalDay(f.from) : undefined,
    to: f.to ? startOfNextLocalDay(f.to) : undefined,
    sort: f.sort,
  };
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'list', view, filters],
    queryFn: ({ pageParam }) => api.get<Page<TicketListItem>>('/api/tickets', { view, ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyFilter = Boolean(q.trim() || f.q || f.status || f.priority || f.channel || f.categoryId || f.customerId || f.from || f.to);
  const clear = () => {
    setQ('');
    update({ q: null, status: null, priority: null, channel: null, categoryId: null, customerId: null, from: null, to: null });
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
          value={f.status}
          onChange={(v) => update({ status: v })}
          clearable
          w={190}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('queue.priority')}
          placeholder={t('common.all')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          value={f.priority}
          onChange={(v) => update({ priority: v })}
          clearable
          w={130}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('queue.channel')}
          placeholder={t('common.all')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={f.channel}
          onChange={(v) => update({ channel: v })}
          clearable
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
        <CategorySelect label={t('queue.category')} placeholder={t('common.all')} value={f.categoryId} onChange={(id) => update({ categoryId: id })} includeInactive w={220} />
        <CustomerFilter value={f.customerId} onChange={(id) => update({ customerId: id })} />
        <TextInput label={t('queue.from')} type="date" value={f.from} onChange={(e) => update({ from: e.currentTarget.value })} w={160} />
        <TextInput label={t('queue.to')} type="date" value={f.to} onChange={(e) => update({ to: e.currentTarget.value })} w={170} />
        <Select
          label={t('queue.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`queue.sorts.${s}`) }))}
          value={f.sort}
          onChange={(v) => update({ sort: v === 'newest' ? null : v })}
          allowDeselect={false}
          w={160}
          comboboxProps={{ withinPortal: true }}
        />
        {anyFilter && (
          <Button variant="subtle" onClick={clear}>
            {t('queue.clear')}
          </Button>
        )}
      </Group>

      <ErrorAlert error={list.error} />

      <Table.ScrollContainer minWidth={1040}>
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
              <Table.Th scope="col">{t('queue.due')}</Table.Th>
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
                <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="queue-due">
                  {r.dueAt ? formatDateTime(r.dueAt, i18n.language) : r.overdue ? null : '—'}
                  {r.overdue ? (
                    <Badge color="red" variant="filled" size="sm" ml={r.dueAt ? 6 : 0}>
                      {t('queue.overdue')}
                    </Badge>
                  ) : null}
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

/** The customer filter: type part of a name, organisation, phone or email; the server searches. */
function CustomerFilter({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // The chosen customer's name, also after a reload that only has the id from the URL.
  const chosen = useQuery({ queryKey: ['customers', 'one', value], queryFn: () => api.get<Customer>(`/api/customers/${value}`), enabled: value !== null, staleTime: 60_000, retry: false });
  const label = (c: Customer) => [c.name, c.organisation].filter(Boolean).join(' · ');
  const chosenLabel = value !== null && chosen.data?.id === value ? label(chosen.data) : null;
  const [debounced] = useDebouncedValue(search.trim() === chosenLabel ? '' : search.trim(), 250);
  const found = useQuery({
    queryKey: ['customers', 'search', debounced],
    queryFn: async () => (await api.get<{ items: Customer[] }>('/api/customers', { q: debounced, limit: 10 })).items,
    enabled: debounced.length > 0,
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  for (const c of found.data ?? []) options.set(String(c.id), label(c));
  if (value !== null && !options.has(String(value))) options.set(String(value), chosenLabel ?? `#${value}`);
  return (
    <Select
      label={t('queue.customer')}
      placeholder={t('common.all')}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      clearable
      nothingFoundMessage={debounced ? (found.isFetching ? t('common.loading') : t('common.noResults')) : undefined}
      w={220}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
