/** The first account of a fresh installation: the owner and their first workspace. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { ConflictError, ForbiddenError } from '../../domain/errors.js';
import type { Db } from './db.js';
import { setupTokens } from './schema.js';
import { hashSecret } from './secrets.js';
import { consumeSetupToken } from './sessions.js';
import { countUsers, createUser, type UserRow } from './users.js';
import { createWorkspace, type WorkspaceRow } from './workspaces.js';

export interface FirstOwnerInput {
  email: string;
  password: string;
  name?: string | undefined;
  workspaceName?: string | undefined;
}

/** Creates a user and a workspace (default "My company") that they own. */
export async function createFirstOwner(
  db: Db,
  input: FirstOwnerInput,
): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
  const user = await createUser(db, input);
  const workspace = await createWorkspace(
    db,
    { userId: user.id, tokenId: null },
    { name: input.workspaceName ?? 'My company' },
    user.id,
  );
  return { user, workspace };
}

/**
 * Completes the first-run setup with the one-time secret of the setup link: 409 once any user
 * exists, 403 for an unknown, used or expired secret.
 */
export async function completeSetup(
  db: Db,
  token: string,
  input: FirstOwnerInput,
): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
  if ((await countUsers(db)) > 0) throw new ConflictError('setup is already done; sign in instead');
  if (!(await consumeSetupToken(db, token))) {
    throw new ForbiddenError('the setup link is unknown, used or expired; restart the server for a new one');
  }
  return createFirstOwner(db, input);
}

/**
 * What a setup link can still do: `open` (no user yet and the secret works), `done` (an account
 * exists: sign in instead) or `invalid` (no user yet, but the secret is unknown, used or expired).
 */
export async function setupState(db: Db, token: string | undefined): Promise<'open' | 'done' | 'invalid'> {
  if ((await countUsers(db)) > 0) return 'done';
  if (!token) return 'invalid';
  const [row] = await db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(
      and(
        eq(setupTokens.id, hashSecret(token)),
        isNull(setupTokens.usedAt),
        gt(setupTokens.expiresAt, new Date()),
      ),
    );
  return row ? 'open' : 'invalid';
}
