// The kiosk page's script (/k/<token>): one question at a time as big buttons (smileys for CSAT),
// the answers sent once the last question is answered, then a thank-you and a fresh start; after
// a while without a touch it starts again. Answers wait in localStorage while the network is down
// and are sent, in order, when it is back. The page is locked to its device's survey: the token in
// its address is the only thing it sends answers with.
(() => {
  const data = JSON.parse(document.getElementById('kiosk-data').textContent);
  const { survey, language, texts, idleSeconds, thanksSeconds } = data;
  const token = decodeURIComponent(location.pathname.split('/').pop() || '');
  const endpoint = `/api/public/kiosk/${encodeURIComponent(token)}/answers`;
  const QUEUE_KEY = `tp-kiosk-queue:${token.slice(-12)}`;
  const SCALES = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };
  // Faces from very unhappy to very happy, drawn (no emoji font needed): the mouth's curve.
  const MOUTHS = [
    'M30 72 Q50 50 70 72',
    'M32 70 Q50 60 68 70',
    'M32 66 L68 66',
    'M32 62 Q50 74 68 62',
    'M28 58 Q50 84 72 58',
  ];
  const SVG = 'http://www.w3.org/2000/svg';
  function face(index) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 100');
    svg.setAttribute('aria-hidden', 'true');
    const line = { fill: 'none', stroke: 'currentColor', 'stroke-width': 6, 'stroke-linecap': 'round' };
    const parts = [
      ['circle', { cx: 50, cy: 50, r: 44, ...line }],
      ['circle', { cx: 35, cy: 40, r: 6, fill: 'currentColor' }],
      ['circle', { cx: 65, cy: 40, r: 6, fill: 'currentColor' }],
      ['path', { d: MOUTHS[index], ...line }],
    ];
    for (const [tag, attributes] of parts) {
      const node = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
      svg.append(node);
    }
    return svg;
  }
  const stage = document.getElementById('stage');
  const status = document.getElementById('status');
  const fallback = survey.defaultLanguage;
  const text = (t) => (t && (t[language] || t[fallback] || Object.values(t)[0])) || '';
  // The comment question needs typing: a kiosk asks the tap questions, and a required comment too.
  const questions = survey.questions.filter((q) => q.kind !== 'comment' || q.required);

  let answers = {};
  let step = 0;
  let idleTimer = 0;

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function readQueue() {
    try {
      const queued = JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
      return Array.isArray(queued) ? queued : [];
    } catch {
      return [];
    }
  }

  function writeQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    status.textContent = queue.length > 0 ? texts.offlineQueued : '';
    document.body.dataset.queued = String(queue.length);
  }

  let flushing = false;
  /** Sends the queued submissions in order; stops at the first that cannot reach the server. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const queue = readQueue();
        const next = queue[0];
        if (!next) break;
        let response;
        try {
          response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(next),
          });
        } catch {
          break; // offline: keep it for later
        }
        // Too many or the server's trouble: try again later. Anything else is final (stored,
        // a duplicate, or refused for good, such as a closed survey).
        if (response.status === 429 || response.status >= 500) break;
        writeQueue(readQueue().filter((item) => item.submissionId !== next.submissionId));
      }
    } finally {
      flushing = false;
      writeQueue(readQueue());
    }
  }

  function resetIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(start, idleSeconds * 1000);
  }

  function start() {
    answers = {};
    step = 0;
    clearTimeout(idleTimer);
    render();
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  }

  function choose(question, value) {
    answers[question.id] = value;
    step += 1;
    if (step < questions.length) {
      render();
      resetIdle();
    } else {
      finish();
    }
  }

  function finish() {
    clearTimeout(idleTimer);
    const queue = readQueue();
    queue.push({ submissionId: newId(), language, answers });
    writeQueue(queue);
    stage.replaceChildren(
      el('h1', {
        className: 'thanks',
        tabIndex: -1,
        textContent: text(survey.texts.thankYou) || texts.thanks,
      }),
    );
    stage.firstChild.focus();
    flush();
    idleTimer = setTimeout(start, thanksSeconds * 1000);
  }

  function render() {
    const question = questions[step];
    if (!question) return;
    const heading = el('h1', { id: 'question', tabIndex: -1, textContent: text(question.text) });
    const buttons = el('div', { className: `buttons ${question.kind}`, role: 'group' });
    buttons.setAttribute('aria-labelledby', 'question');
    if (question.kind === 'choice') {
      for (const option of question.options || [])
        buttons.append(
          el('button', {
            type: 'button',
            textContent: text(option.text),
            onclick: () => choose(question, option.key),
          }),
        );
    } else if (question.kind === 'comment') {
      const area = el('textarea', { maxLength: 2000, oninput: resetIdle });
      area.setAttribute('aria-labelledby', 'question');
      buttons.append(
        area,
        el('button', {
          type: 'button',
          textContent: texts.send,
          onclick: () => area.value.trim() && choose(question, area.value),
        }),
      );
    } else {
      const [min, max] = SCALES[question.kind];
      const ends = {
        csat: [texts.csatLow, texts.csatHigh],
        nps: [texts.npsLow, texts.npsHigh],
        ces: [texts.cesLow, texts.cesHigh],
      }[question.kind];
      for (let n = min; n <= max; n++) {
        const smiley = question.kind === 'csat';
        const label = n === min ? `${n} – ${ends[0]}` : n === max ? `${n} – ${ends[1]}` : String(n);
        const button = el('button', {
          type: 'button',
          className: smiley ? 'smiley' : 'number',
          onclick: () => choose(question, n),
        });
        button.append(smiley ? face(n - 1) : String(n));
        button.setAttribute('aria-label', label);
        button.dataset.value = String(n);
        buttons.append(button);
      }
      buttons.append(
        el('p', { className: 'ends', textContent: `${min} = ${ends[0]} · ${max} = ${ends[1]}` }),
      );
    }
    stage.replaceChildren(heading, buttons);
    heading.focus();
  }

  // The first touch asks for full screen (browsers allow it only after a gesture).
  document.addEventListener(
    'pointerdown',
    () => {
      if (!document.fullscreenElement && document.documentElement.requestFullscreen)
        document.documentElement.requestFullscreen().catch(() => {});
    },
    { once: true },
  );
  document.addEventListener('pointerdown', () => step > 0 && resetIdle());
  window.addEventListener('online', flush);
  setInterval(flush, 15_000);
  writeQueue(readQueue());
  start();
  flush();
})();
