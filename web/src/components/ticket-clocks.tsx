import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { clocksKey, useTicketClocks, type Clock } from '../api/commitments.ts';
import { formatDateTime } from '../lib/format.ts';
import { formatCountdown, formatMinutes } from '../lib/format-duration.ts';
import { ErrorAlert } from './error-alert.tsx';

export type ClockDisplayState = 'on_track' | 'warned' | 'breached' | 'paused' | 'met';

/** Colours always come with the state's name in words (never colour alone). */
const STATE_COLOR: Record<ClockDisplayState, string> = { on_track: 'blue', warned: 'yellow', breached: 'red', paused: 'gray', met: 'green' };
/** Filled for the two that need attention; warned with dark text (orange on light orange fell short of 4.5:1 contrast). */
const STATE_VARIANT: Record<ClockDisplayState, 'filled' | 'light'> = { on_track: 'light', warned: 'filled', breached: 'filled', paused: 'light', met: 'light' };

/**
 * What a person should read from a clock now: a running clock turns warned at its warn time and
 * breached at its due time on the screen at once, without waiting for the scheduler's firing.
 */
export function deriveClockDisplayState(clock: Pick<Clock, 'state' | 'warned' | 'warnAt' | 'dueAt' | 'breachedAt'>, nowMs: number): ClockDisplayState {
  if (clock.state === 'met') return 'met';
  if (clock.state === 'breached' || clock.breachedAt) return 'breached';
  if (clock.state === 'paused') return 'paused';
  if (clock.dueAt && nowMs >= Date.parse(clock.dueAt)) return 'breached';
  if (clock.warned || (clock.warnAt && nowMs >= Date.parse(clock.warnAt))) return 'warned';
  return 'on_track';
}

/** Ticks once a second while something is counting down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The ticket's service-commitment clocks: each with its state in words and colour, a live countdown
 * to its due time, and the stage clocks under their level-1 clock. `ticketVersion` changing means
 * the ticket moved on; the clock engine follows a moment later, so the panel looks again then.
 */
export function TicketClocks({ ticketId, ticketVersion }: { ticketId: number; ticketVersion?: number }) {
  const { t } = useTranslation('commitments');
  const queryClient = useQueryClient();
  const clocks = useTicketClocks(ticketId);
  const counting = (clocks.data ?? []).some((c) => c.state === 'running' && c.dueAt);
  const now = useNow(counting);

  const seenVersion = useRef(ticketVersion);
  useEffect(() => {
    // Only a change: the first render already fetched.
    if (ticketVersion === undefined || ticketVersion === seenVersion.current) return;
    seenVersion.current = ticketVersion;
    const timers = [1500, 4000].map((ms) => setTimeout(() => void queryClient.invalidateQueries({ queryKey: clocksKey(ticketId) }), ms));
    return () => timers.forEach(clearTimeout);
  }, [ticketVersion, ticketId, queryClient]);

  // A server without clocks (404 for the route itself) shows no panel rather than an error on every ticket.
  if (clocks.error instanceof ApiError && clocks.error.status === 404) return null;
  const all = clocks.data ?? [];
  const ids = new Set(all.map((c) => c.id));
  const topLevel = all.filter((c) => c.parentClockId === null || !ids.has(c.parentClockId));
  const stagesOf = (id: number) => all.filter((c) => c.parentClockId === id);

  return (
    <Card withBorder padding="md" data-testid="ticket-clocks">
      <Title order={2} size="h4" mb="xs">
        {t('clocks.title')}
      </Title>
      <ErrorAlert error={clocks.error} />
      {clocks.isPending && <Text size="sm">{t('common.loading')}</Text>}
      {clocks.data && all.length === 0 && <Text size="sm">{t('clocks.none')}</Text>}
      {topLevel.length > 0 && (
        <ul className="clock-list" aria-label={t('clocks.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {topLevel.map((c) => {
            const stages = stagesOf(c.id);
            return (
              <li key={c.id}>
                <ClockRow clock={c} now={now} />
                {stages.length > 0 && (
                  <ul aria-label={t('clocks.stagesOf', { name: c.commitmentName })} style={{ listStyle: 'none', margin: '4px 0 8px 0', paddingLeft: 20, borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
                    {stages.map((s) => (
                      <li key={s.id}>
                        <ClockRow clock={s} now={now} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function ClockRow({ clock, now }: { clock: Clock; now: number }) {
  const { t, i18n } = useTranslation('commitments');
  const state = deriveClockDisplayState(clock, now);
  const words = { minutes: (m: number) => t('duration.minutes', { count: m }), hours: (h: number, m: string) => t('duration.hours', { h, m }) };
  const days = (n: number) => t('duration.days', { count: n });
  const dueMs = clock.dueAt ? Date.parse(clock.dueAt) : null;

  let detail: string;
  if (clock.state === 'running' && dueMs !== null) {
    const countdown = formatCountdown(dueMs - now, days);
    detail = now < dueMs ? t('clocks.dueIn', { countdown }) : t('clocks.overdueBy', { countdown });
  } else if (clock.state === 'paused') {
    const left = clock.elapsedMinutes === null ? null : clock.targetMinutes - clock.elapsedMinutes;
    detail = left === null ? t('clocks.pausedPlain') : left >= 0 ? t('clocks.pausedLeft', { left: formatMinutes(left, words) }) : t('clocks.pausedOver', { over: formatMinutes(-left, words) });
  } else if (clock.stoppedAt) {
    detail = clock.lateMinutes && clock.lateMinutes > 0
      ? t('clocks.metLate', { late: formatMinutes(clock.lateMinutes, words) })
      : t('clocks.metIn', { elapsed: formatMinutes(clock.elapsedMinutes ?? 0, words) });
  } else {
    detail = t('clocks.breachedOpen');
  }
  const who = clock.responsibleStaffName ?? clock.responsibleDepartmentName;

  return (
    <Stack gap={2} py={6} data-testid={`clock-${clock.id}`} data-state={state}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {clock.commitmentName}
        </Text>
        <Badge color={STATE_COLOR[state]} variant={STATE_VARIANT[state]} autoContrast data-testid="clock-state">
          {t(`clocks.states.${state}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('clocks.level', { level: clock.level })}
        </Text>
      </Group>
      <Text size="sm" data-testid="clock-detail" aria-live="off" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {detail}
      </Text>
      <Text size="xs" c="dimmed">
        {[
          t('clocks.target', { target: formatMinutes(clock.targetMinutes, words) }),
          clock.dueAt ? t('clocks.dueAt', { at: formatDateTime(clock.dueAt, i18n.language) }) : null,
          who ? t('clocks.responsible', { name: who }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {(clock.attributions ?? []).length > 0 && (
        <Text size="xs">
          {t('clocks.causedBy', {
            causes: (clock.attributions ?? [])
              .map((a) =>
                a.kind === 'parent_slack'
                  ? t('clocks.parentSlack')
                  : t('clocks.stageOverrun', { stage: a.stageName ?? '', over: formatMinutes(a.overrunMinutes ?? 0, words), who: a.staffName ?? a.departmentName ?? t('clocks.nobody') }),
              )
              .join('; '),
          })}
        </Text>
      )}
    </Stack>
  );
}
