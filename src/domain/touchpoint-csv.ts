/**
 * Touchpoints as CSV rows and back. Columns are the touchpoint's field names; references are
 * written as what a person reads and another workspace can resolve (channel key, brand and subject
 * name, parent key, owner e-mail) instead of ids.
 */
import type { FieldIssue } from './errors.js';

export const TOUCHPOINT_CSV_COLUMNS = [
  'key',
  'name',
  'description',
  'stage',
  'channel',
  'direction',
  'subject',
  'brand',
  'parent',
  'owner',
  'online',
  'attention',
  'lifetime',
  'controllable',
  'priority',
  'status',
  'tags',
  'brandedMaterial',
] as const;
export type TouchpointCsvColumn = (typeof TOUCHPOINT_CSV_COLUMNS)[number];

/** Tags share one column, separated by `;`. */
export const TAG_SEPARATOR = ';';

/** The fields of a touchpoint the CSV carries (as the API answers them). */
export interface CsvTouchpoint {
  id: string;
  key: string;
  name: string;
  description: string;
  stage: string | null;
  channelId: string | null;
  direction: string;
  subjectId: string | null;
  brandId: string;
  parentId: string | null;
  ownerUserId: string | null;
  online: boolean;
  attention: string | null;
  lifetime: string | null;
  controllable: boolean;
  priority: number;
  status: string;
  tags: string[];
  brandedMaterial: string;
}

/** What references point at in a workspace: id → readable value for export, and back for import. */
export interface CsvReferences {
  channels: readonly { id: string; key: string }[];
  /** The own brand is written as an empty cell: in any workspace that reads "our brand". */
  brands: readonly { id: string; name: string; isOwn: boolean }[];
  subjects: readonly { id: string; name: string }[];
  members: readonly { userId: string; email: string }[];
  touchpoints: readonly { id: string; key: string }[];
}

/** The CSV column an API field is shown in (`channelId` → `channel`). */
export function csvColumnOfField(field: string): string {
  const top = field.split('.')[0] ?? field;
  const byField: Record<string, TouchpointCsvColumn> = {
    channelId: 'channel',
    subjectId: 'subject',
    brandId: 'brand',
    parentId: 'parent',
    ownerUserId: 'owner',
  };
  return byField[top] ?? top;
}

function ownBrand(refs: CsvReferences, id: string): boolean {
  return refs.brands.some((b) => b.id === id && b.isOwn);
}

/** One touchpoint as a CSV row in the order of TOUCHPOINT_CSV_COLUMNS. */
export function touchpointToCsvRow(t: CsvTouchpoint, refs: CsvReferences): string[] {
  const find = <T extends { id: string }>(list: readonly T[], id: string | null) =>
    id === null ? undefined : list.find((item) => item.id === id);
  const values: Record<TouchpointCsvColumn, string> = {
    key: t.key,
    name: t.name,
    description: t.description,
    stage: t.stage ?? '',
    channel: find(refs.channels, t.channelId)?.key ?? '',
    direction: t.direction,
    subject: find(refs.subjects, t.subjectId)?.name ?? '',
    brand: ownBrand(refs, t.brandId) ? '' : (find(refs.brands, t.brandId)?.name ?? ''),
    parent: find(refs.touchpoints, t.parentId)?.key ?? '',
    owner: refs.members.find((m) => m.userId === t.ownerUserId)?.email ?? '',
    online: String(t.online),
    attention: t.attention ?? '',
    lifetime: t.lifetime ?? '',
    controllable: String(t.controllable),
    priority: String(t.priority),
    status: t.status,
    tags: t.tags.join(`${TAG_SEPARATOR} `),
    brandedMaterial: t.brandedMaterial,
  };
  return TOUCHPOINT_CSV_COLUMNS.map((column) => values[column]);
}

/** The header and one row per touchpoint. */
export function touchpointsToCsvRows(list: readonly CsvTouchpoint[], refs: CsvReferences): string[][] {
  return [[...TOUCHPOINT_CSV_COLUMNS], ...list.map((t) => touchpointToCsvRow(t, refs))];
}

/** Columns of an import file that are not touchpoint columns (the file is refused), and missing required ones. */
export function checkCsvColumns(columns: readonly string[]): { unknown: string[]; missing: string[] } {
  const known = new Set<string>(TOUCHPOINT_CSV_COLUMNS);
  return {
    unknown: columns.filter((c) => !known.has(c)),
    missing: ['key', 'name'].filter((c) => !columns.includes(c)),
  };
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/**
 * The body to create a touchpoint from one CSV record, or the issues (by column) that keep it from
 * being sent. Empty cells leave the field to the API's default. Only references are checked here;
 * everything else is the API's to validate.
 */
export function csvRecordToTouchpoint(
  values: Readonly<Record<string, string>>,
  refs: CsvReferences,
): { body: Record<string, unknown>; issues: FieldIssue[] } {
  const body: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  const cell = (column: TouchpointCsvColumn) => (values[column] ?? '').trim();
  body.key = cell('key');
  body.name = cell('name');
  for (const column of ['description', 'brandedMaterial'] as const) {
    const value = values[column] ?? '';
    if (value.trim() !== '') body[column] = value;
  }
  for (const column of ['stage', 'direction', 'attention', 'lifetime', 'status'] as const) {
    if (cell(column) !== '') body[column] = cell(column);
  }
  const resolve = (column: TouchpointCsvColumn, field: string, id: string | undefined, what: string) => {
    if (cell(column) === '') return;
    if (id) body[field] = id;
    else issues.push({ field: column, message: `no ${what} “${cell(column)}” in this workspace` });
  };
  const lower = (s: string) => s.toLowerCase();
  resolve(
    'channel',
    'channelId',
    refs.channels.find((c) => c.key === cell('channel'))?.id,
    'channel with key',
  );
  resolve('brand', 'brandId', refs.brands.find((b) => lower(b.name) === lower(cell('brand')))?.id, 'brand');
  resolve(
    'subject',
    'subjectId',
    refs.subjects.find((s) => lower(s.name) === lower(cell('subject')))?.id,
    'subject',
  );
  resolve(
    'parent',
    'parentId',
    refs.touchpoints.find((t) => t.key === cell('parent'))?.id,
    'touchpoint with key',
  );
  resolve(
    'owner',
    'ownerUserId',
    refs.members.find((m) => lower(m.email) === lower(cell('owner')))?.userId,
    'member with e-mail',
  );
  for (const column of ['online', 'controllable'] as const) {
    if (cell(column) === '') continue;
    const value = BOOLEANS[lower(cell(column))];
    if (value === undefined) issues.push({ field: column, message: 'must be true or false' });
    else body[column] = value;
  }
  if (cell('priority') !== '') {
    const priority = Number(cell('priority'));
    if (Number.isInteger(priority)) body.priority = priority;
    else issues.push({ field: 'priority', message: 'must be a whole number 1…5' });
  }
  if (cell('tags') !== '')
    body.tags = cell('tags')
      .split(TAG_SEPARATOR)
      .map((tag) => tag.trim())
      .filter(Boolean);
  return { body, issues };
}

/**
 * The records in an order that creates every parent before its children when both are in the
 * file; otherwise the file's order is kept. Parent cycles stay in file order (the API refuses them).
 */
export function orderParentsFirst<T extends { values: Readonly<Record<string, string>> }>(
  records: readonly T[],
): T[] {
  const byKey = new Map(records.map((r) => [(r.values.key ?? '').trim(), r]));
  const ordered: T[] = [];
  const placed = new Set<T>();
  const visiting = new Set<T>();
  const place = (record: T) => {
    if (placed.has(record) || visiting.has(record)) return;
    visiting.add(record);
    const parent = byKey.get((record.values.parent ?? '').trim());
    if (parent && parent !== record) place(parent);
    visiting.delete(record);
    placed.add(record);
    ordered.push(record);
  };
  for (const record of records) place(record);
  return ordered;
}
