/**
 * Who is calling and what they may do in a workspace. A caller is a signed-in user (session
 * cookie) or an API token (Bearer). Reads need any role or the `read`/`admin` scope; writes need
 * owner/editor or `admin`; managing members, tokens and the workspace itself needs owner or `admin`.
 * Cookie-borne writes must come from the app's own origin (`checkSameOrigin`).
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Config } from '../config.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../domain/errors.js';
import type { Role, TokenScope } from '../domain/vocabulary.js';
import type { ApiTokenRow } from '../store/catalog/api-tokens.js';
import { resolveApiToken } from '../store/catalog/api-tokens.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { type Device, findSessionUser } from '../store/catalog/sessions.js';
import type { UserRow } from '../store/catalog/users.js';
import { findRole } from '../store/catalog/workspaces.js';

export const SESSION_COOKIE = 'tp_session';

/** `sessionId` is the id (cookie hash) of the session the user calls with. */
export type Caller =
  | { kind: 'user'; user: UserRow; sessionId: string }
  | { kind: 'token'; token: ApiTokenRow };

/** What a route needs: read, write (create/update/delete), admin (members, tokens, workspace), ingest. */
export type Need = 'read' | 'write' | 'admin' | 'ingest';

export interface Access {
  workspaceId: string;
  actor: Actor;
  /** The member's role; tokens act with the rights of their scopes. */
  role: Role | null;
  caller: Caller;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** Finds the caller from the Bearer token or the session cookie; null when anonymous. */
export async function identifyCaller(
  db: Db,
  request: FastifyRequest,
  config: Pick<Config, 'sessionIdleMinutes'>,
): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', 'bad_token');
    return { kind: 'token', token: await resolveApiToken(db, match[1]) };
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const found = await findSessionUser(db, raw, {
    idleMinutes: config.sessionIdleMinutes,
    device: deviceOf(request),
  });
  return found ? { kind: 'user', ...found } : null;
}

/** The User-Agent and address of a request, as sessions record them. */
export function deviceOf(request: FastifyRequest): Device {
  return { userAgent: request.headers['user-agent'] ?? '', address: request.ip };
}

/** The signed-in user, or 401 (tokens cannot act on account endpoints). */
export function requireUser(request: FastifyRequest): UserRow {
  return requireSignedIn(request).user;
}

/** The signed-in user and the session they call with, or 401 (403 for an API token). */
export function requireSignedIn(request: FastifyRequest): { user: UserRow; sessionId: string } {
  const caller = request.caller;
  if (!caller) throw new UnauthorizedError();
  if (caller.kind !== 'user')
    throw new ForbiddenError('this endpoint needs a signed-in user, not an API token');
  return caller;
}

/**
 * Refuses what an API token must never do whatever its scopes: a token could otherwise mint or
 * raise an owner, or set a password, and so make a human account that outlives the token.
 */
export function refuseForToken(request: FastifyRequest, what: string): void {
  if (request.caller?.kind === 'token')
    throw new ForbiddenError(`an API token cannot ${what}; a signed-in owner must do it`);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` of a URL, normalised (default port dropped); undefined when not a URL. */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Cross-site request forgery guard for every state-changing `/api/` request that does not carry
 * a Bearer token: a browser request must come from the server's own origin (the request's own
 * scheme and Host, or TOUCHPOINTS_PUBLIC_URL), told by `Origin`, or without it by
 * `Sec-Fetch-Site` (same-origin, or none: typed by the user). A request with the session cookie
 * and neither header is refused too; one without the cookie (a script signing in) may pass, so
 * sign-in and setup are guarded against login CSRF whenever a browser sends them.
 */
export function checkSameOrigin(config: Pick<Config, 'publicUrl'>): onRequestAsyncHookHandler {
  const publicOrigin = originOf(config.publicUrl);
  return async (request) => {
    if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return;
    // Survey answers come from customers' sites (the embed widget); they carry no credentials.
    if (request.url.startsWith('/api/public/')) return;
    if (request.headers.authorization) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const given = originOf(origin);
      const own = originOf(`${request.protocol}://${request.host}`);
      if (given !== undefined && (given === own || given === publicOrigin)) return;
      throw new ForbiddenError(
        `cross-site request refused: Origin ${origin} is not this server's (${publicOrigin ?? own})`,
      );
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) {
      if (site === 'same-origin' || site === 'none') return;
      throw new ForbiddenError(`cross-site request refused: Sec-Fetch-Site is ${site}`);
    }
    if (request.cookies[SESSION_COOKIE])
      throw new ForbiddenError(
        'a request with the session cookie that changes something must send an Origin header (browsers do); scripts should use an API token',
      );
  };
}

const SCOPES_FOR: Record<Need, TokenScope[]> = {
  read: ['read', 'admin'],
  write: ['admin'],
  admin: ['admin'],
  ingest: ['ingest', 'admin'],
};

const ROLES_FOR: Record<Need, Role[]> = {
  read: ['owner', 'editor', 'viewer'],
  write: ['owner', 'editor'],
  admin: ['owner'],
  ingest: ['owner', 'editor'],
};

/**
 * Checks that the caller may do `need` in the workspace. Workspaces the caller cannot see
 * answer 404, as if they did not exist; a visible workspace without the right answers 403.
 */
export async function authorize(
  db: Db,
  request: FastifyRequest,
  workspaceId: string,
  need: Need,
): Promise<Access> {
  const caller = request.caller;
  if (!caller) throw new UnauthorizedError();
  if (caller.kind === 'token') {
    if (caller.token.workspaceId !== workspaceId) throw new NotFoundError('workspace', workspaceId);
    const allowed = SCOPES_FOR[need];
    if (!caller.token.scopes.some((s) => allowed.includes(s as TokenScope))) {
      throw new ForbiddenError(
        `this API token has scopes [${caller.token.scopes.join(', ')}]; ${need} needs one of [${allowed.join(', ')}]`,
      );
    }
    return { workspaceId, caller, role: null, actor: { userId: null, tokenId: caller.token.id } };
  }
  const role = await findRole(db, workspaceId, caller.user.id);
  if (!role) throw new NotFoundError('workspace', workspaceId);
  if (!ROLES_FOR[need].includes(role)) {
    throw new ForbiddenError(
      need === 'admin'
        ? `only an owner can do this; your role is ${role}`
        : `your role ${role} can only read this workspace`,
    );
  }
  return { workspaceId, caller, role, actor: { userId: caller.user.id, tokenId: null } };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, path /. */
export function setSessionCookie(
  reply: FastifyReply,
  raw: string,
  secure: boolean,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, raw, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
