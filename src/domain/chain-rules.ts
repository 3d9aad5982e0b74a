/** Rules of a chain (SPEC §2, law 2): the shape of its links and of its continuation. */
import type { FieldIssue } from './errors.js';
import type { LinkRole } from './vocabulary.js';

/**
 * Checks the ordered link roles of a chain: no links is a draft and allowed; otherwise exactly
 * one `initial` link and it comes first, at most one `final` link and it comes last.
 * Returns the issues (field `links.N.role`), empty when the chain is well formed.
 */
export function checkLinkRoles(roles: readonly LinkRole[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (roles.length === 0) return issues;
  roles.forEach((role, i) => {
    const field = `links.${i}.role`;
    if (role === 'initial' && i !== 0)
      issues.push({ field, message: 'only the first link can be the initial link' });
    if (role === 'final' && i !== roles.length - 1)
      issues.push({ field, message: 'only the last link can be the final link' });
  });
  if (roles[0] !== 'initial')
    issues.push({ field: 'links.0.role', message: 'the first link must be the initial link' });
  return issues;
}

/**
 * True when pointing chain `chainId` at `nextChainId` would close a loop, given the current
 * `next` pointers of the workspace's chains (chain id → next chain id or null).
 */
export function closesNextChainCycle(
  chainId: string,
  nextChainId: string | null,
  nextOf: ReadonlyMap<string, string | null>,
): boolean {
  const seen = new Set<string>([chainId]);
  let current = nextChainId;
  while (current) {
    if (seen.has(current)) return true;
    seen.add(current);
    current = nextOf.get(current) ?? null;
  }
  return false;
}
