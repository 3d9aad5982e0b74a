/** Column heads (stages, with their designed emotion) and row heads (lanes) of the journey map. */
import { Menu, Text } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowLeft,
  IconArrowRight,
  IconArrowUp,
  IconDots,
  IconMoodCry,
  IconMoodEmpty,
  IconMoodHappy,
  IconMoodOff,
  IconMoodSad,
  IconMoodSmile,
  IconTrash,
} from '@tabler/icons-react';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasDefaultLaneName, hasDefaultStageName } from '../../../../src/domain/vocabulary';
import type { Lane, Stage } from '../../api/types';
import { EditableText } from './editable-text';
import { LazyMenu } from './lazy-menu';

const EMOTIONS = [
  { value: 2, key: 'p2', icon: IconMoodHappy, color: 'teal' },
  { value: 1, key: 'p1', icon: IconMoodSmile, color: 'green' },
  { value: 0, key: 'zero', icon: IconMoodEmpty, color: 'gray' },
  { value: -1, key: 'm1', icon: IconMoodSad, color: 'orange' },
  { value: -2, key: 'm2', icon: IconMoodCry, color: 'red' },
] as const;

function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

interface EmotionPickerProps {
  value: number | null;
  stageName: string;
  canEdit: boolean;
  onChange: (value: number | null) => void;
}

/** The designed emotion of a stage (−2…+2 or not set), chosen from a menu. */
function EmotionPicker({ value, stageName, canEdit, onChange }: EmotionPickerProps) {
  const { t } = useTranslation('journeys');
  const emotion = EMOTIONS.find((e) => e.value === value);
  const Icon = emotion?.icon ?? IconMoodOff;
  const text = emotion
    ? `${signed(emotion.value)} ${t(`map.emotions.${emotion.key}`)}`
    : t('map.emotionNone');
  const label = t('map.emotionAt', { stage: stageName });
  const face = (
    <>
      <Icon size={16} stroke={1.6} />
      <span>{text}</span>
    </>
  );
  // The colour's text shade: readable on the map's grey (theme.ts).
  const color = { color: `var(--mantine-color-${emotion?.color ?? 'gray'}-text)` };
  if (!canEdit)
    return (
      <span
        className="jm-emotion"
        style={color}
        title={label}
        data-testid="jm-emotion"
        data-value={value ?? ''}
      >
        {face}
      </span>
    );
  return (
    <span style={color}>
      <LazyMenu
        label={`${label}: ${text}`}
        title={label}
        className="jm-emotion jm-emotion-button"
        testId="jm-emotion"
        data={{ 'data-value': String(value ?? '') }}
        position="bottom-start"
        items={() => (
          <>
            <Menu.Label>{t('map.emotion')}</Menu.Label>
            {EMOTIONS.map((e) => (
              <Menu.Item
                key={e.value}
                leftSection={<e.icon size={16} color={`var(--mantine-color-${e.color}-6)`} />}
                onClick={() => onChange(e.value)}
              >
                {signed(e.value)} {t(`map.emotions.${e.key}`)}
              </Menu.Item>
            ))}
            <Menu.Item leftSection={<IconMoodOff size={16} />} onClick={() => onChange(null)}>
              {t('map.emotionNone')}
            </Menu.Item>
          </>
        )}
      >
        {face}
      </LazyMenu>
    </span>
  );
}

/**
 * The actions menu of a stage or lane header: move back, move forward, remove (not the last one).
 */
function HeadMenu(props: {
  label: string;
  testId: string;
  position?: 'bottom-start';
  index: number;
  count: number;
  onMove: (index: number, delta: number) => void;
  onRemove: (index: number) => void;
  back: { icon: ReactNode; label: string };
  forward: { icon: ReactNode; label: string };
  remove: string;
  /** Why the last one cannot be removed. */
  last: string;
}) {
  const { index, count } = props;
  return (
    <LazyMenu
      label={props.label}
      className="jm-icon-button jm-edit"
      testId={props.testId}
      position={props.position}
      items={() => (
        <>
          <Menu.Item
            leftSection={props.back.icon}
            disabled={index === 0}
            onClick={() => props.onMove(index, -1)}
          >
            {props.back.label}
          </Menu.Item>
          <Menu.Item
            leftSection={props.forward.icon}
            disabled={index === count - 1}
            onClick={() => props.onMove(index, 1)}
          >
            {props.forward.label}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            disabled={count === 1}
            title={count === 1 ? props.last : undefined}
            onClick={() => props.onRemove(index)}
          >
            {props.remove}
          </Menu.Item>
        </>
      )}
    >
      <IconDots size={14} />
    </LazyMenu>
  );
}

export interface StageHeadProps {
  stage: Stage;
  index: number;
  count: number;
  canEdit: boolean;
  onRename: (index: number, name: string) => void;
  onEmotion: (index: number, value: number | null) => void;
  onMove: (index: number, delta: number) => void;
  onRemove: (index: number) => void;
}

export const StageHead = memo(function StageHead({
  stage,
  index,
  count,
  canEdit,
  onRename,
  onEmotion,
  onMove,
  onRemove,
}: StageHeadProps) {
  const { t } = useTranslation('journeys');
  return (
    <th scope="col" data-testid="jm-stage" data-stage-key={stage.key}>
      <div className="jm-stage-head">
        <div className="jm-title-row">
          <Text fw={600} size="sm" component="div">
            <EditableText
              value={stage.name}
              label={t('map.renameStage', { name: stage.name })}
              canEdit={canEdit}
              testId="jm-stage-name"
              // Emptied: a renamed default stage goes back to its default name.
              onSave={(name) =>
                (name || (stage.customName && hasDefaultStageName(stage.key))) && onRename(index, name)
              }
            />
          </Text>
          {canEdit && (
            <HeadMenu
              label={t('map.stageActions', { name: stage.name })}
              testId="jm-stage-menu"
              index={index}
              count={count}
              onMove={onMove}
              onRemove={onRemove}
              back={{ icon: <IconArrowLeft size={14} />, label: t('map.moveLeft') }}
              forward={{ icon: <IconArrowRight size={14} />, label: t('map.moveRight') }}
              remove={t('map.removeStage')}
              last={t('map.lastStage')}
            />
          )}
        </div>
        <EmotionPicker
          value={stage.designedEmotion}
          stageName={stage.name}
          canEdit={canEdit}
          onChange={(value) => onEmotion(index, value)}
        />
      </div>
    </th>
  );
});

export interface LaneHeadProps {
  lane: Lane;
  index: number;
  count: number;
  canEdit: boolean;
  onRename: (index: number, name: string) => void;
  onMove: (index: number, delta: number) => void;
  onRemove: (index: number) => void;
}

export const LaneHead = memo(function LaneHead({
  lane,
  index,
  count,
  canEdit,
  onRename,
  onMove,
  onRemove,
}: LaneHeadProps) {
  const { t } = useTranslation('journeys');
  const kind = t(`defaults.lanes.${lane.kind}`);
  return (
    <th scope="row" className="jm-lane-head" data-testid="jm-lane" data-lane={lane.key}>
      <div className="jm-title-row">
        <div>
          <EditableText
            value={lane.name}
            label={t('map.renameLane', { name: lane.name })}
            canEdit={canEdit}
            testId="jm-lane-name"
            onSave={(name) =>
              (name || (lane.customName && hasDefaultLaneName(lane.key))) && onRename(index, name)
            }
          />
          {kind !== lane.name && (
            <Text size="xs" c="dimmed" fw={400}>
              {kind}
            </Text>
          )}
        </div>
        {canEdit && (
          <HeadMenu
            label={t('map.laneActions', { name: lane.name })}
            testId="jm-lane-menu"
            position="bottom-start"
            index={index}
            count={count}
            onMove={onMove}
            onRemove={onRemove}
            back={{ icon: <IconArrowUp size={14} />, label: t('map.moveUp') }}
            forward={{ icon: <IconArrowDown size={14} />, label: t('map.moveDown') }}
            remove={t('map.removeLane')}
            last={t('map.lastLane')}
          />
        )}
      </div>
    </th>
  );
});
