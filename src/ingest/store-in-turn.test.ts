import { describe, expect, it } from 'vitest';
import { makeInteraction } from '../../test/fixtures/generate-interactions.js';
import { openDuckDbEventStore } from '../store/events/duckdb/duckdb-event-store.js';
import { storeInTurn } from './ingest-interactions.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('storeInTurn', () => {
  it('hands batches to the store in their turn: the first batch wins an id even when it is ready last', async () => {
    const store = await openDuckDbEventStore();
    try {
      const record = (customer: string) =>
        makeInteraction({ workspaceId: 'w1', id: 'same-id', customer, touchpointId: 'tp-x', at: 1 });
      let handFirst = () => {};
      const firstHanded = new Promise<void>((resolve) => {
        handFirst = resolve;
      });
      // The first batch takes longer to get ready (say, looking up unknown touchpoint keys).
      const first = delay(50).then(() =>
        storeInTurn(
          { after: Promise.resolve(), handed: handFirst },
          () => store.insertInteractions([record('from the first batch')]),
          () => store.quarantine([]),
        ),
      );
      const second = storeInTurn(
        { after: firstHanded, handed: () => {} },
        () => store.insertInteractions([record('from the second batch')]),
        () => store.quarantine([]),
      );
      const [[firstResult], [secondResult]] = await Promise.all([first, second]);
      expect(firstResult).toEqual({ inserted: 1, duplicates: 0 });
      expect(secondResult).toEqual({ inserted: 0, duplicates: 1 });
      const rows = await store.query<{ customer: string }>({
        sql: `SELECT customer FROM interactions WHERE id = 'same-id'`,
        params: {},
      });
      expect(rows).toEqual([{ customer: 'from the first batch' }]);
    } finally {
      await store.close();
    }
  });
});
