import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { ZWorkspaceImport } from '../api/export.schemas.js';
import { type FieldIssue, ValidationError } from '../domain/errors.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { findUserByEmail, firstUser, type UserRow } from '../store/catalog/users.js';
import { exportWorkspace } from '../store/catalog/workspace-export.js';
import { type ImportResult, importWorkspace } from '../store/catalog/workspace-import.js';
import { listAllWorkspaces, listMembers } from '../store/catalog/workspaces.js';
import { CliError, printJson, withStore } from './run.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a workspace id argument before it reaches the database. */
export function workspaceIdArgument(value: string): string {
  if (!UUID.test(value)) throw new CliError(`the workspace id must be a UUID, got "${value}"`);
  return value;
}

/** The user named by --owner, or the first user; a clear error when there is none. */
export async function findOwner(db: Db, email: string | undefined): Promise<UserRow> {
  if (email) {
    const user = await findUserByEmail(db, email);
    if (!user)
      throw new CliError(`no user has the e-mail ${email}; create it with "touchpoints user create"`);
    return user;
  }
  const first = await firstUser(db);
  if (!first)
    throw new CliError(
      'there is no user yet: create one first with "touchpoints user create --email … --password …" ' +
        '(or start the server and use the setup link), or give --owner <email>',
    );
  return first;
}

/** One line describing what an import created. */
export function describeImport(result: ImportResult, ownerEmail: string): string {
  const c = result.counts;
  const lines = [
    `created workspace "${result.workspace.name}" (${result.workspace.id}) owned by ${ownerEmail}`,
    `  ${c.brands} brands, ${c.subjects} subjects, ${c.channels} channels, ${c.touchpoints} touchpoints, ` +
      `${c.standards} standards, ${c.journeys} journeys (${c.stages} stages, ${c.items} items), ` +
      `${c.chains} chains (${c.links} links)`,
  ];
  // A version 1 document (and the demo's, whose tasks and audits come after) has none of these.
  if (c.tasks + c.checklists + c.audits + c.alertRules + c.webhooks > 0)
    lines.push(
      `  ${c.tasks} tasks (${c.comments} comments), ${c.checklists} audit checklists (${c.criteria} criteria), ` +
        `${c.audits} audits (${c.answers} answers), ${c.alertRules} alert rules, ${c.webhooks} webhooks`,
    );
  const cleared = [
    [result.ownersCleared, 'touchpoints had another owner and are now without owner'],
    [result.taskOwnersCleared, 'tasks had another owner and are now without owner'],
    [result.auditorsCleared, 'audits had another auditor and are now without auditor'],
  ] as const;
  for (const [n, what] of cleared) if (n > 0) lines.push(`  ${n} ${what} (only ${ownerEmail} is a member)`);
  if (c.webhooks > 0)
    lines.push(`  the ${c.webhooks} webhooks are disabled, with new secrets: an owner enables them`);
  return lines.join('\n');
}

/** Zod's complaints as field issues with dot paths, like the API's 400 answers. */
function documentIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ field: path ? `${path}.${k}` : k, message: 'unknown field' }));
    return [{ field: path, message: issue.message }];
  });
}

export function workspaceCommand(program: Command): void {
  const workspace = program.command('workspace').description('list, export and import workspaces');

  workspace
    .command('list')
    .description('list all workspaces: id, name and number of members')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      await withStore('workspace list', async ({ catalog }) => {
        const rows = await Promise.all(
          (await listAllWorkspaces(catalog.db)).map(async (ws) => ({
            id: ws.id,
            name: ws.name,
            members: (await listMembers(catalog.db, ws.id, { limit: 1, offset: 0 })).total,
          })),
        );
        if (options.json) return printJson(rows);
        if (rows.length === 0) return console.log('no workspaces yet');
        for (const r of rows) console.log(`${r.id}  ${String(r.members).padStart(3)} members  ${r.name}`);
      });
    });

  workspace
    .command('export')
    .description(
      'write a workspace as one JSON document (catalog, tasks, audits, alert rules, webhooks without secrets; ' +
        'no members, tokens, audit log, photos or alerts)',
    )
    .argument('<workspace-id>', 'id of the workspace', workspaceIdArgument)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (workspaceId: string, options: { output?: string }) => {
      await withStore('workspace export', async ({ catalog }) => {
        const doc = await exportWorkspace(catalog.db, workspaceId);
        const json = `${JSON.stringify(doc, null, 2)}\n`;
        if (!options.output) return void process.stdout.write(json);
        writeFileSync(options.output, json);
        console.log(
          `exported workspace "${doc.workspace.name}" to ${options.output} ` +
            `(${doc.touchpoints.length} touchpoints, ${doc.journeys.length} journeys, ${doc.chains.length} chains, ` +
            `${doc.tasks?.length ?? 0} tasks, ${doc.audits?.length ?? 0} audits)`,
        );
      });
    });

  workspace
    .command('import')
    .description(
      'create a new workspace from an exported JSON document; every object gets a new id, webhooks come in disabled',
    )
    .argument('<file>', 'the JSON document ("-" for standard input)')
    .requiredOption('--owner <email>', 'e-mail of the user who will own the new workspace')
    .option('--name <name>', "name of the new workspace (default: the document's)")
    .action(async (file: string, options: { owner: string; name?: string }) => {
      let text: string;
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
      }
      const parsed = ZWorkspaceImport.safeParse(value);
      if (!parsed.success) throw new ValidationError(documentIssues(parsed.error));
      await withStore('workspace import', async ({ catalog, secrets }) => {
        const owner = await findOwner(catalog.db, options.owner);
        const result = await importWorkspace(catalog.db, SYSTEM_ACTOR, parsed.data, owner, {
          name: options.name,
          secrets,
        });
        console.log(describeImport(result, owner.email));
      });
    });
}
