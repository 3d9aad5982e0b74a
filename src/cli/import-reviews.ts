/**
 * `touchpoints import reviews FILE`: imports a CSV export of a rating site into a workspace on the
 * data directory, as `POST /api/workspaces/{id}/reviews/import` does (ingest/import-reviews.ts):
 * bad rows are refused one by one (written to FILE.rejects.csv), good ones stored, and running it
 * again on the same file changes nothing.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { decodeCsvFile } from '../domain/csv.js';
import { ValidationError } from '../domain/errors.js';
import { DEFAULT_COMPLAINT_THRESHOLD, MAX_RATING_MAX, REVIEW_FIELDS } from '../domain/review-rules.js';
import { importReviews, type ReviewImportResult } from '../ingest/import-reviews.js';
import { parseReviewMapping } from '../ingest/review-rows.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { DataDirBusyError } from '../store/data-dir-lock.js';
import { CliError, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

interface ReviewOptions {
  workspace: string;
  touchpoint?: string;
  site?: string;
  ratingMax?: string;
  map?: string[];
  complaintThreshold?: string;
  rejects?: string;
  dryRun?: boolean;
}

/** Most refused rows printed; the rejects file holds them all. */
const SHOWN_REJECTS = 10;

function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function numberOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new CliError(`${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** The API's field names as the command's options. */
const OPTION_OF: Record<string, string> = {
  ratingMax: '--rating-max',
  touchpoint: '--touchpoint',
  site: '--site',
  map: '--map',
};

function cliError(error: ValidationError): CliError {
  const name = (field: string) =>
    OPTION_OF[field] ?? (field.startsWith('map.') ? `--map ${field.slice(4)}` : field);
  return new CliError(error.issues.map((i) => `${name(i.field)}: ${i.message}`).join('\n'));
}

function summaryText(file: string, r: ReviewImportResult, rejectsFile: string | null): string {
  const lines = [
    `${r.dryRun ? 'Checked (dry run, nothing stored)' : 'Imported'} reviews from ${file}: ${r.rows} rows`,
    `  accepted     ${r.accepted}`,
    ...(r.dryRun
      ? []
      : [
          `  new          ${r.inserted}`,
          `  new reply    ${r.updated}`,
          `  unchanged    ${r.unchanged}`,
          `  complaints   ${r.complaints}`,
        ]),
    `  rejected     ${r.rejected.length}${rejectsFile ? `  (row, field, reason in ${rejectsFile})` : ''}`,
    ...r.rejected.slice(0, SHOWN_REJECTS).map((x) => `    row ${x.row}  ${x.field || '(row)'}: ${x.reason}`),
    ...(r.rejected.length > SHOWN_REJECTS ? [`    … and ${r.rejected.length - SHOWN_REJECTS} more`] : []),
  ];
  return lines.join('\n');
}

async function runReviewImport(file: string, options: ReviewOptions): Promise<void> {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file} is not a file`);
    text = decodeCsvFile(readFileSync(file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const threshold =
    options.complaintThreshold === 'none'
      ? null
      : numberOption('--complaint-threshold', options.complaintThreshold, 0, 1);
  let mapping: ReturnType<typeof parseReviewMapping>;
  try {
    mapping = parseReviewMapping(options.map ?? []);
  } catch (error) {
    throw error instanceof ValidationError ? cliError(error) : error;
  }
  const importOptions = {
    mapping,
    touchpoint: options.touchpoint,
    site: options.site,
    ratingMax: numberOption('--rating-max', options.ratingMax, Number.MIN_VALUE, MAX_RATING_MAX),
    complaintThreshold: threshold,
    dryRun: options.dryRun === true,
    fileName: basename(file),
  };
  let result: ReviewImportResult;
  try {
    result = await withStore('import reviews', async ({ catalog, events }) => {
      const workspace = await getWorkspace(catalog.db, options.workspace);
      return importReviews(catalog.db, events, SYSTEM_ACTOR, workspace.id, text, importOptions);
    });
  } catch (error) {
    if (error instanceof ValidationError) throw cliError(error);
    if (error instanceof DataDirBusyError && error.holder.holder === 'server')
      throw new CliError(
        `${error.dataDir} is in use by the Touchpoints server (pid ${error.holder.pid}). Stop it, or send the file ` +
          `to it: curl -X POST -H 'content-type: text/csv' -H 'authorization: Bearer <API token>' --data-binary @${file} ` +
          `'${error.holder.url ?? '<url>'}/api/workspaces/${options.workspace}/reviews/import?touchpoint=…&site=…&ratingMax=…'`,
      );
    throw error;
  }
  let rejectsFile: string | null = null;
  if (result.rejected.length > 0) {
    rejectsFile = options.rejects ?? `${file}.rejects.csv`;
    writeFileSync(
      rejectsFile,
      `row,field,reason\n${result.rejected.map((r) => `${r.row},${csvCell(r.field)},${csvCell(r.reason)}\n`).join('')}`,
    );
  }
  console.log(summaryText(file, result, rejectsFile));
}

/** Registers `touchpoints import reviews` under the import command. */
export function importReviewsCommand(imp: Command): void {
  imp
    .command('reviews')
    .description(
      'import reviews from a CSV export of a rating site (Google, a local review portal…) into a workspace. ' +
        'Each review needs a date, a rating, a rating maximum, its site and the touchpoint it is about: from a column, ' +
        'or (maximum, site, touchpoint) one value for the whole file. Columns are found by their names ' +
        '(Stars → rating, Reviewer → author, Response → reply…) unless --map says otherwise. ' +
        'The rating is normalised (rating / maximum, 0–1) and counted in sentiment; a review at or under the ' +
        'complaint threshold opens a complaint. A review without an id column gets a hash of site, author, date and text, ' +
        'so running the same file again changes nothing (a reply added since is taken over). The file must be UTF-8; ' +
        '"," or ";" separates the columns.',
    )
    .argument('<file>', 'the CSV file to import')
    .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
    .option('--touchpoint <key>', 'the touchpoint key of every review (else a touchpoint column)')
    .option('--site <name>', 'the site of every review, e.g. Google (else a site column)')
    .option(
      '--rating-max <n>',
      `the rating maximum of every review, e.g. 5 or 10 (else a rating_max column; at most ${MAX_RATING_MAX})`,
    )
    .option(
      '--map <field=column>',
      `read a field from this column, e.g. --map rating=Stars,date=When; "field=" reads it from no column ` +
        `(fields: ${REVIEW_FIELDS.join(', ')}; comma-separated or repeated)`,
      collectList,
    )
    .option(
      '--complaint-threshold <score>',
      `a review scoring at most this (0–1) opens a complaint, or "none" (default ${DEFAULT_COMPLAINT_THRESHOLD}: two stars of five)`,
    )
    .option('--rejects <file>', 'where refused rows go (default: FILE.rejects.csv, written only if any)')
    .option('--dry-run', 'check the file and show what would be imported, store nothing')
    .action((file: string, options: ReviewOptions) => runReviewImport(file, options));
}
