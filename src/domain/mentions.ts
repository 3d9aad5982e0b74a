/**
 * Mentions in a comment: `@` followed by a member's e-mail address (`@ann@example.com`). The web
 * app inserts them from its member picker and shows them as the member's name; the server checks
 * that each names a member of the workspace and tells them.
 */

/** `@` + e-mail, not preceded by a character that would make it part of a word or an address. */
const MENTION = /(^|[^\w.+@-])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

/** A mention found in a text: the e-mail (lower case) and where `@…` stands. */
export interface MentionSpan {
  email: string;
  start: number;
  end: number;
}

/**
 * The mentions of `text` in order, e.g. `mentionSpans('hi @Ann@Example.com.')` gives
 * `[{ email: 'ann@example.com', start: 3, end: 19 }]` (a full stop after the address is not part of it).
 */
export function mentionSpans(text: string): MentionSpan[] {
  const spans: MentionSpan[] = [];
  for (const match of text.matchAll(MENTION)) {
    const lead = match[1] ?? '';
    const address = match[2] ?? '';
    const start = (match.index ?? 0) + lead.length;
    spans.push({ email: address.toLowerCase(), start, end: start + 1 + address.length });
  }
  return spans;
}

/** The distinct e-mails mentioned in `text`, lower case, in order of first mention. */
export function mentionedEmails(text: string): string[] {
  return [...new Set(mentionSpans(text).map((s) => s.email))];
}

/** How a mention of `email` is written in a comment. */
export function mentionOf(email: string): string {
  return `@${email}`;
}
