// The feedback widget for customers' websites:
//   <script src="https://…/embed.js" data-survey="CODE" data-mode="tab|inline" async></script>
// It draws in a shadow root styled only by constructed style sheets (adoptedStyleSheets), so no
// CSS leaks into the host page or from it, and the host's Content-Security-Policy needs no
// style-src for it (only script-src and connect-src for this server). It has no dependencies; it
// fetches the survey and posts the answers to this server's public API (which answers with CORS).
// Optional: data-lang (a language to prefer), data-customer (the site's key for the visitor).
// `TEXTS` (the widget's words in six languages) is put in front of this file by the server.
(() => {
  const script = document.currentScript;
  if (!script?.dataset.survey) return;
  const code = script.dataset.survey;
  const mode = script.dataset.mode === 'inline' ? 'inline' : 'tab';
  const customer = script.dataset.customer || null;
  const origin = new URL(script.src, location.href).origin;
  const SCALES = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };
  const CSS = `:host{all:initial;display:block;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24}
*{box-sizing:border-box;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:14px;max-width:26rem;border-top:4px solid var(--brand)}
.tab .panel{position:fixed;right:16px;bottom:64px;width:min(26rem,calc(100vw - 32px));max-height:calc(100vh - 96px);overflow:auto;box-shadow:0 8px 28px rgba(0,0,0,.22);z-index:2147483646}
.opener{position:fixed;right:16px;bottom:16px;z-index:2147483647;background:var(--brand);color:#fff;border:0;border-radius:22px;padding:10px 18px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}
h2{font-size:17px;font-weight:700;margin:0 0 6px}
p{margin:0 0 8px}
fieldset{border:0;padding:0;margin:12px 0;min-width:0}
legend,.label{font-weight:600;margin-bottom:6px;padding:0;display:block}
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.3rem,1fr));gap:4px}
.choices{display:grid;gap:4px}
.opt{position:relative;display:block}
.opt input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0;cursor:pointer}
.opt span{display:flex;align-items:center;justify-content:center;min-height:2.4rem;padding:4px 8px;border:2px solid #8c959f;border-radius:8px;background:#fff}
.opt input:checked+span{background:var(--brand);border-color:var(--brand);color:#fff;font-weight:600}
.opt input:focus-visible+span,button:focus-visible,textarea:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#57606a;margin-top:2px}
textarea{width:100%;min-height:4.5rem;padding:8px;border:2px solid #8c959f;border-radius:8px;background:#fff;resize:vertical}
.send{width:100%;min-height:2.6rem;border:0;border-radius:8px;background:var(--brand);color:#fff;font-weight:600;cursor:pointer}
.close{float:right;background:none;border:0;font-size:20px;line-height:1;cursor:pointer;padding:0 4px}
.error{color:#a40e26;font-weight:600}
[hidden]{display:none}`;

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  }

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function pickLanguage(available, fallback) {
    const wanted = [script.dataset.lang, ...(navigator.languages || [navigator.language])].filter(Boolean);
    for (const tag of wanted) {
      const base = tag.toLowerCase().split('-')[0];
      if (available.includes(base)) return base;
    }
    return fallback;
  }

  const host = el('div');
  host.setAttribute('data-touchpoints-survey', code);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  const brand = new CSSStyleSheet();
  root.adoptedStyleSheets = [sheet, brand];
  if (mode === 'inline') script.after(host);
  else (document.body || document.documentElement).append(host);

  fetch(`${origin}/api/public/surveys/${encodeURIComponent(code)}`, { credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : null))
    .then((survey) => survey?.open && render(survey))
    .catch(() => {});

  function render(survey) {
    const language = pickLanguage(survey.languages, survey.defaultLanguage);
    const t = TEXTS[language] || TEXTS.en;
    const fallback = survey.defaultLanguage;
    const text = (x) => (x && (x[language] || x[fallback] || Object.values(x)[0])) || '';
    const colour = /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(survey.colour) ? survey.colour : '#1f6feb';
    brand.replaceSync(`:host{--brand:${colour}}`);
    const uid = newId().slice(0, 8);
    const submissionId = newId();

    const form = el('form', { noValidate: true });
    const title = el('h2', { id: `tp-${uid}-title`, textContent: text(survey.texts.title) });
    form.append(title);
    const intro = text(survey.texts.intro);
    if (intro) form.append(el('p', { textContent: intro }));
    for (const q of survey.questions) {
      const name = `${uid}-${q.id}`;
      const label = text(q.text) + (q.required ? ` (${t.required})` : '');
      if (q.kind === 'comment') {
        const area = el('textarea', { id: name, name: q.id, maxLength: 2000, required: q.required });
        form.append(
          el('div', {}, [el('label', { className: 'label', htmlFor: name, textContent: label }), area]),
        );
        continue;
      }
      const options =
        q.kind === 'choice'
          ? (q.options || []).map((o) => [o.key, text(o.text)])
          : Array.from({ length: SCALES[q.kind][1] - SCALES[q.kind][0] + 1 }, (_, i) => {
              const n = String(SCALES[q.kind][0] + i);
              return [n, n];
            });
      const group = el('div', { className: q.kind === 'choice' ? 'choices' : 'scale' });
      for (const [value, caption] of options) {
        const input = el('input', { type: 'radio', name: q.id, value, required: q.required });
        group.append(el('label', { className: 'opt' }, [input, el('span', { textContent: caption })]));
      }
      const fieldset = el('fieldset', {}, [el('legend', { textContent: label }), group]);
      if (q.kind !== 'choice') {
        const ends = {
          csat: [t.csatLow, t.csatHigh],
          nps: [t.npsLow, t.npsHigh],
          ces: [t.cesLow, t.cesHigh],
        }[q.kind];
        const row = el('p', { className: 'ends' }, [
          el('span', { textContent: ends[0] }),
          el('span', { textContent: ends[1] }),
        ]);
        row.setAttribute('aria-hidden', 'true');
        fieldset.append(row);
      }
      form.append(fieldset);
    }
    const error = el('p', { className: 'error', hidden: true });
    error.setAttribute('role', 'alert');
    const send = el('button', { type: 'submit', className: 'send', textContent: t.send });
    form.append(error, send);

    const panel = el('section', { className: 'panel' });
    panel.setAttribute('aria-labelledby', title.id);
    const wrapper = el('div', { className: mode });
    if (mode === 'tab') {
      const opener = el('button', { type: 'button', className: 'opener', textContent: t.feedback });
      opener.setAttribute('aria-expanded', 'false');
      const close = el('button', { type: 'button', className: 'close', textContent: '×' });
      close.setAttribute('aria-label', t.close);
      const toggle = (open) => {
        panel.hidden = !open;
        opener.setAttribute('aria-expanded', String(open));
        (open ? title : opener).focus();
      };
      title.tabIndex = -1;
      opener.onclick = () => toggle(panel.hidden);
      close.onclick = () => toggle(false);
      panel.addEventListener('keydown', (event) => event.key === 'Escape' && toggle(false));
      panel.hidden = true;
      panel.append(close);
      wrapper.append(opener);
    }
    panel.append(form);
    wrapper.prepend(panel);
    root.append(wrapper);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answers = {};
      for (const q of survey.questions) {
        const field = form.elements.namedItem(q.id);
        const value = field ? field.value : '';
        if (value !== '') answers[q.id] = q.kind === 'comment' || q.kind === 'choice' ? value : Number(value);
      }
      const missing = survey.questions.find((q) => q.required && answers[q.id] === undefined);
      if (missing) {
        error.textContent = `${text(missing.text)}: ${t.answerThis}`;
        error.hidden = false;
        return;
      }
      send.disabled = true;
      send.textContent = t.sending;
      try {
        const response = await fetch(`${origin}/api/public/surveys/${encodeURIComponent(code)}/answers`, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ submissionId, source: 'embed', language, answers, customer }),
        });
        const body = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(response.status === 429 ? t.tooMany : body.message || t.failed);
        const thanks = el('p', { textContent: body.thankYou || t.thanks, tabIndex: -1 });
        thanks.setAttribute('role', 'status');
        form.replaceWith(thanks);
        thanks.focus();
      } catch (failure) {
        error.textContent = failure instanceof Error && failure.message ? failure.message : t.failed;
        error.hidden = false;
        send.disabled = false;
        send.textContent = t.send;
      }
    });
  }
})();
