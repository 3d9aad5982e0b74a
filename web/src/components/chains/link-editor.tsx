/**
 * The ordered links of a chain: a touchpoint and a role per link; add, remove, move with buttons
 * or by dragging the handle. The API's rule violations (`links.N.role`, `links.N.touchpointId`)
 * are shown at the link they name.
 */
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowDown,
  IconChevronDown,
  IconChevronUp,
  IconGripVertical,
  IconPlus,
  IconX,
} from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainLink } from '../../api/types';
import { type PickedTouchpoint, TouchpointPicker } from './touchpoint-picker';

export type LinkRole = ChainLink['role'];
const ROLES: LinkRole[] = ['initial', 'middle', 'final'];
const ROLE_COLORS: Record<LinkRole, string> = { initial: 'teal', middle: 'blue', final: 'grape' };

/** One link being edited; `uid` keeps React's identity of a row while it moves. */
export interface EditableLink {
  uid: string;
  touchpoint: PickedTouchpoint | null;
  role: LinkRole;
}

let nextUid = 0;
export function newUid(): string {
  nextUid += 1;
  return `link-${nextUid}`;
}

export function toEditable(links: ChainLink[]): EditableLink[] {
  return links.map((l) => ({
    uid: newUid(),
    touchpoint: { id: l.touchpointId, name: l.touchpointName, key: l.touchpointKey },
    role: l.role,
  }));
}

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function RoleBadge({ role }: { role: LinkRole }) {
  const { t } = useTranslation('chains');
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} size="sm">
      {t(`role.${role}`)}
    </Badge>
  );
}

export function LinkEditor({
  workspaceId,
  links,
  onChange,
  errors,
  readOnly,
}: {
  workspaceId: string;
  links: EditableLink[];
  onChange: (links: EditableLink[]) => void;
  /** Field → message from the API (or the form) for `links.N.*`. */
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation('chains');
  const dragFrom = useRef<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const rows = useRef<(HTMLDivElement | null)[]>([]);

  const update = (index: number, change: Partial<EditableLink>) =>
    onChange(links.map((link, i) => (i === index ? { ...link, ...change } : link)));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= links.length || from === to) return;
    onChange(moved(links, from, to));
  };
  const add = () =>
    onChange([
      ...links,
      { uid: newUid(), touchpoint: null, role: links.length === 0 ? 'initial' : 'middle' },
    ]);

  const onDragStart = (index: number) => (event: DragEvent) => {
    dragFrom.current = index;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', String(index));
    const row = rows.current[index];
    if (row) event.dataTransfer.setDragImage(row, 16, 16);
  };
  const onDragOver = (index: number) => (event: DragEvent) => {
    if (dragFrom.current === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropAt(index);
  };
  const onDrop = (index: number) => (event: DragEvent) => {
    event.preventDefault();
    const from = dragFrom.current;
    dragFrom.current = null;
    setDropAt(null);
    if (from !== null) move(from, index);
  };
  const onDragEnd = () => {
    dragFrom.current = null;
    setDropAt(null);
  };

  const general = errors.links;
  return (
    <Stack gap={0} data-testid="link-editor">
      {general && (
        <Text c="red" size="sm" mb="xs" role="alert">
          {general}
        </Text>
      )}
      {links.length === 0 && (
        <Paper withBorder p="lg" bg="gray.0">
          <Text ta="center" fw={500}>
            {t('editor.noLinks')}
          </Text>
          <Text ta="center" c="dimmed" size="sm">
            {readOnly ? t('editor.noLinksViewer') : t('editor.noLinksHint')}
          </Text>
        </Paper>
      )}
      {links.map((link, index) => {
        const n = index + 1;
        const touchpointError = errors[`links.${index}.touchpointId`];
        const roleError = errors[`links.${index}.role`];
        const hasError = Boolean(touchpointError || roleError);
        return (
          <Box key={link.uid}>
            {index > 0 && (
              <Center h={22} c="dimmed" aria-hidden>
                <IconArrowDown size={16} />
              </Center>
            )}
            <Paper
              ref={(element) => {
                rows.current[index] = element;
              }}
              withBorder
              p="xs"
              data-testid="link-row"
              data-link={n}
              onDragOver={onDragOver(index)}
              onDrop={onDrop(index)}
              style={{
                borderColor: hasError
                  ? 'var(--mantine-color-red-6)'
                  : dropAt === index
                    ? 'var(--mantine-color-blue-5)'
                    : undefined,
                borderWidth: dropAt === index ? 2 : undefined,
              }}
            >
              <Group wrap="nowrap" gap="sm" align="flex-start">
                {!readOnly && (
                  <Tooltip label={t('editor.drag', { n })}>
                    <ActionIcon
                      component="div"
                      variant="subtle"
                      color="gray"
                      mt={4}
                      draggable
                      onDragStart={onDragStart(index)}
                      onDragEnd={onDragEnd}
                      role="img"
                      aria-label={t('editor.drag', { n })}
                      data-testid="link-drag"
                      style={{ cursor: 'grab' }}
                    >
                      <IconGripVertical size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
                <Badge variant="outline" color="gray" circle size="lg" mt={4}>
                  {n}
                </Badge>
                <TouchpointPicker
                  workspaceId={workspaceId}
                  value={link.touchpoint}
                  onChange={(touchpoint) => update(index, { touchpoint })}
                  label={t('editor.touchpointOf', { n })}
                  error={touchpointError}
                  disabled={readOnly}
                  testId="link-touchpoint"
                />
                <Select
                  aria-label={t('editor.roleOf', { n })}
                  w={150}
                  allowDeselect={false}
                  disabled={readOnly}
                  value={link.role}
                  onChange={(role) => role && update(index, { role: role as LinkRole })}
                  data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                  error={roleError}
                  data-testid="link-role"
                />
                {!readOnly && (
                  <Group gap={2} wrap="nowrap" mt={4}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('editor.moveUp', { n })}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    >
                      <IconChevronUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('editor.moveDown', { n })}
                      disabled={index === links.length - 1}
                      onClick={() => move(index, index + 1)}
                    >
                      <IconChevronDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('editor.remove', { n })}
                      onClick={() => onChange(links.filter((_, i) => i !== index))}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Paper>
          </Box>
        );
      })}
      {!readOnly && (
        <Group mt="sm">
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} data-testid="add-link">
            {t('editor.addLink')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
