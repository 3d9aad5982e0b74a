/** The sections of the journey maps area: the maps, the personas they are drawn for, maps compared. */
import { Button, Group } from '@mantine/core';
import { IconArrowsDiff, IconMap2, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type JourneysSection = 'maps' | 'personas' | 'compare';

export function JourneysTabs({ workspaceId, active }: { workspaceId: string; active: JourneysSection }) {
  const { t } = useTranslation('personas');
  const sections = [
    { key: 'maps', to: 'journeys', icon: IconMap2 },
    { key: 'personas', to: 'journeys/personas', icon: IconUsers },
    { key: 'compare', to: 'journeys/compare', icon: IconArrowsDiff },
  ] as const;
  return (
    <Group component="nav" aria-label={t('tabs.label')} gap={4} mb="md" wrap="wrap">
      {sections.map(({ key, to, icon: Icon }) => (
        <Button
          key={key}
          component={Link}
          to={`/w/${workspaceId}/${to}`}
          size="xs"
          variant={active === key ? 'light' : 'subtle'}
          color={active === key ? undefined : 'gray'}
          aria-current={active === key ? 'page' : undefined}
          leftSection={<Icon size={14} />}
          data-testid={`journeys-tab-${key}`}
        >
          {t(`tabs.${key}`)}
        </Button>
      ))}
    </Group>
  );
}
