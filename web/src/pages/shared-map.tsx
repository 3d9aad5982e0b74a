/**
 * `/m/:token`: a journey map opened through its read-only link, signed out. No app navigation and
 * nothing of the workspace beyond what the link's route answers; the reader's language, with a
 * picker. The map can be presented stage by stage or printed (`/m/:token/print/:size`).
 */
import { Badge, Box, Center, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { type SharedMap, useSharedMap } from '../api/journey-shares';
import { ExportMenu, isPaperSize } from '../components/journey/export-menu';
import { MapPrint } from '../components/journey/map-print';
import { PresentButton } from '../components/journey/presentation';
import { ReadOnlyMap } from '../components/journey/read-only-map';
import { ReaderLanguagePicker, useReaderLanguage } from '../components/reader-language';
import { ErrorState, Loading } from '../components/states';

/** The map of the link in the URL, or why there is none. */
function SharedMapState({ children }: { children: (map: SharedMap, token: string) => React.ReactNode }) {
  const { t } = useTranslation('sharing');
  const { token = '' } = useParams();
  useReaderLanguage();
  const map = useSharedMap(token);
  if (map.isPending) return <Loading />;
  if (map.isError) {
    const gone = map.error instanceof ApiError && (map.error.status === 404 || map.error.status === 400);
    if (!gone) return <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
    return (
      <Center mih="70vh" p="md">
        <Stack align="center" maw={480} data-testid="shared-gone">
          <IconLinkOff size={40} stroke={1.4} color="var(--mantine-color-dimmed)" />
          <Title order={3}>{t('view.goneTitle')}</Title>
          <Text c="dimmed" ta="center">
            {t('view.gone')}
          </Text>
          <ReaderLanguagePicker label={t('view.language')} />
        </Stack>
      </Center>
    );
  }
  return <>{children(map.data, token)}</>;
}

export function SharedMapPage() {
  return <SharedMapState>{(map, token) => <SharedMapView map={map} token={token} />}</SharedMapState>;
}

function SharedMapView({ map, token }: { map: SharedMap; token: string }) {
  const { t, i18n } = useTranslation('sharing');
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  return (
    <Container fluid px="md" py="md" data-testid="page-shared-map">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
        <Box style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={1} size="h2" data-testid="shared-title">
              {map.name}
            </Title>
            <Badge variant="light" color="gray">
              {t('view.readOnly')}
            </Badge>
          </Group>
          {map.persona && (
            <Text c="dimmed" size="sm">
              {t('view.persona', { persona: map.persona })}
            </Text>
          )}
          {map.description && (
            <Text size="sm" mt={4} maw={900}>
              {map.description}
            </Text>
          )}
        </Box>
        <Group gap="xs" wrap="nowrap">
          <PresentButton load={() => map} />
          <ExportMenu printPath={(size) => `/m/${token}/print/${size}`} />
          <ReaderLanguagePicker label={t('view.language')} testId="shared-language" />
        </Group>
      </Group>
      {map.stages.length === 0 ? (
        <Text c="dimmed">{t('view.noStages')}</Text>
      ) : (
        <Box role="region" style={{ overflowX: 'auto' }} tabIndex={0} aria-label={map.name}>
          <ReadOnlyMap view={map} />
        </Box>
      )}
      <Stack gap={2} mt="sm">
        <Text size="xs" c="dimmed">
          {t('view.period', { from: date(map.period.from), to: date(map.period.to) })}
        </Text>
        {map.expiresAt && (
          <Text size="xs" c="dimmed">
            {t('view.expires', { date: new Date(map.expiresAt).toLocaleString(i18n.language) })}
          </Text>
        )}
      </Stack>
    </Container>
  );
}

/** `/m/:token/print/:size`: the shared map's print view. */
export function SharedMapPrintPage() {
  const { size } = useParams();
  const [search] = useSearchParams();
  const paper = isPaperSize(size) ? size : 'a4';
  return (
    <SharedMapState>
      {(map, token) => (
        <MapPrint
          view={map}
          size={paper}
          auto={search.get('auto') === '1'}
          backTo={`/m/${token}`}
          sizePath={(s) => `/m/${token}/print/${s}`}
        />
      )}
    </SharedMapState>
  );
}
