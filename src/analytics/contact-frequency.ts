/**
 * Contact frequency (SPEC §7.7), computed inside the engine.
 *
 * Definitions, for the interactions that pass the filters, window W (default 30 days) and
 * period [from, to):
 * - the customers are those with at least one interaction in the period;
 * - a customer's rolling count at a moment t is the number of their business→customer (`out`)
 *   touches in the window (t − W, t] — one that happened exactly W before t no longer counts;
 *   touches before `from` count when they fall in the window of a moment of the period;
 * - the customer's peak is the highest rolling count at any moment of the period. The count
 *   only rises at an out-touch, so the peak is the highest of the counts at `from` and at each
 *   out-touch of the period (a window function over epoch ms: RANGE BETWEEN W − 1 PRECEDING AND
 *   CURRENT ROW, touches at the same millisecond counted together);
 * - a customer is over the cap when their peak exceeds the workspace cap (peak > cap), or when
 *   the peak of their out-touches at a capped touchpoint (with its descendants) exceeds that cap;
 * - per group (over / under the cap): lost rate = customers with at least one `lost` outcome in
 *   the period / customers of the group; negative rate = interactions of the period with
 *   sentiment −1 / those with a sentiment (both directions). A customer-level lost rate answers
 *   "whom do we lose"; the negative rate is per interaction so that customers touched more often
 *   do not weigh more for having more chances to be unhappy.
 * - histogram: customers by peak (workspace-wide, all touchpoints); 0 for no out-touch.
 */

import type { z } from 'zod';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  duckdbScopeConditions,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import {
  type ContactFrequency,
  type ContactFrequencyInput,
  type ContactGroup,
  ZContactFrequencyInput,
} from './contact-frequency.schemas.js';

type Input = z.output<typeof ZContactFrequencyInput>;

/** Per (over the cap, peak): customer counts; or per touchpoint cap `k`: customers over it. */
interface FrequencyRow {
  part: 'customers' | 'touchpoint_cap';
  over: boolean | null;
  key: unknown;
  customers: unknown;
  lost: unknown;
  rated: unknown;
  negative: unknown;
}

function duckdbContactFrequency(input: Input): EngineQuery {
  const p = new SqlParams();
  const from = p.bigint(input.from);
  // (t − W, t] on integer milliseconds is [t − (W − 1), t].
  const frame = `RANGE BETWEEN ${p.bigint(input.windowMs - 1)} PRECEDING AND CURRENT ROW`;
  const peak = `greatest(coalesce(max(n) FILTER (WHERE "at" >= ${from}), 0), count(*) FILTER (WHERE "at" <= ${from}))`;
  const extra: Record<string, unknown> = {};
  // Each part scans the table on its own: cheaper than materializing the scoped rows once.
  const scope = `${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
    AND i."at" > ${p.bigint(input.from - input.windowMs)} AND i."at" < ${p.bigint(input.to)}`;
  const ctes = [
    `people AS (
      SELECT i.customer_key AS customer, count(*) FILTER (WHERE i.outcome = 'lost') > 0 AS lost,
        count(i.sentiment) AS rated, count(*) FILTER (WHERE i.sentiment = -1) AS negative
      FROM interactions i WHERE ${scope} AND i."at" >= ${from} GROUP BY i.customer_key)`,
    `rolling AS (
      SELECT i.customer_key AS customer, i."at", count(*) OVER (PARTITION BY i.customer_key ORDER BY i."at" ${frame}) AS n
      FROM interactions i WHERE ${scope} AND i.direction = 'out')`,
    `peaks AS (SELECT customer, ${peak} AS peak FROM rolling GROUP BY customer)`,
  ];
  const hasTouchpointCaps = input.touchpointCaps.length > 0;
  if (hasTouchpointCaps) {
    const pairK: number[] = [];
    const pairTouchpoint: string[] = [];
    input.touchpointCaps.forEach((cap, k) => {
      for (const id of new Set(cap.touchpointIds)) {
        pairK.push(k);
        pairTouchpoint.push(id);
      }
    });
    Object.assign(extra, { cap_k: pairK, cap_touchpoint: pairTouchpoint });
    const limits = input.touchpointCaps.map((cap, k) => `(${k}, ${p.bigint(cap.cap)})`).join(', ');
    ctes.push(
      `cap_limit(k, cap) AS (VALUES ${limits})`,
      `cap_touchpoint AS (
        SELECT unnest(CAST($cap_k AS INTEGER[])) AS k, unnest(CAST($cap_touchpoint AS VARCHAR[])) AS touchpoint_id)`,
      `cap_rolling AS (
        SELECT i.customer_key AS customer, i."at", c.k, count(*) OVER (PARTITION BY i.customer_key, c.k ORDER BY i."at" ${frame}) AS n
        FROM interactions i JOIN cap_touchpoint c ON c.touchpoint_id = i.touchpoint_id
        WHERE ${scope} AND i.direction = 'out')`,
      `cap_over AS (
        SELECT r.customer, r.k FROM cap_rolling r JOIN cap_limit l ON l.k = r.k
        WHERE r.customer IN (SELECT customer FROM people)
        GROUP BY r.customer, r.k HAVING ${peak} > any_value(l.cap))`,
    );
  }
  const overTouchpointCap = hasTouchpointCaps ? 'OR pe.customer IN (SELECT customer FROM cap_over)' : '';
  ctes.push(`per_customer AS (
    SELECT pe.lost, pe.rated, pe.negative, coalesce(pk.peak, 0) AS peak,
      coalesce(pk.peak, 0) > ${p.bigint(input.cap)} ${overTouchpointCap} AS over
    FROM people pe LEFT JOIN peaks pk ON pk.customer = pe.customer)`);
  const capRows = hasTouchpointCaps
    ? `UNION ALL
      SELECT 'touchpoint_cap', NULL, k, count(*), 0, 0, 0 FROM cap_over GROUP BY k`
    : '';
  return {
    sql: `WITH ${ctes.join(',\n')}
      SELECT 'customers' AS part, over, peak AS key, count(*) AS customers,
        count(*) FILTER (WHERE lost) AS lost, sum(rated) AS rated, sum(negative) AS negative
      FROM per_customer GROUP BY over, peak
      ${capRows}`,
    params: { ...p.values, ...extra },
  };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbContactFrequency,
};

function emptyGroup(): ContactGroup {
  return {
    customers: 0,
    lostCustomers: 0,
    lostRate: null,
    ratedInteractions: 0,
    negativeInteractions: 0,
    negativeRate: null,
  };
}

/** Out-touches per customer per rolling window, customers over the cap and their lost / negative rates (SPEC §7.7). */
export async function contactFrequency(
  events: AnalyticsSource,
  rawInput: ContactFrequencyInput,
): Promise<ContactFrequency> {
  const input = parseAnalysisInput(ZContactFrequencyInput, rawInput);
  const rows = await events.query<FrequencyRow>(ENGINE_QUERIES[events.engine](input));

  const groups = { overCap: emptyGroup(), underCap: emptyGroup() };
  const histogram = new Map<number, number>();
  const customersOver = new Map<number, number>();
  for (const row of rows) {
    if (row.part === 'touchpoint_cap') {
      customersOver.set(toNumber(row.key), toNumber(row.customers));
      continue;
    }
    const group = row.over ? groups.overCap : groups.underCap;
    const customers = toNumber(row.customers);
    group.customers += customers;
    group.lostCustomers += toNumber(row.lost);
    group.ratedInteractions += toNumber(row.rated);
    group.negativeInteractions += toNumber(row.negative);
    const peak = toNumber(row.key);
    histogram.set(peak, (histogram.get(peak) ?? 0) + customers);
  }
  for (const group of Object.values(groups)) {
    group.lostRate = group.customers > 0 ? group.lostCustomers / group.customers : null;
    group.negativeRate =
      group.ratedInteractions > 0 ? group.negativeInteractions / group.ratedInteractions : null;
  }

  return {
    windowMs: input.windowMs,
    cap: input.cap,
    customers: groups.overCap.customers + groups.underCap.customers,
    overCap: groups.overCap.customers,
    histogram: [...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([maxTouches, customers]) => ({ maxTouches, customers })),
    groups,
    touchpointCaps: input.touchpointCaps.map((cap, k) => ({
      touchpointId: cap.touchpointId,
      cap: cap.cap,
      customersOver: customersOver.get(k) ?? 0,
    })),
  };
}
