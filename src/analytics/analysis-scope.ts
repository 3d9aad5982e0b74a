/**
 * What every analysis of SPEC §7 is asked about — a workspace, a period [from, to) and optional
 * filters — and the pieces each engine's SQL needs to honour it.
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import type { EventStore } from '../store/events/event-store.js';

/** The part of an event store an analysis needs: its engine (to pick the SQL) and `query`. */
export type AnalyticsSource = Pick<EventStore, 'engine' | 'query'>;

export const DAY_MS = 86_400_000;

/** Epoch milliseconds, within what JavaScript dates can represent. */
export const ZEpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/** Touchpoint ids one link or step matches: a touchpoint and all of its descendants (SPEC §7). */
export const ZTouchpointIds = z
  .array(z.string().min(1).max(128))
  .min(1, 'must name at least one touchpoint')
  .max(10_000);

export const ZInteractionFilters = z
  .strictObject({
    touchpointIds: ZTouchpointIds.optional().describe(
      'only interactions at these touchpoints (for a channel: the touchpoints of that channel)',
    ),
    props: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a props key: letters, digits, _ or -'),
        z.string(),
      )
      .optional()
      .describe('only interactions whose props hold these string values (a segment), e.g. {"segment":"b2b"}'),
  })
  .describe('optional filters: an analysis sees only the interactions that pass all of them');
export type InteractionFilters = z.infer<typeof ZInteractionFilters>;

/** Fields shared by every analysis input; each input schema spreads them and adds its own. */
export const analysisScopeFields = {
  workspaceId: z.string().min(1),
  from: ZEpochMs.describe('start of the period, inclusive (epoch ms)'),
  to: ZEpochMs.describe('end of the period, exclusive (epoch ms)'),
  filters: ZInteractionFilters.optional(),
};

/** Zod check for `from < to`, reported on `to`. */
export function isPeriodValid(v: { from: number; to: number }): boolean {
  return v.from < v.to;
}
export const periodIssue = { path: ['to'], message: 'must be after from' };

/** Parses an analysis input with its schema; a bad input becomes a 400 naming each field. */
export function parseAnalysisInput<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  );
}

/** Collects the values of a parameterised query and hands out their `$name` placeholders. */
export class SqlParams {
  readonly values: Record<string, string | number> = {};
  #next = 0;

  /** A placeholder for a text value. */
  text(value: string): string {
    const name = `p${this.#next++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** A placeholder for an integer, typed BIGINT whatever size the driver infers. */
  bigint(value: number): string {
    const name = `p${this.#next++}`;
    this.values[name] = value;
    return `CAST($${name} AS BIGINT)`;
  }

  /** `(a, b, …)` for an IN list of texts. */
  textList(values: readonly string[]): string {
    return `(${values.map((v) => this.text(v)).join(', ')})`;
  }
}

/**
 * DuckDB conditions (joined by AND) restricting interactions aliased `alias` to a workspace and
 * the filters; time bounds are each analysis's own business.
 */
export function duckdbScopeConditions(
  params: SqlParams,
  alias: string,
  workspaceId: string,
  filters: InteractionFilters | undefined,
): string {
  const conditions = [`${alias}.workspace_id = ${params.text(workspaceId)}`];
  if (filters?.touchpointIds) {
    conditions.push(`${alias}.touchpoint_id IN ${params.textList([...new Set(filters.touchpointIds)])}`);
  }
  for (const [key, value] of Object.entries(filters?.props ?? {})) {
    const path = params.text(`$."${key}"`);
    conditions.push(
      `json_type(${alias}.props, ${path}) = 'VARCHAR' AND json_extract_string(${alias}.props, ${path}) = ${params.text(value)}`,
    );
  }
  return conditions.join(' AND ');
}

/**
 * DuckDB conditions (joined by AND) restricting feedback answers aliased `alias` to a workspace,
 * a period and the filters: a touchpoint filter as for interactions; a props filter (a segment)
 * keeps the answers of customers with an interaction of the period that passes the filters.
 */
export function duckdbFeedbackConditions(
  params: SqlParams,
  alias: string,
  scope: { workspaceId: string; from: number; to: number; filters?: InteractionFilters | undefined },
): string {
  const from = params.bigint(scope.from);
  const to = params.bigint(scope.to);
  const conditions = [
    `${alias}.workspace_id = ${params.text(scope.workspaceId)}`,
    `${alias}."at" >= ${from} AND ${alias}."at" < ${to}`,
  ];
  if (scope.filters?.touchpointIds) {
    conditions.push(
      `${alias}.touchpoint_id IN ${params.textList([...new Set(scope.filters.touchpointIds)])}`,
    );
  }
  if (scope.filters?.props && Object.keys(scope.filters.props).length > 0) {
    conditions.push(`${alias}.customer IN (
      SELECT seg.customer FROM interactions seg
      WHERE ${duckdbScopeConditions(params, 'seg', scope.workspaceId, scope.filters)}
        AND seg."at" >= ${from} AND seg."at" < ${to})`);
  }
  return conditions.join(' AND ');
}

/**
 * The DuckDB store's integer keys of touchpoint ids in one workspace (see the store's schema),
 * of the ids given or (without them) of every touchpoint the workspace has interactions for:
 * ids it has never stored an interaction for have none, and match nothing.
 */
export async function duckdbTouchpointKeys(
  events: AnalyticsSource,
  workspaceId: string,
  touchpointIds?: readonly string[],
): Promise<Map<string, number>> {
  if (touchpointIds?.length === 0) return new Map();
  const rows = await events.query<{ id: string; key: unknown }>({
    sql: `SELECT touchpoint_id AS id, touchpoint_key AS key FROM touchpoint_keys
          WHERE workspace_id = $workspaceId${touchpointIds ? ' AND list_contains($ids, touchpoint_id)' : ''}`,
    params: touchpointIds ? { workspaceId, ids: [...new Set(touchpointIds)] } : { workspaceId },
  });
  return new Map(rows.map((r) => [r.id, toNumber(r.key)]));
}

/**
 * `alias.touchpoint_key IN (…)` for the keys of `touchpointIds` (`false` when none has a key).
 * The keys are integers read from the store, written into the SQL as literals: a constant IN
 * list becomes a filter of the table scan.
 */
export function duckdbTouchpointKeyCondition(
  alias: string,
  keys: ReadonlyMap<string, number>,
  touchpointIds: readonly string[],
): string {
  const found = [...new Set(touchpointIds.map((id) => keys.get(id)))].filter(
    (key): key is number => key !== undefined && Number.isSafeInteger(key),
  );
  return found.length > 0
    ? `${alias}.touchpoint_key IN (${found.sort((a, b) => a - b).join(', ')})`
    : 'false';
}

/** A query value as a JS number: drivers may hand back BIGINT/HUGEINT as bigint. */
export function toNumber(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

/** A nullable query value as a JS number or null. */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}
