/** Dialogs of the journey map: add a stage, add a lane, confirm a removal. */
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ws } from '../../api/client';
import type { JourneyMap, Lane } from '../../api/types';
import { errorMessage } from '../states';
import { laneEdits, newKey, stageEdits } from './map-edits';
import { journeyKey } from './use-journey-map';

type LaneKind = Lane['kind'];
/** Every lane kind, in the order of the default lanes (an object, so tsc checks it is complete). */
const LANE_KIND_ORDER: Record<LaneKind, number> = {
  touchpoints: 0,
  actions: 1,
  thoughts: 2,
  feelings: 3,
  pain_points: 4,
  opportunities: 5,
  frontstage: 6,
  backstage: 7,
  support: 8,
  images: 9,
  channels: 10,
  kpis: 11,
};
const LANE_KINDS = (Object.keys(LANE_KIND_ORDER) as LaneKind[]).sort(
  (a, b) => LANE_KIND_ORDER[a] - LANE_KIND_ORDER[b],
);

/**
 * Saves a change of the map from a dialog: the answer replaces the cached map; a 409 reloads the
 * map and says so; a validation error is shown at the dialog's field.
 */
function useMapChange(workspaceId: string, map: JourneyMap, onDone: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const key = journeyKey(workspaceId, map.id);
  const mutation = useMutation({
    mutationFn: (request: { send: () => Promise<JourneyMap>; field: string }) => request.send(),
    onMutate: () => setError(null),
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      onDone();
    },
    onError: (e, { field }) => {
      if (e instanceof ApiError && e.status === 409) {
        notifications.show({ color: 'orange', message: t('state.conflict') });
        void queryClient.invalidateQueries({ queryKey: key });
        onDone();
      } else setError(e instanceof ApiError ? (e.fieldMessage(field) ?? e.message) : errorMessage(e));
    },
  });
  return { mutation, error, setError };
}

interface DialogProps {
  workspaceId: string;
  map: JourneyMap;
  opened: boolean;
  onClose: () => void;
}

function DialogButtons({
  pending,
  submit,
  onCancel,
}: {
  pending: boolean;
  submit: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {t('action.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
    </Group>
  );
}

export function AddStageDialog({ workspaceId, map, opened, onClose }: DialogProps) {
  const { t } = useTranslation('journeys');
  const [name, setName] = useState('');
  const close = () => {
    setName('');
    change.setError(null);
    onClose();
  };
  const change = useMapChange(workspaceId, map, close);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const stages = [
      ...stageEdits(map.stages),
      {
        key: newKey(
          trimmed,
          map.stages.map((s) => s.key),
          'stage',
        ),
        name: trimmed,
      },
    ];
    change.mutation.mutate({
      send: () =>
        api.put<JourneyMap>(ws(workspaceId, `/journeys/${map.id}/stages`), { version: map.version, stages }),
      field: `stages.${stages.length - 1}.name`,
    });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('map.addStage')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('map.stageName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={change.error}
            required
            data-autofocus
            data-testid="jm-new-stage-name"
          />
          <DialogButtons pending={change.mutation.isPending} submit={t('map.addStage')} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

export function AddLaneDialog({ workspaceId, map, opened, onClose }: DialogProps) {
  const { t } = useTranslation('journeys');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<LaneKind>('actions');
  const close = () => {
    setName('');
    setKind('actions');
    change.setError(null);
    onClose();
  };
  const change = useMapChange(workspaceId, map, close);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const lanes = [
      ...laneEdits(map.lanes),
      {
        key: newKey(
          trimmed,
          map.lanes.map((l) => l.key),
          'lane',
        ),
        name: trimmed,
        kind,
      },
    ];
    change.mutation.mutate({
      send: () =>
        api.patch<JourneyMap>(ws(workspaceId, `/journeys/${map.id}`), { version: map.version, lanes }),
      field: `lanes.${lanes.length - 1}.name`,
    });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('map.addLane')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('map.laneName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={change.error}
            required
            data-autofocus
            data-testid="jm-new-lane-name"
          />
          <Select
            label={t('map.laneKind')}
            value={kind}
            allowDeselect={false}
            onChange={(value) => value && setKind(value as LaneKind)}
            data={LANE_KINDS.map((k) => ({ value: k, label: t(`defaults.lanes.${k}`) }))}
          />
          <DialogButtons pending={change.mutation.isPending} submit={t('map.addLane')} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A yes/no question before something is removed: `confirm(message, action)` and its dialog. */
export function useConfirm(): [(message: string, action: () => void) => void, ReactNode] {
  const { t } = useTranslation();
  const [question, setQuestion] = useState<{ message: string; action: () => void } | null>(null);
  const confirm = useCallback((message: string, action: () => void) => setQuestion({ message, action }), []);
  const dialog = (
    <Modal opened={question !== null} onClose={() => setQuestion(null)} title={t('action.confirm')}>
      <Text size="sm">{question?.message}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => setQuestion(null)}>
          {t('action.cancel')}
        </Button>
        <Button
          color="red"
          data-testid="confirm-yes"
          onClick={() => {
            question?.action();
            setQuestion(null);
          }}
        >
          {t('action.delete')}
        </Button>
      </Group>
    </Modal>
  );
  return [confirm, dialog];
}
