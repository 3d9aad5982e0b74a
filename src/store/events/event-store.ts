/**
 * The measured side (SPEC §5–§6): interactions and feedback answers, high volume, analytical.
 * One interface, one folder per engine (`duckdb/` is the embedded default). Analyses run inside
 * the engine; callers never pull raw rows into JavaScript to count them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeedbackRowKind, FeedbackSource } from '../../domain/survey-model.js';

/** One customer touch at one touchpoint, validated and mapped to the catalog. */
export interface Interaction {
  workspaceId: string;
  /** Client-supplied idempotency key (≤ 128 chars), unique per workspace. */
  id: string;
  customer: string;
  touchpointId: string;
  /** Epoch milliseconds. */
  at: number;
  direction: 'in' | 'out';
  sentiment: -1 | 0 | 1 | null;
  outcome: 'converted' | 'lost' | 'complaint' | null;
  value: number | null;
  responseMs: number | null;
  waitMs: number | null;
  durationMs: number | null;
  /** JSON text of the props object, or null. */
  props: string | null;
}

/** A text column of few distinct values: a row's code is 1 + the index of its value, 0 for NULL. */
export interface CodedColumn {
  values: readonly string[];
  codes: ArrayLike<number>;
}

/**
 * Interactions as columns: entry i of every column belongs to interaction i, and numbers are NaN
 * where NULL. `rows` picks the entries to store, in order (all of them when absent). Ingestion
 * hands a batch over this way, with no object per interaction (see
 * ingest/decode-interaction-batch.ts).
 */
export interface InteractionColumns {
  length: number;
  rows?: readonly number[];
  workspaceId: CodedColumn;
  id: readonly string[];
  customer: readonly string[];
  touchpointId: CodedColumn;
  at: ArrayLike<number>;
  /** Values `in` and `out`; never NULL. */
  direction: CodedColumn;
  sentiment: ArrayLike<number>;
  outcome: CodedColumn;
  value: ArrayLike<number>;
  responseMs: ArrayLike<number>;
  waitMs: ArrayLike<number>;
  durationMs: ArrayLike<number>;
  /** JSON texts of props objects. */
  props: CodedColumn;
}

/** Codes a text column: its distinct values in order of first use, and each row's code. */
export function codedColumn(texts: readonly (string | null)[]): { values: string[]; codes: number[] } {
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = texts.map((text) => {
    if (text === null) return 0;
    let code = codeOf.get(text);
    if (code === undefined) {
      code = values.push(text);
      codeOf.set(text, code);
    }
    return code;
  });
  return { values, codes };
}

/** Interactions as columns (see InteractionColumns). */
export function interactionColumns(rows: readonly Interaction[]): InteractionColumns {
  const numbers = (read: (r: Interaction) => number | null) =>
    Float64Array.from(rows, (r) => read(r) ?? Number.NaN);
  return {
    length: rows.length,
    workspaceId: codedColumn(rows.map((r) => r.workspaceId)),
    id: rows.map((r) => r.id),
    customer: rows.map((r) => r.customer),
    touchpointId: codedColumn(rows.map((r) => r.touchpointId)),
    at: numbers((r) => r.at),
    direction: codedColumn(rows.map((r) => r.direction)),
    sentiment: numbers((r) => r.sentiment),
    outcome: codedColumn(rows.map((r) => r.outcome)),
    value: numbers((r) => r.value),
    responseMs: numbers((r) => r.responseMs),
    waitMs: numbers((r) => r.waitMs),
    durationMs: numbers((r) => r.durationMs),
    props: codedColumn(rows.map((r) => r.props)),
  };
}

/** One survey answer at a touchpoint. */
export interface FeedbackAnswer {
  workspaceId: string;
  id: string;
  touchpointId: string;
  customer: string | null;
  at: number;
  kind: FeedbackRowKind;
  /** csat 1–5, nps 0–10, ces 1–7; choice: the option's index; comment: 0; review: rating / maximum. */
  score: number;
  comment: string | null;
  /** The survey and question answered (null for answers sent by API or file without them). */
  surveyId?: string | null;
  question?: string | null;
  source?: FeedbackSource | null;
  language?: string | null;
  /** A choice question's option key. */
  choice?: string | null;
}

/** An interaction waiting for its touchpoint: everything but the touchpoint, validated. */
export interface PendingInteraction {
  customer: string;
  /** null: the direction of the touchpoint it is mapped to (`both` counts as `in`). */
  direction: 'in' | 'out' | null;
  sentiment: -1 | 0 | 1 | null;
  outcome: 'converted' | 'lost' | 'complaint' | null;
  value: number | null;
  responseMs: number | null;
  waitMs: number | null;
  durationMs: number | null;
  props: string | null;
}

/** A feedback answer waiting for its touchpoint. */
export interface PendingFeedback {
  customer: string | null;
  kind: FeedbackRowKind;
  score: number;
  comment: string | null;
  source?: FeedbackSource | null;
  language?: string | null;
}

interface QuarantinedBase {
  workspaceId: string;
  id: string;
  touchpointKey: string;
  at: number;
}

/**
 * A validated record whose touchpoint key is not (yet) in the catalog, kept until the key is
 * mapped; ids are unique per workspace and kind, as in the stores they will be replayed into.
 */
export type QuarantinedRecord =
  | (QuarantinedBase & { kind: 'interaction'; record: PendingInteraction })
  | (QuarantinedBase & { kind: 'feedback'; record: PendingFeedback });

export interface InsertResult {
  /** Records newly stored. */
  inserted: number;
  /** Records whose id was already stored (or repeated in the batch): ignored. */
  duplicates: number;
}

/** What a replay moved out of quarantine. */
export interface ReplayResult {
  interactions: InsertResult;
  feedback: InsertResult;
}

export interface UnmappedKey {
  touchpointKey: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** A parameterised SQL query for the engine; analyses build these per engine. */
export interface EngineQuery {
  sql: string;
  params: Record<string, unknown>;
}

/** Everything the event store holds about one customer key of a workspace (a data-subject export). */
export interface CustomerRecords {
  interactions: Interaction[];
  feedback: FeedbackAnswer[];
  quarantined: QuarantinedRecord[];
}

/** How many records an erasure, a workspace deletion or a retention run removed from each table. */
export interface PurgeResult {
  interactions: number;
  feedback: number;
  quarantined: number;
}

/** What a retention run removes: records older than `deleteBefore`, comments older than `stripCommentsBefore` (epoch ms; null: none). */
export interface RetentionCutoffs {
  deleteBefore: number | null;
  stripCommentsBefore: number | null;
}

export interface RetentionResult extends PurgeResult {
  /** Feedback answers, stored or quarantined, whose comment was set to NULL (kept otherwise). */
  commentsStripped: number;
}

export interface EventStore {
  readonly engine: 'duckdb';
  /** Stores interactions, ignoring ids already stored; durable once the promise resolves. */
  insertInteractions(rows: readonly Interaction[]): Promise<InsertResult>;
  /** The same for interactions given as columns: what ingestion uses. */
  insertInteractionColumns(columns: InteractionColumns): Promise<InsertResult>;
  /** Stores feedback answers, ignoring ids already stored; durable once the promise resolves. */
  insertFeedback(rows: readonly FeedbackAnswer[]): Promise<InsertResult>;
  /** Keeps records of unknown keys; ids already quarantined, or already stored as that kind, are ignored. */
  quarantine(rows: readonly QuarantinedRecord[]): Promise<InsertResult>;
  /** Unknown touchpoint keys of a workspace with their counts, most frequent first. */
  listUnmapped(workspaceId: string): Promise<UnmappedKey[]>;
  /**
   * Moves the quarantined records of one key into the store under `touchpoint`, in one
   * transaction (a crash leaves them either quarantined or stored, never lost).
   */
  replayQuarantined(
    workspaceId: string,
    touchpointKey: string,
    touchpoint: { id: string; direction: 'in' | 'out' },
  ): Promise<ReplayResult>;
  /** Remembers that records with `touchpointKey` belong to the touchpoint `touchpointId`. */
  setTouchpointAlias(workspaceId: string, touchpointKey: string, touchpointId: string): Promise<void>;
  /** The touchpoint ids that the given keys are aliases of (keys without an alias are absent). */
  findTouchpointAliases(workspaceId: string, touchpointKeys: readonly string[]): Promise<Map<string, string>>;
  /** Number of interactions per touchpoint among `touchpointIds` (absent = none). */
  countByTouchpoint(workspaceId: string, touchpointIds: readonly string[]): Promise<Map<string, number>>;
  /** Number of feedback answers per touchpoint among `touchpointIds` (absent = none). */
  countFeedbackByTouchpoint(
    workspaceId: string,
    touchpointIds: readonly string[],
  ): Promise<Map<string, number>>;
  /**
   * Runs `work` on the engine's write connection, in the write queue (after the writes already
   * given, before later ones), for bulk work written against the engine itself (the importer that
   * lets DuckDB read a CSV file). Afterwards the store treats every table as changed: stored
   * interactions get their keys before the next analysis. `work` must not call the store's own
   * write methods (they would wait behind it).
   */
  withBulkWriter<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /**
   * Every interaction, feedback answer and quarantined record of one customer key, each list
   * oldest first (by time, then id); read in the write queue, so the writes given before it are
   * in it. A quarantined answer whose comment was stripped has `comment: null`.
   */
  exportCustomer(workspaceId: string, customer: string): Promise<CustomerRecords>;
  /**
   * Erases customer keys of a workspace from every table and derived structure (interactions,
   * their integer keys' dictionary and sorted runs, feedback, quarantine, the id filter; staging
   * tables are emptied), in the write queue: the writes given before it are erased too. Once the
   * promise resolves the erasure is durable, no analysis counts them, their ids may be stored
   * again, and the engine's files hold their bytes no more (DuckDB: the file is rewritten, see
   * duckdb/compact.ts). Erasing keys that are not stored is a no-op, and costs no rewrite.
   */
  eraseCustomers(workspaceId: string, customers: readonly string[]): Promise<PurgeResult>;
  /**
   * Deletes everything of a workspace (records, quarantine, touchpoint aliases and every derived
   * structure) like eraseCustomers.
   */
  deleteWorkspace(workspaceId: string): Promise<PurgeResult>;
  /**
   * Deletes a workspace's interactions, feedback answers and quarantined records older than
   * `deleteBefore`, and strips the comments of answers (quarantined ones too) older than
   * `stripCommentsBefore`, like eraseCustomers. What depends on a customer's order (`ord` and the
   * touchpoint before, for attribution) is numbered again for the customers it cut.
   */
  applyRetention(workspaceId: string, cutoffs: RetentionCutoffs): Promise<RetentionResult>;
  /** Runs a read-only analytical query and returns plain JS rows (numbers, strings, null). */
  query<T = Record<string, unknown>>(q: EngineQuery): Promise<T[]>;
  /**
   * Writes a consistent copy of the whole store into the new file `file` while it keeps serving
   * (between write batches), for `touchpoints backup` while the server runs.
   */
  snapshotTo(file: string): Promise<void>;
  close(): Promise<void>;
}
