/** A persona's face: the photo, else initials on the persona's colour. */
import { Avatar, type MantineSize } from '@mantine/core';
import { personaAvatar, personaInitials } from '../../../../src/domain/personas.js';
import type { Persona } from '../../api/personas';

export function PersonaAvatar({
  persona,
  size = 'md',
}: {
  persona: Pick<Persona, 'name' | 'avatar' | 'photoUrl'>;
  size?: MantineSize | number;
}) {
  return (
    <Avatar
      src={persona.photoUrl}
      alt={persona.name}
      color={personaAvatar(persona.avatar, persona.name)}
      variant="filled"
      radius="xl"
      size={size}
      data-testid="persona-avatar"
    >
      {personaInitials(persona.name)}
    </Avatar>
  );
}
