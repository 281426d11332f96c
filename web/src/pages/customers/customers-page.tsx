import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_KINDS, customersApi, type CustomerKind } from '../../api/customers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { CustomerFormModal } from './customer-form-modal.tsx';
import { customerExportUrl } from '../../api/customer-import.ts';
import { useUrlParams } from '../../lib/url-params.ts';

/** The customer list: search-as-you-type and filters kept in the URL, keyset pages, a new-customer form. */
export function CustomersPage() {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { t: tImport } = useTranslation('customerImport');
  usePageTitle(t('list.title'));
  const navigate = useNavigate();
  const [params, updateParams] = useUrlParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 200);
  const kind = (params.get('kind') as CustomerKind | null) ?? undefined;
  const segment = params.get('segment') ?? '';
  const tag = params.get('tag') ?? '';
  const account = params.get('account') === 'true';
  const sortParam = params.get('sort');
  // The API searches newest first by default (fast at a million); browsing is by name.
  const sort = sortParam === 'newest' || sortParam === 'name' ? sortParam : q ? 'newest' : 'name';
  const [adding, setAdding] = useState(false);
  const setParam = (key: string, value: string | null) => updateParams({ [key]: value }, { replace: true });
  const filters = { q: q || undefined, kind, segment: segment || undefined, tag: tag || undefined, account: account || undefined, sort } as const;
  const list = useInfiniteQuery({
    queryKey: ['customers', 'list', filters],
    queryFn: ({ pageParam }) => customersApi.list({ ...filters, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('list.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('list.intro')}
          </Text>
        </div>
        <Group gap="md">
          <Anchor component={Link} to="/customers/import">
            {tImport('importLink')}
          </Anchor>
          {/* The same filters as the list: the file holds what the page shows, every page of it. */}
          <Anchor href={customerExportUrl({ ...filters, sort })} download>
            {tImport('exportLink')}
          </Anchor>
          <Button onClick={() => setAdding(true)}>{t('list.add')}</Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t('list.search')}
          description={t('list.searchHint')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setParam('q', e.currentTarget.value.trim() || null);
          }}
          w={280}
          autoFocus
          type="search"
        />
        <Select label={t('list.kind')} placeholder={tc('common.all')} data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} value={kind ?? null} onChange={(v) => setParam('kind', v)} clearable w={180} />
        <TextInput label={t('list.segment')} value={segment} onChange={(e) => setParam('segment', e.currentTarget.value || null)} w={150} />
        <TextInput label={t('list.tag')} value={tag} onChange={(e) => setParam('tag', e.currentTarget.value || null)} w={150} />
        <Select
          label={t('list.sort')}
          data={[{ value: 'name', label: t('list.sortName') }, { value: 'newest', label: t('list.sortNewest') }]}
          value={sort}
          onChange={(v) => setParam('sort', v)}
          allowDeselect={false}
          w={140}
        />
        <Checkbox label={t('list.accountsOnly')} checked={account} onChange={(e) => setParam('account', e.currentTarget.checked ? 'true' : null)} mb={8} />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending && <Text>{tc('common.loading')}</Text>}
      {!list.isPending && rows.length === 0 && <Text>{t('list.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="customers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.name')}</Table.Th>
                <Table.Th scope="col">{t('list.kind')}</Table.Th>
                <Table.Th scope="col">{t('list.contact')}</Table.Th>
                <Table.Th scope="col">{t('list.organisation')}</Table.Th>
                <Table.Th scope="col">{t('list.segment')}</Table.Th>
                <Table.Th scope="col">{t('list.tags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${c.id}`}>
                      {c.name}
                    </Anchor>
                    {c.isAccount && (
                      <Badge ml="xs" variant="light">
                        {t('list.account')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`kinds.${c.kind}`)}</Table.Td>
                  <Table.Td>{[...c.phones, ...c.emails].join(' · ') || '–'}</Table.Td>
                  <Table.Td>{c.organisation ?? '–'}</Table.Td>
                  <Table.Td>{c.segment ?? '–'}</Table.Td>
                  <Table.Td>{c.tags.join(', ') || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {tc('common.loadMore')}
        </Button>
      )}
      {adding && <CustomerFormModal onClose={() => setAdding(false)} onSaved={(c) => navigate(`/customers/${c.id}`)} />}
    </Stack>
  );
}
