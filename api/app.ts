// The thin HTTP layer: validate, authorise, talk to Temporal, read Postgres. Routers are composed with
// app.route(); every error leaves through api/errors.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { contextStorage } from 'hono/context-storage';
import type { ApiDeps, AppEnv } from './deps';
import { bodyLimits, documentBodyLimits, documentValidation } from './body-limits';
import { methodNotAllowed, notFound } from './method-not-allowed';
import { securityHeaders } from './security-headers';
import { onError, UNAVAILABLE_RESPONSE, validationHook } from './errors';
import { observeRequests } from './observe';
import { scopeFor } from './scopes';
import { textHygiene } from './text-hygiene';
import { API_SCOPES, SCOPE_DESCRIPTIONS } from '../domain/api-tokens';
import { DOCS_CSS, renderDocsPage } from './docs-page';
import { apiTokenRoutes } from './routes/api-tokens';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { brandingRoutes } from './routes/branding';
import { collectRoutes } from './routes/collect';
import { collectPageRoutes } from './routes/collect-pages';
import { collectionPointRoutes } from './routes/collection-points';
import { publicAssetRoutes } from './public-site';
import { csatRoutes } from './routes/csat';
import { dashboardRoutes } from './routes/dashboards';
import { devMailboxRoutes } from './routes/dev-mailbox';
import { eventRoutes } from './routes/events';
import { feedbackRoutes } from './routes/feedback';
import { healthRoutes, liveHandler, readyHandler } from './routes/health';
import { notificationRoutes } from './routes/notifications';
import { oidcRoutes } from './routes/oidc';
import { orgRoutes } from './routes/org';
import { reportRoutes } from './routes/reports';
import { savedReportRoutes } from './routes/saved-reports';
import { googleRoutes } from './routes/google';
import { integrationRoutes } from './routes/integrations';
import { intakeKeyRoutes } from './routes/intake-keys';
import { macroRoutes } from './routes/macros';
import { ruleRoutes } from './routes/rules';
import { smsRoutes } from './routes/sms';
import { taxonomyRoutes } from './routes/taxonomies';
import { templateRoutes } from './routes/templates';
import { ticketRoutes } from './routes/tickets';
import { userRoutes } from './routes/users';
import { viewRoutes } from './routes/views';
import { webhookRoutes } from './routes/webhooks';
import { registerWebhookPayloads } from './webhook-docs';
import { registerPublicPages } from './public-docs';
import { observeHttp } from '../platform/metrics';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export function createApp(deps: ApiDeps) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  api.route('/', healthRoutes());
  api.route('/auth/oidc', oidcRoutes());
  api.route('/auth', authRoutes());
  api.route('/api-tokens', apiTokenRoutes());
  api.route('/events', eventRoutes());
  api.route('/feedback', feedbackRoutes());
  api.route('/notifications', notificationRoutes());
  api.route('/tickets', ticketRoutes());
  api.route('/taxonomies', taxonomyRoutes());
  api.route('/rules', ruleRoutes());
  api.route('/sms', smsRoutes());
  api.route('/intake-keys', intakeKeyRoutes());
  api.route('/users', userRoutes());
  api.route('/templates', templateRoutes());
  api.route('/branding', brandingRoutes());
  api.route('/attachments', attachmentRoutes());
  api.route('/dev-mailbox', devMailboxRoutes());
  api.route('/reports/saved', savedReportRoutes());
  api.route('/reports', reportRoutes());
  api.route('/macros', macroRoutes());
  api.route('/views', viewRoutes());
  api.route('/dashboards', dashboardRoutes());
  api.route('/integrations/google', googleRoutes());
  api.route('/integrations', integrationRoutes());
  api.route('/collection-points', collectionPointRoutes());
  api.route('/collect', collectRoutes());
  api.route('/webhooks', webhookRoutes());
  api.route('/', orgRoutes());
  registerWebhookPayloads(api.openAPIRegistry);
  registerPublicPages(api.openAPIRegistry);

  api.openAPIRegistry.registerComponent('securitySchemes', 'intakeKey', { type: 'http', scheme: 'bearer', description: 'Intake key (clk_…)' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'closeloop_session' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: `API token (clt_…). Scopes: ${API_SCOPES.map((s) => `${s}: ${SCOPE_DESCRIPTIONS[s]}`).join('; ')}. Each operation lists the scope it needs.`,
  });
  const openApiConfig = {
    openapi: '3.1.0',
    info: { title: 'Closeloop API', version: '1', description: 'Closed-loop customer-feedback ticketing' },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }],
  };
  const document = () => withOutageResponses(withOptionalEmptyBodies(withEdgeResponses(documentValidation(documentBodyLimits(withTokenScopes(api.getOpenAPI31Document(openApiConfig)), '/api/v1')))));
  api.get('/openapi.json', (c) => c.json(document()));
  api.get('/docs', (c) => c.html(renderDocsPage(document())));
  api.get('/docs.css', (c) => c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  api.notFound(notFound);
  api.onError(onError);

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', ...observeRequests(observeHttp));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders());
  // Lets shared helpers (api/rate-limit.ts) reach the request's deps without threading them through.
  app.use('*', contextStorage());
  app.use('*', bodyLimits());
  // NUL or a lone surrogate in a path segment or a query parameter: a 400 naming it, before any route.
  app.use('*', textHygiene);
  // A documented path asked with another method: 405 with Allow (api/method-not-allowed.ts).
  app.use('*', methodNotAllowed(document));
  app.route('/api/v1', api);
  // Probes where orchestrators look for them; the same handlers as /api/v1/livez and /api/v1/readyz.
  app.get('/livez', liveHandler);
  app.use('/readyz', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.get('/readyz', readyHandler);
  // The public, customer-facing site (api/public-site.ts): no session, strict CSP, branded, translated.
  app.route('/csat', csatRoutes());
  app.route('/public', publicAssetRoutes());
  app.route('/c', collectPageRoutes());
  app.onError(onError);
  app.notFound(notFound);
  if (existsSync(webDist)) {
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), webDist) }));
    const index = readFileSync(path.join(webDist, 'index.html'), 'utf8');
    // Client-side routes fall back to the SPA shell.
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  }
  return app;
}

export type App = ReturnType<typeof createApp>;

/** Every operation without its own `security` (the intake's keys) takes a session or an API token with
 * the scope api/scopes.ts names; session-only operations say so. */
function withTokenScopes<D extends { paths?: object }>(doc: D): D {
  for (const [path, ops] of Object.entries(doc.paths ?? {}) as Array<[string, Record<string, unknown>]>) {
    for (const [method, op] of Object.entries(ops)) {
      const operation = op as { security?: unknown };
      if (typeof op !== 'object' || op === null || operation.security) continue;
      const scope = scopeFor(method, path);
      operation.security = scope === 'session' ? [{ session: [] }] : [{ session: [] }, { apiToken: [scope] }];
    }
  }
  return doc;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** What the edge answers before an operation's own code, documented once for all of them (the negative
 * half of the fuzz stage, test/fuzz/openapi-negative.test.ts, holds the document to it): 401 without
 * valid credentials wherever some are required; 403 for a session's unsafe request without its CSRF
 * token, and for an API token on a session-only operation or without the operation's scope, on any
 * method (api/auth.ts); 415 for a body of another media type than the JSON the operation takes. */
function withEdgeResponses<D extends { paths?: object }>(doc: D): D {
  for (const ops of Object.values(doc.paths ?? {}) as Array<Record<string, unknown>>) {
    for (const [method, op] of Object.entries(ops)) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      const { responses, security, requestBody } = op as { responses: Record<string, unknown>; security?: Array<Record<string, unknown>>; requestBody?: { content?: Record<string, unknown> } };
      const schemes = (security ?? []).flatMap((s) => Object.keys(s));
      if (schemes.length && !responses['401']) responses['401'] = errorResponse('No valid credentials: not signed in, or a missing, wrong, expired or revoked key or token');
      // A bearer token meets 403 on any method: a session-only route, or a scope the token lacks.
      const forbidden = (schemes.includes('session') && UNSAFE_METHODS.has(method)) || schemes.includes('apiToken') || (schemes.length === 1 && schemes[0] === 'session');
      if (forbidden && !responses['403']) responses['403'] = errorResponse('Missing or wrong CSRF token (session), an API token on a session-only route or without the scope, or not allowed');
      if (requestBody?.content?.['application/json'] && !responses['415']) responses['415'] = errorResponse('The body is not application/json');
    }
  }
  return doc;
}

/** A JSON body none of whose fields is required (a PATCH, a rotate with defaults) may be left out: the
 * operation reads a missing body as `{}`. The document says so instead of calling it required (schemathesis
 * sent such requests without a body and flagged the 200 as a schema-violating request accepted). */
function withOptionalEmptyBodies<D extends { paths?: object; components?: { schemas?: Record<string, unknown> } }>(doc: D): D {
  type Schema = { $ref?: string; type?: string; required?: string[]; minProperties?: number };
  for (const ops of Object.values(doc.paths ?? {}) as Array<Record<string, unknown>>) {
    for (const op of Object.values(ops)) {
      const body = (op as { requestBody?: { required?: boolean; description?: string; content?: Record<string, { schema?: Schema }> } } | null)?.requestBody;
      let schema = body?.content?.['application/json']?.schema;
      if (schema?.$ref) schema = doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as Schema | undefined;
      if (!body?.required || schema?.type !== 'object' || schema.required?.length || schema.minProperties) continue;
      body.required = false;
      body.description ??= 'Every field is optional; no body at all is read as {}';
    }
  }
  return doc;
}

/** Every operation may meet an outage (Temporal or Postgres unavailable: api/outage.ts): its 503 with
 * Retry-After is documented once, here, for all of them. */
function withOutageResponses<D extends { paths?: object }>(doc: D): D {
  for (const ops of Object.values(doc.paths ?? {}) as Array<Record<string, unknown>>) {
    for (const op of Object.values(ops)) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      const responses = (op as { responses: Record<string, unknown> }).responses;
      const own = responses['503'] as { headers?: unknown } | undefined;
      responses['503'] = own ? { ...own, headers: UNAVAILABLE_RESPONSE.headers } : UNAVAILABLE_RESPONSE;
    }
  }
  return doc;
}
