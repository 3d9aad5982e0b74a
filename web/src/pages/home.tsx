/** `/`: straight into the first workspace; without one, create a workspace or the demo. */
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import type { Workspace } from '../api/types';
import { PlainLayout } from '../components/layout';
import { ME_KEY, useMe } from '../state/session';

export function NewWorkspace() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const opened = async (workspace: Workspace) => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    navigate(`/w/${workspace.id}/touchpoints`);
  };
  const create = useMutation({
    mutationFn: () => api.post<Workspace>('/workspaces', { name }),
    onSuccess: opened,
  });
  const demo = useMutation({
    mutationFn: () => api.post<{ workspace: Workspace }>('/workspaces/demo', {}),
    onSuccess: (answer) => opened(answer.workspace),
  });
  return (
    <Stack maw={520}>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('workspaces.create')}
        </Title>
        <Group align="end">
          <TextInput
            label={t('workspaces.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={
              create.error instanceof ApiError
                ? (create.error.fieldMessage('name') ?? create.error.message)
                : null
            }
            style={{ flex: 1 }}
          />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('action.create')}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('workspaces.demo')}</Title>
        <Text size="sm" c="dimmed" my="xs">
          {t('workspaces.demoHint')}
        </Text>
        <Button variant="light" onClick={() => demo.mutate()} loading={demo.isPending}>
          {t('workspaces.demo')}
        </Button>
        {demo.isError && (
          <Text c="red" size="sm" mt="xs">
            {demo.error.message}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const first = me?.workspaces[0];
  if (first) return <Navigate to={`/w/${first.id}/touchpoints`} replace />;
  return (
    <PlainLayout>
      <Text mb="md">{t('workspaces.none')}</Text>
      <NewWorkspace />
    </PlainLayout>
  );
}
