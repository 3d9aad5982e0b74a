/** Who else has the journey map open: their initials in the map's header, names on hover. */
import { Avatar, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Viewer } from './use-journey-live';

export function Presence({ viewers, meId }: { viewers: Viewer[]; meId: string | undefined }) {
  const { t } = useTranslation('comments');
  const others = viewers.filter((v) => v.userId !== meId);
  if (others.length === 0) return null;
  const label = t('presence', { names: others.map((v) => v.name).join(', ') });
  const shown = others.slice(0, 4);
  return (
    <Tooltip label={label} withArrow>
      <Avatar.Group spacing="xs" role="img" aria-label={label} data-testid="jm-presence" className="no-print">
        {shown.map((v) => (
          <Avatar key={v.userId} size="sm" radius="xl" color="initials" name={v.name} data-testid="jm-viewer">
            {v.initials}
          </Avatar>
        ))}
        {others.length > shown.length && (
          <Avatar size="sm" radius="xl">
            +{others.length - shown.length}
          </Avatar>
        )}
      </Avatar.Group>
    </Tooltip>
  );
}
