/**
 * The import of a rating site's CSV export: choose the file, see which column feeds each field
 * (found by name, changeable), give the touchpoint, site and rating maximum for the whole file
 * when it has no column for them, and see a preview — the first reviews as they will be stored and
 * each refused row with its number, field and reason — before importing. Parsing and checks are
 * the server's (a dry run of POST /reviews/import).
 */
import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconFileUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_COMPLAINT_THRESHOLD,
  REQUIRED_REVIEW_FIELDS,
  REVIEW_FIELDS,
  type ReviewField,
} from '../../../../src/domain/review-rules';
import {
  type ReviewImportBody,
  type ReviewImportResult,
  type ReviewRowError,
  useImportReviews,
  usePreviewReviews,
} from '../../api/reviews';
import type { Touchpoint } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../states';

const SHOWN_REJECTS = 200;
/** Largest file sent (the server refuses request bodies over 10 MB by default). */
const MAX_FILE_BYTES = 9 * 1024 * 1024;
/** Fields that may be one value for the whole file instead of a column. */
const FIXABLE: readonly ReviewField[] = ['touchpoint', 'site', 'rating_max'];

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function download(name: string, rejects: readonly ReviewRowError[]) {
  const text = `row,field,reason\n${rejects.map((r) => `${r.row},${csvCell(r.field)},${csvCell(r.reason)}\n`).join('')}`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Settings {
  /** field → column ('' none); null until the first preview answered the default mapping. */
  mapping: Record<string, string> | null;
  touchpoint: string | null;
  site: string;
  ratingMax: number | string;
  complaints: boolean;
  threshold: number | string;
}

const INITIAL: Settings = {
  mapping: null,
  touchpoint: null,
  site: '',
  ratingMax: 5,
  complaints: true,
  threshold: DEFAULT_COMPLAINT_THRESHOLD,
};

/** The request for the settings: a field fed by a column takes no value for the whole file. */
function requestOf(csv: string, fileName: string, s: Settings): ReviewImportBody {
  // The first preview of a file only finds its columns and the fields they feed by name.
  if (s.mapping === null) return { csv, fileName };
  const map = Object.fromEntries(REVIEW_FIELDS.map((field) => [field, s.mapping?.[field] || null]));
  const fed = (field: ReviewField) => Boolean(s.mapping?.[field]);
  const ratingMax = typeof s.ratingMax === 'number' ? s.ratingMax : undefined;
  const threshold = typeof s.threshold === 'number' ? s.threshold : undefined;
  return {
    csv,
    fileName,
    map,
    touchpoint: fed('touchpoint') ? undefined : (s.touchpoint ?? undefined),
    site: fed('site') || s.site.trim() === '' ? undefined : s.site.trim(),
    ratingMax: fed('rating_max') ? undefined : ratingMax,
    complaintThreshold: s.complaints ? threshold : null,
  };
}

function RejectsTable({ rejects, fileName }: { rejects: readonly ReviewRowError[]; fileName: string }) {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  if (rejects.length === 0) return null;
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t('dialog.rejects')}
        </Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          onClick={() => download(`${fileName}.rejects.csv`, rejects)}
        >
          {t('dialog.download')}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={220} type="auto">
        <Table withTableBorder striped stickyHeader fz="xs" data-testid="review-rejects">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('dialog.row')}</Table.Th>
              <Table.Th w={110}>{t('dialog.field')}</Table.Th>
              <Table.Th>{t('dialog.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rejects.slice(0, SHOWN_REJECTS).map((r) => (
              <Table.Tr key={`${r.row}:${r.field}`}>
                <Table.Td>{f.number(r.row)}</Table.Td>
                <Table.Td>
                  <code>{r.field}</code>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {rejects.length > SHOWN_REJECTS && (
        <Text size="xs" c="dimmed">
          {t('dialog.moreRejects', { shown: f.number(SHOWN_REJECTS), total: f.number(rejects.length) })}
        </Text>
      )}
    </Stack>
  );
}

function PreviewView({ preview, fileName }: { preview: ReviewImportResult; fileName: string }) {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  return (
    <Stack gap="xs" data-testid="review-preview">
      {preview.issues.length > 0 ? (
        <Alert color="yellow" data-testid="review-preview-issues">
          <Stack gap={2}>
            {preview.issues.map((issue) => (
              <Text size="sm" key={issue.field}>
                <code>{issue.field}</code>: {issue.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : (
        <>
          <Text size="sm" data-testid="review-preview-counts">
            {t('dialog.rows', {
              rows: f.number(preview.rows),
              accepted: f.number(preview.accepted),
              rejected: f.number(preview.rejected.length),
            })}
          </Text>
          {preview.sample.length > 0 && (
            <ScrollArea type="auto">
              <Table withTableBorder fz="xs" data-testid="review-sample">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dialog.fields.date')}</Table.Th>
                    <Table.Th>{t('dialog.fields.site')}</Table.Th>
                    <Table.Th>{t('dialog.fields.rating')}</Table.Th>
                    <Table.Th>{t('dialog.fields.author')}</Table.Th>
                    <Table.Th>{t('dialog.fields.text')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.sample.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(r.postedAt)}</Table.Td>
                      <Table.Td>{r.site}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {t('item.rating', { rating: f.number(r.rating, 1), max: f.number(r.ratingMax, 1) })}
                      </Table.Td>
                      <Table.Td>{r.author ?? '–'}</Table.Td>
                      <Table.Td>
                        <Text size="xs" lineClamp={2} maw={260}>
                          {r.text}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          )}
          <RejectsTable rejects={preview.rejected} fileName={fileName} />
        </>
      )}
    </Stack>
  );
}

export function ReviewImportDialog({
  workspaceId,
  opened,
  onClose,
  touchpoints,
}: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
  touchpoints: readonly Touchpoint[];
}) {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings>(INITIAL);
  const [preview, setPreview] = useState<ReviewImportResult | null>(null);
  const [result, setResult] = useState<ReviewImportResult | null>(null);
  const previewReviews = usePreviewReviews(workspaceId);
  const importReviews = useImportReviews(workspaceId);
  const asked = useRef(0);
  const previewAsync = previewReviews.mutateAsync;

  // Every change of the file or the settings asks for a new preview (the last answer wins).
  useEffect(() => {
    if (!file || result) return;
    const ask = ++asked.current;
    const timer = setTimeout(() => {
      previewAsync(requestOf(file.text, file.name, settings))
        .then((answer) => {
          if (ask !== asked.current) return;
          setPreview(answer);
          if (settings.mapping === null) setSettings((s) => ({ ...s, mapping: { ...answer.mapping } }));
        })
        .catch(() => {
          if (ask === asked.current) setPreview(null);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [file, settings, result, previewAsync]);

  const close = () => {
    setFile(null);
    setFileError(null);
    setSettings(INITIAL);
    setPreview(null);
    setResult(null);
    previewReviews.reset();
    importReviews.reset();
    onClose();
  };

  const choose = async (chosen: File | null) => {
    setPreview(null);
    setResult(null);
    setSettings((s) => ({ ...s, mapping: null }));
    setFileError(null);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_FILE_BYTES) {
      setFile(null);
      return setFileError(t('dialog.tooLarge', { size: f.number(MAX_FILE_BYTES / 1024 / 1024) }));
    }
    try {
      setFile({ name: chosen.name, text: await chosen.text() });
    } catch (error) {
      setFile(null);
      setFileError(errorMessage(error));
    }
  };

  const columns = preview?.columns ?? [];
  const columnOptions = [
    { value: '', label: t('dialog.noColumn') },
    ...columns.map((c) => ({ value: c, label: c })),
  ];
  const setColumn = (field: ReviewField, column: string | null) =>
    setSettings((s) => ({ ...s, mapping: { ...(s.mapping ?? {}), [field]: column ?? '' } }));
  const fed = (field: ReviewField) => Boolean(settings.mapping?.[field]);
  const canImport =
    file !== null &&
    preview !== null &&
    preview.issues.length === 0 &&
    preview.accepted > 0 &&
    !previewReviews.isPending;

  const fixedInput = (field: ReviewField) => {
    if (field === 'touchpoint')
      return (
        <Select
          aria-label={t('dialog.fixedTouchpoint')}
          placeholder={t('dialog.fixedTouchpoint')}
          searchable
          size="xs"
          disabled={fed(field)}
          data={touchpoints.map((tp) => ({ value: tp.key, label: `${tp.name} (${tp.key})` }))}
          value={settings.touchpoint}
          onChange={(value) => setSettings((s) => ({ ...s, touchpoint: value }))}
          data-testid="review-import-touchpoint"
        />
      );
    if (field === 'site')
      return (
        <TextInput
          aria-label={t('dialog.fixedSite')}
          placeholder={t('dialog.fixedSite')}
          size="xs"
          disabled={fed(field)}
          value={settings.site}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setSettings((s) => ({ ...s, site: value }));
          }}
          data-testid="review-import-site"
        />
      );
    return (
      <NumberInput
        aria-label={t('dialog.fixedRatingMax')}
        placeholder={t('dialog.fixedRatingMax')}
        size="xs"
        min={1}
        max={100}
        disabled={fed(field)}
        value={settings.ratingMax}
        onChange={(value) => setSettings((s) => ({ ...s, ratingMax: value }))}
        data-testid="review-import-rating-max"
      />
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('dialog.title')} size="xl" data-testid="review-import">
      <Stack>
        <FileInput
          label={t('dialog.file')}
          description={t('dialog.fileHint')}
          placeholder={t('dialog.filePlaceholder')}
          accept=".csv,text/csv"
          leftSection={<IconFileUpload size={16} />}
          clearable
          onChange={(chosen) => void choose(chosen)}
          error={fileError}
          data-testid="review-import-file"
        />
        {file && previewReviews.isError && !preview && (
          <Alert color="red" role="alert" data-testid="review-import-file-error">
            {errorMessage(previewReviews.error)}
          </Alert>
        )}
        {file && settings.mapping && !result && (
          <>
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('dialog.mapping')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('dialog.mappingHint')}
              </Text>
            </Stack>
            <Stack gap={6} data-testid="review-mapping">
              {REVIEW_FIELDS.map((field) => (
                <Group key={field} gap="xs" wrap="wrap" align="center">
                  <Text size="sm" w={170}>
                    {t(`dialog.fields.${field}`)}
                    {REQUIRED_REVIEW_FIELDS.includes(field) && (
                      <Text span c="red" aria-label={t('dialog.required')}>
                        {' *'}
                      </Text>
                    )}
                  </Text>
                  <Select
                    aria-label={`${t(`dialog.fields.${field}`)}: ${t('dialog.column')}`}
                    size="xs"
                    w={150}
                    data={columnOptions}
                    value={settings.mapping?.[field] ?? ''}
                    onChange={(value) => setColumn(field, value)}
                    allowDeselect={false}
                    data-testid={`review-map-${field}`}
                  />
                  {FIXABLE.includes(field) && (
                    <div style={{ width: 170, maxWidth: '100%' }}>{fixedInput(field)}</div>
                  )}
                </Group>
              ))}
            </Stack>
            <Group gap="sm" align="flex-end">
              <Checkbox
                label={t('dialog.complaints')}
                checked={settings.complaints}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setSettings((s) => ({ ...s, complaints: checked }));
                }}
                mb={6}
                data-testid="review-import-complaints"
              />
              <NumberInput
                label={t('dialog.threshold')}
                description={t('dialog.thresholdHint')}
                size="xs"
                w={170}
                min={0}
                max={1}
                step={0.1}
                decimalScale={2}
                disabled={!settings.complaints}
                value={settings.threshold}
                onChange={(value) => setSettings((s) => ({ ...s, threshold: value }))}
              />
            </Group>
          </>
        )}
        {file && !result && previewReviews.isPending && (
          <Text size="sm" c="dimmed">
            {t('dialog.previewing')}
          </Text>
        )}
        {file && preview && !result && <PreviewView preview={preview} fileName={file.name} />}
        {result && file && (
          <Stack gap="xs" data-testid="review-import-result">
            <Alert color="green" title={t('dialog.done')}>
              {t('dialog.result', {
                inserted: f.number(result.inserted),
                updated: f.number(result.updated),
                unchanged: f.number(result.unchanged),
                rejected: f.number(result.rejected.length),
                complaints: f.number(result.complaints),
              })}
            </Alert>
            <RejectsTable rejects={result.rejected} fileName={file.name} />
          </Stack>
        )}
        {importReviews.isError && (
          <Alert color="red" role="alert" data-testid="review-import-error">
            {errorMessage(importReviews.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('dialog.close')}
          </Button>
          {!result && (
            <Button
              disabled={!canImport}
              loading={importReviews.isPending}
              onClick={() => {
                if (!file) return;
                importReviews
                  .mutateAsync(requestOf(file.text, file.name, settings))
                  .then(setResult)
                  .catch(() => {});
              }}
              data-testid="review-import-run"
            >
              {preview && preview.accepted > 0
                ? t('dialog.run', { n: f.number(preview.accepted) })
                : t('dialog.runNone')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
