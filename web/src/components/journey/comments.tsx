/**
 * Comment threads of a journey map: a counter on every card and cell with open comments, a
 * button on each cell (and in each card's menu) that opens its thread, and one drawer showing
 * the thread with its composer. Mentions are typed as `@` + a member picked from a list and shown
 * as the member's name. The counts reach the memoized cells through a small store, so a new
 * comment re-renders only the cells whose count changed.
 */
import {
  Avatar,
  Badge,
  Button,
  Combobox,
  Drawer,
  Group,
  Menu,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
  useCombobox,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMessageCircle } from '@tabler/icons-react';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mentionOf, mentionSpans } from '../../../../src/domain/mentions.js';
import { ApiError, api, ws } from '../../api/client';
import type { JourneyMap, Member, Page } from '../../api/types';
import { useMembers } from '../../api/workspace-lists';
import { useMe } from '../../state/session';
import { timeAgo } from '../alerts/time-ago';
import { ErrorState, errorMessage, Loading } from '../states';
import {
  type CommentTarget,
  type CountsByTarget,
  type JourneyComment,
  targetKey,
  useCommentActions,
  useCommentCounts,
  useCommentThread,
} from './use-comments';
import './comments.css';

/** The open-comment counts of the map, readable per target without re-rendering every cell. */
class CountStore {
  private counts: CountsByTarget = new Map();
  private listeners = new Set<() => void>();
  set(counts: CountsByTarget) {
    this.counts = counts;
    for (const listener of this.listeners) listener();
  }
  unresolved = (key: string) => this.counts.get(key)?.unresolved ?? 0;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

interface CommentsContextValue {
  store: CountStore;
  open: (target: CommentTarget) => void;
}

const CommentsContext = createContext<CommentsContextValue | null>(null);

function useOpenCount(key: string): number {
  const context = useContext(CommentsContext);
  const store = context?.store;
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.unresolved(key) ?? 0);
}
const noSubscribe = () => () => undefined;

/** Opens a target's thread (from a card's menu, say); does nothing outside a map. */
export function useOpenComments(): (target: CommentTarget) => void {
  return useContext(CommentsContext)?.open ?? (() => undefined);
}

/** The counter on a card: shown only while the card has open comments. */
export function ItemCommentBadge({ itemId, name }: { itemId: string; name: string }) {
  const count = useOpenCount(targetKey({ itemId }));
  const open = useOpenComments();
  if (count === 0) return null;
  return <CountButton count={count} name={name} onClick={() => open({ itemId })} testId="jm-item-comments" />;
}

function CountButton({
  count,
  name,
  onClick,
  testId,
}: {
  count: number;
  name: string;
  onClick: () => void;
  testId: string;
}) {
  const { t } = useTranslation('comments');
  const label = t('badge', { count, name });
  return (
    <button
      type="button"
      className="jm-comment-count"
      aria-label={label}
      title={label}
      onClick={onClick}
      data-testid={testId}
      data-count={count}
    >
      <IconMessageCircle size={12} aria-hidden="true" />
      {count}
    </button>
  );
}

/**
 * A cell's comment button: the open count when there is one; otherwise, for those who may write,
 * a discreet button that shows on hover or focus.
 */
export function CellComments({
  stageId,
  lane,
  stageName,
  laneName,
  canEdit,
}: {
  stageId: string;
  lane: string;
  stageName: string;
  laneName: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation('comments');
  const count = useOpenCount(targetKey({ stageId, lane }));
  const open = useOpenComments();
  if (count > 0)
    return (
      <span className="jm-cell-comments">
        <CountButton
          count={count}
          name={`${stageName} · ${laneName}`}
          onClick={() => open({ stageId, lane })}
          testId="jm-cell-comments"
        />
      </span>
    );
  if (!canEdit) return null;
  const label = t('cellButton', { stage: stageName, lane: laneName });
  return (
    <button
      type="button"
      className="jm-icon-button jm-edit jm-cell-comments jm-cell-comment-start"
      aria-label={label}
      title={label}
      onClick={() => open({ stageId, lane })}
      data-testid="jm-cell-comment"
    >
      <IconMessageCircle size={14} aria-hidden="true" />
    </button>
  );
}

/** The entry of a card's menu that opens the card's thread. */
export function ItemCommentsMenuItem({ itemId }: { itemId: string }) {
  const { t } = useTranslation('comments');
  const open = useOpenComments();
  return (
    <Menu.Item leftSection={<IconMessageCircle size={14} />} onClick={() => open({ itemId })}>
      {t('itemMenu')}
    </Menu.Item>
  );
}

/** The map header's button: the whole map's open comments, and the thread on the map itself. */
export function MapCommentsButton() {
  const { t } = useTranslation('comments');
  const context = useContext(CommentsContext);
  const count = useOpenCount('map');
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconMessageCircle size={16} />}
      rightSection={count > 0 ? <Badge size="xs">{count}</Badge> : undefined}
      onClick={() => context?.open({})}
      data-testid="jm-map-comments"
    >
      {t('mapButton')}
    </Button>
  );
}

/** The map's comment counts and thread drawer around the map (cells find them by context). */
export function CommentsProvider({
  workspaceId,
  map,
  canEdit,
  children,
}: {
  workspaceId: string;
  map: JourneyMap;
  canEdit: boolean;
  children: ReactNode;
}) {
  const [store] = useState(() => new CountStore());
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const counts = useCommentCounts(workspaceId, map.id);
  useEffect(() => {
    if (counts.data) store.set(counts.data);
  }, [store, counts.data]);
  const value = useMemo(() => ({ store, open: setTarget }), [store]);
  useCommentLink(workspaceId, map.id, setTarget);
  return (
    <CommentsContext.Provider value={value}>
      {children}
      <CommentsDrawer
        workspaceId={workspaceId}
        map={map}
        target={target}
        canEdit={canEdit}
        onClose={() => setTarget(null)}
      />
    </CommentsContext.Provider>
  );
}

/** `?comment=<id>` (a mention's notification links there): opens that comment's thread. */
function useCommentLink(workspaceId: string, journeyId: string, open: (target: CommentTarget) => void) {
  const [params, setParams] = useSearchParams();
  const commentId = params.get('comment');
  useEffect(() => {
    if (!commentId) return;
    let live = true;
    void api
      .get<Page<JourneyComment>>(ws(workspaceId, `/journeys/${journeyId}/comments`), { limit: 500 })
      .then((page) => {
        const found = page.items.find((c) => c.id === commentId);
        if (!live || !found) return;
        open(
          found.itemId
            ? { itemId: found.itemId }
            : found.stageId && found.lane
              ? { stageId: found.stageId, lane: found.lane }
              : {},
        );
      })
      .catch(() => undefined)
      .finally(() => {
        if (!live) return;
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.delete('comment');
            return next;
          },
          { replace: true },
        );
      });
    return () => {
      live = false;
    };
  }, [commentId, workspaceId, journeyId, open, setParams]);
}

function useTargetTitle(map: JourneyMap, target: CommentTarget | null): string {
  const { t } = useTranslation('comments');
  if (!target) return '';
  if ('itemId' in target) {
    const item = map.items.find((i) => i.id === target.itemId);
    return t('onItem', { name: item?.touchpointName ?? item?.text ?? '' });
  }
  if ('stageId' in target) {
    const stage = map.stages.find((s) => s.id === target.stageId)?.name ?? '';
    const lane = map.lanes.find((l) => l.key === target.lane)?.name ?? target.lane;
    return t('onCell', { stage, lane });
  }
  return t('onMap');
}

function CommentsDrawer({
  workspaceId,
  map,
  target,
  canEdit,
  onClose,
}: {
  workspaceId: string;
  map: JourneyMap;
  target: CommentTarget | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const title = useTargetTitle(map, target);
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'md'}
      title={title}
      data-testid="jm-comments"
      classNames={{ title: 'jm-comments-title' }}
    >
      {target && <Thread workspaceId={workspaceId} journeyId={map.id} target={target} canEdit={canEdit} />}
    </Drawer>
  );
}

function Thread({
  workspaceId,
  journeyId,
  target,
  canEdit,
}: {
  workspaceId: string;
  journeyId: string;
  target: CommentTarget;
  canEdit: boolean;
}) {
  const { t } = useTranslation('comments');
  const thread = useCommentThread(workspaceId, journeyId, target);
  const [showResolved, setShowResolved] = useState(true);
  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />;
  const all = thread.data;
  const shown = showResolved ? all : all.filter((c) => c.resolvedAt === null);
  const hasResolved = all.some((c) => c.resolvedAt !== null);
  return (
    <Stack gap="sm">
      {hasResolved && (
        <Switch
          size="xs"
          label={t('showResolved')}
          checked={showResolved}
          onChange={(event) => setShowResolved(event.currentTarget.checked)}
        />
      )}
      {all.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="jm-comments-empty">
          {t('empty')} {canEdit ? t('emptyHint') : ''}
        </Text>
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('allResolved')}
        </Text>
      ) : (
        shown.map((comment) => (
          <CommentView
            key={comment.id}
            workspaceId={workspaceId}
            journeyId={journeyId}
            comment={comment}
            canEdit={canEdit}
          />
        ))
      )}
      {canEdit ? (
        <Composer workspaceId={workspaceId} journeyId={journeyId} target={target} />
      ) : (
        <Text size="xs" c="dimmed">
          {t('readOnly')}
        </Text>
      )}
    </Stack>
  );
}

function initialsOf(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters.map((w) => (w ? [...w][0]?.toUpperCase() : '')).join('');
}

/** The text with each mention shown as the member's name. */
function CommentBody({ comment }: { comment: JourneyComment }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of mentionSpans(comment.body)) {
    const who = comment.mentions.find((m) => m.email.toLowerCase() === span.email);
    parts.push(comment.body.slice(at, span.start));
    parts.push(
      <span key={span.start} className="jm-mention" title={span.email}>
        @{who?.name || span.email}
      </span>,
    );
    at = span.end;
  }
  parts.push(comment.body.slice(at));
  return (
    <Text
      size="sm"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      data-testid="jm-comment-body"
    >
      {parts}
    </Text>
  );
}

function CommentView({
  workspaceId,
  journeyId,
  comment,
  canEdit,
}: {
  workspaceId: string;
  journeyId: string;
  comment: JourneyComment;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation('comments');
  const me = useMe().data;
  const role = me?.workspaces.find((w) => w.id === workspaceId)?.role;
  const { update, remove } = useCommentActions(workspaceId, journeyId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const isAuthor = me !== null && me !== undefined && comment.authorUserId === me.user.id;
  const resolved = comment.resolvedAt !== null;
  const failed = update.error ?? remove.error;
  return (
    <Paper
      withBorder
      p="xs"
      data-testid="jm-comment"
      data-resolved={resolved}
      className={resolved ? 'jm-comment jm-comment-resolved' : 'jm-comment'}
    >
      <Group justify="space-between" wrap="nowrap" gap={6} mb={4}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Avatar size="sm" radius="xl" color="initials" name={comment.authorName}>
            {initialsOf(comment.authorName)}
          </Avatar>
          <Text size="sm" fw={600} truncate title={comment.authorName}>
            {comment.authorName}
          </Text>
          <Text
            size="xs"
            c="dimmed"
            style={{ flex: 'none' }}
            title={new Date(comment.createdAt).toLocaleString(i18n.language)}
          >
            {timeAgo(comment.createdAt, i18n.language)}
          </Text>
        </Group>
        {resolved && (
          <Badge color="green" size="xs" variant="light" style={{ flex: 'none' }}>
            {t('resolved')}
          </Badge>
        )}
      </Group>
      {editing ? (
        <EditComment
          comment={comment}
          saving={update.isPending}
          error={update.error}
          onCancel={() => setEditing(false)}
          onSave={(body) =>
            update.mutate({ id: comment.id, patch: { body } }, { onSuccess: () => setEditing(false) })
          }
        />
      ) : (
        <CommentBody comment={comment} />
      )}
      {canEdit && !editing && (
        <Group gap={4} mt={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            loading={update.isPending}
            onClick={() => update.mutate({ id: comment.id, patch: { resolved: !resolved } })}
            data-testid={resolved ? 'jm-comment-reopen' : 'jm-comment-resolve'}
          >
            {resolved ? t('reopen') : t('resolve')}
          </Button>
          {isAuthor && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setEditing(true)}>
              {t('edit')}
            </Button>
          )}
          {(isAuthor || role === 'owner') && (
            <Button
              size="compact-xs"
              variant={confirming ? 'filled' : 'subtle'}
              color="red"
              loading={remove.isPending}
              onBlur={() => setConfirming(false)}
              onClick={() => (confirming ? remove.mutate(comment.id) : setConfirming(true))}
            >
              {confirming ? t('confirmDelete') : t('delete')}
            </Button>
          )}
        </Group>
      )}
      {failed && !editing && (
        <Text size="xs" c="red" mt={4} role="alert">
          {errorMessage(failed)}
        </Text>
      )}
    </Paper>
  );
}

function EditComment({
  comment,
  saving,
  error,
  onSave,
  onCancel,
}: {
  comment: JourneyComment;
  saving: boolean;
  error: unknown;
  onSave: (body: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('comments');
  const [text, setText] = useState(comment.body);
  return (
    <Stack gap={4}>
      <MentionInput
        label={t('editLabel')}
        value={text}
        onChange={setText}
        onSubmit={() => onSave(text)}
        error={fieldError(error)}
        autoFocus
      />
      <Group gap={4}>
        <Button size="compact-xs" loading={saving} disabled={!text.trim()} onClick={() => onSave(text)}>
          {t('save')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

function fieldError(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError) return error.fieldMessage('body') ?? error.message;
  return errorMessage(error);
}

function Composer({
  workspaceId,
  journeyId,
  target,
}: {
  workspaceId: string;
  journeyId: string;
  target: CommentTarget;
}) {
  const { t } = useTranslation('comments');
  const { create } = useCommentActions(workspaceId, journeyId);
  const [text, setText] = useState('');
  const send = () => {
    if (!text.trim() || create.isPending) return;
    create.mutate({ ...target, body: text }, { onSuccess: () => setText('') });
  };
  return (
    <Stack gap={4}>
      <MentionInput
        label={t('label')}
        placeholder={t('placeholder')}
        value={text}
        onChange={(value) => {
          setText(value);
          if (create.isError) create.reset();
        }}
        onSubmit={send}
        error={fieldError(create.error)}
        description={t('sendHint')}
      />
      <Group justify="flex-end">
        <Button
          size="xs"
          loading={create.isPending}
          disabled={!text.trim()}
          onClick={send}
          data-testid="jm-comment-send"
        >
          {t('send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The `@word` being typed just before the caret, if any: where its `@` stands and the word. */
function mentionQuery(text: string, caret: number): { start: number; word: string } | null {
  const match = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const word = match[2] ?? '';
  return { start: caret - word.length - 1, word: word.toLowerCase() };
}

/** A textarea where `@` opens a list of the workspace's members; picking one writes `@e-mail`. */
function MentionInput({
  label,
  placeholder,
  description,
  value,
  onChange,
  onSubmit,
  error,
  autoFocus,
}: {
  label: string;
  placeholder?: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('comments');
  const members = useMembers();
  const combobox = useCombobox();
  const input = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; word: string } | null>(null);
  const matches = useMemo(() => {
    if (!query) return [];
    return (members.data ?? [])
      .filter((m) => m.name.toLowerCase().includes(query.word) || m.email.toLowerCase().includes(query.word))
      .slice(0, 8);
  }, [members.data, query]);

  const first = matches[0]?.email;
  useEffect(() => {
    if (!query) return combobox.closeDropdown();
    combobox.openDropdown();
    // Enter picks the first match until the arrows pick another.
    if (first !== undefined) combobox.selectFirstOption();
  }, [query, first, combobox]);

  const track = (text: string, caret: number) => setQuery(mentionQuery(text, caret));
  const pick = (member: Member) => {
    const element = input.current;
    if (!query || !element) return;
    const caret = element.selectionStart ?? value.length;
    const inserted = `${mentionOf(member.email)} `;
    const next = value.slice(0, query.start) + inserted + value.slice(caret);
    onChange(next);
    setQuery(null);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(at, at);
    });
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(email) => {
        const member = members.data?.find((m) => m.email === email);
        if (member) pick(member);
      }}
      withinPortal={false}
      position="bottom-start"
    >
      <Combobox.Target>
        <Textarea
          ref={input}
          label={label}
          placeholder={placeholder}
          description={description}
          value={value}
          error={error}
          autosize
          minRows={2}
          maxRows={8}
          autoFocus={autoFocus}
          data-testid="jm-comment-input"
          onChange={(event) => {
            onChange(event.currentTarget.value);
            track(event.currentTarget.value, event.currentTarget.selectionStart ?? 0);
          }}
          onClick={(event) => track(event.currentTarget.value, event.currentTarget.selectionStart ?? 0)}
          onBlur={() => setQuery(null)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              onSubmit();
            } else if (event.key === 'Escape' && query) {
              event.stopPropagation();
              setQuery(null);
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!query}>
        <Combobox.Options data-testid="jm-mention-options">
          {matches.length === 0 ? (
            <Combobox.Empty>{t('noMembers')}</Combobox.Empty>
          ) : (
            matches.map((m) => (
              <Combobox.Option value={m.email} key={m.userId}>
                <Text size="sm">{m.name || m.email}</Text>
                <Text size="xs" c="dimmed">
                  {m.email}
                </Text>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
