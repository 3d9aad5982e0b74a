/** CSV export of the (filtered) registry and CSV import with a preview and per-row results. */
import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvRecord, decodeCsvFile, formatCsv, parseCsvRecords } from '../../../../src/domain/csv';
import {
  type CsvReferences,
  checkCsvColumns,
  csvColumnOfField,
  csvRecordToTouchpoint,
  orderParentsFirst,
  TOUCHPOINT_CSV_COLUMNS,
  touchpointsToCsvRows,
} from '../../../../src/domain/touchpoint-csv';
import { ApiError, api, ws } from '../../api/client';
import type { Brand, Channel, Member, Subject, Touchpoint } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';
import { useWorkspaceId } from '../../state/session';
import { errorMessage } from '../states';
import { touchpointKeys } from './workspace-data';

/** Everything references resolve against, read fresh (an import may follow other changes). */
async function loadReferences(workspaceId: string): Promise<CsvReferences> {
  const [channels, brands, subjects, members, touchpoints] = await Promise.all([
    fetchAll<Channel>(ws(workspaceId, '/channels')),
    fetchAll<Brand>(ws(workspaceId, '/brands')),
    fetchAll<Subject>(ws(workspaceId, '/subjects')),
    api.get<{ items: Member[] }>(ws(workspaceId, '/members')).then((answer) => answer.items),
    fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints')),
  ]);
  return { channels, brands, subjects, members, touchpoints };
}

/** Downloads the touchpoints matching `query` as CSV; answers how many. */
export async function exportTouchpointsCsv(
  workspaceId: string,
  query: Record<string, string>,
): Promise<number> {
  const [refs, list] = await Promise.all([
    loadReferences(workspaceId),
    fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), query),
  ]);
  // The byte-order mark makes spreadsheet programs read the file as UTF-8.
  const text = `\uFEFF${formatCsv(touchpointsToCsvRows(list, refs))}`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `touchpoints-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return list.length;
}

interface Row {
  record: CsvRecord;
  state: 'ready' | 'created' | 'failed';
  issues: { field: string; message: string }[];
}

/** Issues found before sending: references the workspace lacks (parents in the file count as known). */
function previewRows(records: CsvRecord[], refs: CsvReferences): Row[] {
  const withFileKeys: CsvReferences = {
    ...refs,
    touchpoints: [
      ...refs.touchpoints,
      ...records.map((r) => ({ id: 'in-file', key: (r.values.key ?? '').trim() })),
    ],
  };
  return orderParentsFirst(records).map((record) => {
    const { issues } = csvRecordToTouchpoint(record.values, withFileKeys);
    return { record, state: issues.length ? 'failed' : 'ready', issues };
  });
}

export function TouchpointCsvImport({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['touchpoints', 'common']);
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [finished, setFinished] = useState(false);

  const reset = () => {
    setFileName('');
    setFileError(null);
    setRows([]);
    setDone(0);
    setFinished(false);
  };
  const close = () => {
    if (running) return;
    reset();
    onClose();
  };

  const choose = async (file: File | null) => {
    reset();
    if (!file) return;
    setFileName(file.name);
    try {
      // Bytes that are not UTF-8 are a file error naming the line, not U+FFFD in a name.
      const text = decodeCsvFile(new Uint8Array(await file.arrayBuffer()));
      const { columns, records } = parseCsvRecords(text);
      const { unknown, missing } = checkCsvColumns(columns);
      if (missing.length) return setFileError(t('csv.missingColumns', { columns: missing.join(', ') }));
      if (unknown.length) return setFileError(t('csv.unknownColumns', { columns: unknown.join(', ') }));
      if (!records.length) return setFileError(t('csv.noRows'));
      setRows(previewRows(records, await loadReferences(workspaceId)));
    } catch (error) {
      setFileError(t('csv.fileError', { message: errorMessage(error) }));
    }
  };

  const run = async () => {
    setRunning(true);
    setDone(0);
    try {
      const refs = await loadReferences(workspaceId);
      const touchpoints = [...refs.touchpoints];
      const results = [...rows];
      for (const [index, row] of rows.entries()) {
        if (row.state === 'ready') {
          // Parents created earlier in this import resolve now.
          const { body, issues } = csvRecordToTouchpoint(row.record.values, { ...refs, touchpoints });
          if (issues.length) results[index] = { ...row, state: 'failed', issues };
          else {
            try {
              const created = await api.post<Touchpoint>(ws(workspaceId, '/touchpoints'), body);
              touchpoints.push(created);
              results[index] = { ...row, state: 'created', issues: [] };
            } catch (error) {
              const issues =
                error instanceof ApiError && error.body.issues?.length
                  ? error.body.issues.map((i) => ({ field: csvColumnOfField(i.field), message: i.message }))
                  : [{ field: '', message: errorMessage(error) }];
              results[index] = { ...row, state: 'failed', issues };
            }
          }
        }
        setDone(index + 1);
        setRows([...results]);
      }
    } finally {
      setRunning(false);
      setFinished(true);
      await queryClient.invalidateQueries({ queryKey: touchpointKeys.all(workspaceId) });
    }
  };

  const created = rows.filter((r) => r.state === 'created').length;
  const failed = rows.filter((r) => r.state === 'failed').length;
  const ready = rows.filter((r) => r.state === 'ready').length;
  const stateBadge = (row: Row) => {
    const color = { ready: 'blue', created: 'teal', failed: 'red' }[row.state];
    return (
      <Badge variant="light" color={color} tt="none">
        {t(`csv.${row.state}`)}
      </Badge>
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      size={960}
      title={<Title order={3}>{t('csv.importTitle')}</Title>}
      data-testid="csv-import"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('csv.hint', { columns: TOUCHPOINT_CSV_COLUMNS.join(', ') })}
        </Text>
        <Group>
          <FileButton
            onChange={(file) => void choose(file)}
            accept=".csv,text/csv"
            inputProps={{ 'aria-label': t('csv.chooseFile'), 'data-testid': 'csv-file' } as object}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconFileImport size={16} />}
                disabled={running}
              >
                {t('csv.chooseFile')}
              </Button>
            )}
          </FileButton>
          {fileName && <Text size="sm">{fileName}</Text>}
        </Group>
        {fileError && (
          <Alert color="red" role="alert">
            {fileError}
          </Alert>
        )}
        {rows.length > 0 && (
          <>
            {(running || finished) && (
              <Progress value={(done / rows.length) * 100} aria-label={t('csv.result')} />
            )}
            {finished && (
              <Alert color={failed ? 'orange' : 'teal'} data-testid="csv-summary">
                {t('csv.summary', { created, failed })}
              </Alert>
            )}
            <Table.ScrollContainer minWidth={700} mah={420}>
              <Table data-testid="csv-preview" verticalSpacing={4} stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>{t('csv.line')}</Table.Th>
                    <Table.Th>{t('column.key')}</Table.Th>
                    <Table.Th>{t('column.name')}</Table.Th>
                    <Table.Th>{t('column.stage')}</Table.Th>
                    <Table.Th>{t('column.channel')}</Table.Th>
                    <Table.Th>{t('csv.result')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.record.line} data-testid={`csv-row-${row.record.line}`}>
                      <Table.Td>{row.record.line}</Table.Td>
                      <Table.Td ff="monospace">{row.record.values.key}</Table.Td>
                      <Table.Td>{row.record.values.name}</Table.Td>
                      <Table.Td>{row.record.values.stage}</Table.Td>
                      <Table.Td>{row.record.values.channel}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {stateBadge(row)}
                          {row.issues.map((issue) => (
                            <Text key={`${issue.field}:${issue.message}`} size="xs" c="red">
                              {issue.field ? `${issue.field}: ` : ''}
                              {issue.message}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={running}>
            {t('common:action.close')}
          </Button>
          {!finished && (
            <Button onClick={() => void run()} loading={running} disabled={ready === 0} data-testid="csv-run">
              {t('csv.importRows', { count: ready })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
