/**
 * Personas (the customers a journey map is drawn for): the drawn avatars a persona without photo
 * shows, and the limits of its lists.
 */

/** Avatar colours (named as the web app's palette); '' lets the app pick one from the name. */
export const PERSONA_AVATARS = [
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
] as const;
export type PersonaAvatar = (typeof PERSONA_AVATARS)[number];

/** Goals, needs and pains: at most this many entries each. */
export const PERSONA_LIST_MAX = 20;
/** …each at most this long. */
export const PERSONA_ENTRY_MAX = 300;

/** The avatar colour of a persona: its chosen one, else one picked steadily from its name. */
export function personaAvatar(avatar: string, name: string): PersonaAvatar {
  if ((PERSONA_AVATARS as readonly string[]).includes(avatar)) return avatar as PersonaAvatar;
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return PERSONA_AVATARS[hash % PERSONA_AVATARS.length] as PersonaAvatar;
}

/** Up to two initials of a name ("Anna Nováková" → "AN"). */
export function personaInitials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((w) => [...(w ?? '')][0] ?? '')
    .join('')
    .toLocaleUpperCase();
}
