import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppDeps, AppInstance } from './app-deps.ts';
import { registerAuth } from './auth.ts';
import { chooseRequestId, metricsGuard, registerInputRules, registerSecurityHeaders } from './edge.ts';
import { answerClientError, answerFrameworkError, notFoundBody, registerErrorHandling } from './errors.ts';
import { registerAuditRoutes } from './routes/audit/index.ts';
import { registerCategoryRoutes } from './routes/categories/index.ts';
import { registerDepartmentRoutes } from './routes/departments/index.ts';
import { registerHealthRoutes } from './routes/health/index.ts';
import { registerSessionRoutes } from './routes/session/index.ts';
import { registerStaffRoutes } from './routes/staff/index.ts';
import { registerTokenRoutes } from './routes/tokens/index.ts';
import { registerCustomerRoutes } from './routes/customers/index.ts';
import { registerCustomerImportRoutes } from './routes/customer-imports/index.ts';
import { registerNotificationRoutes } from './routes/notifications/index.ts';
import { registerTicketRoutes } from './routes/tickets/index.ts';
import { registerPortalRoutes } from './routes/portal/index.ts';
import { registerRatingRoutes } from './routes/rating/index.ts';
import { createSecretSource } from '../services/setup/load-server-secret.ts';
import { registerEventRoutes } from './routes/events/index.ts';
import { registerComplaintRoutes } from './routes/complaints/index.ts';
import { registerDeductionRoutes } from './routes/deductions/index.ts';
import { registerNoticeRoutes } from './routes/notices/index.ts';
import { registerPortalComplaintRoutes } from './routes/portal-complaints/index.ts';
import { registerStaffRatingRoutes } from './routes/ratings/index.ts';
import { registerSpotCheckRoutes } from './routes/spot-checks/index.ts';
import { registerReportRoutes } from './routes/reports/index.ts';
import { registerSurveyRoutes } from './routes/surveys/index.ts';
import { registerCalendarRoutes } from './routes/calendars/index.ts';
import { registerCommitmentRoutes } from './routes/commitments/index.ts';
import { registerClockRoutes } from './routes/clocks/index.ts';
import { registerCareRoutes } from './routes/care/index.ts';
import { registerSettingsRoutes } from './routes/settings/index.ts';
import { registerScorecardRoutes } from './routes/scorecards/index.ts';


// A missing file of these kinds is a real 404; any other path (even /rate/<payload>.<signature>) is a client route.
const ASSET_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.map', '.png', '.jpg', '.jpeg', '.gif', '.svg', '.ico', '.webp', '.woff', '.woff2', '.ttf', '.json', '.txt', '.html']);

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type { AppDeps, AppInstance } from './app-deps.ts';

/** Builds the whole server: plugins, API routes, docs, metrics and the web app. Never listens, never starts a job (src/jobs/start-background-jobs.ts). */
export async function buildApp(
  deps: Omit<AppDeps, 'now'> & {
    now?: () => number;
    logger?: boolean | object;
    /** The built web app (default web/dist). */
    webDist?: string;
    /** Called before any route is registered (the test app installs its response check here). */
    beforeRoutes?: (app: AppInstance) => void;
  },
): Promise<AppInstance> {
  const fullDeps: AppDeps = { ...deps, now: deps.now ?? Date.now };
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    // A client that opened a connection and never sent a request must not hold up a shutdown.
    forceCloseConnections: true,
    trustProxy: deps.config.trustProxy,
    // Signed links (rating, scorecard) travel as one path parameter: 100 characters (the default) stops at ticket 1000.
    routerOptions: { maxParamLength: 500 },
    // A client's X-Request-Id is kept only when it is a short safe token (it goes into the audit trail).
    requestIdHeader: false,
    genReqId: chooseRequestId,
    // Fastify's and Node's own refusals (bad %-escapes, a too-long parameter, oversize headers) in the API's error shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  registerSecurityHeaders(app, { hsts: deps.config.secureCookies });
  registerInputRules(app);
  deps.beforeRoutes?.(app);
  // Every answer names its request id, so a person reporting a problem can quote it (it is in the audit trail).
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Centric API', version: '0.1.0', description: 'Customer-centric service desk. Authenticate with the session cookie (and X-CSRF-Token on changes) or `Authorization: Bearer <token>`.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'centric_session' },
          // Customers: the portal's own cookie (and X-CSRF-Token on changes), only on /api/portal/*.
          portalCookie: { type: 'apiKey', in: 'cookie', name: 'centric_portal_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  // CENTRIC_API_DOCS=off: no reference page and no OpenAPI document (both 404).
  if (deps.config.apiDocs === 'public') {
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const httpDuration = new Histogram({
    name: 'centric_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true }, onRequest: metricsGuard(deps.config.metricsToken) }, async (_request, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });

  registerAuth(app, deps.db, fullDeps.now, { databaseUrl: deps.databaseUrl, cacheTtlMs: deps.authCacheTtlMs });
  registerHealthRoutes(app, fullDeps);
  registerSessionRoutes(app, fullDeps);
  registerStaffRoutes(app, fullDeps);
  registerDepartmentRoutes(app, fullDeps);
  registerCategoryRoutes(app, fullDeps);
  registerTokenRoutes(app, fullDeps);
  registerAuditRoutes(app, fullDeps);
  registerCustomerRoutes(app, fullDeps);
  registerCustomerImportRoutes(app, fullDeps);
  registerTicketRoutes(app, fullDeps);
  registerNotificationRoutes(app, fullDeps);
  registerPortalRoutes(app, fullDeps);
  registerRatingRoutes(app, fullDeps, createSecretSource(deps.db, deps.config.secret));
  registerEventRoutes(app, fullDeps, metrics);
  registerComplaintRoutes(app, fullDeps);
  registerDeductionRoutes(app, fullDeps);
  registerNoticeRoutes(app, fullDeps);
  registerStaffRatingRoutes(app, fullDeps);
  registerSpotCheckRoutes(app, fullDeps);
  registerPortalComplaintRoutes(app, fullDeps);
  registerReportRoutes(app, fullDeps);
  registerSurveyRoutes(app, fullDeps);
  registerCalendarRoutes(app, fullDeps);
  registerCommitmentRoutes(app, fullDeps);
  registerClockRoutes(app, fullDeps);
  registerCareRoutes(app, fullDeps);
  registerSettingsRoutes(app, fullDeps);
  registerScorecardRoutes(app, fullDeps, createSecretSource(deps.db, deps.config.secret));

  const webDist = deps.webDist ?? WEB_DIST;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // Client-side routes (/admin/staff …) load the app's shell; unknown /api paths stay JSON 404s.
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api/') && !ASSET_EXTENSIONS.has(path.extname(url).toLowerCase())) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, url));
  });
  return app;
}
