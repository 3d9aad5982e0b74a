/** The touchpoint registry: search, filters, sorting, paging, tree view, edit drawer, templates, CSV. */
import { Button, Group, Menu, Pagination, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBooks,
  IconChevronDown,
  IconDownload,
  IconFileImport,
  IconFileSpreadsheet,
  IconPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../api/client';
import type { Page, Touchpoint } from '../api/types';
import { fetchAll } from '../api/workspace-lists';
import { PageHeader } from '../components/layout';
import { Empty, ErrorState, errorMessage, Loading } from '../components/states';
import { TemplateLibrary } from '../components/touchpoints/template-library';
import { exportTouchpointsCsv, TouchpointCsvImport } from '../components/touchpoints/touchpoint-csv';
import { TouchpointDrawer } from '../components/touchpoints/touchpoint-drawer';
import { TouchpointFilters } from '../components/touchpoints/touchpoint-filters';
import { TouchpointTable, TouchpointTree } from '../components/touchpoints/touchpoint-table';
import { PAGE_SIZE, useRegistryView } from '../components/touchpoints/use-touchpoint-query';
import { touchpointKeys } from '../components/touchpoints/workspace-data';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

export function TouchpointsPage() {
  const { t } = useTranslation('touchpoints');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const format = useFormat();
  const view = useRegistryView();
  const [libraryOpen, setLibraryOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const filterQuery = view.filters as Record<string, string>;
  const query: Record<string, string | number> & { root?: string } = {
    ...filterQuery,
    ...(view.view === 'tree' ? { root: 'true' } : {}),
    sort: view.sort,
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: touchpointKeys.list(workspaceId, query),
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), query),
    // Keep the rows on screen while paging or filtering, not when switching between list and tree:
    // the tree's roots are another set, and the list's rows must not show as roots meanwhile.
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[3] as { root?: string } | undefined)?.root === query.root
        ? previous
        : undefined,
  });
  // The tree shows every part below its composite, whatever the filters.
  const parts = useQuery({
    queryKey: [...touchpointKeys.parents(workspaceId), view.sort],
    queryFn: () => fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { root: 'false', sort: view.sort }),
    enabled: view.view === 'tree',
  });
  const childrenOf = useMemo(() => {
    const map = new Map<string, Touchpoint[]>();
    for (const tp of parts.data ?? []) {
      if (!tp.parentId) continue;
      const siblings = map.get(tp.parentId) ?? [];
      siblings.push(tp);
      map.set(tp.parentId, siblings);
    }
    return map;
  }, [parts.data]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const count = await exportTouchpointsCsv(workspaceId, filterQuery);
      notifications.show({ message: t('csv.exported', { count }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  const emptyActions = canEdit && (
    <Group mt="sm">
      <Button leftSection={<IconBooks size={16} />} onClick={() => setLibraryOpen(true)}>
        {t('openTemplates')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        onClick={() => view.openTouchpoint('new')}
      >
        {t('create')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} />}
        onClick={() => setImportOpen(true)}
      >
        {t('importCsv')}
      </Button>
    </Group>
  );

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div data-testid="page-touchpoints">
      <PageHeader title={t('title')}>
        <SegmentedControl
          aria-label={t('view.label')}
          size="xs"
          value={view.view}
          onChange={(value) => view.setView(value as 'list' | 'tree')}
          data={[
            { value: 'list', label: t('view.list') },
            { value: 'tree', label: t('view.tree') },
          ]}
          data-testid="view-toggle"
        />
        <Menu position="bottom-end">
          <Menu.Target>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              rightSection={<IconChevronDown size={14} />}
              loading={exporting}
              data-testid="csv-menu"
            >
              CSV
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconDownload size={16} />}
              onClick={() => void exportCsv()}
              disabled={total === 0}
              data-testid="export-csv"
            >
              {t('exportCsv')}
            </Menu.Item>
            {canEdit && (
              <Menu.Item
                leftSection={<IconFileImport size={16} />}
                onClick={() => setImportOpen(true)}
                data-testid="import-csv"
              >
                {t('importCsv')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        {canEdit && (
          <>
            <Button
              variant="light"
              leftSection={<IconBooks size={16} />}
              onClick={() => setLibraryOpen(true)}
              data-testid="open-templates"
            >
              {t('openTemplates')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => view.openTouchpoint('new')}
              data-testid="create-touchpoint"
            >
              {t('create')}
            </Button>
          </>
        )}
      </PageHeader>
      <TouchpointFilters filters={view.filters} onChange={view.setFilter} onClear={view.clearFilters} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        view.hasFilters ? (
          <Empty title={t('empty.noMatch')}>
            <Button variant="subtle" onClick={view.clearFilters}>
              {t('filter.clear')}
            </Button>
          </Empty>
        ) : (
          <Empty title={t('empty.title')} action={emptyActions}>
            {t('empty.hint')}
          </Empty>
        )
      ) : (
        <>
          {view.view === 'tree' ? (
            parts.isError ? (
              <ErrorState error={parts.error} onRetry={() => void parts.refetch()} />
            ) : (
              <TouchpointTree
                roots={list.data.items}
                childrenOf={childrenOf}
                sort={view.sort}
                onSort={view.setSort}
                onOpen={view.openTouchpoint}
              />
            )
          ) : (
            <TouchpointTable
              items={list.data.items}
              sort={view.sort}
              onSort={view.setSort}
              onOpen={view.openTouchpoint}
            />
          )}
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed" data-testid="touchpoint-total">
              {t('total', { count: total, formatted: format.number(total) })}
            </Text>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={view.page}
                onChange={view.setPage}
                size="sm"
                data-testid="touchpoint-pages"
              />
            )}
          </Group>
        </>
      )}
      <TouchpointDrawer
        open={view.open}
        onOpen={view.openTouchpoint}
        onClose={() => view.openTouchpoint(null)}
      />
      {canEdit && <TemplateLibrary opened={libraryOpen} onClose={() => setLibraryOpen(false)} />}
      {canEdit && <TouchpointCsvImport opened={importOpen} onClose={() => setImportOpen(false)} />}
    </div>
  );
}
