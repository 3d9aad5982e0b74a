/**
 * Where to fix a health finding: the page of its object. Touchpoints open in the registry, a
 * subject shows the registry filtered to it, a stage opens its journey map, a standard opens the
 * touchpoint it belongs to, a task opens on the task board.
 */
import { Button } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ws } from '../../api/client';
import type { HealthFinding, Page, Standard, Touchpoint } from '../../api/types';

/** The registry with one touchpoint open in its drawer (`tp`), searched for so it is in the list. */
export function touchpointPath(workspaceId: string, touchpoint: { id: string; name: string }): string {
  return `/w/${workspaceId}/touchpoints?${new URLSearchParams({ q: touchpoint.name, tp: touchpoint.id })}`;
}

/** The app path of a finding's object, or null when it needs a lookup first (a standard). */
export function findingPath(workspaceId: string, finding: HealthFinding): string | null {
  const { object } = finding;
  switch (object.type) {
    case 'touchpoint':
      return touchpointPath(workspaceId, object);
    case 'chain':
      return `/w/${workspaceId}/chains/${object.id}`;
    case 'stage': {
      const journeyId = journeyIdOf(finding);
      return journeyId ? `/w/${workspaceId}/journeys/${journeyId}` : `/w/${workspaceId}/journeys`;
    }
    case 'subject':
      return `/w/${workspaceId}/touchpoints?${new URLSearchParams({ subjectId: object.id })}`;
    case 'standard':
      return null;
    case 'task':
      return `/w/${workspaceId}/tasks?${new URLSearchParams({ task: object.id })}`;
  }
}

/** The journey id of a stage finding (its link is the journey's API path). */
export function journeyIdOf(finding: HealthFinding): string | undefined {
  return finding.object.type === 'stage' ? /\/journeys\/([^/?]+)/.exec(finding.link)?.[1] : undefined;
}

/**
 * The touchpoint of each standard (id → id and name), for the links of standard findings: two
 * list calls however many standards fail.
 */
export function useStandardTouchpoints(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['health', workspaceId, 'standard-touchpoints'],
    enabled,
    queryFn: async () => {
      const [standards, touchpoints] = await Promise.all([
        api.get<Page<Standard>>(ws(workspaceId, '/standards'), { limit: 500 }),
        api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { limit: 500 }),
      ]);
      const names = new Map(touchpoints.items.map((tp) => [tp.id, tp.name]));
      return new Map(
        standards.items.map((s) => [s.id, { id: s.touchpointId, name: names.get(s.touchpointId) ?? '' }]),
      );
    },
  });
}

export function FindingLink({
  workspaceId,
  finding,
  standardTouchpoint,
}: {
  workspaceId: string;
  finding: HealthFinding;
  /** For a standard finding: the touchpoint the standard belongs to, once known. */
  standardTouchpoint?: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation('chains');
  const label = t(`health.open.${finding.object.type}`);
  const to =
    finding.object.type === 'standard'
      ? standardTouchpoint &&
        (standardTouchpoint.name
          ? touchpointPath(workspaceId, standardTouchpoint)
          : `/w/${workspaceId}/touchpoints?${new URLSearchParams({ tp: standardTouchpoint.id })}`)
      : findingPath(workspaceId, finding);
  if (!to)
    return (
      <Button size="xs" variant="light" disabled>
        {label}
      </Button>
    );
  return (
    <Button
      size="xs"
      variant="light"
      rightSection={<IconArrowRight size={14} />}
      component={Link}
      to={to}
      data-testid="finding-open"
    >
      {label}
    </Button>
  );
}
