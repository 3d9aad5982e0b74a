/** The registry as a sortable table, and as a tree of composite touchpoints with their parts. */
import { ActionIcon, Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconChevronDown,
  IconChevronRight,
} from '@tabler/icons-react';
import { Fragment, type KeyboardEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../api/types';
import { useChannels, useMembers } from '../../api/workspace-lists';
import { STATUS_COLORS, useLabels } from './labels';

type SortField = 'name' | 'stage' | 'priority' | 'status' | 'key';

function SortHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: SortField;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation('touchpoints');
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const Icon = !active ? IconArrowsSort : descending ? IconArrowDown : IconArrowUp;
  return (
    <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'} title={label}>
      <UnstyledButton
        onClick={() => onSort(active && !descending ? `-${field}` : field)}
        aria-label={t('column.sortBy', { column: label })}
        data-testid={`sort-${field}`}
        maw="100%"
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {label}
          </Text>
          <Icon size={14} stroke={1.6} opacity={active ? 1 : 0.4} style={{ flexShrink: 0 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** The widest a cell with free text (channel, owner, tag) grows before it is cut. */
const CLAMP = 220;

function useCellText() {
  const labels = useLabels();
  const channels = useChannels().data;
  const members = useMembers().data;
  return useMemo(() => {
    const channelById = new Map((channels ?? []).map((c) => [c.id, labels.channel(c)]));
    const memberById = new Map((members ?? []).map((m) => [m.userId, m.name || m.email]));
    return {
      ...labels,
      channelOf: (id: string | null) => (id ? (channelById.get(id) ?? '') : ''),
      owner: (id: string | null) => (id ? (memberById.get(id) ?? '') : ''),
    };
  }, [labels, channels, members]);
}

function Row({
  touchpoint: tp,
  depth = 0,
  toggle,
  onOpen,
}: {
  touchpoint: Touchpoint;
  depth?: number;
  toggle?: ReactNode;
  onOpen: (id: string) => void;
}) {
  const text = useCellText();
  const open = () => onOpen(tp.id);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) open();
  };
  return (
    <Table.Tr
      onClick={open}
      onKeyDown={onKeyDown}
      tabIndex={0}
      aria-label={`${tp.name} (${tp.key})`}
      style={{ cursor: 'pointer' }}
      data-testid={`touchpoint-row-${tp.key}`}
      c={tp.status === 'retired' ? 'dimmed' : undefined}
    >
      <Table.Td>
        <Group gap={6} wrap="nowrap" pl={depth * 24}>
          {toggle}
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} lineClamp={1} title={tp.name}>
              {tp.name}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace" lineClamp={1} title={tp.key}>
              {tp.key}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{text.stage(tp.stage)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1} maw={CLAMP} title={text.channelOf(tp.channelId)}>
          {text.channelOf(tp.channelId)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{text.direction(tp.direction)}</Text>
      </Table.Td>
      <Table.Td ta="center">{tp.priority}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={STATUS_COLORS[tp.status]} tt="none">
          {text.status(tp.status)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1} maw={CLAMP} title={text.owner(tp.ownerUserId)}>
          {text.owner(tp.ownerUserId)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {tp.tags.slice(0, 3).map((tag) => (
            <Badge key={tag} variant="outline" color="gray" size="sm" tt="none" maw={CLAMP} title={tag}>
              {tag}
            </Badge>
          ))}
          {tp.tags.length > 3 && (
            <Text size="xs" c="dimmed" title={tp.tags.slice(3).join(', ')}>
              +{tp.tags.length - 3}
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function PlainHeader({ label }: { label: string }) {
  return (
    <Table.Th title={label}>
      <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Table.Th>
  );
}

function Head({ sort, onSort }: { sort: string; onSort: (sort: string) => void }) {
  const { t } = useTranslation('touchpoints');
  return (
    <Table.Thead>
      <Table.Tr>
        <SortHeader field="name" label={t('column.name')} sort={sort} onSort={onSort} />
        <SortHeader field="stage" label={t('column.stage')} sort={sort} onSort={onSort} />
        <PlainHeader label={t('column.channel')} />
        <PlainHeader label={t('column.direction')} />
        <SortHeader field="priority" label={t('column.priority')} sort={sort} onSort={onSort} />
        <SortHeader field="status" label={t('column.status')} sort={sort} onSort={onSort} />
        <PlainHeader label={t('column.owner')} />
        <PlainHeader label={t('column.tags')} />
      </Table.Tr>
    </Table.Thead>
  );
}

function Frame({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      {/* Columns as wide as their content: headers are never cut (in any language); long names,
          channels, owners and tags are, to CLAMP, with the whole text on hover. */}
      <Table highlightOnHover verticalSpacing={6} data-testid={testId}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

export function TouchpointTable({
  items,
  sort,
  onSort,
  onOpen,
}: {
  items: Touchpoint[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (id: string) => void;
}) {
  return (
    <Frame testId="touchpoint-table">
      <Head sort={sort} onSort={onSort} />
      <Table.Tbody>
        {items.map((tp) => (
          <Row key={tp.id} touchpoint={tp} onOpen={onOpen} />
        ))}
      </Table.Tbody>
    </Frame>
  );
}

/** Top-level touchpoints with their parts below them, expandable level by level. */
export function TouchpointTree({
  roots,
  childrenOf,
  sort,
  onSort,
  onOpen,
}: {
  roots: Touchpoint[];
  childrenOf: Map<string, Touchpoint[]>;
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('touchpoints');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const render = (tp: Touchpoint, depth: number, path: Set<string>): ReactNode => {
    const parts = path.has(tp.id) ? [] : (childrenOf.get(tp.id) ?? []);
    const isOpen = expanded.has(tp.id);
    const button = parts.length ? (
      <ActionIcon
        variant="subtle"
        size="sm"
        color="gray"
        aria-expanded={isOpen}
        aria-label={t(isOpen ? 'tree.collapse' : 'tree.expand', { name: tp.name })}
        data-testid={`tree-toggle-${tp.key}`}
        onClick={(event) => {
          event.stopPropagation();
          toggle(tp.id);
        }}
      >
        {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
      </ActionIcon>
    ) : (
      <span style={{ display: 'inline-block', width: 22 }} />
    );
    const inner = new Set(path).add(tp.id);
    return (
      <Fragment key={tp.id}>
        <Row touchpoint={tp} depth={depth} toggle={button} onOpen={onOpen} />
        {isOpen && parts.map((part) => render(part, depth + 1, inner))}
      </Fragment>
    );
  };
  return (
    <Frame testId="touchpoint-tree">
      <Head sort={sort} onSort={onSort} />
      <Table.Tbody>{roots.map((tp) => render(tp, 0, new Set()))}</Table.Tbody>
    </Frame>
  );
}
