/** The `touchpoints` command line. Every command has --help; errors print one line and exit 1. */
import { Command, CommanderError } from 'commander';
import { API_VERSION } from '../api/app.js';
import { ConfigError } from '../config.js';
import { AppError } from '../domain/errors.js';
import { DataDirBusyError } from '../store/data-dir-lock.js';
import { analyzeCommand } from './analyze.js';
import { backupCommand } from './backup.js';
import { customerCommand } from './customer.js';
import { demoCommand } from './demo.js';
import { healthCommand } from './health.js';
import { importCommand } from './import.js';
import { migrateCommand } from './migrate.js';
import { reportCommand } from './report.js';
import { restoreCommand } from './restore.js';
import { CliError } from './run.js';
import { serveCommand } from './serve.js';
import { taskCommand } from './task.js';
import { userCommand } from './user.js';
import { workspaceCommand } from './workspace.js';

const program = new Command('touchpoints')
  .description("Touchpoints: manage a business's customer touchpoints, journeys, chains and standards")
  .version(API_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

serveCommand(program);
migrateCommand(program);
userCommand(program);
workspaceCommand(program);
customerCommand(program);
demoCommand(program);
healthCommand(program);
reportCommand(program);
taskCommand(program);
analyzeCommand(program);
importCommand(program);
backupCommand(program);
restoreCommand(program);

function reason(error: unknown): string {
  if (error instanceof AppError) {
    const issues = (error.details.issues as { field: string; message: string }[] | undefined) ?? [];
    return issues.length > 0 ? issues.map((i) => `${i.field}: ${i.message}`).join('; ') : error.message;
  }
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirBusyError)
    return error.message;
  return error instanceof Error ? `unexpected error: ${error.message}` : String(error);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(`touchpoints: ${reason(error)}`);
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  process.exit(1);
}
