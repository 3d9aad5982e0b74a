import type { Command } from 'commander';
import { workspaceHealth } from '../analytics/workspace-health.js';
import { type HealthReport, LAWS, type Law } from '../domain/health.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { printJson, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

/** The report as text: findings grouped by law, one line each with the object's link. */
function formatReport(name: string, report: HealthReport): string {
  const { total, errors, warnings } = report.summary;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const lines = [
    `Health of "${name}": ${
      total === 0
        ? 'no findings'
        : `${n(total, 'finding')} (${n(errors, 'error')}, ${n(warnings, 'warning')})`
    }`,
  ];
  for (const law of [1, 2, 3] as Law[]) {
    const findings = report.findings.filter((f) => f.law === law);
    lines.push('', LAWS[law]);
    if (findings.length === 0) lines.push('  ok');
    for (const f of findings) lines.push(`  ${f.severity.padEnd(7)} ${f.message}  ${f.link}`);
  }
  return lines.join('\n');
}

export function healthCommand(program: Command): void {
  program
    .command('health')
    .description('check a workspace against the three laws of touchpoints (findings are not errors: exit 0)')
    .argument('<workspace-id>', 'id of the workspace', workspaceIdArgument)
    .option('--json', 'print the report as JSON (as GET /api/workspaces/{id}/health answers)')
    .action(async (workspaceId: string, options: { json?: boolean }) => {
      await withStore('health', async ({ catalog, events }) => {
        const ws = await getWorkspace(catalog.db, workspaceId);
        const report = await workspaceHealth({ db: catalog.db, events }, ws.id);
        if (options.json) printJson(report);
        else console.log(formatReport(ws.name, report));
      });
    });
}
