/** The audit log: every change, newest first — who, what, when, and before/after on demand. */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { ApiToken, AuditEntry } from '../../api/types';
import { useMembers } from '../../api/workspace-lists';
import { useFormat } from '../../i18n/format';
import { useIsOwner, useWorkspaceId } from '../../state/session';
import { Empty, QueryState } from '../states';

const PAGE_SIZE = 25;
const ENTITY_TYPES = [
  'touchpoint',
  'journey',
  'journey_item',
  'chain',
  'standard',
  'subject',
  'brand',
  'channel',
  'member',
  'api_token',
  'workspace',
  'customer',
] as const;
type EntityType = (typeof ENTITY_TYPES)[number];
const ACTIONS = ['create', 'update', 'delete', 'revoke', 'import', 'map_key', 'erase', 'export'] as const;
type Action = (typeof ACTIONS)[number];
// Bookkeeping columns every change touches: not worth a line in the diff.
const NOISE = new Set(['version', 'updatedAt']);

const isEntityType = (v: string): v is EntityType => (ENTITY_TYPES as readonly string[]).includes(v);
const isAction = (v: string): v is Action => (ACTIONS as readonly string[]).includes(v);
const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The fields whose value differs between before and after. */
function changedFields(entry: AuditEntry): { field: string; before: unknown; after: unknown }[] {
  const before = asRecord(entry.before) ?? {};
  const after = asRecord(entry.after) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !NOISE.has(f));
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <Text c="dimmed">–</Text>;
  if (typeof value === 'string') return <Text size="xs">{value}</Text>;
  const text = JSON.stringify(value);
  if (text.length <= 60) return <Code>{text}</Code>;
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 200, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function Diff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('settings');
  const changes = changedFields(entry);
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noDetails')}
      </Text>
    );
  return (
    <Table withTableBorder fz="xs" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td>
              <code>{c.field}</code>
            </Table.Td>
            <Table.Td>
              <Value value={c.before} />
            </Table.Td>
            <Table.Td>
              <Value value={c.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AuditLog() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const isOwner = useIsOwner();
  const [entityType, setEntityType] = useState<string | null>(null);
  // Cursors of the pages seen so far: page n starts before cursors[n] (undefined: the newest).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const before = cursors.at(-1);
  const query = useQuery({
    queryKey: ['audit-log', workspaceId, entityType, before],
    queryFn: () =>
      api.get<{ items: AuditEntry[]; nextBefore: number | null }>(ws(workspaceId, '/audit-log'), {
        limit: PAGE_SIZE,
        before,
        entityType,
      }),
    placeholderData: keepPreviousData,
  });
  const members = useMembers();
  const tokens = useQuery({
    queryKey: ['tokens', workspaceId],
    queryFn: () => api.get<{ items: ApiToken[] }>(ws(workspaceId, '/tokens')).then((r) => r.items),
    enabled: isOwner,
  });
  const memberById = new Map((members.data ?? []).map((m) => [m.userId, m]));
  const tokenById = new Map((tokens.data ?? []).map((tk) => [tk.id, tk]));

  const who = (entry: AuditEntry) => {
    if (entry.actorUserId) {
      const member = memberById.get(entry.actorUserId);
      return member ? member.name || member.email : t('audit.formerMember');
    }
    if (entry.actorTokenId)
      return t('audit.token', {
        name: tokenById.get(entry.actorTokenId)?.name ?? entry.actorTokenId.slice(0, 8),
      });
    return t('audit.system');
  };
  const objectName = (entry: AuditEntry) => {
    const after = asRecord(entry.after);
    const prior = asRecord(entry.before);
    const name = after?.name ?? prior?.name ?? after?.email ?? after?.title ?? prior?.title;
    if (typeof name === 'string' && name) return name;
    if (entry.entityType === 'member') {
      const member = memberById.get(entry.entityId);
      if (member) return member.name || member.email;
    }
    return entry.entityId.slice(0, 8);
  };
  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const filter = (value: string | null) => {
    setEntityType(value);
    setCursors([undefined]);
  };

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="end">
          <div>
            <Title order={4}>{t('audit.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('audit.intro')}
            </Text>
          </div>
          <Select
            label={t('audit.objectType')}
            placeholder={t('audit.allTypes')}
            clearable
            w={220}
            value={entityType}
            onChange={filter}
            data={ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.types.${type}`) }))}
          />
        </Group>
        <QueryState query={query}>
          {(page) => (
            <>
              {page.items.length === 0 ? (
                <Empty title={t('audit.empty')}>{t('audit.emptyHint')}</Empty>
              ) : (
                <Table
                  withTableBorder
                  data-testid="audit-table"
                  style={{ opacity: query.isFetching ? 0.6 : 1 }}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40} />
                      <Table.Th w={190}>{t('audit.when')}</Table.Th>
                      <Table.Th>{t('audit.who')}</Table.Th>
                      <Table.Th>{t('audit.action')}</Table.Th>
                      <Table.Th>{t('audit.object')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((entry) => {
                      const expanded = open.has(entry.id);
                      return (
                        <Fragment key={entry.id}>
                          <Table.Tr data-testid="audit-entry">
                            <Table.Td>
                              <ActionIcon
                                variant="subtle"
                                size="sm"
                                aria-expanded={expanded}
                                aria-label={t('audit.details')}
                                onClick={() => toggle(entry.id)}
                              >
                                {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                              </ActionIcon>
                            </Table.Td>
                            <Table.Td>{f.dateTime(entry.at)}</Table.Td>
                            <Table.Td>{who(entry)}</Table.Td>
                            <Table.Td>
                              <Badge
                                size="sm"
                                variant="light"
                                color={entry.action === 'delete' ? 'red' : 'blue'}
                              >
                                {isAction(entry.action) ? t(`audit.actions.${entry.action}`) : entry.action}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm" span c="dimmed">
                                {isEntityType(entry.entityType)
                                  ? t(`audit.types.${entry.entityType}`)
                                  : entry.entityType}
                                {': '}
                              </Text>
                              <Text size="sm" span fw={500}>
                                {objectName(entry)}
                              </Text>
                            </Table.Td>
                          </Table.Tr>
                          {expanded && (
                            <Table.Tr>
                              <Table.Td />
                              <Table.Td colSpan={4}>
                                <Diff entry={entry} />
                              </Table.Td>
                            </Table.Tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
              {(cursors.length > 1 || page.nextBefore !== null) && (
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t('audit.page', { page: f.number(cursors.length) })}
                  </Text>
                  <Group gap="xs">
                    <Button
                      variant="default"
                      size="xs"
                      disabled={cursors.length <= 1}
                      onClick={() => setCursors(cursors.slice(0, -1))}
                    >
                      {t('audit.newer')}
                    </Button>
                    <Button
                      variant="default"
                      size="xs"
                      disabled={page.nextBefore === null}
                      onClick={() => page.nextBefore !== null && setCursors([...cursors, page.nextBefore])}
                      data-testid="audit-older"
                    >
                      {t('audit.older')}
                    </Button>
                  </Group>
                </Group>
              )}
            </>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}
