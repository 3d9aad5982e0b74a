/**
 * Builds the Fastify application: security headers, zod validation and serialization, OpenAPI
 * document and docs page, caller identification, one error format, and every resource's routes.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { AppError, type FieldIssue, invalid } from '../domain/errors.js';
import { publicPages } from '../public/pages.js';
import type { Db } from '../store/catalog/db.js';
import type { SecretBox } from '../store/catalog/secret-box.js';
import type { EventStore } from '../store/events/event-store.js';
import { checkSameOrigin, identifyCaller } from './access.js';
import { alertRoutes } from './alerts.js';
import { analyticsRoutes } from './analytics.js';
import { auditRoutes } from './audits.js';
import { authRoutes } from './auth.js';
import { backupRoutes } from './backup.js';
import { benchmarkRoutes } from './benchmark.js';
import { brandRoutes } from './brands.js';
import { chainRoutes } from './chains.js';
import { channelRoutes } from './channels.js';
import { complaintRoutes } from './complaints.js';
import { customerRoutes } from './customers.js';
import { exportRoutes, importRoutes } from './export.js';
import { healthRoutes } from './health.js';
import { interactionRoutes } from './interactions.js';
import { invitationRoutes } from './invitations.js';
import { journeyCommentRoutes } from './journey-comments.js';
import { createJourneyHub } from './journey-hub.js';
import { journeyLaneRoutes } from './journey-lanes.js';
import { journeyLiveRoutes } from './journey-live.js';
import { journeyShareRoutes, sharedMapRoutes } from './journey-shares.js';
import { journeyTemplateRoutes } from './journey-templates.js';
import { journeyRoutes } from './journeys.js';
import { notificationRoutes, unreadCountRoutes } from './notifications.js';
import { passwordResetRoutes } from './password-resets.js';
import { personaRoutes } from './personas.js';
import { publicSurveyRoutes } from './public-surveys.js';
import { apiRateLimits } from './rate-limits.js';
import { reportRoutes } from './report.js';
import { retentionRoutes } from './retention.js';
import { reviewRoutes } from './reviews.js';
import { DOCS_POLICY, securityHeaders } from './security-headers.js';
import { shopperRoutes } from './shopper.js';
import { standardRoutes } from './standards.js';
import { subjectRoutes } from './subjects.js';
import { surveyPosterRoutes } from './survey-posters.js';
import { surveyRoutes } from './surveys.js';
import { taskRoutes } from './tasks.js';
import { touchpointRoutes } from './touchpoints.js';
import { webhookRoutes } from './webhooks.js';
import { workspaceRoutes } from './workspaces.js';

/** What every route module gets: the catalog database, the event store and the configuration. */
export interface AppContext {
  db: Db;
  events: EventStore;
  config: Config;
  engine: 'pglite' | 'postgres';
  /** Encrypts the secrets the catalog keeps (TOTP), see secret-box.ts. */
  secrets: SecretBox;
  /** The server's snapshot for `touchpoints backup` while it runs (see backup.ts); absent in tests. */
  backup?: { key: string; snapshot(dir: string): Promise<void> };
  /** Called when alert events were queued for webhooks (the server's sender sends them at once); absent in tests. */
  onWebhookEvents?: () => void;
}

export const API_VERSION = '0.1.0';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * TOUCHPOINTS_TRUST_PROXY as Fastify takes it: a number of hops becomes the function Fastify
 * itself makes of one (its types leave numbers out).
 */
function trustProxyOption(trust: Config['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's own reader of its JSON body text, tried before the general parser (for
     * bodies too large to parse twice, such as ingestion batches). When it answers, `decoded`
     * becomes the request's `decodedBody` and `body` is what validation and the handler see as
     * the body (a stand-in); it must hold no NUL character. Undefined: the general parser reads
     * the text, and `decodedBody` stays null.
     */
    decodeBody?: (text: string) => { decoded: unknown; body: object } | undefined;
  }
  interface FastifyRequest {
    decodedBody: unknown;
  }
}

/** Creates the app with all routes registered (not listening). */
export async function buildApp(
  ctx: AppContext,
  /** `liveHeartbeatMs`: how often open journey maps are pinged and checked (journey-hub.ts; tests shorten it). */
  options: { logger?: boolean; liveHeartbeatMs?: number } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // Ids in paths are UUIDs; anything longer is not a route of ours.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, code: 'not_found', message: `no route ${request.method} ${request.url}` }),
  );

  // First, so that every route registered after it (pages and /docs have their own) gets its headers.
  await app.register(fastifyHelmet, securityHeaders({ https: ctx.config.secureCookies }));
  await app.register(fastifyCookie);
  // Requests per client and minute on every /api/ route (rate-limits.ts); sign-in and setup have their own.
  await app.register(fastifyRateLimit, apiRateLimits(ctx.config));
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Touchpoints API',
        version: API_VERSION,
        description:
          'Manage customer touchpoints, journeys, chains and standards. Authenticate with the session cookie ' +
          '(POST /api/auth/login) or an API token: `Authorization: Bearer tp_…`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tp_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: DOCS_POLICY });

  // PostgreSQL text cannot hold NUL; refuse it up front with the field named. JSON text can only
  // write NUL as the escape \u0000: a body whose text lacks it needs no walk (which costs a
  // 10,000-record ingestion batch about 20 ms).
  // A route may read its body text itself first (its `decodeBody`, see FastifyContextConfig).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const nulFree = new WeakSet<object>();
  app.decorateRequest('decodedBody', null);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const decoded = request.routeOptions.config.decodeBody?.(text as string);
    if (decoded) {
      request.decodedBody = decoded.decoded;
      nulFree.add(decoded.body);
      return done(null, decoded.body);
    }
    parseJson(request, text as string, (error, body) => {
      if (!error && typeof body === 'object' && body !== null && !(text as string).includes('\\u0000'))
        nulFree.add(body);
      done(error, body);
    });
  });
  app.addHook('preValidation', async (request) => {
    if (typeof request.body === 'object' && request.body !== null && nulFree.has(request.body)) return;
    // Raw bytes (audit photos) are no text: nothing to check, and far too many keys to walk.
    if (Buffer.isBuffer(request.body)) return;
    const field = findNul(request.body, '');
    if (field !== undefined) throw invalid(field, 'must not contain the NUL character (\\u0000)');
  });

  app.decorateRequest('caller', null);
  app.addHook('onRequest', checkSameOrigin(ctx.config));
  app.addHook('onRequest', async (request) => {
    // The public survey routes answer anyone the same: no caller to identify.
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/public/'))
      request.caller = await identifyCaller(ctx.db, request, ctx.config);
  });

  // Open journey maps hear of every successful write in their workspace (journey-hub.ts); the
  // streams end before the server closes, or they would hold it open.
  const journeyHub = createJourneyHub(ctx.db, {
    heartbeatMs: options.liveHeartbeatMs,
    onError: (error) => app.log.error(error, 'journey live update failed'),
  });
  app.addHook('onResponse', async (request, reply) => {
    const workspaceId = (request.params as { workspaceId?: unknown } | undefined)?.workspaceId;
    if (STATE_CHANGING.has(request.method) && reply.statusCode < 400 && typeof workspaceId === 'string')
      journeyHub.afterWrite(workspaceId);
  });
  app.addHook('preClose', async () => journeyHub.close());

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true, engine: ctx.engine }));

  await app.register(authRoutes, { prefix: '/api', ctx });
  await app.register(passwordResetRoutes, { prefix: '/api', ctx });
  await app.register(backupRoutes, { prefix: '/api', ctx });
  await app.register(workspaceRoutes, { prefix: '/api', ctx });
  // Invitations: the owners' routes and the public ones of the link's holder.
  await app.register(invitationRoutes, { prefix: '/api', ctx });
  await app.register(importRoutes, { prefix: '/api', ctx });
  await app.register(shopperRoutes, { prefix: '/api', ctx });
  // Answering surveys without an account: the JSON API (the only CORS routes) and the pages.
  await app.register(publicSurveyRoutes, { prefix: '/api', ctx });
  await app.register(publicPages, { ctx });
  // A journey map's read-only link, opened signed out.
  await app.register(sharedMapRoutes, { prefix: '/api', ctx });
  await app.register(unreadCountRoutes, { prefix: '/api', ctx });
  const scoped = { prefix: '/api/workspaces/:workspaceId', ctx };
  await app.register(brandRoutes, scoped);
  await app.register(subjectRoutes, scoped);
  await app.register(channelRoutes, scoped);
  await app.register(touchpointRoutes, scoped);
  await app.register(standardRoutes, scoped);
  await app.register(journeyRoutes, scoped);
  await app.register(journeyLaneRoutes, scoped);
  await app.register(journeyTemplateRoutes, scoped);
  await app.register(personaRoutes, scoped);
  await app.register(journeyCommentRoutes, scoped);
  await app.register(journeyLiveRoutes, { ...scoped, hub: journeyHub });
  await app.register(journeyShareRoutes, scoped);
  await app.register(chainRoutes, scoped);
  await app.register(taskRoutes, scoped);
  await app.register(surveyRoutes, scoped);
  await app.register(complaintRoutes, scoped);
  await app.register(auditRoutes, scoped);
  await app.register(healthRoutes, scoped);
  await app.register(benchmarkRoutes, scoped);
  await app.register(reportRoutes, scoped);
  await app.register(exportRoutes, scoped);
  await app.register(interactionRoutes, scoped);
  await app.register(analyticsRoutes, scoped);
  await app.register(customerRoutes, scoped);
  await app.register(retentionRoutes, scoped);
  await app.register(alertRoutes, scoped);
  await app.register(webhookRoutes, scoped);
  await app.register(notificationRoutes, scoped);
  await app.register(reviewRoutes, scoped);
  await app.register(surveyPosterRoutes, scoped);
  return app;
}

/** Route plugin options: every module receives the context. */
export interface RouteOptions {
  ctx: AppContext;
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Finds a PostgreSQL error (code + constraint) in an error or its causes (Drizzle wraps them). */
function pgErrorOf(error: unknown): PgLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as PgLikeError & { cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    current = e.cause;
  }
  return undefined;
}

/** The path of the first string (or key) holding a NUL character, if any. */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 64 || typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const where = error.validationContext === 'body' ? '' : `${error.validationContext ?? ''}.`;
  return (error.validation ?? []).flatMap((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const keys = (v.params as { keys?: string[] }).keys;
    if (v.keyword === 'unrecognized_keys' && keys) {
      return keys.map((k) => ({ field: `${where}${path ? `${path}.` : ''}${k}`, message: 'unknown field' }));
    }
    const message = /received undefined/.test(v.message ?? '') ? 'is required' : (v.message ?? 'is invalid');
    return [{ field: `${where}${path}`.replace(/\.$/, ''), message }];
  });
}

function handleError(
  error: FastifyError,
  request: import('fastify').FastifyRequest,
  reply: import('fastify').FastifyReply,
) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = zodIssues(error);
    return reply.code(400).send({
      statusCode: 400,
      code: 'validation_failed',
      message: issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
      issues,
    });
  }
  if (error instanceof AppError) {
    return reply
      .code(error.statusCode)
      .send({ statusCode: error.statusCode, code: error.code, message: error.message, ...error.details });
  }
  const pg = pgErrorOf(error);
  if (pg?.code === '23505') {
    return reply.code(409).send({
      statusCode: 409,
      code: 'conflict',
      message: `an object with the same unique value already exists (${pg.constraint ?? 'unique constraint'})`,
    });
  }
  if (pg?.code === '23503') {
    return reply.code(409).send({
      statusCode: 409,
      code: 'in_use',
      message: `the object is referenced by other objects or references a missing one (${pg.constraint ?? 'foreign key'})`,
    });
  }
  if (pg?.code && ['22P02', '22001', '22003', '22021', '22P05', '22007', '22008'].includes(pg.code)) {
    return reply.code(400).send({
      statusCode: 400,
      code: 'validation_failed',
      message: `invalid value: ${pg.detail ?? ''}`.trim(),
    });
  }
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) {
    const code =
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return reply.code(status).send({ statusCode: status, code, message: error.message });
  }
  request.log.error(error);
  return reply
    .code(500)
    .send({ statusCode: 500, code: 'internal', message: 'internal error; see the server log' });
}
