/** Creating a chain: a name and, optionally, the journey it belongs to; the links follow in the editor. */
import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, ws } from '../../api/client';
import type { Chain, ChainCreate } from '../../api/types';
import { DialogActions } from '../dialog-actions';
import { chainKeys, useJourneys } from './queries';

export function CreateChainModal({
  workspaceId,
  opened,
  onClose,
  journeyId: initialJourneyId,
}: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
  journeyId?: string;
}) {
  const { t } = useTranslation('chains');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const journeys = useJourneys(workspaceId);
  const [name, setName] = useState('');
  const [journeyId, setJourneyId] = useState<string | null>(initialJourneyId ?? null);
  const create = useMutation({
    mutationFn: (body: ChainCreate) => api.post<Chain>(ws(workspaceId, '/chains'), body),
    onSuccess: async (chain) => {
      await queryClient.invalidateQueries({ queryKey: chainKeys.all(workspaceId) });
      navigate(`/w/${workspaceId}/chains/${chain.id}`);
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, journeyId });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('create.title')}>
      <Stack component="form" onSubmit={submit}>
        <TextInput
          label={t('create.name')}
          placeholder={t('create.namePlaceholder')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label={t('create.journey')}
          description={t('create.journeyHint')}
          placeholder={t('create.noJourney')}
          clearable
          searchable
          value={journeyId}
          onChange={setJourneyId}
          data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
          error={errors.journeyId}
        />
        <DialogActions
          error={create.isError && !Object.keys(errors).length && create.error.message}
          onCancel={close}
          label={tc('action.create')}
          pending={create.isPending}
        />
      </Stack>
    </Modal>
  );
}
