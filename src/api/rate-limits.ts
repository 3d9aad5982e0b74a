/**
 * Request limits per client and minute (SPEC §9), for every `/api/` route. A client is the
 * signed-in user or the API token when the request carries one (so users behind one proxy
 * address do not share a budget), else the client address. Ingestion batches (`POST
 * …/interactions`, `…/feedback`) count against a separate, much higher budget so a loader
 * sending 10,000-record batches at full speed is not throttled by the general limit. Routes with
 * their own limit (sign-in, setup: per address, see auth.ts) keep it; sign-in also has a limit
 * per account, kept in the catalog (store/catalog/login-throttle.ts).
 */
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';

const MINUTE = 60_000;
const INGEST_ROUTE = /^\/api\/workspaces\/:workspaceId\/(interactions|feedback)$/;

/** Ingestion batches are counted apart from the other requests of the same client. */
function isIngestion(request: FastifyRequest): boolean {
  return request.method === 'POST' && INGEST_ROUTE.test(request.routeOptions.url ?? '');
}

/** Whose budget a request spends: `[ingest:]user:…`, `[ingest:]token:…` or `[ingest:]ip:…`. */
export function rateLimitKey(request: FastifyRequest): string {
  const caller = request.caller;
  const client =
    caller?.kind === 'user'
      ? `user:${caller.user.id}`
      : caller?.kind === 'token'
        ? `token:${caller.token.id}`
        : `ip:${request.ip}`;
  return isIngestion(request) ? `ingest:${client}` : client;
}

/** Options of @fastify/rate-limit: the general and the ingestion limit, answered as 429 JSON. */
export function apiRateLimits(
  config: Pick<Config, 'apiRateLimit' | 'ingestRateLimit'>,
): RateLimitPluginOptions {
  return {
    global: true,
    timeWindow: MINUTE,
    // The web app's files and the docs page are not API calls.
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: rateLimitKey,
    max: (_request, key) => (key.startsWith('ingest:') ? config.ingestRateLimit : config.apiRateLimit),
    errorResponseBuilder: (request, context) => {
      const what = isIngestion(request) ? 'ingestion batches' : 'requests';
      return new AppError(
        429,
        'rate_limited',
        `too many ${what} from this client: at most ${context.max} a minute; retry in ${context.after}`,
        { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      );
    },
  };
}
