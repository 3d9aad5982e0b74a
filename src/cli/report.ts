/** `touchpoints report`: the touchpoint audit report of a workspace as one self-contained HTML file. */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ZReportQuery } from '../api/report.schemas.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { REPORT_LANGUAGES } from '../report/report-i18n.js';
import { workspaceReport } from '../report/workspace-report.js';
import { CliError, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

/** Writes the file through a temporary one beside it, so a reader never sees half a report. */
function writeAtomically(path: string, text: string): void {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write ${path}: ${reason}`);
  }
}

interface ReportCliOptions {
  output: string;
  lang?: string;
  from?: string;
  to?: string;
}

export function reportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'write the touchpoint audit report of a workspace: one self-contained HTML file (no script, no ' +
        'external file) with the inventory and its coverage of the template library, the health check of ' +
        'the three laws, chain funnels with weak links, standards compliance, feedback scores and improvement ' +
        'tasks; open it in a browser and print it (A4) or save it as PDF',
    )
    .argument('<workspace-id>', 'id of the workspace', workspaceIdArgument)
    .requiredOption('-o, --output <file>', 'the HTML file to write (replaced if it exists)')
    .option(
      '--lang <language>',
      `language of the report: ${REPORT_LANGUAGES.join(', ')} (default: the workspace's language, else en)`,
    )
    .option(
      '--from <date>',
      'start of the measured period, inclusive: 2024-05-01, a date-time with offset or epoch ms (default: 90 days before --to)',
    )
    .option('--to <date>', 'end of the measured period, exclusive, same formats (default: now)')
    .addHelpText(
      'after',
      '\nExample:\n  touchpoints report 0b6c…-…-… -o report.html --lang de --from 2026-01-01\n\n' +
        'The server shows the same report at GET /api/workspaces/{id}/report and on the Report page of the web app.',
    )
    .action(async (workspaceId: string, options: ReportCliOptions) => {
      const query = ZReportQuery.safeParse({
        ...(options.lang === undefined ? {} : { lang: options.lang }),
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
      });
      if (!query.success)
        throw new CliError(query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      await withStore('report', async ({ catalog, events }) => {
        let report: Awaited<ReturnType<typeof workspaceReport>>;
        try {
          report = await workspaceReport({ db: catalog.db, events }, workspaceId, query.data);
        } catch (error) {
          if (error instanceof NotFoundError)
            throw new CliError(`no workspace has the id ${workspaceId} (see "touchpoints workspace list")`);
          if (error instanceof ValidationError)
            throw new CliError(error.issues.map((i) => `--${i.field}: ${i.message}`).join('; '));
          throw error;
        }
        writeAtomically(options.output, report.html);
        console.log(`wrote the report (${report.lang}) to ${options.output}`);
      });
    });
}
