/**
 * Who is calling and what they may do in a workspace. A caller is a signed-in user (session
 * cookie) or an API token (Bearer). Reads need any role or the `read`/`admin` scope; writes need
 * owner/editor or `admin`; managing members, tokens and the workspace itself needs owner or `admin`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../domain/errors.js';
import type { Role, TokenScope } from '../domain/vocabulary.js';
import type { ApiTokenRow } from '../store/catalog/api-tokens.js';
import { resolveApiToken } from '../store/catalog/api-tokens.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { findSessionUser } from '../store/catalog/sessions.js';
import type { UserRow } from '../store/catalog/users.js';
import { findRole } from '../store/catalog/workspaces.js';

export const SESSION_COOKIE = 'tp_session';

export type Caller = { kind: 'user'; user: UserRow } | { kind: 'token'; token: ApiTokenRow };

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
export async function identifyCaller(db: Db, request: FastifyRequest): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', 'bad_token');
    return { kind: 'token', token: await resolveApiToken(db, match[1]) };
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const user = await findSessionUser(db, raw);
  return user ? { kind: 'user', user } : null;
}

/** The signed-in user, or 401 (tokens cannot act on account endpoints). */
export function requireUser(request: FastifyRequest): UserRow {
  const caller = request.caller;
  if (!caller) throw new UnauthorizedError();
  if (caller.kind !== 'user')
    throw new ForbiddenError('this endpoint needs a signed-in user, not an API token');
  return caller.user;
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
