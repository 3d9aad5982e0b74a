/**
 * What the lanes beyond notes and touchpoints show and how they are filled: image thumbnails
 * (upload by file picker or drop, click to enlarge), channels (icon and name), KPI figures (typed
 * in and editable, or live from the map's one KPI request, coloured against their standard), and
 * the task link of pain points and opportunities (link, create, status badge).
 */
import {
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  Stack,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingStore,
  IconDeviceMobile,
  IconMail,
  IconMessage,
  IconPhone,
  IconPhoto,
  IconPlus,
  IconWorld,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type DragEvent, type FormEvent, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './lanes.css';
import type { z } from 'zod';
import type { ZJourneyKpis } from '../../../../src/api/journey-lanes.schemas.js';
import { KPI_SOURCES, type KpiSource } from '../../../../src/domain/journey-lanes';
import { postPhoto } from '../../api/audits';
import { api, ws } from '../../api/client';
import type { JourneyItem, Lane, Stage } from '../../api/types';
import { useChannels } from '../../api/workspace-lists';
import { useWorkspaceId } from '../../state/session';
import { useNames } from '../names';
import { errorMessage } from '../states';
import type { JourneyMapActions } from './use-journey-map';

export type JourneyKpis = z.output<typeof ZJourneyKpis>;
type ItemKpi = JourneyKpis['items'][number];

/**
 * The map's id and its live figures by item id (undefined while loading; null when the map has no
 * KPI lane), shared by every cell without passing them through each.
 */
export interface LaneContextValue {
  journeyId: string;
  kpis: Map<string, ItemKpi> | undefined | null;
}
export const LaneContext = createContext<LaneContextValue>({ journeyId: '', kpis: null });

/** One request per map, only when it has a KPI lane. */
export function useJourneyKpis(journeyId: string, enabled: boolean) {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: ['journey-kpis', workspaceId, journeyId],
    queryFn: () => api.get<JourneyKpis>(ws(workspaceId, `/journeys/${journeyId}/kpis`)),
    enabled,
    staleTime: 60_000,
    select: (data) => new Map(data.items.map((i) => [i.itemId, i])),
  });
}

const percent = (value: number) => `${Math.round(value * 1000) / 10} %`;

function ImageBody({ item, lane }: { item: JourneyItem; lane: Lane }) {
  const { t } = useTranslation('lanes');
  const [open, setOpen] = useState(false);
  if (!item.imageUrl) return null;
  const alt = t('image.alt', { lane: lane.name });
  return (
    <>
      <button
        type="button"
        className="jm-thumb-button"
        onClick={() => setOpen(true)}
        aria-label={t('image.open')}
        title={t('image.open')}
      >
        <img className="jm-thumb" src={item.imageUrl} alt={alt} loading="lazy" data-testid="jm-thumb" />
      </button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={alt} size="xl" centered>
          <img
            src={item.imageUrl}
            alt={alt}
            style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }}
          />
        </Modal>
      )}
    </>
  );
}

const CHANNEL_ICONS: Record<string, typeof IconWorld> = {
  website: IconWorld,
  customer_portal: IconWorld,
  email: IconMail,
  phone: IconPhone,
  chat: IconMessage,
  messenger: IconMessage,
  sms: IconMessage,
  mobile_app: IconDeviceMobile,
  premises: IconBuildingStore,
  in_person: IconBuildingStore,
};

function ChannelBody({ item }: { item: JourneyItem }) {
  const names = useNames();
  const key = item.channelKey ?? '';
  const Icon = CHANNEL_ICONS[key] ?? IconWorld;
  const name = names.channel({ key, name: item.channelName, customName: item.channelCustomName });
  return (
    <span className="jm-channel" data-testid="jm-channel">
      <Icon size={16} stroke={1.6} aria-hidden="true" />
      <span>{name}</span>
    </span>
  );
}

function KpiBody({
  item,
  canEdit,
  actions,
}: {
  item: JourneyItem;
  canEdit: boolean;
  actions: JourneyMapActions;
}) {
  const { t } = useTranslation('lanes');
  const live = useContext(LaneContext).kpis;
  const kpi = item.kpi;
  if (!kpi) return null;
  const sourceName = t(`kpi.sources.${kpi.source}`);
  const label = kpi.label || sourceName;
  if (kpi.source === 'manual')
    return (
      <span className="jm-kpi" data-testid="jm-kpi" data-source="manual">
        {canEdit ? (
          <NumberInput
            size="xs"
            variant="unstyled"
            className="jm-kpi-input"
            aria-label={t('kpi.edit', { label })}
            defaultValue={kpi.value ?? undefined}
            hideControls
            onBlur={(event) => {
              const value = Number(event.currentTarget.value.replace(',', '.'));
              if (event.currentTarget.value !== '' && Number.isFinite(value) && value !== kpi.value)
                void actions.updateItem(item.id, { kpi: { ...kpi, value } });
            }}
          />
        ) : (
          <span className="jm-kpi-figure">{kpi.value}</span>
        )}
        <span className="jm-kpi-label">{label}</span>
      </span>
    );
  const figure = live?.get(item.id);
  const met = figure?.met ?? null;
  const standard = figure?.standard;
  const text =
    live === undefined ? t('kpi.loading') : figure?.value == null ? t('kpi.noData') : percent(figure.value);
  const body = (
    <span
      className="jm-kpi"
      data-testid="jm-kpi"
      data-source={kpi.source}
      data-met={met === null ? undefined : String(met)}
    >
      <span className="jm-kpi-figure" data-testid="jm-kpi-value">
        {text}
      </span>
      <span className="jm-kpi-label">
        {label}
        {kpi.label ? ` · ${sourceName}` : ''}
      </span>
      {met !== null && (
        <Badge size="xs" color={met ? 'teal' : 'red'} variant="light">
          {met ? t('kpi.met') : t('kpi.notMet')}
        </Badge>
      )}
    </span>
  );
  return standard ? (
    <Tooltip
      label={t('kpi.standard', {
        name: standard.name,
        comparator: standard.comparator === 'gte' ? '≥' : '≤',
        target: standard.target,
        value: standard.value ?? '—',
      })}
    >
      {body}
    </Tooltip>
  ) : (
    body
  );
}

const STATUS_COLORS: Record<string, string> = {
  planned: 'gray',
  in_progress: 'blue',
  done: 'teal',
  verified: 'green',
  not_effective: 'red',
};

/** The task a pain point or opportunity is linked to: its status badge, and link / create / unlink. */
export function TaskLink({
  item,
  canEdit,
  actions,
}: {
  item: JourneyItem;
  canEdit: boolean;
  actions: JourneyMapActions;
}) {
  const { t } = useTranslation('lanes');
  const { journeyId } = useContext(LaneContext);
  const workspaceId = useWorkspaceId();
  const [picking, setPicking] = useState(false);
  const tasks = useQuery({
    queryKey: ['tasks', workspaceId, 'picker'],
    queryFn: () =>
      api.get<{ items: { id: string; title: string }[] }>(ws(workspaceId, '/tasks'), {
        limit: 200,
        offset: 0,
      }),
    enabled: picking,
  });
  const create = async () => {
    try {
      const task = await api.post<{ id: string }>(ws(workspaceId, '/tasks'), {
        title: (item.text ?? '').slice(0, 200) || '—',
        lever: 'business_processes',
        targets: { journeyId, stageId: item.stageId },
      });
      await actions.updateItem(item.id, { taskId: task.id });
      notifications.show({ color: 'teal', message: t('task.created') });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  return (
    <div className="jm-task">
      {item.taskId && item.taskStatus && (
        <Badge
          size="xs"
          variant="light"
          color={STATUS_COLORS[item.taskStatus] ?? 'gray'}
          title={t('task.linked', { title: item.taskTitle ?? '' })}
          data-testid="jm-task-status"
        >
          {t(`task.status.${item.taskStatus}`)} · {item.taskTitle}
        </Badge>
      )}
      {canEdit && picking && (
        <Select
          size="xs"
          autoFocus
          aria-label={t('task.pick')}
          placeholder={t('task.pick')}
          searchable
          data={(tasks.data?.items ?? []).map((task) => ({ value: task.id, label: task.title }))}
          onChange={(taskId) => {
            setPicking(false);
            if (taskId) void actions.updateItem(item.id, { taskId });
          }}
          onBlur={() => setPicking(false)}
        />
      )}
      {canEdit && !picking && (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <button
              type="button"
              className="jm-icon-button jm-edit jm-task-button"
              data-testid="jm-task-menu"
            >
              {item.taskId ? '⇄' : t('task.link')}
            </button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setPicking(true)}>{t('task.link')}</Menu.Item>
            <Menu.Item onClick={() => void create()}>{t('task.create')}</Menu.Item>
            {item.taskId && (
              <Menu.Item color="red" onClick={() => void actions.updateItem(item.id, { taskId: null })}>
                {t('task.unlink')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </div>
  );
}

/** The body of an image, channel or KPI item; null for other items. */
export function LaneItemBody(props: {
  item: JourneyItem;
  lane: Lane;
  canEdit: boolean;
  actions: JourneyMapActions;
}) {
  const { item } = props;
  if (item.imageId) return <ImageBody item={item} lane={props.lane} />;
  if (item.channelId) return <ChannelBody item={item} />;
  if (item.kpi) return <KpiBody item={item} canEdit={props.canEdit} actions={props.actions} />;
  return null;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

function ImageAdder({ stage, lane, actions }: AdderProps) {
  const { t } = useTranslation('lanes');
  const { journeyId } = useContext(LaneContext);
  const workspaceId = useWorkspaceId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const send = async (file: File | undefined) => {
    if (!file) return;
    if (!IMAGE_TYPES.includes(file.type)) {
      notifications.show({ color: 'red', message: t('image.wrongType') });
      return;
    }
    setBusy(true);
    try {
      const image = (await postPhoto(
        `/workspaces/${workspaceId}/journeys/${journeyId}/images`,
        file,
      )) as unknown as {
        id: string;
      };
      await actions.addItem({ stageId: stage.id, lane: lane.key, imageId: image.id });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    void send(file);
  };
  const label = t('image.add', { stage: stage.name, lane: lane.name });
  return (
    <section
      aria-label={t('image.drop')}
      className="jm-image-drop jm-edit"
      data-over={over || undefined}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      title={t('image.drop')}
    >
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        hidden
        data-testid="jm-image-input"
        onChange={(event) => void send(event.currentTarget.files?.[0])}
      />
      <button
        type="button"
        className="jm-icon-button"
        aria-label={label}
        title={label}
        disabled={busy}
        onClick={() => input.current?.click()}
        data-testid="jm-cell-add"
      >
        {busy ? '…' : <IconPhoto size={14} />}
      </button>
    </section>
  );
}

function ChannelAdder({ stage, lane, items, actions }: AdderProps) {
  const { t } = useTranslation('lanes');
  const names = useNames();
  const [open, setOpen] = useState(false);
  const channels = useChannels();
  const label = t('channel.add', { stage: stage.name, lane: lane.name });
  const taken = new Set(items.map((i) => i.channelId));
  if (!open)
    return (
      <button
        type="button"
        className="jm-icon-button jm-edit"
        aria-label={label}
        title={label}
        onClick={() => setOpen(true)}
        data-testid="jm-cell-add"
      >
        <IconPlus size={14} />
      </button>
    );
  const data = (channels.data ?? [])
    .filter((c) => !taken.has(c.id))
    .map((c) => ({ value: c.id, label: names.channel(c) }));
  return (
    <Select
      size="xs"
      autoFocus
      searchable
      aria-label={label}
      placeholder={t('channel.pick')}
      nothingFoundMessage={t('channel.none')}
      data={data}
      onChange={(channelId) => {
        setOpen(false);
        if (channelId) void actions.addItem({ stageId: stage.id, lane: lane.key, channelId });
      }}
      onBlur={() => setOpen(false)}
      data-testid="jm-channel-select"
    />
  );
}

function KpiAdder({ stage, lane, actions }: AdderProps) {
  const { t } = useTranslation('lanes');
  const workspaceId = useWorkspaceId();
  const { journeyId } = useContext(LaneContext);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<KpiSource>('manual');
  const [value, setValue] = useState<string | number>('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = t('kpi.add', { stage: stage.name, lane: lane.name });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
    if (source === 'manual' && (value === '' || !Number.isFinite(number))) {
      setError(t('kpi.valueRequired'));
      return;
    }
    setOpen(false);
    // The new figure's live value comes with the map's next KPI answer.
    void actions
      .addItem({
        stageId: stage.id,
        lane: lane.key,
        kpi: {
          source,
          ...(source === 'manual' ? { value: number } : {}),
          ...(label.trim() ? { label: label.trim() } : {}),
        },
      })
      .then(() => queryClient.invalidateQueries({ queryKey: ['journey-kpis', workspaceId, journeyId] }));
    setValue('');
    setLabel('');
    setError(null);
  };
  return (
    <>
      <button
        type="button"
        className="jm-icon-button jm-edit"
        aria-label={title}
        title={title}
        onClick={() => setOpen(true)}
        data-testid="jm-cell-add"
      >
        <IconPlus size={14} />
      </button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={title}>
          <form onSubmit={submit}>
            <Stack gap="sm">
              <Select
                label={t('kpi.source')}
                data={KPI_SOURCES.map((s) => ({ value: s, label: t(`kpi.sources.${s}`) }))}
                value={source}
                allowDeselect={false}
                onChange={(next) => setSource((next as KpiSource | null) ?? 'manual')}
                data-testid="jm-kpi-source"
              />
              {source === 'manual' && (
                <NumberInput
                  label={t('kpi.value')}
                  value={value}
                  onChange={setValue}
                  error={error}
                  decimalScale={4}
                />
              )}
              <TextInput
                label={t('kpi.label')}
                value={label}
                maxLength={100}
                onChange={(event) => setLabel(event.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit">{t('kpi.save')}</Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
    </>
  );
}

interface AdderProps {
  stage: Stage;
  lane: Lane;
  items: JourneyItem[];
  actions: JourneyMapActions;
}

/** The way to fill an image, channel or KPI cell; null for lanes of notes and touchpoints. */
export function LaneAdder(props: AdderProps) {
  switch (props.lane.kind) {
    case 'images':
      return <ImageAdder {...props} />;
    case 'channels':
      return <ChannelAdder {...props} />;
    case 'kpis':
      return <KpiAdder {...props} />;
    default:
      return null;
  }
}
