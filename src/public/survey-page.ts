/**
 * The public survey page `/s/<code>` as HTML (no script needed): the survey's questions as
 * fieldsets with legends, radio groups and labelled fields, in the respondent's language; the
 * same page again with the faults named after a refused POST; the thank-you page; and the page
 * of a survey that takes no answers.
 */
import type { FieldIssue } from '../domain/errors.js';
import { type Language, localText, SCORE_SCALES, type SurveyQuestion } from '../domain/survey-model.js';
import type { PublicSurveyRecord } from '../store/catalog/survey-public.js';
import { esc, page, safeLogo } from './html.js';
import { type PublicTexts, publicTexts } from './texts.js';

/** The page's styles: small, mobile first, large targets, a visible focus ring, the brand colour. */
export const SURVEY_CSS = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
header{border-top:.4rem solid var(--brand);padding-top:.75rem}
.logo{max-height:3rem;max-width:12rem;display:block;margin-bottom:.5rem}
h1{font-size:1.4rem;line-height:1.25;margin:.25rem 0 .5rem}
fieldset{border:0;padding:0;margin:1.25rem 0;min-width:0}
legend,.qlabel{font-weight:600;padding:0;margin-bottom:.5rem;display:block}
.hint{font-weight:400;color:#57606a;font-size:.875rem}
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.6rem,1fr));gap:.35rem}
.choices{display:grid;gap:.35rem}
.opt{position:relative;display:block}
.opt input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0;cursor:pointer}
.opt span{display:flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.4rem .6rem;border:2px solid #8c959f;border-radius:.5rem;background:#fff;text-align:center}
.choices .opt span{justify-content:flex-start}
.opt input:checked+span{background:var(--brand);border-color:var(--brand);color:#fff;font-weight:600}
.opt input:focus-visible+span{outline:3px solid #1b1f24;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.8rem;color:#57606a;margin-top:.25rem}
textarea,input[type=email],input[type=tel]{width:100%;font:inherit;padding:.6rem;border:2px solid #8c959f;border-radius:.5rem}
textarea{min-height:6rem;resize:vertical}
textarea:focus-visible,input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.check{display:flex;gap:.5rem;align-items:flex-start}
.check input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
.field{margin:.75rem 0}
button{font:inherit;font-weight:600;width:100%;min-height:3rem;border:0;border-radius:.5rem;background:var(--brand);color:#fff;cursor:pointer;margin-top:.5rem}
.errors{border:2px solid #cf222e;border-radius:.5rem;padding:.75rem;margin:1rem 0;background:#fff5f5}
.errors h2{font-size:1rem;margin:0 0 .25rem}
.errors ul{margin:0;padding-left:1.25rem}
.error{color:#a40e26;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#cf222e}
.langs{margin-top:2rem;font-size:.875rem;display:flex;flex-wrap:wrap;gap:.75rem}
.langs a{color:#0550ae}
.message{font-size:1.15rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

export interface SurveyPageContext {
  record: PublicSurveyRecord;
  language: Language;
  /** `?src=` kept through the form: qr, link, embed or email. */
  source: string;
  nonce: string;
  /** The path of the page (`/s/<code>`). */
  path: string;
}

function fallbackOf(record: PublicSurveyRecord): Language {
  return record.survey.defaultLanguage as Language;
}

function scaleEnds(kind: 'csat' | 'nps' | 'ces', t: PublicTexts): [string, string] {
  if (kind === 'csat') return [t.csatLow, t.csatHigh];
  if (kind === 'nps') return [t.npsLow, t.npsHigh];
  return [t.cesLow, t.cesHigh];
}

function questionHtml(
  q: SurveyQuestion,
  language: Language,
  fallback: Language,
  t: PublicTexts,
  values: Record<string, string>,
  errors: Map<string, string>,
): string {
  const name = `a.${q.id}`;
  const id = `q-${q.id}`;
  const text = esc(localText(q.text, language, fallback));
  const marker = q.required
    ? ` <span class="hint">(${esc(t.required)})</span>`
    : ` <span class="hint">(${esc(t.optional)})</span>`;
  const error = errors.get(`answers.${q.id}`);
  const errorHtml = error ? `<p class="error" id="${id}-error">${esc(error)}</p>` : '';
  const described = [error ? `${id}-error` : '', q.kind === 'comment' ? `${id}-hint` : ''].filter(Boolean);
  const describedBy = described.length > 0 ? ` aria-describedby="${described.join(' ')}"` : '';
  const value = values[name] ?? '';
  if (q.kind === 'comment') {
    return `<div class="field"><label class="qlabel" for="${id}">${text}${marker}</label>
<p class="hint" id="${id}-hint">${esc(t.commentHint)}</p>${errorHtml}
<textarea id="${id}" name="${esc(name)}" maxlength="2000"${q.required ? ' required' : ''}${error ? ' aria-invalid="true"' : ''}${describedBy}>${esc(value)}</textarea></div>`;
  }
  let options: { value: string; label: string; aria?: string }[];
  let ends = '';
  let cls = 'scale';
  if (q.kind === 'choice') {
    cls = 'choices';
    options = (q.options ?? []).map((o) => ({ value: o.key, label: localText(o.text, language, fallback) }));
  } else {
    const { min, max }: { min: number; max: number } = SCORE_SCALES[q.kind];
    const [low, high] = scaleEnds(q.kind, t);
    options = [];
    for (let n = min; n <= max; n++)
      options.push({
        value: String(n),
        label: String(n),
        ...(n === min && { aria: `${n} – ${low}` }),
        ...(n === max && { aria: `${n} – ${high}` }),
      });
    ends = `<p class="ends" aria-hidden="true"><span>${min} = ${esc(low)}</span><span>${max} = ${esc(high)}</span></p>`;
  }
  const radios = options
    .map(
      (o) =>
        `<label class="opt"><input type="radio" name="${esc(name)}" value="${esc(o.value)}"${value === o.value ? ' checked' : ''}${q.required ? ' required' : ''}${o.aria ? ` aria-label="${esc(o.aria)}"` : ''}><span>${esc(o.label)}</span></label>`,
    )
    .join('');
  return `<fieldset id="${id}"${describedBy}${error ? ' aria-invalid="true"' : ''}><legend>${text}${marker}</legend>${errorHtml}
<div class="${cls}">${radios}</div>${ends}</fieldset>`;
}

function headerHtml(ctx: SurveyPageContext, withIntro: boolean): string {
  const { record, language } = ctx;
  const s = record.survey;
  const fallback = fallbackOf(record);
  const logo = safeLogo(s.logo);
  const intro = withIntro ? localText(s.texts.intro, language, fallback) : '';
  return `<header>${logo ? `<img class="logo" src="${logo}" alt="">` : ''}<h1>${esc(localText(s.texts.title, language, fallback))}</h1>${intro ? `<p>${esc(intro)}</p>` : ''}</header>`;
}

/** Links to the page in the survey's other languages (the source kept). */
function languagesHtml(ctx: SurveyPageContext, languages: readonly Language[]): string {
  if (languages.length < 2) return '';
  const t = publicTexts(ctx.language);
  const NAMES: Record<Language, string> = {
    en: 'English',
    de: 'Deutsch',
    ru: 'Русский',
    cs: 'Čeština',
    sk: 'Slovenčina',
    ro: 'Română',
  };
  const links = languages
    .map((l) =>
      l === ctx.language
        ? `<span aria-current="true">${NAMES[l]}</span>`
        : `<a href="${esc(`${ctx.path}?src=${encodeURIComponent(ctx.source)}&lang=${l}`)}" hreflang="${l}" lang="${l}">${NAMES[l]}</a>`,
    )
    .join('');
  return `<nav class="langs" aria-label="${esc(t.language)}">${links}</nav>`;
}

/** The survey form, with the respondent's earlier values and the faults named when `issues` are given. */
export function renderSurveyForm(
  ctx: SurveyPageContext,
  options: {
    submissionId: string;
    languages: readonly Language[];
    values?: Record<string, string>;
    issues?: FieldIssue[];
  },
): string {
  const { record, language } = ctx;
  const s = record.survey;
  const t = publicTexts(language);
  const fallback = fallbackOf(record);
  const values = options.values ?? {};
  const errors = new Map<string, string>();
  for (const issue of options.issues ?? []) {
    const message =
      issue.field === 'answers'
        ? t.answerOne
        : issue.field === 'contact.email'
          ? t.badEmail
          : issue.field === 'contact.phone'
            ? t.badPhone
            : issue.field === 'submissionId'
              ? t.failed
              : issue.message === 'is required'
                ? t.answerThis
                : issue.message;
    if (!errors.has(issue.field)) errors.set(issue.field, message);
  }
  const questionTitle = (field: string) => {
    const q = s.questions.find((x) => `answers.${x.id}` === field);
    if (q) return localText(q.text, language, fallback);
    return field === 'contact.email' ? t.email : field === 'contact.phone' ? t.phone : '';
  };
  const summary =
    errors.size > 0
      ? `<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${esc(t.errorSummary)}</h2><ul>${[
          ...errors,
        ]
          .map(([field, message]) => {
            const title = questionTitle(field);
            if (!title) return `<li>${esc(message)}</li>`;
            const target = field.startsWith('answers.') ? `q-${field.slice(8)}` : field.replace('.', '-');
            return `<li><a href="#${esc(target)}">${esc(title)}</a>: ${esc(message)}</li>`;
          })
          .join('')}</ul></div>`
      : '';
  const questions = s.questions.map((q) => questionHtml(q, language, fallback, t, values, errors)).join('\n');
  const consent = localText(s.texts.consent, language, fallback);
  const contact =
    s.contactConsent && consent
      ? `<fieldset><legend class="sr">${esc(t.email)} / ${esc(t.phone)}</legend>
<div class="check"><input type="checkbox" id="consent" name="consent" value="yes"${values.consent === 'yes' ? ' checked' : ''}><label for="consent">${esc(consent)}</label></div>
<div class="field"><label class="qlabel" for="contact-email">${esc(t.email)} <span class="hint">(${esc(t.optional)})</span></label>${errors.has('contact.email') ? `<p class="error" id="contact-email-error">${esc(errors.get('contact.email') ?? '')}</p>` : ''}<input type="email" id="contact-email" name="email" autocomplete="email" value="${esc(values.email ?? '')}"${errors.has('contact.email') ? ' aria-invalid="true" aria-describedby="contact-email-error"' : ''}></div>
<div class="field"><label class="qlabel" for="contact-phone">${esc(t.phone)} <span class="hint">(${esc(t.optional)})</span></label>${errors.has('contact.phone') ? `<p class="error" id="contact-phone-error">${esc(errors.get('contact.phone') ?? '')}</p>` : ''}<input type="tel" id="contact-phone" name="phone" autocomplete="tel" value="${esc(values.phone ?? '')}"${errors.has('contact.phone') ? ' aria-invalid="true" aria-describedby="contact-phone-error"' : ''}></div>
</fieldset>`
      : '';
  const body = `<main>
${headerHtml(ctx, true)}
${summary}
<form method="post" action="${esc(ctx.path)}" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${esc(options.submissionId)}">
<input type="hidden" name="lang" value="${language}">
<input type="hidden" name="src" value="${esc(ctx.source)}">
${questions}
${contact}
<button type="submit">${esc(t.send)}</button>
</form>
${languagesHtml(ctx, options.languages)}
</main>`;
  return page({
    language,
    title: localText(s.texts.title, language, fallback),
    nonce: ctx.nonce,
    css: SURVEY_CSS,
    body,
    colour: s.colour,
  });
}

/** A page with a heading and one message: thanks, a closed survey, too many answers. */
export function renderMessage(
  ctx: SurveyPageContext,
  message: string,
  options: { title?: string } = {},
): string {
  const { record, language } = ctx;
  const fallback = fallbackOf(record);
  const body = `<main>
${headerHtml(ctx, false)}
<p class="message" role="status">${options.title ? `<strong>${esc(options.title)}</strong><br>` : ''}${esc(message)}</p>
</main>`;
  return page({
    language,
    title: localText(record.survey.texts.title, language, fallback),
    nonce: ctx.nonce,
    css: SURVEY_CSS,
    body,
    colour: record.survey.colour,
  });
}

/** A page without a survey to take texts from (an unknown code, too many requests): one message. */
export function renderPlain(language: Language, nonce: string, message: string): string {
  return page({
    language,
    title: message,
    nonce,
    css: SURVEY_CSS,
    body: `<main><p class="message" role="status">${esc(message)}</p></main>`,
    colour: '#1f6feb',
  });
}
