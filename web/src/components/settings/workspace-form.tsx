/** Name, description, the contact-frequency cap and the language of the workspace (owners change them). */
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Workspace } from '../../api/types';
import { LANGUAGES } from '../../i18n/define';
import { ME_KEY, useIsOwner, useWorkspaceId } from '../../state/session';
import { QueryState } from '../states';
import { useWorkspaceSave } from './use-workspace-save';

/** The settings with the cap and the language as given (none when empty). */
function settingsWith(settings: Workspace['settings'], cap: number | string, language: string) {
  const { contactFrequencyCap: _, language: __, ...others } = settings;
  return {
    ...others,
    ...(typeof cap === 'number' ? { contactFrequencyCap: cap } : {}),
    ...(language ? { language } : {}),
  };
}

function WorkspaceFields({ workspace, onConflict }: { workspace: Workspace; onConflict: () => void }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const isOwner = useIsOwner();
  const storedCap = workspace.settings.contactFrequencyCap;
  const initial = {
    name: workspace.name,
    description: workspace.description,
    cap: typeof storedCap === 'number' ? storedCap : '',
    language: typeof workspace.settings.language === 'string' ? workspace.settings.language : '',
  };
  const [form, setForm] = useState<{
    name: string;
    description: string;
    cap: number | string;
    language: string;
  }>(initial);
  // A newer version from the server (after a save or a conflict) replaces the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version resets the form
  useEffect(() => setForm(initial), [workspace.version]);
  const { save, error, submit, formError } = useWorkspaceSave(
    workspace,
    () => ({
      name: form.name,
      description: form.description,
      // The other settings (retention) go back as they are: a PATCH replaces the settings whole.
      settings: settingsWith(workspace.settings, form.cap, form.language),
    }),
    { onConflict, alsoRefresh: ME_KEY },
  );
  return (
    <Stack component="form" onSubmit={submit} maw={640}>
      <TextInput
        label={t('general.name')}
        required
        readOnly={!isOwner}
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={error?.fieldMessage('name')}
      />
      <Textarea
        label={t('general.description')}
        autosize
        minRows={2}
        maxRows={6}
        readOnly={!isOwner}
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
        error={error?.fieldMessage('description')}
      />
      <NumberInput
        label={t('general.cap')}
        description={t('general.capHint')}
        placeholder="8"
        min={1}
        max={1000}
        allowDecimal={false}
        readOnly={!isOwner}
        value={form.cap}
        onChange={(value) => setForm({ ...form, cap: value })}
        error={error?.fieldMessage('settings.contactFrequencyCap')}
        w={320}
      />
      <Select
        label={t('general.language')}
        description={t('general.languageHint')}
        data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        clearable
        readOnly={!isOwner}
        value={form.language || null}
        onChange={(value) => setForm({ ...form, language: value ?? '' })}
        error={error?.fieldMessage('settings.language')}
        data-testid="workspace-language"
        w={320}
      />
      {formError && (
        <Alert color="red" role="alert">
          {formError.message}
        </Alert>
      )}
      {isOwner && (
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="workspace-save">
            {tc('action.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function WorkspaceForm() {
  const { t } = useTranslation('settings');
  const workspaceId = useWorkspaceId();
  const isOwner = useIsOwner();
  const query = useQuery({
    queryKey: ['workspace', workspaceId],
    queryFn: () => api.get<Workspace>(ws(workspaceId, '')),
  });
  return (
    <Card withBorder>
      <Stack>
        <div>
          <Title order={4}>{t('general.title')}</Title>
          {!isOwner && (
            <Text size="sm" c="dimmed" mt={4}>
              {t('general.ownerOnly')}
            </Text>
          )}
        </div>
        <QueryState query={query}>
          {(workspace) => <WorkspaceFields workspace={workspace} onConflict={() => void query.refetch()} />}
        </QueryState>
      </Stack>
    </Card>
  );
}
