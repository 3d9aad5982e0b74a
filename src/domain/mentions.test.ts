import { describe, expect, it } from 'vitest';
import { mentionedEmails, mentionOf, mentionSpans } from './mentions.js';

describe('mentions', () => {
  it('finds @e-mail mentions, lower-cased, without a trailing full stop', () => {
    const text = 'Ask @Ann@Example.com. and @bob.smith+cx@mail.example.org, please';
    expect(mentionedEmails(text)).toEqual(['ann@example.com', 'bob.smith+cx@mail.example.org']);
    const [first] = mentionSpans(text);
    expect(text.slice(first?.start, first?.end)).toBe('@Ann@Example.com');
  });

  it('ignores plain addresses, lone @ and handles without a domain', () => {
    expect(mentionedEmails('mail ann@example.com or @ann or @ or x@@y.z')).toEqual([]);
  });

  it('counts a member once however often mentioned, and round-trips mentionOf', () => {
    expect(mentionedEmails(`${mentionOf('a@b.cz')} and again ${mentionOf('A@B.cz')}`)).toEqual(['a@b.cz']);
    expect(mentionSpans(`(${mentionOf('a@b.cz')})`)).toEqual([{ email: 'a@b.cz', start: 1, end: 8 }]);
  });
});
