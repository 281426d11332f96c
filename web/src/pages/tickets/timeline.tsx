import { Badge, Blockquote, Group, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAllDepartments } from '../../api/org.ts';
import type { Ticket, TimelineEntry } from '../../api/tickets.ts';
import type { Staff } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';

const PERSON_KEYS = ['handlerId', 'escalatedToId', 'toOwnerId', 'ownerId'] as const;

/** The names of the staff a timeline mentions by id (handlers, superiors, new owners). */
function useStaffNames(ids: number[], known: Map<number, string>) {
  const wanted = [...new Set(ids)].filter((id) => !known.has(id));
  const results = useQueries({
    queries: wanted.map((id) => ({ queryKey: ['staff', 'one', id], queryFn: () => api.get<Staff>(`/api/staff/${id}`), staleTime: 5 * 60_000 })),
  });
  const names = new Map(known);
  results.forEach((r, i) => {
    if (r.data) names.set(wanted[i]!, r.data.name);
  });
  return names;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** Who did what when, oldest first, each entry in words; internal entries are marked as such. */
export function Timeline({ ticket, items }: { ticket: Ticket; items: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const departments = useAllDepartments();
  const known = new Map<number, string>();
  if (ticket.handlerId !== null && ticket.handlerName) known.set(ticket.handlerId, ticket.handlerName);
  if (ticket.ownerId !== null && ticket.ownerName) known.set(ticket.ownerId, ticket.ownerName);
  for (const e of items) if (e.actorKind === 'staff' && e.actorId !== null && e.actorName) known.set(e.actorId, e.actorName);
  const ids: number[] = [];
  for (const e of items) for (const k of PERSON_KEYS) if (typeof e.payload[k] === 'number') ids.push(e.payload[k]);
  const names = useStaffNames(ids, known);
  const deptName = (id: unknown) => (typeof id === 'number' ? departments.data?.find((d) => d.id === id)?.name ?? `#${id}` : '—');
  const person = (id: unknown) => (typeof id === 'number' ? names.get(id) ?? `#${id}` : t('timeline.someone'));

  if (items.length === 0) return <Text>{t('ticket.timelineEmpty')}</Text>;
  return (
    <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="timeline">
      {items.map((e) => (
        <li key={e.id} className="timeline-entry" data-type={e.type}>
          <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600} size="sm">
                {describeEvent(t, e, { deptName, person, date: (iso) => formatDateTime(iso, i18n.language) })}
              </Text>
              <Text size="xs" c="dimmed">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                {' · '}
                {t('timeline.by', { name: actorName(t, e) })}
              </Text>
            </div>
            <Badge variant={e.visibleToCustomer ? 'light' : 'outline'} color={e.visibleToCustomer ? 'blue' : 'gray'} size="sm">
              {e.visibleToCustomer ? t('timeline.visibleToCustomer') : t('timeline.internal')}
            </Badge>
          </Group>
          <EventDetails t={t} e={e} />
        </li>
      ))}
    </Stack>
  );
}

function actorName(t: TFunction, e: TimelineEntry): string {
  if (e.actorName) return e.actorName;
  if (e.actorKind === 'customer') return t('timeline.customer');
  return t('timeline.system');
}

function describeEvent(t: TFunction, e: TimelineEntry, h: { deptName: (id: unknown) => string; person: (id: unknown) => string; date: (iso: string) => string }): string {
  const p = e.payload;
  const channel = typeof p.channel === 'string' ? t(`channels.${p.channel}` as 'channels.phone', { defaultValue: p.channel }) : '';
  switch (e.type) {
    case 'registered':
      return t('timeline.events.registered', { channel });
    case 'handed_over':
      return typeof p.handlerId === 'number'
        ? t('timeline.events.handed_over_to', { handler: h.person(p.handlerId), department: h.deptName(p.departmentId) })
        : t('timeline.events.handed_over', { department: h.deptName(p.departmentId) });
    case 'assigned':
      return t('timeline.events.assigned', { handler: h.person(p.handlerId) });
    case 'accepted':
      return t('timeline.events.accepted', { handler: h.person(p.handlerId) });
    case 'contact_logged':
      return t('timeline.events.contact_logged', { channel, direction: p.direction === 'inbound' ? t('timeline.inbound') : t('timeline.outbound') });
    case 'escalated':
      return t('timeline.events.escalated', { person: h.person(p.escalatedToId) });
    case 'called_back':
      return t('timeline.events.called_back', { satisfaction: String(p.satisfaction ?? '') });
    case 'customer_rated':
      return t('timeline.events.customer_rated', { satisfaction: String(p.satisfaction ?? '') });
    case 'ownership_transferred':
      return t('timeline.events.ownership_transferred', { person: h.person(p.toOwnerId) });
    case 'clock_warned':
    case 'clock_breached':
    case 'clock_escalated':
      return t(`timeline.events.${e.type}`, {
        commitment: typeof p.commitment === 'string' ? p.commitment : '',
        due: typeof p.dueAt === 'string' ? h.date(p.dueAt) : '',
        person: h.person(p.notifiedId),
        step: String(p.step ?? ''),
      });
    case 'picked_up':
    case 'taken':
    case 'declined':
    case 'note_added':
    case 'replied':
    case 'waiting_started':
    case 'resumed':
    case 'instructed':
    case 'refused':
    case 'exception_approved':
    case 'resolved':
    case 'customer_confirmed':
    case 'closed':
    case 'reopened':
      return t(`timeline.events.${e.type}`);
    default:
      return t('timeline.events.unknown', { type: e.type });
  }
}

/** The words people wrote with the event: reasons, notes, replies, results, comments. */
function EventDetails({ t, e }: { t: TFunction; e: TimelineEntry }) {
  const p = e.payload;
  const lines: string[] = [];
  const body = text(p.text) ?? text(p.reason) ?? text(p.summary) ?? text(p.result) ?? text(p.instruction) ?? text(p.note);
  if (e.type === 'escalated' && typeof p.cause === 'string') lines.push(t('timeline.causeLabel', { cause: t(`actionForm.causes.${p.cause}` as 'actionForm.causes.other', { defaultValue: p.cause }) }));
  if (e.type === 'handed_over' && p.needsSeveralPeople === true) lines.push(t('timeline.severalPeople'));
  if (e.type === 'resumed' && typeof p.waitedMs === 'number') lines.push(t('timeline.waited', { minutes: Math.round(p.waitedMs / 60_000) }));
  if (e.type === 'closed' && p.withoutCallback === true) lines.push(t('timeline.withoutCallback'));
  const comment = text(p.comment);
  if (!body && !comment && lines.length === 0) return null;
  return (
    <Stack gap={4} mt={4}>
      {lines.map((l) => (
        <Text key={l} size="sm">
          {l}
        </Text>
      ))}
      {body && (
        <Blockquote p="xs" color={e.type === 'note_added' ? 'yellow' : e.visibleToCustomer ? 'blue' : 'gray'} style={{ whiteSpace: 'pre-wrap' }}>
          <Text size="sm">{body}</Text>
        </Blockquote>
      )}
      {comment && <Text size="sm">{t('timeline.comment', { text: comment })}</Text>}
    </Stack>
  );
}
