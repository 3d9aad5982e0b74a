/**
 * The touchpoint audit report of a workspace as the API and the CLI hand it out: gathered,
 * rendered, and named for saving (`touchpoints-report-<workspace>-<date>.html`).
 */
import type { AnalyticsStores } from '../analytics/workspace-analytics.js';
import { gatherReport, type ReportOptions } from './gather-report.js';
import { renderReport } from './render-report.js';

export interface WorkspaceReport {
  html: string;
  /** A file name of ASCII letters, digits and dashes. */
  fileName: string;
  lang: string;
}

/** The workspace's name as a file-name part: ASCII letters and digits, dashes between words. */
export function fileNamePart(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'workspace';
}

/** Gathers and renders the report of a workspace; 404 for an unknown one, 400 for an empty period. */
export async function workspaceReport(
  stores: Omit<AnalyticsStores, 'tree'>,
  workspaceId: string,
  options: ReportOptions = {},
  now = Date.now(),
): Promise<WorkspaceReport> {
  const data = await gatherReport(stores, workspaceId, options, now);
  const date = new Date(data.generatedAt).toISOString().slice(0, 10);
  return {
    html: renderReport(data),
    fileName: `touchpoints-report-${fileNamePart(data.workspace.name)}-${date}.html`,
    lang: data.lang,
  };
}
