import type { ServerResponse } from 'node:http';
import { Gauge, type Registry } from 'prom-client';
import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { SESSION_COOKIE, staffContext } from '../../auth.ts';
import { withErrors } from '../../../contracts/common.ts';
import { resolveApiToken } from '../../../services/auth/api-tokens.ts';
import { resolveSession } from '../../../services/auth/sessions.ts';
import { createLiveTicketFeed, type LiveMessage } from '../../../services/live/live-ticket-feed.ts';
import { createTicketChangeHub } from '../../../services/live/ticket-change-hub.ts';
import { loadStaffTicketActor } from '../../../services/tickets/load-ticket-actor.ts';

/** Proxies and load balancers drop connections silent for ~30–60 s; a comment every 20 s keeps ours open. */
export const DEFAULT_HEARTBEAT_MS = 20_000;
/** How long a browser waits before reconnecting a dropped stream (EventSource's `retry:`). */
const RETRY_MS = 3_000;
/** A reader this far behind is not reading: end its stream rather than buffer without limit. */
const MAX_BUFFERED_BYTES = 1_000_000;

function formatMessage(message: LiveMessage): string {
  const data = message.type === 'ticket' || message.type === 'notification' ? { ticketId: message.ticketId, events: message.events } : {};
  return `event: ${message.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * GET /api/events: a Server-Sent Events stream of changes to tickets the signed-in staff member may
 * see, from every Centric instance (see services/live/). Events:
 * - `ready` once the stream hears every change from then on, and `resync` when changes may have been
 *   missed (the database connection dropped): on either, a client refetches what it shows;
 * - `ticket` `{ticketId, events}` for a change to a ticket the reader may see (never its content:
 *   the reader fetches that through the normal, checked endpoints);
 * - `notification` `{ticketId, events}` when the change notified the reader;
 * - `signed-out` when the session ended or was revoked (checked at every heartbeat); then the stream ends.
 */
export function registerEventRoutes(app: AppInstance, deps: AppDeps, metrics?: Registry): void {
  const heartbeatMs = deps.liveHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const hub = deps.databaseUrl ? createTicketChangeHub({ url: deps.databaseUrl, log: app.log }) : null;
  const feed = hub ? createLiveTicketFeed(deps.db, hub, app.log) : null;
  const openStreams = new Set<() => void>();

  if (metrics && feed) {
    new Gauge({ name: 'centric_live_streams', help: 'Open live-update (SSE) streams on this instance', registers: [metrics], collect() { this.set(feed.size); } });
    new Gauge({ name: 'centric_live_listening', help: '1 while this instance LISTENs for ticket changes', registers: [metrics], collect() { this.set(feed.hub.listening ? 1 : 0); } });
    new Gauge({ name: 'centric_live_reconnects', help: 'Times the LISTEN connection was re-established since start', registers: [metrics], collect() { this.set(feed.hub.reconnects); } });
  }
  // Open streams would keep the server from closing: end them first, then stop listening.
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });
  app.addHook('onClose', async () => {
    await hub?.close();
  });

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'], summary: 'Live updates (text/event-stream): ticket, notification, ready, resync and signed-out events for what I may see',
        // The stream is written to the raw reply, so no serializer runs; 503 when this server cannot listen for changes.
        response: withErrors({ 200: Type.String({ description: 'text/event-stream' }) }),
      },
    },
    async (request, reply) => {
      const ctx = staffContext(request);
      if (!feed) {
        return reply.status(503).send({ error: { code: 'live_updates_unavailable', message: 'Live updates are not available on this server.' } });
      }
      const auth = request.auth!;
      const actor = await loadStaffTicketActor(deps.db, ctx);
      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.socket?.setNoDelay(true);
      let ended = false;
      const write = (chunk: string) => {
        if (ended || res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          request.log.warn('live updates: a stream fell too far behind; ending it');
          setImmediate(end);
          return;
        }
        res.write(chunk);
      };
      res.write(`retry: ${RETRY_MS}\n\n`);
      const subscription = feed.subscribe(actor, (message) => write(formatMessage(message)));

      // Each heartbeat also checks the credentials again, so signing out, revoking a token or
      // deactivating someone ends their streams, and a change of roles or department applies.
      const stillSignedIn = async () => {
        const nowMs = deps.now();
        if (auth.via === 'token') return resolveApiToken(deps.db, request.headers.authorization?.slice(7).trim() ?? '', nowMs);
        const token = request.cookies[SESSION_COOKIE];
        return token ? ((await resolveSession(deps.db, token, nowMs))?.user ?? null) : null;
      };
      const heartbeat = setInterval(() => {
        write(': heartbeat\n\n');
        stillSignedIn()
          .then(async (user) => {
            if (ended) return;
            if (!user) {
              write('event: signed-out\ndata: {}\n\n');
              end();
              return;
            }
            subscription.setActor(await loadStaffTicketActor(deps.db, ctx));
          })
          // The database being briefly away is no reason to drop the reader; the next beat checks again.
          .catch((err: unknown) => request.log.warn({ err }, 'live updates: could not re-check a stream'));
      }, heartbeatMs);
      function end() {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        subscription.unsubscribe();
        openStreams.delete(end);
        if (!res.writableEnded) res.end();
      }
      openStreams.add(end);
      res.on('close', end);
      return reply;
    },
  );
}
