/**
 * The pages a respondent sees without an account (SPEC §6), rendered by the server rather than the
 * web app: `/s/<code>` (the survey; its form posts back to the same address and works with
 * JavaScript off), `/k/<token>` (a kiosk locked to one survey) with its script, and `/embed.js`
 * (the widget for customers' sites). No cookies; each page has a strict Content-Security-Policy
 * whose only allowances are its own inline styles and scripts by the response's nonce. Limited
 * per address and per survey like the public API (public/rate-limit.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteOptions } from '../api/app.js';
import { styleNonce } from '../api/security-headers.js';
import { AppError, ValidationError } from '../domain/errors.js';
import {
  FEEDBACK_SOURCES,
  isLanguage,
  LANGUAGES,
  type Language,
  pickLanguage,
  surveyLanguages,
} from '../domain/survey-model.js';
import { SUBMISSION_ID } from '../ingest/ingest-survey-answers.js';
import { type PublicSurveyRecord, toPublicSurvey } from '../store/catalog/survey-public.js';
import { esc, jsonBlock, page } from './html.js';
import { PublicRateLimitError } from './rate-limit.js';
import { answerSurvey, kioskSurvey, surveyByCode } from './service.js';
import { renderMessage, renderPlain, renderSurveyForm, type SurveyPageContext } from './survey-page.js';
import { closedText, PUBLIC_TEXTS, publicTexts } from './texts.js';

type HelmetRouteOptions = Omit<FastifyHelmetOptions, 'global'>;

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
/** The widget's script: its words in six languages, then its code, in a block (a page may load it twice). */
const EMBED_JS = `/* Touchpoints feedback widget */\n{\nconst TEXTS = ${JSON.stringify(PUBLIC_TEXTS)};\n${asset('embed.js')}}\n`;
const KIOSK_JS = asset('kiosk.js');

const nonceOf = (_request: unknown, response: unknown) =>
  `'nonce-${styleNonce(response as Parameters<typeof styleNonce>[0])}'`;

/** A public page's policy: nothing but its own nonce'd styles (and scripts), data: images, posts to itself. */
function publicPageHeaders(options: { script: boolean }): HelmetRouteOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'script-src-attr': ["'none'"],
        'style-src': [nonceOf],
        'img-src': ['data:'],
        'form-action': ["'self'"],
        ...(options.script && { 'script-src': [nonceOf], 'connect-src': ["'self'"] }),
      },
    },
    // No address of these pages (kiosk tokens, survey codes) goes to another site.
    referrerPolicy: { policy: 'no-referrer' },
  };
}

const SOURCES = new Set<string>(FEEDBACK_SOURCES.filter((s) => s !== 'kiosk' && s !== 'import'));

function sourceOf(raw: unknown): string {
  return typeof raw === 'string' && SOURCES.has(raw) ? raw : 'link';
}

function offeredLanguages(record: PublicSurveyRecord): Language[] {
  const offered = surveyLanguages(record.survey.texts);
  return offered.length > 0 ? offered : [record.survey.defaultLanguage as Language];
}

/** `?lang=` when the survey offers it, else the browser's preference, else the survey's default. */
function languageOf(request: FastifyRequest, record: PublicSurveyRecord, asked: unknown): Language {
  const offered = offeredLanguages(record);
  if (isLanguage(asked) && offered.includes(asked)) return asked;
  return pickLanguage(request.headers['accept-language'], offered, record.survey.defaultLanguage as Language);
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/** A language for pages without a survey (unknown code): the browser's, else English. */
function browserLanguage(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language'], LANGUAGES, 'en');
}

/** The page that answers a refused request (unknown survey, closed, too many) in HTML. */
function refusal(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  ctx: SurveyPageContext | undefined,
) {
  const nonce = styleNonce(reply.raw);
  if (!(error instanceof AppError)) throw error;
  const language = ctx?.language ?? browserLanguage(request);
  const t = publicTexts(language);
  if (error.details.reason === 'revoked')
    return html(reply, 410, renderPlain(language, nonce, t.kioskRevoked));
  if (error.statusCode === 404 || !ctx) {
    if (error instanceof PublicRateLimitError)
      return html(reply, 429, renderPlain(language, nonce, t.tooMany));
    return html(
      reply,
      error.statusCode === 404 ? 404 : error.statusCode,
      renderPlain(language, nonce, t.notFound),
    );
  }
  if (error instanceof PublicRateLimitError) return html(reply, 429, renderMessage(ctx, t.tooMany));
  const reason = error.details.reason as 'draft' | 'closed' | 'not_started' | 'ended' | undefined;
  if (reason) return html(reply, error.statusCode, renderMessage(ctx, closedText(t, reason)));
  throw error;
}

const KIOSK_CSS = `*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:1.25rem/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;display:flex;flex-direction:column;user-select:none;-webkit-user-select:none;touch-action:manipulation}
header{border-top:.6rem solid var(--brand);padding:1rem 1.5rem 0;display:flex;align-items:center;gap:1rem}
header img{max-height:3.5rem;max-width:14rem}
header p{margin:0;font-weight:600;color:#57606a}
#stage{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:1rem 1.5rem;text-align:center}
h1{font-size:clamp(1.6rem,4vw,2.6rem);margin:0 0 2rem;outline:none}
.buttons{display:flex;flex-wrap:wrap;gap:1rem;justify-content:center;max-width:70rem}
.buttons button{font:inherit;font-size:clamp(1.5rem,4vw,2.5rem);min-width:5.5rem;min-height:5.5rem;border:3px solid #8c959f;border-radius:1rem;background:#fff;cursor:pointer}
.buttons button.smiley{min-width:7rem;min-height:7rem;padding:.6rem}
.buttons button.smiley svg{width:5rem;height:5rem;display:block;margin:auto}
.buttons button.smiley:nth-child(-n+2){color:#a40e26}
.buttons button.smiley:nth-child(n+4){color:#116329}
.buttons button.smiley:active{color:#fff}
.buttons.choice button{font-size:1.4rem;padding:1rem 1.5rem}
.buttons button:active{background:var(--brand);border-color:var(--brand);color:#fff}
.buttons button:focus-visible{outline:4px solid #1b1f24;outline-offset:3px}
.buttons textarea{width:min(40rem,90vw);min-height:8rem;font:inherit;padding:.75rem;border:3px solid #8c959f;border-radius:1rem}
.ends{flex-basis:100%;font-size:1rem;color:#57606a;margin:.5rem 0 0}
.thanks{color:var(--brand)}
#status{min-height:1.5em;text-align:center;padding:0 1rem 1rem;color:#57606a;font-size:1rem}`;

export const publicPages: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  // The survey form posts as application/x-www-form-urlencoded (no script needed); small bodies only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) fields[key] = value;
      done(null, fields);
    },
  );
  const pageOptions = (script: boolean) => ({
    schema: { hide: true },
    config: { rateLimit: false as const },
    helmet: publicPageHeaders({ script }),
  });

  app.get<{ Params: { code: string }; Querystring: { lang?: string; src?: string } }>(
    '/s/:code',
    pageOptions(false),
    async (request, reply) => {
      let ctxPage: SurveyPageContext | undefined;
      try {
        const record = await surveyByCode(ctx, reply, request.ip, request.params.code);
        ctxPage = {
          record,
          language: languageOf(request, record, request.query.lang),
          source: sourceOf(request.query.src),
          nonce: styleNonce(reply.raw),
          path: `/s/${record.survey.code}`,
        };
        const state = toPublicSurvey(record);
        if (!state.open && state.closedReason)
          return html(
            reply,
            state.closedReason === 'draft' ? 409 : 410,
            renderMessage(ctxPage, closedText(publicTexts(ctxPage.language), state.closedReason)),
          );
        return html(
          reply,
          200,
          renderSurveyForm(ctxPage, { submissionId: randomUUID(), languages: offeredLanguages(record) }),
        );
      } catch (error) {
        return refusal(request, reply, error, ctxPage);
      }
    },
  );

  app.post<{ Params: { code: string }; Body: Record<string, string> | undefined }>(
    '/s/:code',
    pageOptions(false),
    async (request, reply) => {
      const fields = typeof request.body === 'object' && request.body !== null ? request.body : {};
      let ctxPage: SurveyPageContext | undefined;
      try {
        const record = await surveyByCode(ctx, reply, request.ip, request.params.code);
        ctxPage = {
          record,
          language: languageOf(request, record, fields.lang),
          source: sourceOf(fields.src),
          nonce: styleNonce(reply.raw),
          path: `/s/${record.survey.code}`,
        };
        const answers: Record<string, string> = {};
        for (const [key, value] of Object.entries(fields))
          if (key.startsWith('a.') && typeof value === 'string') answers[key.slice(2)] = value;
        const submissionId = String(fields.submissionId ?? '');
        try {
          const result = await answerSurvey(ctx, reply, record, {
            submissionId,
            source: ctxPage.source as 'link',
            language: ctxPage.language,
            answers,
            contact: {
              consent: fields.consent === 'yes',
              email: fields.email ?? null,
              phone: fields.phone ?? null,
            },
          });
          const t = publicTexts(ctxPage.language);
          return html(
            reply,
            200,
            result.duplicate
              ? renderMessage(ctxPage, t.duplicate)
              : renderMessage(ctxPage, result.thankYou || t.thanks, { title: t.thanks }),
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return html(
            reply,
            400,
            renderSurveyForm(ctxPage, {
              submissionId: SUBMISSION_ID.test(submissionId) ? submissionId : randomUUID(),
              languages: offeredLanguages(record),
              values: fields,
              issues: error.issues,
            }),
          );
        }
      } catch (error) {
        return refusal(request, reply, error, ctxPage);
      }
    },
  );

  app.get<{ Params: { token: string }; Querystring: { lang?: string; idle?: string } }>(
    '/k/:token',
    pageOptions(true),
    async (request, reply) => {
      let ctxPage: SurveyPageContext | undefined;
      try {
        const record = await kioskSurvey(ctx, reply, request.ip, request.params.token);
        const language = languageOf(request, record, request.query.lang);
        const nonce = styleNonce(reply.raw);
        ctxPage = { record, language, source: 'kiosk', nonce, path: '' };
        const survey = toPublicSurvey(record);
        if (!survey.open && survey.closedReason)
          return html(
            reply,
            survey.closedReason === 'draft' ? 409 : 410,
            renderMessage(ctxPage, closedText(publicTexts(language), survey.closedReason)),
          );
        const idle = Number(request.query.idle);
        const data = {
          survey: { ...survey, logo: null },
          language,
          texts: publicTexts(language),
          idleSeconds: Number.isInteger(idle) && idle >= 2 && idle <= 600 ? idle : 30,
          thanksSeconds: 4,
        };
        const logo =
          survey.logo && /^data:image\/(?:png|jpeg);base64,/.test(survey.logo) ? survey.logo : null;
        const body = `<header>${logo ? `<img src="${logo}" alt="">` : ''}<p>${esc(record.touchpointName)}</p></header>
<main id="stage" aria-live="polite"></main>
<p id="status" role="status"></p>
<script type="application/json" id="kiosk-data">${jsonBlock(data)}</script>
<script src="/k/kiosk.js" nonce="${nonce}"></script>`;
        return html(
          reply,
          200,
          page({
            language,
            title: publicTexts(language).feedback,
            nonce,
            css: KIOSK_CSS,
            body,
            colour: survey.colour,
          }),
        );
      } catch (error) {
        return refusal(request, reply, error, ctxPage);
      }
    },
  );

  const script = (source: string, maxAge: number) => (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('cache-control', `public, max-age=${maxAge}`)
      .type('text/javascript; charset=utf-8')
      .send(source);
  app.get('/k/kiosk.js', { schema: { hide: true }, config: { rateLimit: false } }, script(KIOSK_JS, 300));
  // Loaded by customers' pages from their own origin: it must not be blocked as cross-origin.
  app.get(
    '/embed.js',
    {
      schema: { hide: true },
      config: { rateLimit: false },
      helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
    },
    script(EMBED_JS, 300),
  );
};
