/**
 * The ways to a survey: its public link, the QR code (PNG from the server) with the printable
 * posters, the embed code for a website (a tab at the page's edge or inline where the script
 * stands) and the kiosk devices. Answers are taken only while the survey is live, which the
 * panel says when it is not.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Image,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconExternalLink, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Survey, surveyApiPath } from '../../api/surveys';
import { CopyField } from '../copy-field';
import { KioskDevices } from './kiosk-devices';

export type EmbedMode = 'tab' | 'inline';

/** The `<script>` a website pastes to show the survey. */
export function embedSnippet(publicUrl: string, code: string, mode: EmbedMode): string {
  const origin = new URL(publicUrl, window.location.origin).origin;
  return `<script src="${origin}/embed.js" data-survey="${code}" data-mode="${mode}" async></script>`;
}

/** The public link as a QR code sends it: tagged as coming from a QR code. */
export function qrLink(publicUrl: string): string {
  const url = new URL(publicUrl, window.location.origin);
  url.searchParams.set('src', 'qr');
  return url.toString();
}

const POSTER_SIZES = ['a4', 'a5', 'tent'] as const;

export function SharePanel({
  workspaceId,
  survey,
  canEdit,
}: {
  workspaceId: string;
  survey: Survey;
  canEdit: boolean;
}) {
  const { t } = useTranslation('surveys');
  const [mode, setMode] = useState<EmbedMode>('tab');
  const base = `/api${surveyApiPath(workspaceId, survey.id)}`;
  const qrSrc = `${base}/qr.png`;

  return (
    <Stack gap="md" data-testid="share-panel">
      {survey.status !== 'live' && (
        <Alert color={survey.status === 'closed' ? 'red' : 'yellow'} data-testid="share-not-live">
          {t(`share.notLive.${survey.status === 'closed' ? 'closed' : 'draft'}`)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <Stack gap="sm">
            <Title order={4}>{t('share.link')}</Title>
            <Text size="sm" c="dimmed">
              {t('share.linkHint')}
            </Text>
            <CopyField value={survey.publicUrl} label={t('share.link')} testId="share-link" />
            <Anchor href={survey.publicUrl} target="_blank" rel="noopener" size="sm" w="fit-content">
              <Group gap={4} wrap="nowrap">
                <IconExternalLink size={14} />
                {t('share.open')}
              </Group>
            </Anchor>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={4}>{t('share.qr')}</Title>
            <Group gap="md" align="flex-start" wrap="wrap">
              <Image
                src={qrSrc}
                alt={t('share.qrAlt', { name: survey.name })}
                w={160}
                maw="100%"
                h="auto"
                style={{ aspectRatio: '1 / 1' }}
                fit="contain"
                data-testid="share-qr"
              />
              <Stack gap={6} style={{ minWidth: 0 }}>
                <Text size="sm" c="dimmed" maw={260}>
                  {t('share.qrHint')}
                </Text>
                <Button
                  component="a"
                  href={qrSrc}
                  download={`survey-${survey.code}.png`}
                  variant="default"
                  size="xs"
                  leftSection={<IconDownload size={14} />}
                  w="fit-content"
                >
                  {t('share.downloadPng')}
                </Button>
                {POSTER_SIZES.map((size) => (
                  <Button
                    key={size}
                    component="a"
                    href={`${base}/poster?size=${size}`}
                    target="_blank"
                    rel="noopener"
                    variant="light"
                    size="xs"
                    leftSection={<IconPrinter size={14} />}
                    w="fit-content"
                    data-testid={`share-poster-${size}`}
                  >
                    {t(`share.poster.${size}`)}
                  </Button>
                ))}
              </Stack>
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>{t('share.embed')}</Title>
          <Text size="sm" c="dimmed">
            {t('share.embedHint')}
          </Text>
          <SegmentedControl
            w="fit-content"
            aria-label={t('share.embedMode')}
            value={mode}
            onChange={(v) => setMode(v as EmbedMode)}
            data={[
              { value: 'tab', label: t('share.embedTab') },
              { value: 'inline', label: t('share.embedInline') },
            ]}
            data-testid="share-embed-mode"
          />
          <Text size="xs" c="dimmed">
            {t(`share.embedModeHint.${mode}`)}
          </Text>
          <CopyField
            multiline
            value={embedSnippet(survey.publicUrl, survey.code, mode)}
            label={t('share.embed')}
            testId="share-embed"
          />
        </Stack>
      </Card>
      <KioskDevices workspaceId={workspaceId} survey={survey} canEdit={canEdit} />
    </Stack>
  );
}
