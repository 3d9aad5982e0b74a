/** `/w/:id/chains`: the workspace's chains with their journey, links and continuation; create and delete. */
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Chain } from '../api/types';
import { CreateChainModal } from '../components/chains/create-chain';
import { DeleteChainModal } from '../components/chains/delete-chain';
import { ALL, useChains, useJourneys } from '../components/chains/queries';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

export function ChainsPage() {
  const { t } = useTranslation('chains');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Chain | null>(null);
  const filtered = Boolean(q || journeyId);
  const chains = useChains(workspaceId, { q: q || undefined, journeyId: journeyId ?? undefined });
  // Names of every chain, for the "next chain" column even when the list is filtered.
  const allChains = useChains(workspaceId);
  const journeys = useJourneys(workspaceId);
  const chainNames = useMemo(
    () => new Map((allChains.data?.items ?? []).map((c) => [c.id, c.name])),
    [allChains.data],
  );
  const journeyNames = useMemo(
    () => new Map((journeys.data?.items ?? []).map((j) => [j.id, j.name])),
    [journeys.data],
  );

  const createButton = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="create-chain">
      {t('list.create')}
    </Button>
  );

  return (
    <div data-testid="page-chains">
      <PageHeader title={t('title')}>{createButton}</PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('list.intro')}
      </Text>
      <Group mb="md" gap="sm">
        <TextInput
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label={t('list.journey')}
          placeholder={t('list.allJourneys')}
          clearable
          searchable
          value={journeyId}
          onChange={setJourneyId}
          data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
          w={240}
        />
      </Group>
      <QueryState query={chains}>
        {(page) =>
          page.items.length === 0 ? (
            <Card withBorder>
              {filtered ? (
                <Empty title={t('list.noMatch')} />
              ) : (
                <Empty title={t('list.emptyTitle')} action={createButton}>
                  {t('list.emptyHint')}
                </Empty>
              )}
            </Card>
          ) : (
            <Card withBorder p={0}>
              <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="chains-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('list.name')}</Table.Th>
                    <Table.Th>{t('list.journey')}</Table.Th>
                    <Table.Th ta="right">{t('list.links')}</Table.Th>
                    <Table.Th>{t('list.nextChain')}</Table.Th>
                    <Table.Th ta="right">{t('list.window')}</Table.Th>
                    {canEdit && (
                      <Table.Th w={60}>
                        <VisuallyHidden>{t('list.actions')}</VisuallyHidden>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((chain) => (
                    <Table.Tr key={chain.id} data-testid="chain-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/w/${workspaceId}/chains/${chain.id}`} fw={500}>
                          {chain.name}
                        </Anchor>
                        {chain.description && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {chain.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {chain.journeyId ? (
                          <Anchor
                            component={Link}
                            to={`/w/${workspaceId}/journeys/${chain.journeyId}`}
                            size="sm"
                          >
                            {journeyNames.get(chain.journeyId) ?? '…'}
                          </Anchor>
                        ) : (
                          <Text c="dimmed" size="sm">
                            {t('list.noJourney')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {chain.links.length === 0 ? (
                          <Badge variant="light" color="gray">
                            {t('list.draft')}
                          </Badge>
                        ) : (
                          format.number(chain.links.length)
                        )}
                      </Table.Td>
                      <Table.Td>
                        {chain.nextChainId ? (
                          <Anchor
                            component={Link}
                            to={`/w/${workspaceId}/chains/${chain.nextChainId}`}
                            size="sm"
                          >
                            {chainNames.get(chain.nextChainId) ?? '…'}
                          </Anchor>
                        ) : (
                          <Text c="dimmed" size="sm">
                            {t('list.noNextChain')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {t('list.windowDays', { days: format.number(chain.windowDays) })}
                      </Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <Tooltip label={t('list.delete', { name: chain.name })}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('list.delete', { name: chain.name })}
                              onClick={() => setDeleting(chain)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {page.total > ALL && (
                <Text size="sm" c="dimmed" p="sm">
                  {t('list.truncated', {
                    shown: format.number(page.items.length),
                    total: format.number(page.total),
                  })}
                </Text>
              )}
            </Card>
          )
        }
      </QueryState>
      <CreateChainModal
        key={journeyId ?? ''}
        workspaceId={workspaceId}
        opened={creating}
        onClose={() => setCreating(false)}
        journeyId={journeyId ?? undefined}
      />
      <DeleteChainModal workspaceId={workspaceId} chain={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
