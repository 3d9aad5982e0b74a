/** What a backup records of each table, and what a restore checks: its rows and their checksum. */
export interface TableSummary {
  rows: number;
  /** An order-independent digest of every row's content, as the engine computes it. */
  checksum: string;
}

/** Table name (schema-qualified where the engine has several schemas) → its summary. */
export type TableSummaries = Record<string, TableSummary>;
