import { Badge, Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api/client.ts';
import type { AuditRecord, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDateTime, startOfLocalDay, startOfNextLocalDay } from '../../lib/format.ts';

const PAGE_SIZE = 50;
const ENTITIES = ['staff', 'department', 'category', 'api_token'] as const;

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ between before and after (all of them for a create or delete). */
export function diffRecord(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Change[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
  const out: Change[] = [];
  for (const field of keys) {
    const b = before?.[field];
    const a = after?.[field];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    // A created (or deleted) record lists only the fields that had a value.
    if ((before === null && isEmpty(a)) || (after === null && isEmpty(b))) continue;
    out.push({ field, before: b, after: a });
  }
  return out;
}

function show(value: unknown, t: TFunction): string {
  if (value === undefined || value === null || value === '') return t('audit.empty');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function actionLabel(t: TFunction, action: string): string {
  const key = `audit.actions.${action}`;
  return t(key as 'audit.actions.staff.create', { defaultValue: action });
}

function entityLabel(t: TFunction, entity: string): string {
  return (ENTITIES as readonly string[]).includes(entity) ? t(`audit.entities.${entity as (typeof ENTITIES)[number]}`) : entity;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('audit.title'));
  const [entity, setEntity] = useState<string | null>(null);
  const [entityId, setEntityId] = useState('');
  const [actorId, setActorId] = useState<number | null>(null);
  const [actorName, setActorName] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const filters = {
    entity: entity ?? undefined,
    entityId: entityId.trim() || undefined,
    actorId: actorId ?? undefined,
    from: from ? startOfLocalDay(from) : undefined,
    to: to ? startOfNextLocalDay(to) : undefined,
  };
  const list = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.get<Page<AuditRecord>>('/api/audit', { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('audit.intro')}
        </Text>
      </div>

      <Group align="flex-end" gap="sm" role="search">
        <Select
          label={t('audit.entity')}
          placeholder={t('common.all')}
          data={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          value={entity}
          onChange={setEntity}
          clearable
          w={200}
        />
        <TextInput label={t('audit.entityId')} value={entityId} onChange={(e) => setEntityId(e.currentTarget.value)} w={140} inputMode="numeric" />
        <div style={{ width: 260 }}>
          <StaffPicker
            label={t('audit.actor')}
            value={actorId}
            valueName={actorName}
            activeOnly={false}
            onChange={(id, name) => {
              setActorId(id);
              setActorName(name);
            }}
          />
        </div>
        <TextInput label={t('audit.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
        <TextInput label={t('audit.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
        <Button
          variant="default"
          onClick={() => {
            setEntity(null);
            setEntityId('');
            setActorId(null);
            setActorName(null);
            setFrom('');
            setTo('');
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>

      <ErrorAlert error={list.error} />

      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs" data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.at')}</Table.Th>
              <Table.Th scope="col">{t('audit.who')}</Table.Th>
              <Table.Th scope="col">{t('audit.action')}</Table.Th>
              <Table.Th scope="col">{t('audit.record')}</Table.Th>
              <Table.Th scope="col">{t('audit.changes')}</Table.Th>
              <Table.Th scope="col">{t('audit.client')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const changes = diffRecord(r.before, r.after);
              return (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={r.at}>{formatDateTime(r.at, i18n.language)}</time>
                  </Table.Td>
                  <Table.Td>
                    {r.actorName ?? (r.actorKind === 'system' ? t('audit.system') : r.actorId !== null ? `#${r.actorId}` : t('audit.system'))}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm" tt="none">
                      {actionLabel(t, r.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {entityLabel(t, r.entity)}
                    {r.entityId ? ` #${r.entityId}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {changes.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('audit.noChanges')}
                      </Text>
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                        {changes.map((c) => (
                          <li key={c.field}>
                            <Text size="sm" component="span">
                              <Code>{c.field}</Code>:{' '}
                              {r.before && r.after ? `${show(c.before, t)} → ${show(c.after, t)}` : show(r.after ? c.after : c.before, t)}
                            </Text>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                  <Table.Td>{r.clientIp ?? ''}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {list.isPending && <Text>{t('common.loading')}</Text>}
      {!list.isPending && rows.length === 0 && <Text>{t('common.noResults')}</Text>}
      <Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('common.count', { count: rows.length })}
        </Text>
        {list.hasNextPage && (
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
