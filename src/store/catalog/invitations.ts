/**
 * Invitations to a workspace: a one-time link (7 days by default) with which the invitee sets
 * their own name and password, or joins with the account they already have. Only the SHA-256 of
 * the link's secret is stored; the link itself is returned once, when the invitation is made.
 * Inviting an e-mail again replaces its pending invitation (the old link stops working).
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import {
  ConflictError,
  ForbiddenError,
  invalid,
  NotFoundError,
  UnauthorizedError,
} from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import { GoneError } from './audit-links.js';
import type { Db } from './db.js';
import { invitations, memberships, users, workspaces } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';
import { createUser, findUserByEmail, normalizeEmail, type UserRow } from './users.js';
import { findRole } from './workspaces.js';

export const INVITATION_TOKEN_PREFIX = 'tpi_';
export const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

export type InvitationRow = typeof invitations.$inferSelect;
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

function stateOf(row: InvitationRow, now = new Date()): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** What owners see of an invitation: never the token or its hash. */
export function toInvitationDto(row: InvitationRow, invitedByName: string | null, now = new Date()) {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    state: stateOf(row, now),
    invitedByUserId: row.invitedByUserId,
    invitedByName,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
export type InvitationDto = ReturnType<typeof toInvitationDto>;

/** The web app's page for an invitation link, relative to the server. */
export function invitationPagePath(token: string): string {
  return `/invite/${token}`;
}

/**
 * Invites `email` to the workspace with `role`; returns the invitation and its token (shown only
 * now). 409 naming `email` when that e-mail is a member already. A pending invitation of the same
 * e-mail is revoked: the new link replaces it.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { email: string; role: Role },
  now = new Date(),
) {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'must be an e-mail address');
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing && (await findRole(tx, workspaceId, existing.id)))
      throw new ConflictError(
        `${email} is already a member of this workspace`,
        { field: 'email' },
        'already_member',
      );
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    const token = newSecret(INVITATION_TOKEN_PREFIX);
    const [row] = await tx
      .insert(invitations)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedByUserId: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const inviter = actor.userId ? await nameOf(tx, actor.userId) : null;
    const dto = toInvitationDto(row, inviter, now);
    await recordAudit(tx, actor, workspaceId, {
      action: 'invite',
      entityType: 'invitation',
      entityId: row.id,
      after: { ...dto, replaced: replaced.map((r) => r.id) },
    });
    return { invitation: dto, token, path: invitationPagePath(token) };
  });
}

async function nameOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row ? row.name || row.email : null;
}

/** The invitations not yet accepted nor revoked (pending or expired), newest first. */
export async function listInvitations(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<InvitationDto[]> {
  const rows = await db
    .select({ invitation: invitations, inviterName: users.name, inviterEmail: users.email })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  return rows.map((r) => toInvitationDto(r.invitation, r.inviterName || r.inviterEmail || null, now));
}

/** Revokes an invitation: its link stops working (idempotent; 409 once accepted). */
export async function revokeInvitation(
  db: Db,
  actor: Actor,
  workspaceId: string,
  invitationId: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, workspaceId)));
    if (!row) throw new NotFoundError('invitation', invitationId);
    if (row.acceptedAt)
      throw new ConflictError(
        'this invitation was accepted already; remove the member instead',
        {},
        'already_accepted',
      );
    if (row.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, row.id));
    await recordAudit(tx, actor, workspaceId, {
      action: 'revoke',
      entityType: 'invitation',
      entityId: row.id,
      before: toInvitationDto(row, null, now),
    });
  });
}

/** The invitation of a link that still works; 404 unknown, 410 accepted, revoked or expired. */
async function resolveInvitation(db: Db, token: string, now: Date): Promise<InvitationRow> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashSecret(token)));
  if (!row) throw new NotFoundError('invitation');
  const state = stateOf(row, now);
  if (state === 'accepted')
    throw new GoneError('this invitation was accepted already; sign in instead', 'accepted');
  if (state === 'revoked') throw new GoneError('this invitation was withdrawn; ask for a new one', 'revoked');
  if (state === 'expired')
    throw new GoneError(
      `this invitation expired on ${row.expiresAt.toISOString()}; ask for a new one`,
      'expired',
    );
  return row;
}

/** What the page of an invitation link shows: nothing beyond the invitation itself. */
export async function describeInvitation(db: Db, token: string, now = new Date()) {
  const row = await resolveInvitation(db, token, now);
  const [ws] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, row.workspaceId));
  const inviter = row.invitedByUserId ? await nameOf(db, row.invitedByUserId) : null;
  const account = await findUserByEmail(db, row.email);
  return {
    workspaceName: ws?.name ?? '',
    inviterName: inviter,
    email: row.email,
    role: row.role as Role,
    expiresAt: row.expiresAt.toISOString(),
    hasAccount: account !== undefined,
  };
}

export interface AcceptInput {
  name?: string | undefined;
  password?: string | undefined;
}

/**
 * Accepts an invitation, once. An invitation for an existing account needs that account signed
 * in (401 when nobody is, 403 for another account); for a new e-mail the invitee gives a password
 * (and a name) and the account is created. The claim is one conditional UPDATE inside the
 * transaction, so of two accepts of the same link only one passes (the other: 410).
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: AcceptInput,
  signedIn: UserRow | undefined,
  now = new Date(),
): Promise<{ user: UserRow; workspaceId: string; role: Role; created: boolean }> {
  return db.transaction(async (tx) => {
    const row = await resolveInvitation(tx, token, now);
    let user = await findUserByEmail(tx, row.email);
    const created = user === undefined;
    if (user) {
      if (!signedIn)
        throw new UnauthorizedError(
          `an account with ${row.email} exists; sign in with it to accept the invitation`,
          'sign_in_required',
        );
      if (signedIn.id !== user.id)
        throw new ForbiddenError(
          `this invitation is for ${row.email}; you are signed in as ${signedIn.email}`,
        );
    } else {
      if (!input.password) throw invalid('password', 'is required to create your account');
      user = await createUser(tx, { email: row.email, password: input.password, name: input.name });
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedByUserId: user.id })
      .where(
        and(
          eq(invitations.id, row.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length !== 1)
      throw new GoneError('this invitation was accepted already; sign in instead', 'accepted');
    if (await findRole(tx, row.workspaceId, user.id))
      throw new ConflictError(
        `${row.email} is already a member of this workspace`,
        { field: 'email' },
        'already_member',
      );
    const role = row.role as Role;
    await tx.insert(memberships).values({ workspaceId: row.workspaceId, userId: user.id, role });
    const actor = { userId: user.id, tokenId: null };
    await recordAudit(tx, actor, row.workspaceId, {
      action: 'create',
      entityType: 'member',
      entityId: user.id,
      after: { userId: user.id, email: user.email, role },
    });
    await recordAudit(tx, actor, row.workspaceId, {
      action: 'accept',
      entityType: 'invitation',
      entityId: row.id,
      after: { userId: user.id, email: user.email, role, createdAccount: created },
    });
    return { user, workspaceId: row.workspaceId, role, created };
  });
}
