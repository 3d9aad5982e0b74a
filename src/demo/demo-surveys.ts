/**
 * The surveys of the demo workspace (SPEC §6): live surveys at its offline touchpoints — the
 * clinic's reception, the store's information desk, price list and shop window — and one on the
 * clinic's website, created through the survey store after the import (`addDemoSurveys`), and a
 * few hundred answers each over the demo period (`recordDemoSurveyAnswers`), stored as the public
 * routes store them: one feedback row per answered question, id `s:<surveyId>:<submissionId>:<questionId>`,
 * tagged with survey, question, source and language, a comment on its own row and copied onto the
 * submission's first rating row; some respondents left a contact. Deterministic for a seed.
 *
 * The stories: the reception and the website are liked; the price list was unclear (many ask for
 * unit prices) and got clearer in the last month; the shop window brings people in.
 */
import type {
  FeedbackSource,
  Language,
  LocalText,
  SurveyQuestion,
  SurveyTexts,
} from '../domain/survey-model.js';
import type { SurveyTemplateKey } from '../domain/survey-templates.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { addSurveyContacts, type NewSurveyContact } from '../store/catalog/survey-contacts.js';
import { createSurvey, listSurveys, type SurveyRow } from '../store/catalog/surveys.js';
import { listTouchpoints } from '../store/catalog/touchpoints.js';
import type { EventStore, FeedbackAnswer } from '../store/events/event-store.js';

const DAY_MS = 86_400_000;

/** A text in the six languages, in the order en, de, ru, cs, sk, ro. */
function t(en: string, de: string, ru: string, cs: string, sk: string, ro: string): LocalText {
  return { en, de, ru, cs, sk, ro };
}

type Weights = readonly number[];

interface DemoSurveySpec {
  touchpoint: string;
  name: string;
  templateKey?: SurveyTemplateKey;
  questions?: SurveyQuestion[];
  texts?: SurveyTexts;
  contactConsent?: boolean;
  colour: string;
  /** Submissions over the demo period. */
  submissions: number;
  sources: Partial<Record<FeedbackSource, number>>;
  /** CSAT 1–5 weights: early in the period, and in its last 30 days. */
  csat: Weights;
  csatRecent?: Weights;
  /** Weights of each choice question's options, by question id, in option order. */
  choices?: Record<string, Weights>;
  /** Comments a respondent may write in English, by mood (others write the general ones of their language). */
  comments: { good: string[]; bad: string[] };
}

const THANKS = t(
  'Thank you for your feedback!',
  'Vielen Dank für Ihr Feedback!',
  'Спасибо за ваш отзыв!',
  'Děkujeme za vaši zpětnou vazbu!',
  'Ďakujeme za vašu spätnú väzbu!',
  'Vă mulțumim pentru feedback!',
);

const ANYTHING_ELSE: SurveyQuestion = {
  id: 'comment',
  kind: 'comment',
  required: false,
  text: t(
    'Anything you would like to tell us?',
    'Möchten Sie uns noch etwas sagen?',
    'Хотите что-нибудь нам сказать?',
    'Chcete nám ještě něco sdělit?',
    'Chcete nám ešte niečo povedať?',
    'Doriți să ne mai spuneți ceva?',
  ),
};

export const DEMO_SURVEYS: readonly DemoSurveySpec[] = [
  {
    touchpoint: 'clinic-reception',
    name: 'Clinic reception: after the visit',
    templateKey: 'after_visit',
    contactConsent: true,
    colour: '#0f766e',
    submissions: 320,
    sources: { kiosk: 0.6, qr: 0.4 },
    csat: [2, 3, 8, 32, 55],
    comments: {
      good: [
        'The receptionist remembered our name, lovely.',
        'Quick check-in and the waiting room toys kept my son busy.',
        'Very friendly staff at the front desk.',
      ],
      bad: [
        'We waited 40 minutes past our appointment time.',
        'Nobody told us the doctor was running late.',
        'The front desk lost our insurance form twice.',
      ],
    },
  },
  {
    touchpoint: 'retail-info-desk',
    name: 'Store information desk: trust and service',
    templateKey: 'a11_trust',
    colour: '#b45309',
    submissions: 240,
    sources: { kiosk: 0.75, link: 0.25 },
    csat: [3, 6, 14, 38, 39],
    comments: {
      good: ['The staff found exactly what I needed.', 'Helpful and honest advice about delivery.'],
      bad: ['I was sent from one desk to another.', 'Nobody could tell me when my order arrives.'],
    },
  },
  {
    touchpoint: 'retail-price-list',
    name: 'Price list: are the prices clear?',
    colour: '#b45309',
    submissions: 260,
    sources: { qr: 1 },
    csat: [14, 22, 28, 24, 12],
    csatRecent: [4, 8, 20, 38, 30],
    questions: [
      {
        id: 'clarity',
        kind: 'csat',
        required: true,
        text: t(
          'How clear are the prices on this list?',
          'Wie verständlich sind die Preise auf dieser Liste?',
          'Насколько понятны цены в этом прайс-листе?',
          'Jak srozumitelné jsou ceny v tomto ceníku?',
          'Aké zrozumiteľné sú ceny v tomto cenníku?',
          'Cât de clare sunt prețurile din această listă?',
        ),
      },
      {
        id: 'missing',
        kind: 'choice',
        required: false,
        text: t(
          'What did you miss on the price list?',
          'Was hat Ihnen auf der Preisliste gefehlt?',
          'Чего вам не хватило в прайс-листе?',
          'Co vám v ceníku chybělo?',
          'Čo vám v cenníku chýbalo?',
          'Ce v-a lipsit din lista de prețuri?',
        ),
        options: [
          {
            key: 'unit-prices',
            text: t(
              'Unit prices',
              'Grundpreise',
              'Цена за единицу',
              'Jednotkové ceny',
              'Jednotkové ceny',
              'Prețuri unitare',
            ),
          },
          {
            key: 'discounts',
            text: t('Discounts', 'Rabatte', 'Скидки', 'Slevy', 'Zľavy', 'Reduceri'),
          },
          {
            key: 'delivery',
            text: t(
              'Delivery cost',
              'Lieferkosten',
              'Стоимость доставки',
              'Cena dopravy',
              'Cena dopravy',
              'Costul livrării',
            ),
          },
          {
            key: 'nothing',
            text: t('Nothing', 'Nichts', 'Ничего', 'Nic', 'Nič', 'Nimic'),
          },
        ],
      },
      ANYTHING_ELSE,
    ],
    texts: {
      title: t(
        'Are our prices clear?',
        'Sind unsere Preise verständlich?',
        'Понятны ли наши цены?',
        'Jsou naše ceny srozumitelné?',
        'Sú naše ceny zrozumiteľné?',
        'Sunt prețurile noastre clare?',
      ),
      thankYou: THANKS,
    },
    choices: { missing: [45, 20, 20, 15] },
    comments: {
      good: ['Much easier to read since the new list.', 'Clear prices, thanks.'],
      bad: [
        'Please show the price per kilo or per metre.',
        'I could not tell which prices include the discount.',
        'The delivery cost is nowhere on the list.',
      ],
    },
  },
  {
    touchpoint: 'retail-shop-window',
    name: 'Shop window: did it bring you in?',
    colour: '#7c3aed',
    submissions: 200,
    sources: { qr: 0.9, link: 0.1 },
    csat: [3, 5, 17, 40, 35],
    questions: [
      {
        id: 'came-in',
        kind: 'choice',
        required: true,
        text: t(
          'Did the window make you want to come in?',
          'Hat Sie das Schaufenster neugierig gemacht hereinzukommen?',
          'Захотелось ли вам зайти, глядя на витрину?',
          'Přiměla vás výloha vejít dovnitř?',
          'Prinútila vás výklad vojsť dnu?',
          'V-a făcut vitrina să intrați?',
        ),
        options: [
          { key: 'yes', text: t('Yes', 'Ja', 'Да', 'Ano', 'Áno', 'Da') },
          {
            key: 'maybe',
            text: t(
              'Maybe later',
              'Vielleicht später',
              'Может быть, позже',
              'Možná později',
              'Možno neskôr',
              'Poate mai târziu',
            ),
          },
          { key: 'no', text: t('No', 'Nein', 'Нет', 'Ne', 'Nie', 'Nu') },
        ],
      },
      {
        id: 'display',
        kind: 'csat',
        required: false,
        text: t(
          'How do you like the window display?',
          'Wie gefällt Ihnen die Schaufenstergestaltung?',
          'Как вам оформление витрины?',
          'Jak se vám líbí výloha?',
          'Ako sa vám páči výklad?',
          'Cum vi se pare vitrina?',
        ),
      },
      ANYTHING_ELSE,
    ],
    texts: {
      title: t(
        'Our shop window',
        'Unser Schaufenster',
        'Наша витрина',
        'Naše výloha',
        'Náš výklad',
        'Vitrina noastră',
      ),
      thankYou: THANKS,
    },
    choices: { 'came-in': [55, 30, 15] },
    comments: {
      good: ['Love the autumn window!', 'The lamps in the window caught my eye.'],
      bad: ['Too crowded, I could not see the prices.', 'The window has not changed for months.'],
    },
  },
  {
    touchpoint: 'clinic-website',
    name: 'Clinic website feedback',
    templateKey: 'website',
    colour: '#0f766e',
    submissions: 380,
    sources: { embed: 1 },
    csat: [4, 6, 15, 40, 35],
    choices: { purpose: [40, 35, 15, 10] },
    comments: {
      good: ['Booking online took me two minutes.', 'Great that prices are listed.'],
      bad: ['I could not find the opening hours on my phone.', 'The question form lost my text.'],
    },
  },
];

/** Comments in the respondent's language, by mood, for those not writing in English. */
const GENERAL_COMMENTS: Record<Exclude<Language, 'en'>, { good: string[]; bad: string[] }> = {
  de: {
    good: ['Sehr freundlich und schnell, danke!', 'Alles bestens.'],
    bad: ['Zu lange Wartezeit.', 'Niemand hat sich zuständig gefühlt.'],
  },
  ru: {
    good: ['Очень вежливо и быстро, спасибо!', 'Всё отлично.'],
    bad: ['Слишком долго ждали.', 'Никто не мог ответить на мой вопрос.'],
  },
  cs: {
    good: ['Velmi milé a rychlé, děkuji!', 'Vše v pořádku.'],
    bad: ['Příliš dlouhé čekání.', 'Nikdo mi nedokázal odpovědět.'],
  },
  sk: {
    good: ['Veľmi milé a rýchle, ďakujem!', 'Všetko v poriadku.'],
    bad: ['Príliš dlhé čakanie.', 'Nikto mi nevedel odpovedať.'],
  },
  ro: {
    good: ['Foarte amabil și rapid, mulțumesc!', 'Totul a fost perfect.'],
    bad: ['Am așteptat prea mult.', 'Nimeni nu mi-a putut răspunde.'],
  },
};

const LANGUAGE_WEIGHTS: Record<Language, number> = { en: 55, de: 18, ru: 10, cs: 9, sk: 5, ro: 3 };

/** Creates the demo's surveys (live) at their touchpoints; answers how many. */
export async function addDemoSurveys(db: Db, actor: Actor, workspaceId: string): Promise<number> {
  const touchpoints = await listTouchpoints(db, workspaceId, { limit: 500, offset: 0 });
  const byKey = new Map(touchpoints.items.map((tp) => [tp.key, tp.id]));
  let made = 0;
  for (const spec of DEMO_SURVEYS) {
    const touchpointId = byKey.get(spec.touchpoint);
    if (!touchpointId) throw new Error(`demo touchpoint missing: ${spec.touchpoint}`);
    await createSurvey(db, actor, workspaceId, {
      touchpointId,
      name: spec.name,
      templateKey: spec.templateKey,
      questions: spec.questions,
      texts: spec.texts,
      status: 'live',
      colour: spec.colour,
      contactConsent: spec.contactConsent ?? false,
    });
    made++;
  }
  return made;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickIndex(random: () => number, weights: Weights): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function pickOf<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick');
  return item;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A hex id of 32 digits from the generator (a submission id as the public page makes them). */
function submissionId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 4; i++)
    id += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return id;
}

export interface DemoSurveyRecording {
  submissions: number;
  answers: number;
  contacts: number;
}

/**
 * Records the answers of the demo's surveys over the `days` (default 90) before `end`,
 * deterministic for `seed` (the same ids again: nothing is stored twice), and a few contacts.
 */
export async function recordDemoSurveyAnswers(
  db: Db,
  events: EventStore,
  workspaceId: string,
  options: { seed: number; end: number; days?: number },
): Promise<DemoSurveyRecording> {
  const days = options.days ?? 90;
  const { rows: surveys } = await listSurveys(db, workspaceId, { limit: 500, offset: 0 });
  const byName = new Map<string, SurveyRow>(surveys.map((s) => [s.name, s]));
  const languages = Object.keys(LANGUAGE_WEIGHTS) as Language[];
  const languageWeights = languages.map((l) => LANGUAGE_WEIGHTS[l]);
  const rows: FeedbackAnswer[] = [];
  const contacts: NewSurveyContact[] = [];
  let submissions = 0;
  DEMO_SURVEYS.forEach((spec, index) => {
    const survey = byName.get(spec.name);
    if (!survey) return;
    const random = mulberry32((options.seed * 7919 + index * 104_729) >>> 0);
    const sources = Object.entries(spec.sources) as [FeedbackSource, number][];
    for (let n = 0; n < spec.submissions; n++) {
      const sub = submissionId(random);
      const dayBack = random() * days;
      const hour = 8 + random() * 11;
      const at = Math.floor(
        Math.min(options.end - 1, options.end - Math.ceil(dayBack) * DAY_MS + hour * 3_600_000),
      );
      const recent = options.end - at < 30 * DAY_MS;
      const source =
        (sources[
          pickIndex(
            random,
            sources.map(([, w]) => w),
          )
        ] ?? sources[0])?.[0] ?? 'link';
      const language = languages[pickIndex(random, languageWeights)] ?? 'en';
      const csat = pickIndex(random, recent && spec.csatRecent ? spec.csatRecent : spec.csat) + 1;
      const mood = csat >= 4 ? 'good' : csat <= 2 ? 'bad' : random() < 0.5 ? 'good' : 'bad';
      const writes = random() < (csat <= 2 ? 0.7 : 0.22);
      const pool = language === 'en' ? spec.comments : GENERAL_COMMENTS[language];
      const comment = writes ? pickOf(random, pool[mood]) : null;
      const answers: { q: SurveyQuestion; score: number; choice: string | null }[] = [];
      for (const q of survey.questions) {
        if (!q.required && random() < 0.15 && q.kind !== 'comment') continue;
        if (q.kind === 'csat') {
          const noise =
            q.id === 'satisfaction' || q.id === 'clarity' || answers.length === 0
              ? 0
              : Math.round(random() * 2 - 1);
          answers.push({ q, score: clamp(csat + noise, 1, 5), choice: null });
        } else if (q.kind === 'nps') {
          const base = csat === 5 ? 9 : csat === 4 ? 7.5 : csat === 3 ? 6 : 3;
          answers.push({ q, score: clamp(Math.round(base + random() * 2.5 - 0.5), 0, 10), choice: null });
        } else if (q.kind === 'ces') {
          const base = csat === 5 ? 1 : csat === 4 ? 2 : csat === 3 ? 3.5 : 5.5;
          answers.push({ q, score: clamp(Math.round(base + random() * 1.5), 1, 7), choice: null });
        } else if (q.kind === 'choice') {
          const options = q.options ?? [];
          const i = pickIndex(random, spec.choices?.[q.id] ?? options.map(() => 1));
          answers.push({ q, score: i, choice: options[i]?.key ?? null });
        } else if (comment) answers.push({ q, score: 0, choice: null });
      }
      if (answers.length === 0) continue;
      submissions++;
      let copied = false;
      for (const a of answers) {
        const rating = a.q.kind === 'csat' || a.q.kind === 'nps' || a.q.kind === 'ces';
        rows.push({
          workspaceId,
          id: `s:${survey.id}:${sub}:${a.q.id}`,
          touchpointId: survey.touchpointId,
          customer: null,
          at,
          kind: a.q.kind,
          score: a.score,
          comment: a.q.kind === 'comment' || (rating && !copied) ? comment : null,
          surveyId: survey.id,
          question: a.q.id,
          source,
          language,
          choice: a.choice,
        });
        if (rating) copied = true;
      }
      // A few unhappy respondents who wrote a comment want to be called back.
      if (survey.contactConsent && comment && mood === 'bad' && random() < 0.5)
        contacts.push({
          surveyId: survey.id,
          submissionId: sub,
          customer: null,
          email: `parent.${sub.slice(0, 6)}@example.com`,
          phone:
            random() < 0.5 ? `+44 20 7946 ${String(Math.floor(random() * 1000)).padStart(4, '0')}` : null,
          language,
          createdAt: new Date(at),
        });
    }
  });
  const { inserted } = await events.insertFeedback(rows);
  const stored = await addSurveyContacts(db, workspaceId, contacts);
  return { submissions, answers: inserted, contacts: stored };
}
