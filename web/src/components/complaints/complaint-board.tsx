/**
 * The complaint board: a column per status. A card moves by drag and drop (native HTML5) or by
 * keyboard (← → on a focused card, or its move menu); either PATCHes the status with the
 * complaint's version, and the result is announced. The moves follow domain/complaint-rules.ts:
 * nothing goes back to New, a closed complaint only reopens (In progress).
 */
import { ActionIcon, Badge, Box, Group, Menu, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsMove } from '@tabler/icons-react';
import { type DragEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, complaintMovesFrom } from '../../../../src/domain/complaint-rules';
import {
  type Complaint,
  type ComplaintSeverity,
  type ComplaintStatus,
  useInvalidateComplaints,
  usePatchComplaint,
} from '../../api/complaints';
import type { Member } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { isVersionConflict } from '../touchpoints/form-errors';

export const STATUS_COLORS: Record<ComplaintStatus, string> = {
  new: 'orange',
  in_progress: 'blue',
  resolved: 'green',
  rejected: 'gray',
};

export const SEVERITY_COLORS: Record<ComplaintSeverity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

const DRAG_TYPE = 'application/x-touchpoints-complaint';

/** The statuses a complaint may move to from `from` (the domain's rule, shared with the server). */
export const movesFrom = complaintMovesFrom;

/** Moving a complaint to another status, with the 409 of a stale version explained and the board reloaded. */
export function useMoveComplaint(workspaceId: string, announce: (message: string) => void) {
  const { t } = useTranslation('complaints');
  const patch = usePatchComplaint(workspaceId);
  const invalidate = useInvalidateComplaints(workspaceId);
  return (complaint: Complaint, status: ComplaintStatus) => {
    if (complaint.status === status) return;
    if (!movesFrom(complaint.status).includes(status)) {
      announce(t('move.notAllowed'));
      return;
    }
    const values = { status: t(`status.${status}`) };
    patch.mutate(
      { id: complaint.id, patch: { version: complaint.version, status } },
      {
        onSuccess: () => {
          announce(t('move.moved', values));
          setTimeout(
            () => document.querySelector<HTMLElement>(`[data-complaint="${complaint.id}"]`)?.focus(),
            0,
          );
        },
        onError: (error) => {
          const message = isVersionConflict(error)
            ? t('move.conflict')
            : t('move.failed', { message: error.message });
          announce(message);
          notifications.show({ color: 'red', message });
          void invalidate();
        },
      },
    );
  };
}

export function OverdueBadge() {
  const { t } = useTranslation('complaints');
  return (
    <Badge color="red" variant="filled" size="xs" miw="max-content" data-testid="complaint-overdue">
      {t('overdue')}
    </Badge>
  );
}

function ComplaintCard({
  complaint,
  owner,
  touchpoint,
  onOpen,
  onMove,
  canEdit,
}: {
  complaint: Complaint;
  owner: Member | undefined;
  touchpoint: string | undefined;
  onOpen: (complaint: Complaint) => void;
  onMove: (complaint: Complaint, status: ComplaintStatus) => void;
  canEdit: boolean;
}) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  // → moves forward (new → in progress → resolved), ← reopens a closed complaint.
  const step = (direction: -1 | 1): ComplaintStatus | undefined => {
    if (direction === 1)
      return complaint.status === 'new'
        ? 'in_progress'
        : complaint.status === 'in_progress'
          ? 'resolved'
          : undefined;
    return complaint.status === 'resolved' || complaint.status === 'rejected' ? 'in_progress' : undefined;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(complaint);
    } else if (canEdit && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const next = step(event.key === 'ArrowRight' ? 1 : -1);
      if (next) onMove(complaint, next);
    }
  };
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, complaint.id);
    event.dataTransfer.setData('text/plain', complaint.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      tabIndex={0}
      draggable={canEdit}
      onDragStart={canEdit ? onDragStart : undefined}
      onKeyDown={onKeyDown}
      onClick={() => onOpen(complaint)}
      aria-label={`${complaint.text} — ${t(`status.${complaint.status}`)}`}
      aria-describedby={canEdit ? 'complaint-board-hint' : undefined}
      data-testid="complaint-card"
      data-complaint={complaint.id}
      data-status={complaint.status}
      style={{ cursor: canEdit ? 'grab' : 'pointer' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text size="sm" fw={500} lineClamp={3} style={{ wordBreak: 'break-word' }}>
          {complaint.text}
        </Text>
        {canEdit && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('move.label')}
                onClick={(e) => e.stopPropagation()}
                data-testid="complaint-move-menu"
              >
                <IconArrowsMove size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {movesFrom(complaint.status).map((status) => (
                <Menu.Item
                  key={status}
                  onClick={() => onMove(complaint, status)}
                  data-testid={`complaint-move-${status}`}
                >
                  {t('move.to', { status: t(`status.${status}`) })}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Group gap={4} mt={6}>
        <Badge size="xs" variant="light" color={SEVERITY_COLORS[complaint.severity]}>
          {t(`severity.${complaint.severity}`)}
        </Badge>
        <Badge size="xs" variant="outline" color="gray">
          {t(`source.${complaint.source}`)}
        </Badge>
        {complaint.overdue && <OverdueBadge />}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {touchpoint ?? t('noTouchpoint')} · {format.dateTime(complaint.receivedAt)}
      </Text>
      <Text size="xs" c="dimmed">
        {owner ? owner.name || owner.email : t('noOwner')}
      </Text>
    </Paper>
  );
}

function Column({
  status,
  count,
  children,
  onDropComplaint,
}: {
  status: ComplaintStatus;
  count: number;
  children: React.ReactNode;
  onDropComplaint: (id: string, status: ComplaintStatus) => void;
}) {
  const { t } = useTranslation('complaints');
  const [over, setOver] = useState(false);
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    setOver(false);
    event.preventDefault();
    const id = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    if (id) onDropComplaint(id, status);
  };
  return (
    <Paper
      component="section"
      withBorder
      p="xs"
      radius="md"
      bg={over ? 'blue.0' : 'gray.0'}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-label={t('move.column', { status: t(`status.${status}`), count })}
      data-testid="complaint-column"
      data-status={status}
      style={{ flex: '0 0 260px', minHeight: 240, display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Badge color={STATUS_COLORS[status]} variant="light">
          {t(`status.${status}`)}
        </Badge>
        <Text size="sm" c="dimmed" data-testid="complaint-column-count">
          {count}
        </Text>
      </Group>
      <Stack gap="xs" style={{ flex: 1 }}>
        {children}
      </Stack>
    </Paper>
  );
}

export interface ComplaintViewProps {
  complaints: Complaint[];
  members: Map<string, Member>;
  touchpoints: Map<string, string>;
  onOpen: (complaint: Complaint) => void;
}

export function ComplaintBoard({
  complaints,
  members,
  touchpoints,
  onOpen,
  onMove,
  canEdit,
}: ComplaintViewProps & {
  onMove: (complaint: Complaint, status: ComplaintStatus) => void;
  canEdit: boolean;
}) {
  const { t } = useTranslation('complaints');
  const byId = new Map(complaints.map((c) => [c.id, c]));
  return (
    <>
      {canEdit && (
        <Text id="complaint-board-hint" size="xs" c="dimmed" mb="xs">
          {t('move.keyboardHint')}
        </Text>
      )}
      {/* The board scrolls sideways in its own box: the page itself never does. */}
      <Box
        data-testid="complaint-board"
        style={{ display: 'flex', gap: 12, overflowX: 'auto', maxWidth: '100%', paddingBottom: 8 }}
      >
        {COMPLAINT_STATUSES.map((status) => {
          const column = complaints.filter((c) => c.status === status);
          return (
            <Column
              key={status}
              status={status}
              count={column.length}
              onDropComplaint={(id, to) => {
                const complaint = byId.get(id);
                if (complaint && canEdit) onMove(complaint, to);
              }}
            >
              {column.map((complaint) => (
                <ComplaintCard
                  key={complaint.id}
                  complaint={complaint}
                  owner={complaint.ownerUserId ? members.get(complaint.ownerUserId) : undefined}
                  touchpoint={complaint.touchpointId ? touchpoints.get(complaint.touchpointId) : undefined}
                  onOpen={onOpen}
                  onMove={onMove}
                  canEdit={canEdit}
                />
              ))}
            </Column>
          );
        })}
      </Box>
    </>
  );
}

/** The register as a table (newest first); a row opens the complaint. */
export function ComplaintList({ complaints, members, touchpoints, onOpen }: ComplaintViewProps) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover data-testid="complaint-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.text')}</Table.Th>
            <Table.Th>{t('field.status')}</Table.Th>
            <Table.Th>{t('field.severity')}</Table.Th>
            <Table.Th>{t('field.touchpoint')}</Table.Th>
            <Table.Th>{t('field.owner')}</Table.Th>
            <Table.Th>{t('field.received')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {complaints.map((c) => {
            const owner = c.ownerUserId ? members.get(c.ownerUserId) : undefined;
            return (
              <Table.Tr
                key={c.id}
                onClick={() => onOpen(c)}
                style={{ cursor: 'pointer' }}
                data-testid="complaint-row"
              >
                <Table.Td maw={320}>
                  <Text
                    size="sm"
                    lineClamp={2}
                    component="button"
                    type="button"
                    onClick={(event) => {
                      // The row opens it too: once is enough.
                      event.stopPropagation();
                      onOpen(c);
                    }}
                    style={{
                      background: 'none',
                      border: 0,
                      padding: 0,
                      textAlign: 'left',
                      cursor: 'pointer',
                    }}
                  >
                    {c.text}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[c.status]} variant="light">
                    {t(`status.${c.status}`)}
                  </Badge>{' '}
                  {c.overdue && <OverdueBadge />}
                </Table.Td>
                <Table.Td>
                  <Badge color={SEVERITY_COLORS[c.severity]} variant="light">
                    {t(`severity.${c.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {(c.touchpointId && touchpoints.get(c.touchpointId)) || t('noTouchpoint')}
                </Table.Td>
                <Table.Td>{owner ? owner.name || owner.email : t('noOwner')}</Table.Td>
                <Table.Td>{format.dateTime(c.receivedAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
