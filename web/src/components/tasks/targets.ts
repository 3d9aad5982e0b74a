/**
 * The objects a task can target, for the pickers of the task dialog and the labels on cards: every
 * touchpoint, chain (with its links), journey (with the stages of the one picked) and standard.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Chain, JourneyMap, Page, Standard, Task, Touchpoint } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';
import { useJourneys } from '../chains/queries';
import { useNames } from '../names';

/** The pickers of the targets: every option the workspace has, loaded while the dialog is open. */
export function useTargetOptions(workspaceId: string, chainId?: string, journeyId?: string) {
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'all-for-tasks'],
    queryFn: () => fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { sort: 'name' }),
    staleTime: 30_000,
  });
  const chains = useQuery({
    queryKey: ['chains', workspaceId, 'all-for-tasks'],
    queryFn: () => api.get<Page<Chain>>(ws(workspaceId, '/chains'), { limit: 500, sort: 'name' }),
    staleTime: 30_000,
  });
  const journeys = useJourneys(workspaceId);
  const journey = useQuery({
    queryKey: ['journeys', workspaceId, 'map-for-tasks', journeyId],
    queryFn: () => api.get<JourneyMap>(ws(workspaceId, `/journeys/${journeyId}`)),
    enabled: Boolean(journeyId),
  });
  const standards = useQuery({
    queryKey: ['standards', workspaceId, 'all-for-tasks'],
    queryFn: () => fetchAll<Standard>(ws(workspaceId, '/standards')),
    staleTime: 30_000,
  });
  const display = useNames();
  const tpNames = new Map((touchpoints.data ?? []).map((tp) => [tp.id, tp.name]));
  const chainList = chains.data?.items ?? [];
  const names = {
    touchpoint: tpNames,
    chain: new Map(chainList.map((c) => [c.id, c.name])),
    link: new Map(
      chainList.flatMap((c) =>
        c.links.map((l) => [l.id, `${c.name} · ${l.position + 1}. ${l.touchpointName}`] as const),
      ),
    ),
    journey: new Map((journeys.data?.items ?? []).map((j) => [j.id, j.name])),
    stage: new Map((journey.data?.stages ?? []).map((s) => [s.id, display.stage(s)])),
    standard: new Map((standards.data ?? []).map((s) => [s.id, s.name])),
  };
  const chain = (chains.data?.items ?? []).find((c) => c.id === chainId);
  return {
    names,
    touchpoints: (touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name })),
    chains: (chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    links: (chain?.links ?? []).map((link) => ({
      value: link.id,
      label: `${link.position + 1}. ${link.touchpointName}`,
    })),
    journeys: (journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name })),
    stages: (journey.data?.stages ?? []).map((s) => ({ value: s.id, label: display.stage(s) })),
    standards: (standards.data ?? []).map((s) => ({
      value: s.id,
      label: tpNames.get(s.touchpointId) ? `${s.name} · ${tpNames.get(s.touchpointId)}` : s.name,
    })),
  };
}

export type TargetNames = ReturnType<typeof useTargetOptions>['names'];

/** "Touchpoint: Reception", "Standard: Answer within 20 s"… for the targets a task has. */
export function useTargetLabels() {
  const { t } = useTranslation('tasks');
  return (task: Pick<Task, 'targets'>, names: TargetNames): string[] => {
    const { targets } = task;
    const out: string[] = [];
    const add = (label: string, id: string | null, map: Map<string, string>) => {
      const name = id ? map.get(id) : undefined;
      if (name) out.push(`${label}: ${name}`);
    };
    add(t('field.touchpoint'), targets.touchpointId, names.touchpoint);
    add(t('field.standard'), targets.standardId, names.standard);
    if (targets.chainLinkId) add(t('field.link'), targets.chainLinkId, names.link);
    else add(t('field.chain'), targets.chainId, names.chain);
    add(t('field.journey'), targets.journeyId, names.journey);
    const stage = targets.stageId ? names.stage.get(targets.stageId) : undefined;
    if (stage) out.push(`${t('field.stage')}: ${stage}`);
    return out;
  };
}
