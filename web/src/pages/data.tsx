/** Data: upload of interactions and feedback, unmapped touchpoint keys, API tokens. */
import { Alert, Badge, Tabs } from '@mantine/core';
import { IconDatabaseImport, IconKey, IconQuestionMark } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ws } from '../api/client';
import type { UnmappedTouchpoint } from '../api/types';
import { ApiTokens } from '../components/data/api-tokens';
import { UnmappedKeys, unmappedKey } from '../components/data/unmapped-keys';
import { UploadPanel } from '../components/data/upload-panel';
import { PageHeader } from '../components/layout';
import { useCanEdit, useWorkspaceId } from '../state/session';

const TABS = ['upload', 'unmapped', 'tokens'] as const;
type Tab = (typeof TABS)[number];

export function DataPage() {
  const { t } = useTranslation('data');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : canEdit ? 'upload' : 'unmapped';
  const show = (next: Tab) => setParams({ tab: next }, { replace: true });
  // Shares the query of the list: the count on the tab and the list stay the same.
  const unmapped = useQuery({
    queryKey: unmappedKey(workspaceId),
    queryFn: () =>
      api.get<{ items: UnmappedTouchpoint[] }>(ws(workspaceId, '/unmapped-touchpoints')).then((r) => r.items),
  });
  const waiting = unmapped.data?.length ?? 0;
  return (
    <div data-testid="page-data">
      <PageHeader title={t('title')} />
      <Tabs value={tab} onChange={(v) => v && show(v as Tab)}>
        <Tabs.List mb="md">
          <Tabs.Tab value="upload" leftSection={<IconDatabaseImport size={16} />}>
            {t('tabs.upload')}
          </Tabs.Tab>
          <Tabs.Tab
            value="unmapped"
            leftSection={<IconQuestionMark size={16} />}
            rightSection={
              waiting > 0 ? (
                <Badge size="sm" circle color="orange" data-testid="unmapped-count">
                  {waiting}
                </Badge>
              ) : null
            }
          >
            {t('tabs.unmapped')}
          </Tabs.Tab>
          <Tabs.Tab value="tokens" leftSection={<IconKey size={16} />}>
            {t('tabs.tokens')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upload">
          {canEdit ? (
            <UploadPanel onShowUnmapped={() => show('unmapped')} />
          ) : (
            <Alert color="gray">{t('upload.readOnly')}</Alert>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="unmapped">
          <UnmappedKeys onUpload={() => show('upload')} />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <ApiTokens />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
