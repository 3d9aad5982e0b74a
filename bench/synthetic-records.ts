/**
 * The synthetic interactions of test/fixtures/generate-interactions.ts as a client sends them
 * (API field names, touchpoint keys, absent fields left out), and the touchpoint tree they need
 * in the catalog. Shared by the ingestion and import benchmarks.
 */
import {
  generateInteractions,
  SYNTHETIC_START,
  SYNTHETIC_TOUCHPOINTS,
} from '../test/fixtures/generate-interactions.js';

export { SYNTHETIC_START };

/** One interaction in the API's shape (SPEC §5). */
export interface ApiRecord {
  id: string;
  customer: string;
  touchpoint: string;
  at: number;
  direction: 'in' | 'out';
  sentiment?: -1 | 0 | 1;
  outcome?: string;
  value?: number;
  response_ms?: number;
  props?: Record<string, unknown>;
}

// The generator's props are a handful of fixed JSON texts: parse each once.
const parsedProps = new Map<string, Record<string, unknown>>();

/** Yields the records of `customers` synthetic customers (about ten each), deterministic for a seed. */
export function* apiRecords(customers: number, seed: number): Generator<ApiRecord> {
  for (const i of generateInteractions({ customers, seed })) {
    const record: ApiRecord = {
      id: i.id,
      customer: i.customer,
      touchpoint: i.touchpointId,
      at: i.at,
      direction: i.direction,
    };
    if (i.sentiment !== null) record.sentiment = i.sentiment;
    if (i.outcome !== null) record.outcome = i.outcome;
    if (i.value !== null) record.value = i.value;
    if (i.responseMs !== null) record.response_ms = i.responseMs;
    if (i.props !== null) {
      let props = parsedProps.get(i.props);
      if (!props) {
        props = JSON.parse(i.props) as Record<string, unknown>;
        parsedProps.set(i.props, props);
      }
      record.props = props;
    }
    yield record;
  }
}

/** The synthetic touchpoints, parents before their parts: the key is the generator's id. */
export const syntheticTouchpoints = SYNTHETIC_TOUCHPOINTS;
