/**
 * One journey map: stages × lanes with touchpoints and notes edited in place, the designed and the
 * measured emotion curve beneath; sharing, presentation and the export menu (PDF, PNG, CSV).
 */
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconColumnInsertRight, IconRowInsertBottom } from '@tabler/icons-react';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { JourneyMap } from '../api/types';
import { CommentsProvider, MapCommentsButton } from '../components/journey/comments';
import { EmotionCurve } from '../components/journey/emotion-curve';
import { JourneyGrid, LANE_COLUMN_PX, STAGE_MIN_PX } from '../components/journey/journey-grid';
import { AddLaneDialog, AddStageDialog, useConfirm } from '../components/journey/map-dialogs';
import { downloadPng, pngFileName, usePrintFit } from '../components/journey/map-output';
import { MapShareTools } from '../components/journey/map-tools';
import { PersonaCard } from '../components/journey/persona-card';
import { Presence } from '../components/journey/presence';
import { useJourneyLive } from '../components/journey/use-journey-live';
import { useJourneyMap, useJourneyMapActions } from '../components/journey/use-journey-map';
import '../components/journey/journey-map.css';
import { useChannels } from '../api/workspace-lists';
import { useNames } from '../components/names';
import { PeriodFilter } from '../components/period-filter';
import { Empty, ErrorState, Loading } from '../components/states';
import { JourneyTasks } from '../components/tasks/journey-tasks';
import { useCanEdit, useMe, useWorkspaceId } from '../state/session';

export function JourneyMapPage() {
  const { t } = useTranslation();
  const { t: tj } = useTranslation('journeys');
  const workspaceId = useWorkspaceId();
  const { journeyId = '' } = useParams();
  const map = useJourneyMap(workspaceId, journeyId);
  if (map.isPending) return <Loading />;
  if (map.isError) {
    if (map.error instanceof ApiError && map.error.status === 404)
      return (
        <Empty
          title={t('state.notFound')}
          action={
            <Button component={Link} to={`/w/${workspaceId}/journeys`} variant="light">
              {tj('map.back')}
            </Button>
          }
        />
      );
    return <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
  }
  return <JourneyMapView workspaceId={workspaceId} map={map.data} />;
}

/** The one channel list of the workspace, shared with the other pages (same query key, same shape). */
function useChannelName(channelId: string | null): string | undefined {
  const channels = useChannels();
  const names = useNames();
  const channel = channels.data?.find((c) => c.id === channelId);
  return channel && names.channel(channel);
}

/** Marks the moment the map is first drawn (after the browser painted it), for the render benchmark. */
function useRenderedMark(element: RefObject<HTMLElement | null>, version: number) {
  const marked = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      setTimeout(() => {
        if (!marked.current) {
          marked.current = true;
          performance.mark('journey-map-rendered');
        }
        if (element.current) element.current.dataset.rendered = String(version);
      }, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [element, version]);
}

function JourneyMapView({ workspaceId, map }: { workspaceId: string; map: JourneyMap }) {
  const { t } = useTranslation('journeys');
  const canEdit = useCanEdit();
  const actions = useJourneyMapActions(workspaceId, map.id);
  const [confirm, confirmDialog] = useConfirm();
  const [dialog, setDialog] = useState<'stage' | 'lane' | null>(null);
  const [exporting, setExporting] = useState(false);
  const mapElement = useRef<HTMLDivElement>(null);
  const channel = useChannelName(map.acquisitionChannelId);
  usePrintFit(mapElement);
  useRenderedMark(mapElement, map.version);
  const viewers = useJourneyLive(workspaceId, map.id);
  const meId = useMe().data?.user.id;

  const exportPng = async () => {
    if (!mapElement.current) return;
    setExporting(true);
    try {
      await downloadPng(mapElement.current, pngFileName(map.name));
    } catch (error) {
      notifications.show({ color: 'red', title: t('map.exportFailed'), message: String(error) });
    } finally {
      setExporting(false);
    }
  };

  const subtitle = [
    map.persona && t('map.persona', { persona: map.persona }),
    channel && t('map.channel', { channel }),
  ].filter(Boolean);

  return (
    <CommentsProvider workspaceId={workspaceId} map={map} canEdit={canEdit}>
      <Stack gap="sm">
        <Anchor
          component={Link}
          to={`/w/${workspaceId}/journeys`}
          size="sm"
          className="no-print"
          style={{ alignSelf: 'flex-start' }}
        >
          <Group gap={4}>
            <IconChevronLeft size={14} />
            {t('map.back')}
          </Group>
        </Anchor>
        <div ref={mapElement} className="jm-map" data-testid="journey-map">
          <Group justify="space-between" align="flex-start" mb="sm">
            <div style={{ minWidth: 0 }}>
              <Title order={2} data-testid="journey-title" style={{ overflowWrap: 'anywhere' }}>
                {map.name}
              </Title>
              {subtitle.length > 0 && (
                <Text c="dimmed" size="sm">
                  {subtitle.join(' · ')}
                </Text>
              )}
              {map.description && (
                <Text size="sm" mt={4} maw={900}>
                  {map.description}
                </Text>
              )}
              <PersonaCard workspaceId={workspaceId} map={map} canEdit={canEdit} />
            </div>
            <Group gap="xs" className="jm-edit no-print">
              <Presence viewers={viewers} meId={meId} />
              <MapCommentsButton />
              {canEdit && (
                <>
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconColumnInsertRight size={16} />}
                    onClick={() => setDialog('stage')}
                    data-testid="jm-add-stage"
                  >
                    {t('map.addStage')}
                  </Button>
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconRowInsertBottom size={16} />}
                    onClick={() => setDialog('lane')}
                    data-testid="jm-add-lane"
                  >
                    {t('map.addLane')}
                  </Button>
                </>
              )}
              <MapShareTools
                workspaceId={workspaceId}
                map={map}
                png={{ label: t('map.exportPng'), busy: exporting, onClick: () => void exportPng() }}
              />
            </Group>
          </Group>
          <Text size="xs" c="dimmed" mb={6} className="jm-edit no-print">
            {!canEdit ? t('map.viewOnly') : map.items.length === 0 ? t('map.emptyHint') : t('map.dragHint')}
          </Text>
          <div className="jm-scroll">
            <div
              className="jm-canvas"
              style={{ minWidth: LANE_COLUMN_PX + map.stages.length * STAGE_MIN_PX }}
            >
              <JourneyGrid map={map} canEdit={canEdit} actions={actions} confirm={confirm} />
              <div className="jm-edit no-print" style={{ paddingLeft: LANE_COLUMN_PX, marginTop: 16 }}>
                <PeriodFilter />
              </div>
              <EmotionCurve map={map} />
            </div>
          </div>
        </div>
        <JourneyTasks workspaceId={workspaceId} map={map} />
        <AddStageDialog
          workspaceId={workspaceId}
          map={map}
          opened={dialog === 'stage'}
          onClose={() => setDialog(null)}
        />
        <AddLaneDialog
          workspaceId={workspaceId}
          map={map}
          opened={dialog === 'lane'}
          onClose={() => setDialog(null)}
        />
        {confirmDialog}
      </Stack>
    </CommentsProvider>
  );
}
