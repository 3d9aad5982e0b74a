/**
 * QR codes and printable posters of surveys (SPEC §6: offline touchpoints — reception, price list,
 * shop window): the QR code of a survey's link (`/s/<code>?src=qr`) as PNG, a poster (A4, A5 or a
 * folded table tent) as a self-contained HTML page to print or save as PDF from the browser, and
 * one sheet with the QR codes of every live survey at an offline touchpoint. Read access.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { NotFoundError } from '../domain/errors.js';
import { isLanguage, type Language, localText } from '../domain/survey-model.js';
import { esc, safeColour, safeLogo, surveyLink } from '../public/html.js';
import { publicTexts } from '../public/texts.js';
import {
  findPosterSurvey,
  listOfflinePosterSurveys,
  type PosterSurvey,
} from '../store/catalog/survey-public.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import { ZPosterQuery, ZQrQuery, ZSheetQuery, ZSurveyPosterParams } from './public-surveys.schemas.js';
import { reportHeaders } from './security-headers.js';

const ZPosterHtml = z
  .string()
  .describe('a self-contained HTML page (inline styles and SVG, no script) to print');

/** The QR code of a link as inline SVG (crisp at any print size). */
function qrSvg(link: string, label: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) =>
    svg.replace('<svg ', `<svg role="img" aria-label="${esc(label)}" `),
  );
}

const SIZES = {
  a4: { page: 'A4', qr: '11cm', title: '34pt', cta: '22pt', text: '14pt' },
  a5: { page: 'A5', qr: '8cm', title: '24pt', cta: '16pt', text: '11pt' },
  tent: { page: 'A4 landscape', qr: '6.5cm', title: '18pt', cta: '14pt', text: '10pt' },
} as const;

const SHEET_CSS = `*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24}
.hint{background:#fff8c5;padding:.5rem 1rem;margin:0;font-size:.9rem}@media print{.hint{display:none}}`;

/** One poster (or half of a table tent): the call to action, the QR code and the link. */
async function posterPanel(s: PosterSurvey, link: string, language: Language) {
  const t = publicTexts(language);
  const title = localText(s.texts.title, language, s.defaultLanguage);
  const logo = safeLogo(s.logo);
  return `<section class="poster">
<div class="head">${logo ? `<img class="logo" src="${logo}" alt="">` : ''}
<p class="where">${esc(s.touchpointName)}</p>
<h1>${esc(t.posterCta)}</h1>
<p class="title">${esc(title)}</p></div>
<div class="qr">${await qrSvg(link, title)}</div>
<div class="foot"><p class="scan">${esc(t.posterScan)}</p>
<p class="link">${esc(t.posterOr)} <strong>${esc(link.replace(/^https?:\/\//, ''))}</strong></p></div>
</section>`;
}

/**
 * A poster fills its page; a table tent is an A4 sheet in landscape folded along its middle: two
 * halves (10.5 cm high) with the QR code beside the text, the upper one upside down.
 */
function posterCss(size: keyof typeof SIZES, colour: string): string {
  const z = SIZES[size];
  const layout =
    size === 'tent'
      ? `.poster{height:10.5cm;display:grid;grid-template-columns:auto 1fr;grid-template-areas:"qr head" "qr foot";align-content:center;column-gap:1cm;row-gap:.3cm;padding:.6cm 1.5cm;text-align:left;border-top-width:.3cm}
.head{grid-area:head;align-self:end}.qr{grid-area:qr}.foot{grid-area:foot;align-self:start}
.sheet .poster:first-child{transform:rotate(180deg);border-bottom:1px dashed #8c959f}`
      : `.poster{min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.5cm;padding:1.2cm;text-align:center}
@media print{.poster{height:100vh;min-height:0}}`;
  return `${SHEET_CSS}
@page{size:${z.page};margin:0}
.poster{border-top:.5cm solid ${safeColour(colour)};break-inside:avoid}
.logo{max-height:2.5cm;max-width:7cm}
.head p,.head h1,.foot p{margin:.1cm 0}
.where{font-size:${z.text};color:#57606a;text-transform:uppercase;letter-spacing:.08em}
h1{font-size:${z.title};line-height:1.1}
.title{font-size:${z.cta}}
.qr svg{width:${z.qr};height:${z.qr};display:block}
.scan,.link{font-size:${z.text};max-width:16cm}
${layout}`;
}

function document(language: Language, title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${css}</style></head>
<body>${body}</body></html>
`;
}

export const surveyPosterRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['surveys'];

  app.get(
    '/surveys/:surveyId/qr.png',
    {
      schema: {
        tags,
        summary: 'The QR code of the survey’s link (`/s/<code>?src=qr`) as a PNG image',
        params: ZSurveyPosterParams,
        querystring: ZQrQuery,
        produces: ['image/png'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const link = (code: string) => surveyLink(ctx.config.publicUrl, code, 'qr');
      const survey = await findPosterSurvey(db, access.workspaceId, request.params.surveyId);
      if (!survey) throw new NotFoundError('survey', request.params.surveyId);
      const png = await QRCode.toBuffer(link(survey.code), {
        type: 'png',
        width: request.query.size,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', `inline; filename="survey-${survey.code}-qr.png"`)
        .type('image/png')
        .send(png as never);
    },
  );

  app.get(
    '/surveys/:surveyId/poster',
    {
      helmet: reportHeaders(),
      schema: {
        tags,
        summary:
          'A printable poster of the survey (A4, A5 or a folded table tent): QR code, touchpoint, call to action in the survey’s language',
        params: ZSurveyPosterParams,
        querystring: ZPosterQuery,
        produces: ['text/html'],
        response: { 200: ZPosterHtml, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const link = (code: string) => surveyLink(ctx.config.publicUrl, code, 'qr');
      const survey = await findPosterSurvey(db, access.workspaceId, request.params.surveyId);
      if (!survey) throw new NotFoundError('survey', request.params.surveyId);
      const language = request.query.lang ?? survey.defaultLanguage;
      const size = request.query.size;
      const panel = await posterPanel(survey, link(survey.code), language);
      const hint = `<p class="hint">${esc(publicTexts(language).printHint)}</p>`;
      const body = `${hint}<div class="sheet">${size === 'tent' ? panel + panel : panel}</div>`;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          document(language, `${survey.name} — ${size.toUpperCase()}`, posterCss(size, survey.colour), body),
        );
    },
  );

  app.get(
    '/surveys/posters',
    {
      helmet: reportHeaders(),
      schema: {
        tags,
        summary:
          'One printable sheet with the QR codes of every live survey at an offline touchpoint (reception, price list, shop window…)',
        params: ZWorkspaceParams,
        querystring: ZSheetQuery,
        produces: ['text/html'],
        response: { 200: ZPosterHtml, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const link = (code: string) => surveyLink(ctx.config.publicUrl, code, 'qr');
      const surveys = await listOfflinePosterSurveys(db, access.workspaceId);
      // The sheet's own words: ?lang=, else the signed-in user's language, else English.
      const locale = access.caller.kind === 'user' ? access.caller.user.locale : undefined;
      const language: Language = request.query.lang ?? (isLanguage(locale) ? locale : 'en');
      const words = publicTexts(language);
      const cards = await Promise.all(
        surveys.map(async (s) => {
          const title = localText(s.texts.title, s.defaultLanguage, s.defaultLanguage);
          const t = publicTexts(s.defaultLanguage);
          return `<section class="card" lang="${s.defaultLanguage}">
<div class="qr">${await qrSvg(link(s.code), title)}</div>
<p class="where">${esc(s.touchpointName)}</p><p class="title">${esc(title)}</p><p class="cta">${esc(t.posterCta)}</p>
<p class="link">${esc(link(s.code).replace(/^https?:\/\//, ''))}</p></section>`;
        }),
      );
      const css = `${SHEET_CSS}
@page{size:A4;margin:1cm}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(6cm,1fr));gap:.5cm;padding:.5cm}
.card{border:1px solid #8c959f;border-radius:.3cm;padding:.4cm;text-align:center;break-inside:avoid}
.qr svg{width:4.5cm;height:4.5cm}
.where{font-weight:700;margin:.2cm 0 0}.title,.cta{margin:.1cm 0}.link{font-size:8pt;color:#57606a;word-break:break-all;margin:.1cm 0 0}
.empty{padding:1cm}`;
      const body =
        cards.length > 0
          ? `<p class="hint">${esc(words.printHint)}</p><div class="grid">${cards.join('')}</div>`
          : `<p class="empty">${esc(words.sheetEmpty)}</p>`;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(document(language, words.sheetTitle, css, body));
    },
  );
};
