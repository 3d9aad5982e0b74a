/**
 * Presentation mode: the map full-screen, one stage at a time — its touchpoints and notes lane by
 * lane and its emotion — moved through with the arrow keys or the buttons; Esc (or leaving full
 * screen) ends it. Where the browser refuses full screen, it still fills the window.
 */
import { ActionIcon, Badge, Button, Group, Portal, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPresentation, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../names';
import { cellOf, cellsOf, emotionText, type MapView } from './map-view';
import { ItemCard } from './read-only-map';
import './read-only-map.css';

/** A button that opens the presentation of `view` (made when asked for: `load`). */
export function PresentButton({ load }: { load: () => MapView | undefined }) {
  const { t } = useTranslation('sharing');
  const [view, setView] = useState<MapView | null>(null);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconPresentation size={16} />}
        onClick={() => setView(load() ?? null)}
        data-testid="jm-present"
      >
        {t('present.button')}
      </Button>
      {view && <Presentation view={view} onClose={() => setView(null)} />}
    </>
  );
}

export function Presentation({ view, onClose }: { view: MapView; onClose: () => void }) {
  const { t, i18n } = useTranslation('sharing');
  const { t: tj } = useTranslation('journeys');
  const names = useNames();
  const cells = useMemo(() => cellsOf(view), [view]);
  const [index, setIndex] = useState(0);
  const element = useRef<HTMLDivElement>(null);
  const total = view.stages.length;
  const go = useCallback(
    (delta: number) => setIndex((i) => Math.max(0, Math.min(total - 1, i + delta))),
    [total],
  );

  const closed = useRef(onClose);
  closed.current = onClose;
  const close = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    closed.current();
  }, []);

  useEffect(() => {
    element.current?.focus();
    element.current?.requestFullscreen?.().catch(() => undefined);
    // Esc in full screen is the browser's: it leaves full screen, and so the presentation.
    const left = () => {
      if (!document.fullscreenElement) closed.current();
    };
    document.addEventListener('fullscreenchange', left);
    return () => {
      document.removeEventListener('fullscreenchange', left);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight' || event.key === 'PageDown' || event.key === ' ') go(1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(-1);
      else if (event.key === 'Home') setIndex(0);
      else if (event.key === 'End') setIndex(total - 1);
      else if (event.key === 'Escape') close();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go, close, total]);

  const stage = view.stages[index];
  const lanes = stage
    ? view.lanes
        .map((lane) => ({ lane, items: cellOf(cells, stage.key, lane.key) }))
        .filter((l) => l.items.length > 0)
    : [];

  return (
    <Portal>
      <div
        ref={element}
        className="jm-present"
        role="dialog"
        aria-modal="true"
        aria-label={t('present.label', { name: view.name })}
        tabIndex={-1}
        data-testid="jm-presentation"
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text c="dimmed" size="sm" truncate>
            {view.name}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('present.keys')}
            </Text>
            <Tooltip label={t('present.exit')}>
              <ActionIcon
                variant="subtle"
                size="lg"
                onClick={close}
                aria-label={t('present.exit')}
                data-testid="present-exit"
              >
                <IconX />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {stage ? (
          <Stack gap="sm" mt="md" style={{ flex: 1 }}>
            <Text fw={600} c="blue" data-testid="present-position">
              {t('present.stageOf', { n: index + 1, total })}
            </Text>
            <Title order={1} data-testid="present-stage">
              {names.stage(stage)}
            </Title>
            <Group gap="lg">
              <Badge size="lg" variant="light" color="blue">
                {tj('curve.designed')}:{' '}
                {stage.designedEmotion === null
                  ? t('present.notSet')
                  : emotionText(stage.designedEmotion, i18n.language)}
              </Badge>
              {stage.measuredEmotion !== null && (
                <Badge size="lg" variant="light" color="orange">
                  {tj('curve.measured')}: {emotionText(stage.measuredEmotion, i18n.language)} (
                  {t('present.rated', { rated: stage.rated })})
                </Badge>
              )}
            </Group>
            {lanes.length === 0 ? (
              <Text c="dimmed" mt="lg">
                {t('present.empty')}
              </Text>
            ) : (
              <div className="jm-present-lanes">
                {lanes.map(({ lane, items }) => (
                  <section key={lane.key} className={`ro-kind-${lane.kind}`} data-testid="present-lane">
                    <Title order={3} size="h4" mb={8}>
                      {names.lane(lane)}
                    </Title>
                    {items.map((item) => (
                      <ItemCard key={item.position} item={item} />
                    ))}
                  </section>
                ))}
              </div>
            )}
          </Stack>
        ) : (
          <Text c="dimmed" mt="lg">
            {t('view.noStages')}
          </Text>
        )}
        <Group justify="space-between" mt="lg" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={18} />}
            disabled={index === 0}
            onClick={() => go(-1)}
            data-testid="present-previous"
          >
            {t('present.previous')}
          </Button>
          <Group gap={6} wrap="nowrap" aria-hidden="true" visibleFrom="xs">
            {view.stages.map((s, i) => (
              <span
                key={s.key}
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 5,
                  background: i === index ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-4)',
                }}
              />
            ))}
          </Group>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={18} />}
            disabled={index >= total - 1}
            onClick={() => go(1)}
            data-testid="present-next"
          >
            {t('present.next')}
          </Button>
        </Group>
      </div>
    </Portal>
  );
}
