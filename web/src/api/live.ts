import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NOTIFICATIONS_KEY, TICKETS_KEY } from './tickets.ts';
import { SESSION_KEY } from './session.ts';

/** How often queues, counts, the open ticket and notifications refresh when live updates are unavailable. */
export const POLL_MS = 30_000;

/**
 * Keeps what the person sees current: listens to /api/events (Server-Sent Events) and refreshes the
 * ticket queries and notifications on every change. Each event says only *which* ticket changed;
 * the content comes from the normal, permission-checked endpoints. When the stream is unavailable
 * (an older server, a proxy that drops it) it falls back to refetching every 30 seconds, and stops
 * polling again once the stream reconnects.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | null = null;
    const refreshTickets = () => void queryClient.invalidateQueries({ queryKey: TICKETS_KEY });
    const refreshNotifications = () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    const refreshAll = () => {
      refreshTickets();
      refreshNotifications();
    };
    const startPolling = () => {
      poll ??= setInterval(refreshAll, POLL_MS);
    };
    const stopPolling = () => {
      if (poll !== null) clearInterval(poll);
      poll = null;
    };

    if (typeof EventSource === 'undefined') {
      startPolling();
      return stopPolling;
    }
    const source = new EventSource('/api/events', { withCredentials: true });
    source.addEventListener('open', stopPolling);
    // `ready`: the stream now hears every change, `resync`: some may have been missed. Either way, refetch.
    source.addEventListener('ready', refreshAll);
    source.addEventListener('resync', refreshAll);
    source.addEventListener('ticket', refreshTickets);
    source.addEventListener('notification', refreshAll);
    source.addEventListener('signed-out', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    });
    // A failed connection (or a server without the stream) polls until the browser reconnects, if it does.
    source.addEventListener('error', startPolling);

    return () => {
      source.close();
      stopPolling();
    };
  }, [queryClient]);
}
