/**
 * `/w/:id/report`: the touchpoint audit report as the server renders it (one self-contained HTML
 * document, GET /report), shown in a same-origin iframe with its language and period, printed from
 * the frame (the browser's print dialog saves it as PDF) or downloaded as a file.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ws } from '../api/client';
import { PageHeader } from '../components/layout';
import { LANGUAGES } from '../i18n/define';
import { useWorkspaceId } from '../state/session';

type Preset = '30' | '90' | '365' | 'custom';
const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function ReportPage() {
  const { t } = useTranslation('report');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const frame = useRef<HTMLIFrameElement>(null);
  const [lang, setLang] = useState<string>('');
  const [preset, setPreset] = useState<Preset>('90');
  const [from, setFrom] = useState(() => isoDate(Date.now() - 90 * DAY));
  const [to, setTo] = useState(() => isoDate(Date.now() + DAY));
  const [loadedSrc, setLoadedSrc] = useState<string | null>(null);

  const invalid = preset === 'custom' && from !== '' && to !== '' && from >= to;
  const src = useMemo(() => {
    const query = new URLSearchParams();
    if (lang) query.set('lang', lang);
    if (preset === 'custom') {
      if (from) query.set('from', from);
      if (to) query.set('to', to);
    } else {
      query.set('from', isoDate(Date.now() - Number(preset) * DAY));
      query.set('to', isoDate(Date.now() + DAY));
    }
    const search = query.toString();
    return `/api${ws(workspaceId, '/report')}${search ? `?${search}` : ''}`;
  }, [workspaceId, lang, preset, from, to]);
  const downloadHref = `${src}${src.includes('?') ? '&' : '?'}download=1`;
  const loading = loadedSrc !== src;

  return (
    <Stack gap="md">
      <PageHeader title={t('title')}>
        <Button
          leftSection={<IconPrinter size={16} />}
          disabled={loading || invalid}
          onClick={() => frame.current?.contentWindow?.print()}
          data-testid="report-print"
        >
          {t('print')}
        </Button>
        <Button
          component="a"
          href={invalid ? undefined : downloadHref}
          disabled={invalid}
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="report-download"
        >
          {t('download')}
        </Button>
      </PageHeader>
      <Text c="dimmed" size="sm" maw={820}>
        {t('intro')}
      </Text>
      <Group gap="md" align="end" wrap="wrap">
        <Select
          size="xs"
          label={t('language')}
          value={lang}
          onChange={(value) => setLang(value ?? '')}
          allowDeselect={false}
          data={[
            { value: '', label: t('workspaceLanguage') },
            ...LANGUAGES.map((l) => ({ value: l.code, label: l.name })),
          ]}
          data-testid="report-language"
          w={200}
        />
        <SegmentedControl
          aria-label={tc('period.label')}
          size="xs"
          value={preset}
          onChange={(value) => setPreset(value as Preset)}
          data={[
            { value: '30', label: tc('period.last30') },
            { value: '90', label: tc('period.last90') },
            { value: '365', label: tc('period.last365') },
            { value: 'custom', label: tc('period.custom') },
          ]}
          data-testid="report-period"
        />
        {preset === 'custom' && (
          <>
            <TextInput
              size="xs"
              type="date"
              label={tc('period.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              type="date"
              label={tc('period.to')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          </>
        )}
      </Group>
      {invalid ? (
        <Alert color="red">{t('periodInvalid')}</Alert>
      ) : (
        <Card withBorder p={0} pos="relative">
          {loading && (
            <Group gap="xs" p="sm" pos="absolute" top={0} left={0} data-testid="report-loading">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('loading')}
              </Text>
            </Group>
          )}
          <iframe
            ref={frame}
            key={src}
            src={src}
            title={t('frameTitle')}
            onLoad={() => setLoadedSrc(src)}
            data-testid="report-frame"
            style={{
              width: '100%',
              height: 'calc(100vh - 260px)',
              minHeight: 480,
              border: 0,
              display: 'block',
            }}
          />
        </Card>
      )}
    </Stack>
  );
}
