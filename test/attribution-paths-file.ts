/**
 * The sample of 10,000 aggregated paths over 12 channels (ChannelAttribution's, via eeghor/mta,
 * MIT; see test/data/README.md): `path` (channels joined by ` > `), `total_conversions`,
 * `total_conversion_value`, `total_null`, kept in test/data/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AggregatedPath } from '../src/analytics/attribution-models.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CANDIDATES = [join(root, 'test', 'data', 'attribution-paths.csv.gz')];

/** Parses the CSV text of aggregated paths (header line first; no quoted fields in this file). */
export function parseAttributionPaths(csv: string): AggregatedPath[] {
  const [header, ...lines] = csv.split(/\r?\n/).filter((line) => line.length > 0);
  if (header !== 'path,total_conversions,total_conversion_value,total_null')
    throw new Error(`unexpected header: ${header}`);
  return lines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== 4) throw new Error(`line ${i + 2}: expected 4 fields, got ${cells.length}`);
    const [path, conversions, value, nulls] = cells as [string, string, string, string];
    return {
      path: path.split(' > '),
      conversions: Number(conversions),
      value: Number(value),
      nulls: Number(nulls),
    };
  });
}

/** Reads and parses the gzipped sample file. */
export function loadAttributionPaths(): AggregatedPath[] {
  const file = CANDIDATES.find((f) => existsSync(f));
  if (!file) throw new Error(`attribution-paths.csv.gz not found in ${CANDIDATES.join(' or ')}`);
  return parseAttributionPaths(gunzipSync(readFileSync(file)).toString('utf8'));
}
