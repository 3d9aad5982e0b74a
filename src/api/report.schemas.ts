import { z } from 'zod';
import { REPORT_LANGUAGES } from '../report/report-i18n.js';
import { ZInstant } from './analytics.schemas.js';

export const ZReportQuery = z.strictObject({
  lang: z
    .enum(REPORT_LANGUAGES, { error: `must be one of ${REPORT_LANGUAGES.join(', ')}` })
    .optional()
    .describe(
      "the report's language; default: the workspace's (settings.language), else the caller's, else en",
    ),
  from: ZInstant.optional().describe(
    'start of the measured period, inclusive: 2024-05-01 (midnight UTC), a date-time with offset or epoch ms; default: 90 days before `to`',
  ),
  to: ZInstant.optional().describe('end of the measured period, exclusive, same formats; default: now'),
  download: z
    .enum(['1', '0', 'true', 'false'], { error: 'must be 1 or 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional()
    .describe('1: answer as an attachment (Content-Disposition) to save instead of showing'),
});

export const ZReportHtml = z
  .string()
  .describe('the report: one self-contained HTML document (inline styles and SVG charts, no script)');
