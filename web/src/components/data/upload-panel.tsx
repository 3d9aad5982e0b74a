/** Upload of a CSV or NDJSON file of interactions or feedback answers: columns, progress, result. */
import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  Input,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileUpload, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { IngestResult } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { errorMessage } from '../states';
import {
  type ColumnMapping,
  defaultMapping,
  type FilePreview,
  formatOfFile,
  type ImportFormat,
  MAX_REJECTS_KEPT,
  mappingProblems,
  previewFile,
  RECORD_FIELDS,
  type RecordKind,
  rejectsCsv,
  type UploadProgress,
  type UploadSummary,
  uploadPace,
  uploadRecords,
} from './upload-records';

const SHOWN_REJECTS = 200;

interface Chosen {
  file: File;
  format: ImportFormat;
  preview: FilePreview;
  mapping: ColumnMapping;
}

/** Offers a text as a file download. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ProgressView({ progress }: { progress: UploadProgress }) {
  const { t } = useTranslation('data');
  const f = useFormat();
  const { rowsPerSecond, etaMs } = uploadPace(progress);
  const share = progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : 1;
  return (
    <Stack gap={6} data-testid="upload-progress">
      <Progress value={share * 100} animated aria-label={t('upload.progress')} />
      <Group gap="lg">
        <Text size="sm">{t('upload.rows', { rows: f.number(progress.rows) })}</Text>
        <Text size="sm">{t('upload.rate', { rate: f.number(rowsPerSecond) })}</Text>
        <Text size="sm">{t('upload.eta', { eta: f.duration(etaMs) })}</Text>
      </Group>
    </Stack>
  );
}

function SummaryView({
  summary,
  fileName,
  onShowUnmapped,
}: {
  summary: UploadSummary;
  fileName: string;
  onShowUnmapped: () => void;
}) {
  const { t } = useTranslation('data');
  const f = useFormat();
  const figures = [
    { key: 'rows', label: t('summary.rows'), value: summary.rows },
    { key: 'accepted', label: t('summary.accepted'), value: summary.accepted },
    { key: 'duplicates', label: t('summary.duplicates'), value: summary.duplicates },
    { key: 'rejected', label: t('summary.rejected'), value: summary.rejectedCount },
    { key: 'quarantined', label: t('summary.quarantined'), value: summary.quarantined },
  ];
  return (
    <Stack data-testid="upload-summary">
      <Group justify="space-between">
        <Title order={4}>{t('summary.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('summary.elapsed', { duration: f.duration(summary.elapsedMs) })}
        </Text>
      </Group>
      {summary.stopped && (
        <Alert color="yellow" icon={<IconAlertTriangle />}>
          {t('summary.stopped')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }}>
        {figures.map((figure) => (
          <Card key={figure.key} withBorder padding="sm" data-testid={`summary-${figure.key}`}>
            <Text size="xs" c="dimmed">
              {figure.label}
            </Text>
            <Text size="xl" fw={600} data-testid={`summary-${figure.key}-value`}>
              {f.number(figure.value)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {summary.quarantined > 0 && (
        <Alert color="blue" title={t('summary.quarantinedTitle')}>
          <Text size="sm">{t('summary.quarantinedHint')}</Text>
          <Button mt="xs" size="xs" variant="light" onClick={onShowUnmapped}>
            {t('summary.mapKeys')}
          </Button>
        </Alert>
      )}
      {summary.rejectedCount > 0 ? (
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={5}>{t('summary.rejectsTitle')}</Title>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={() => download(`${fileName}.rejects.csv`, rejectsCsv(summary.rejects))}
            >
              {t('summary.download')}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={420} type="auto">
            <Table withTableBorder striped stickyHeader data-testid="rejects-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>{t('summary.row')}</Table.Th>
                  <Table.Th w={160}>{t('summary.field')}</Table.Th>
                  <Table.Th>{t('summary.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.rejects.slice(0, SHOWN_REJECTS).map((r) => (
                  <Table.Tr key={`${r.row}:${r.field}`}>
                    <Table.Td>{f.number(r.row)}</Table.Td>
                    <Table.Td>
                      <code>{r.field || t('summary.record')}</code>
                    </Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {summary.rejectedCount > SHOWN_REJECTS && (
            <Text size="sm" c="dimmed">
              {t('summary.moreRejects', {
                shown: f.number(SHOWN_REJECTS),
                total: f.number(summary.rejectedCount),
                kept: f.number(MAX_REJECTS_KEPT),
              })}
            </Text>
          )}
        </Stack>
      ) : (
        !summary.stopped && (
          <Text size="sm" c="green">
            {t('summary.noRejects')}
          </Text>
        )
      )}
    </Stack>
  );
}

/** The columns of the chosen file and the field each feeds. */
function MappingTable({
  kind,
  chosen,
  onChange,
}: {
  kind: RecordKind;
  chosen: Chosen;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const { t } = useTranslation('data');
  const fields = RECORD_FIELDS[kind].fields as readonly string[];
  const options = [{ value: '', label: t('upload.skip') }, ...fields.map((f) => ({ value: f, label: f }))];
  return (
    <Table withTableBorder data-testid="column-mapping">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('upload.column')}</Table.Th>
          <Table.Th>{t('upload.sample')}</Table.Th>
          <Table.Th w={220}>{t('upload.field')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {chosen.preview.columns.map((column, i) => (
          <Table.Tr key={column}>
            <Table.Td>
              <code>{column}</code>
            </Table.Td>
            <Table.Td
              maw={360}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            >
              <Text size="sm" c="dimmed" truncate>
                {chosen.preview.samples[0]?.[i] ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <Select
                size="xs"
                aria-label={t('upload.fieldOf', { column })}
                data-testid={`column-field-${column}`}
                allowDeselect={false}
                data={options}
                value={chosen.mapping[column] ?? ''}
                onChange={(value) => onChange({ ...chosen.mapping, [column]: value ?? '' })}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Choose a file, check its columns, upload it in batches and show what the API made of it. */
export function UploadPanel({ onShowUnmapped }: { onShowUnmapped: () => void }) {
  const { t } = useTranslation('data');
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<RecordKind>('interactions');
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<UploadSummary | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const choose = async (next: File | null, nextKind = kind) => {
    setFile(next);
    setChosen(null);
    setFileError(null);
    setSummary(null);
    setUploadError(null);
    setProgress(null);
    if (!next) return;
    const format = formatOfFile(next.name);
    if (!format) {
      setFileError(t('upload.unknownFormat'));
      return;
    }
    try {
      const preview = await previewFile(next, format);
      setChosen({ file: next, format, preview, mapping: defaultMapping(nextKind, preview.columns) });
    } catch (error) {
      setFileError(errorMessage(error));
    }
  };

  const start = async () => {
    if (!chosen) return;
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setSummary(null);
    setUploadError(null);
    const path = ws(workspaceId, kind === 'interactions' ? '/interactions' : '/feedback');
    const key = kind === 'interactions' ? 'interactions' : 'answers';
    try {
      const result = await uploadRecords(chosen.file, {
        kind,
        format: chosen.format,
        mapping: chosen.mapping,
        send: (records) => api.post<IngestResult>(path, { [key]: records }),
        onProgress: setProgress,
        signal: controller.signal,
      });
      setSummary(result);
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setRunning(false);
      abort.current = null;
      // New records change the unmapped keys and every analysis.
      await queryClient.invalidateQueries();
    }
  };

  const problems = chosen ? mappingProblems(kind, chosen.mapping) : null;
  const canStart = chosen && problems && problems.missing.length === 0 && problems.twice.length === 0;

  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <div>
            <Title order={4}>{t('upload.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('upload.intro')}
            </Text>
          </div>
          <Group align="end" gap="md">
            <Input.Wrapper label={t('upload.kind')} labelElement="div">
              <SegmentedControl
                display="flex"
                aria-label={t('upload.kind')}
                value={kind}
                disabled={running}
                data={[
                  { value: 'interactions', label: t('upload.kindInteractions') },
                  { value: 'feedback', label: t('upload.kindFeedback') },
                ]}
                onChange={(value) => {
                  const next = value as RecordKind;
                  setKind(next);
                  void choose(file, next);
                }}
              />
            </Input.Wrapper>
            <FileInput
              label={t('upload.file')}
              placeholder={t('upload.filePlaceholder')}
              accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
              leftSection={<IconFileUpload size={16} />}
              clearable
              disabled={running}
              value={file}
              onChange={(next) => void choose(next)}
              error={fileError}
              w={360}
              data-testid="upload-file"
            />
          </Group>
          {chosen && (
            <>
              <div>
                <Text fw={500} size="sm">
                  {t('upload.mapping')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('upload.mappingHint')}
                </Text>
              </div>
              <MappingTable
                kind={kind}
                chosen={chosen}
                onChange={(mapping) => setChosen({ ...chosen, mapping })}
              />
              {problems && problems.missing.length > 0 && (
                <Alert color="yellow" icon={<IconAlertTriangle />} data-testid="mapping-missing">
                  {t('upload.missing', { fields: problems.missing.join(', ') })}
                </Alert>
              )}
              {problems && problems.twice.length > 0 && (
                <Alert color="red" icon={<IconAlertTriangle />}>
                  {t('upload.twice', { fields: problems.twice.join(', ') })}
                </Alert>
              )}
              <Group>
                <Button
                  onClick={() => void start()}
                  loading={running}
                  disabled={!canStart}
                  data-testid="upload-start"
                >
                  {t('upload.start')}
                </Button>
                {running && (
                  <Button
                    variant="default"
                    leftSection={<IconPlayerStop size={16} />}
                    onClick={() => abort.current?.abort()}
                  >
                    {t('upload.stop')}
                  </Button>
                )}
              </Group>
            </>
          )}
          {progress && running && <ProgressView progress={progress} />}
          {uploadError && (
            <Alert color="red" title={t('upload.failed')} role="alert">
              {uploadError}
            </Alert>
          )}
        </Stack>
      </Card>
      {summary && chosen && (
        <Card withBorder>
          <SummaryView summary={summary} fileName={chosen.file.name} onShowUnmapped={onShowUnmapped} />
        </Card>
      )}
    </Stack>
  );
}
