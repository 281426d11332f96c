import { Box, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { PortalTimelineEntry } from '../api.ts';

type Tone = 'staff' | 'mine' | 'event';

/** What happened on the request, oldest first: staff replies, my messages, results and ratings. */
export function Conversation({ entries }: { entries: PortalTimelineEntry[] }) {
  const { t } = useTranslation('portal');
  const lang = currentLanguage();
  if (entries.length === 0) return <Text c="dimmed">{t('request.noEvents')}</Text>;

  const describe = (e: PortalTimelineEntry): { tone: Tone; who: string; title: string; lines: string[] } => {
    const mine = e.actorKind === 'customer';
    const who = mine ? t('events.you') : (e.actorName ?? t('events.team'));
    const text = (key: string) => (typeof e.payload[key] === 'string' && e.payload[key] !== '' ? (e.payload[key] as string) : null);
    const value = typeof e.payload.satisfaction === 'number' ? e.payload.satisfaction : null;
    const comment = text('comment');
    const commentLine = comment ? [t('events.comment', { text: comment })] : [];
    const reason = text('reason');
    const reasonLine = reason ? [t('events.reason', { text: reason })] : [];
    switch (e.type) {
      case 'registered':
        return { tone: 'event', who, title: t('events.registered'), lines: [] };
      case 'picked_up':
        return { tone: 'event', who, title: t('events.picked_up', { name: e.actorName ?? t('events.team') }), lines: [] };
      case 'replied':
        return { tone: mine ? 'mine' : 'staff', who, title: mine ? t('events.repliedYou') : t('events.replied', { name: who }), lines: text('text') ? [text('text')!] : [] };
      case 'waiting_started':
        return { tone: 'staff', who, title: t('events.waiting_started'), lines: reason ? [reason] : [] };
      case 'resumed':
        return { tone: 'event', who, title: t('events.resumed'), lines: [] };
      case 'refused':
        return { tone: 'staff', who, title: t('events.refused'), lines: reasonLine };
      case 'resolved':
        return { tone: 'staff', who, title: t('events.resolved'), lines: text('result') ? [t('events.result', { text: text('result')! })] : [] };
      case 'called_back':
        return { tone: 'event', who, title: t('events.called_back', { value: value ?? '–' }), lines: commentLine };
      case 'customer_confirmed':
        return { tone: 'mine', who, title: t('events.customer_confirmed'), lines: commentLine };
      case 'customer_rated':
        return { tone: 'mine', who, title: t('events.customer_rated', { value: value ?? '–' }), lines: commentLine };
      case 'closed':
        return { tone: 'event', who, title: t('events.closed'), lines: [] };
      case 'reopened':
        return { tone: mine ? 'mine' : 'event', who, title: t('events.reopened'), lines: reasonLine };
      default:
        return { tone: 'event', who, title: t('events.other'), lines: [] };
    }
  };

  return (
    <Box component="ol" className="portal-conversation" data-testid="conversation">
      {entries.map((entry) => {
        const d = describe(entry);
        const speech = d.tone !== 'event';
        return (
          <li key={entry.id} className={`portal-entry portal-entry-${d.tone}`} data-type={entry.type}>
            <Paper
              withBorder={speech}
              p={speech ? 'sm' : 4}
              radius="md"
              bg={d.tone === 'staff' ? 'blue.0' : d.tone === 'mine' ? 'white' : 'transparent'}
              style={d.tone === 'staff' ? { borderLeft: '4px solid var(--mantine-color-blue-7)' } : d.tone === 'mine' ? { borderLeft: '4px solid var(--mantine-color-gray-5)' } : undefined}
            >
              <Stack gap={4}>
                <Text size="xs" c="dimmed">
                  {d.tone === 'event' || entry.type === 'replied' ? null : <Text component="span" fw={700} c="dark" size="xs">{d.who} · </Text>}
                  <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                </Text>
                <Text fw={speech ? 600 : 500} size="sm">
                  {d.title}
                </Text>
                {d.lines.map((line, i) => (
                  <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {line}
                  </Text>
                ))}
              </Stack>
            </Paper>
          </li>
        );
      })}
    </Box>
  );
}
