/**
 * Survey templates (SPEC §6): best-practice starting points a survey is created from — after a
 * call, after a visit, after a purchase, on a website, and the A-11 trust statements — each
 * written in all six languages, with a complaint rule (CSAT ≤ 2, NPS ≤ 6 or CES ≥ 6, with a comment).
 */
import type { ComplaintRule, LocalText, SurveyQuestion, SurveyTexts } from './survey-model.js';

export const SURVEY_TEMPLATE_KEYS = [
  'after_call',
  'after_visit',
  'after_purchase',
  'website',
  'a11_trust',
] as const;
export type SurveyTemplateKey = (typeof SURVEY_TEMPLATE_KEYS)[number];

export interface SurveyTemplate {
  key: SurveyTemplateKey;
  name: LocalText;
  description: LocalText;
  questions: SurveyQuestion[];
  texts: SurveyTexts;
  complaintRule: ComplaintRule;
}

export const DEFAULT_COMPLAINT_RULE: ComplaintRule = {
  csatMax: 2,
  npsMax: 6,
  cesMin: 6,
  requireComment: true,
};

/** A text in the six languages, in the order en, de, ru, cs, sk, ro. */
function t(en: string, de: string, ru: string, cs: string, sk: string, ro: string): LocalText {
  return { en, de, ru, cs, sk, ro };
}

const THANK_YOU = t(
  'Thank you for your feedback!',
  'Vielen Dank für Ihr Feedback!',
  'Спасибо за ваш отзыв!',
  'Děkujeme za vaši zpětnou vazbu!',
  'Ďakujeme za vašu spätnú väzbu!',
  'Vă mulțumim pentru feedback!',
);

const ONE_MINUTE = t(
  'It takes less than a minute.',
  'Es dauert weniger als eine Minute.',
  'Это займёт меньше минуты.',
  'Zabere to méně než minutu.',
  'Zaberie to menej ako minútu.',
  'Durează mai puțin de un minut.',
);

const CONSENT = t(
  'You may contact me about my answer.',
  'Sie dürfen mich zu meiner Antwort kontaktieren.',
  'Со мной можно связаться по поводу моего ответа.',
  'Můžete mě kontaktovat ohledně mé odpovědi.',
  'Môžete ma kontaktovať ohľadom mojej odpovede.',
  'Mă puteți contacta în legătură cu răspunsul meu.',
);

const COMMENT: SurveyQuestion = {
  id: 'comment',
  kind: 'comment',
  required: false,
  text: t(
    'What could we do better?',
    'Was können wir besser machen?',
    'Что мы могли бы сделать лучше?',
    'Co bychom mohli zlepšit?',
    'Čo by sme mohli zlepšiť?',
    'Ce am putea face mai bine?',
  ),
};

const RECOMMEND: SurveyQuestion = {
  id: 'recommend',
  kind: 'nps',
  required: false,
  text: t(
    'How likely are you to recommend us to a friend or colleague?',
    'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
    'Насколько вероятно, что вы порекомендуете нас другу или коллеге?',
    'Jak pravděpodobné je, že nás doporučíte příteli nebo kolegovi?',
    'Aká je pravdepodobnosť, že nás odporučíte priateľovi alebo kolegovi?',
    'Cât de probabil este să ne recomandați unui prieten sau coleg?',
  ),
};

function texts(title: LocalText, intro: LocalText = ONE_MINUTE): SurveyTexts {
  return { title, intro, thankYou: THANK_YOU, consent: CONSENT };
}

/** An A-11 statement answered from 1 (strongly disagree) to 5 (strongly agree), counted as CSAT. */
function statement(id: string, required: boolean, text: LocalText): SurveyQuestion {
  return { id, kind: 'csat', required, text };
}

const TEMPLATES: readonly SurveyTemplate[] = [
  {
    key: 'after_call',
    name: t('After a call', 'Nach einem Anruf', 'После звонка', 'Po hovoru', 'Po hovore', 'După un apel'),
    description: t(
      'Satisfaction, effort and resolution after a call to the hotline.',
      'Zufriedenheit, Aufwand und Lösung nach einem Anruf bei der Hotline.',
      'Удовлетворённость, усилия и решение вопроса после звонка на горячую линию.',
      'Spokojenost, úsilí a vyřešení po hovoru na linku.',
      'Spokojnosť, úsilie a vyriešenie po hovore na linku.',
      'Satisfacție, efort și rezolvare după un apel la linia de asistență.',
    ),
    questions: [
      {
        id: 'satisfaction',
        kind: 'csat',
        required: true,
        text: t(
          'How satisfied are you with the call?',
          'Wie zufrieden sind Sie mit dem Gespräch?',
          'Насколько вы довольны разговором?',
          'Jak jste spokojeni s hovorem?',
          'Ako ste spokojní s hovorom?',
          'Cât de mulțumit sunteți de apel?',
        ),
      },
      {
        id: 'effort',
        kind: 'ces',
        required: false,
        text: t(
          'How much effort did it take to get your issue handled? (1 = very little, 7 = a great deal)',
          'Wie viel Aufwand war nötig, um Ihr Anliegen zu klären? (1 = sehr wenig, 7 = sehr viel)',
          'Сколько усилий потребовалось, чтобы решить ваш вопрос? (1 — очень мало, 7 — очень много)',
          'Kolik úsilí vás stálo vyřízení požadavku? (1 = velmi málo, 7 = velmi mnoho)',
          'Koľko úsilia vás stálo vybavenie požiadavky? (1 = veľmi málo, 7 = veľmi veľa)',
          'Cât efort v-a costat rezolvarea problemei? (1 = foarte puțin, 7 = foarte mult)',
        ),
      },
      {
        id: 'resolved',
        kind: 'choice',
        required: false,
        text: t(
          'Was your issue resolved?',
          'Wurde Ihr Anliegen gelöst?',
          'Решён ли ваш вопрос?',
          'Byl váš požadavek vyřešen?',
          'Bola vaša požiadavka vyriešená?',
          'Problema dumneavoastră a fost rezolvată?',
        ),
        options: [
          { key: 'yes', text: t('Yes', 'Ja', 'Да', 'Ano', 'Áno', 'Da') },
          { key: 'partly', text: t('Partly', 'Teilweise', 'Частично', 'Částečně', 'Čiastočne', 'Parțial') },
          { key: 'no', text: t('No', 'Nein', 'Нет', 'Ne', 'Nie', 'Nu') },
        ],
      },
      COMMENT,
    ],
    texts: texts(
      t(
        'How was your call?',
        'Wie war Ihr Anruf?',
        'Как прошёл ваш звонок?',
        'Jak proběhl váš hovor?',
        'Ako prebehol váš hovor?',
        'Cum a decurs apelul dumneavoastră?',
      ),
    ),
    complaintRule: DEFAULT_COMPLAINT_RULE,
  },
  {
    key: 'after_visit',
    name: t(
      'After a visit',
      'Nach einem Besuch',
      'После визита',
      'Po návštěvě',
      'Po návšteve',
      'După o vizită',
    ),
    description: t(
      'Satisfaction and recommendation after a visit to an office or shop.',
      'Zufriedenheit und Weiterempfehlung nach dem Besuch einer Filiale oder eines Geschäfts.',
      'Удовлетворённость и готовность рекомендовать после посещения офиса или магазина.',
      'Spokojenost a doporučení po návštěvě pobočky nebo obchodu.',
      'Spokojnosť a odporúčanie po návšteve pobočky alebo obchodu.',
      'Satisfacție și recomandare după vizita la un birou sau magazin.',
    ),
    questions: [
      {
        id: 'satisfaction',
        kind: 'csat',
        required: true,
        text: t(
          'How satisfied are you with your visit today?',
          'Wie zufrieden sind Sie mit Ihrem heutigen Besuch?',
          'Насколько вы довольны сегодняшним визитом?',
          'Jak jste spokojeni s dnešní návštěvou?',
          'Ako ste spokojní s dnešnou návštevou?',
          'Cât de mulțumit sunteți de vizita de astăzi?',
        ),
      },
      RECOMMEND,
      COMMENT,
    ],
    texts: texts(
      t(
        'How was your visit?',
        'Wie war Ihr Besuch?',
        'Как прошёл ваш визит?',
        'Jak proběhla vaše návštěva?',
        'Ako prebehla vaša návšteva?',
        'Cum a fost vizita dumneavoastră?',
      ),
    ),
    complaintRule: DEFAULT_COMPLAINT_RULE,
  },
  {
    key: 'after_purchase',
    name: t(
      'After a purchase',
      'Nach einem Kauf',
      'После покупки',
      'Po nákupu',
      'Po nákupe',
      'După o achiziție',
    ),
    description: t(
      'Satisfaction, ease of buying and recommendation.',
      'Zufriedenheit, Einfachheit des Kaufs und Weiterempfehlung.',
      'Удовлетворённость, простота покупки и готовность рекомендовать.',
      'Spokojenost, snadnost nákupu a doporučení.',
      'Spokojnosť, jednoduchosť nákupu a odporúčanie.',
      'Satisfacție, ușurința cumpărării și recomandare.',
    ),
    questions: [
      {
        id: 'satisfaction',
        kind: 'csat',
        required: true,
        text: t(
          'How satisfied are you with your purchase?',
          'Wie zufrieden sind Sie mit Ihrem Einkauf?',
          'Насколько вы довольны покупкой?',
          'Jak jste spokojeni se svým nákupem?',
          'Ako ste spokojní so svojím nákupom?',
          'Cât de mulțumit sunteți de achiziție?',
        ),
      },
      {
        id: 'effort',
        kind: 'ces',
        required: false,
        text: t(
          'How much effort did buying from us take? (1 = very little, 7 = a great deal)',
          'Wie viel Aufwand war der Kauf bei uns? (1 = sehr wenig, 7 = sehr viel)',
          'Сколько усилий потребовала покупка у нас? (1 — очень мало, 7 — очень много)',
          'Kolik úsilí vás stál nákup u nás? (1 = velmi málo, 7 = velmi mnoho)',
          'Koľko úsilia vás stál nákup u nás? (1 = veľmi málo, 7 = veľmi veľa)',
          'Cât efort v-a costat cumpărătura de la noi? (1 = foarte puțin, 7 = foarte mult)',
        ),
      },
      RECOMMEND,
      COMMENT,
    ],
    texts: texts(
      t(
        'How was your purchase?',
        'Wie war Ihr Einkauf?',
        'Как прошла ваша покупка?',
        'Jak proběhl váš nákup?',
        'Ako prebehol váš nákup?',
        'Cum a decurs achiziția dumneavoastră?',
      ),
    ),
    complaintRule: DEFAULT_COMPLAINT_RULE,
  },
  {
    key: 'website',
    name: t('Website', 'Website', 'Сайт', 'Web', 'Web', 'Site web'),
    description: t(
      'Why visitors came, whether they found what they looked for easily and how satisfied they are.',
      'Warum Besucher kamen, ob sie das Gesuchte leicht fanden und wie zufrieden sie sind.',
      'Зачем пришли посетители, легко ли нашли нужное и насколько довольны.',
      'Proč návštěvníci přišli, zda snadno našli, co hledali, a jak jsou spokojeni.',
      'Prečo návštevníci prišli, či ľahko našli, čo hľadali, a ako sú spokojní.',
      'De ce au venit vizitatorii, dacă au găsit ușor ce căutau și cât de mulțumiți sunt.',
    ),
    questions: [
      {
        id: 'purpose',
        kind: 'choice',
        required: false,
        text: t(
          'What brought you here today?',
          'Was hat Sie heute hierher geführt?',
          'Что привело вас сюда сегодня?',
          'Co vás sem dnes přivedlo?',
          'Čo vás sem dnes priviedlo?',
          'Ce v-a adus aici astăzi?',
        ),
        options: [
          {
            key: 'info',
            text: t(
              'Looking for information',
              'Informationen suchen',
              'Поиск информации',
              'Hledám informace',
              'Hľadám informácie',
              'Caut informații',
            ),
          },
          {
            key: 'buy',
            text: t('Buying something', 'Etwas kaufen', 'Покупка', 'Nákup', 'Nákup', 'Să cumpăr ceva'),
          },
          {
            key: 'support',
            text: t(
              'Getting help',
              'Hilfe erhalten',
              'Получить помощь',
              'Získat pomoc',
              'Získať pomoc',
              'Să primesc ajutor',
            ),
          },
          {
            key: 'other',
            text: t('Something else', 'Etwas anderes', 'Другое', 'Něco jiného', 'Niečo iné', 'Altceva'),
          },
        ],
      },
      {
        id: 'effort',
        kind: 'ces',
        required: false,
        text: t(
          'How much effort did it take to find what you were looking for? (1 = very little, 7 = a great deal)',
          'Wie viel Aufwand war es, das Gesuchte zu finden? (1 = sehr wenig, 7 = sehr viel)',
          'Сколько усилий потребовалось, чтобы найти нужное? (1 — очень мало, 7 — очень много)',
          'Kolik úsilí vás stálo najít, co jste hledali? (1 = velmi málo, 7 = velmi mnoho)',
          'Koľko úsilia vás stálo nájsť, čo ste hľadali? (1 = veľmi málo, 7 = veľmi veľa)',
          'Cât efort v-a costat să găsiți ce căutați? (1 = foarte puțin, 7 = foarte mult)',
        ),
      },
      {
        id: 'satisfaction',
        kind: 'csat',
        required: true,
        text: t(
          'How satisfied are you with the website?',
          'Wie zufrieden sind Sie mit der Website?',
          'Насколько вы довольны сайтом?',
          'Jak jste spokojeni s webem?',
          'Ako ste spokojní s webom?',
          'Cât de mulțumit sunteți de site?',
        ),
      },
      COMMENT,
    ],
    texts: texts(
      t(
        'Help us improve this website',
        'Helfen Sie uns, diese Website zu verbessern',
        'Помогите нам улучшить этот сайт',
        'Pomozte nám zlepšit tento web',
        'Pomôžte nám zlepšiť tento web',
        'Ajutați-ne să îmbunătățim acest site',
      ),
    ),
    complaintRule: DEFAULT_COMPLAINT_RULE,
  },
  {
    key: 'a11_trust',
    name: t(
      'Trust and service (A-11)',
      'Vertrauen und Service (A-11)',
      'Доверие и обслуживание (A-11)',
      'Důvěra a služba (A-11)',
      'Dôvera a služba (A-11)',
      'Încredere și serviciu (A-11)',
    ),
    description: t(
      'The A-11 customer experience statements — satisfaction, trust, effectiveness, ease, efficiency, fairness and staff — each from 1 (strongly disagree) to 5 (strongly agree).',
      'Die A-11-Aussagen zur Kundenerfahrung — Zufriedenheit, Vertrauen, Wirksamkeit, Einfachheit, Effizienz, Fairness und Personal — jeweils von 1 (stimme gar nicht zu) bis 5 (stimme voll zu).',
      'Утверждения A-11 о клиентском опыте — удовлетворённость, доверие, результативность, простота, эффективность, справедливость и персонал — каждое от 1 (совершенно не согласен) до 5 (полностью согласен).',
      'Výroky A-11 o zákaznické zkušenosti — spokojenost, důvěra, účinnost, snadnost, efektivita, spravedlnost a personál — každý od 1 (rozhodně nesouhlasím) do 5 (rozhodně souhlasím).',
      'Tvrdenia A-11 o zákazníckej skúsenosti — spokojnosť, dôvera, účinnosť, jednoduchosť, efektívnosť, spravodlivosť a personál — každé od 1 (rozhodne nesúhlasím) do 5 (rozhodne súhlasím).',
      'Afirmațiile A-11 despre experiența clientului — satisfacție, încredere, eficacitate, ușurință, eficiență, corectitudine și personal — fiecare de la 1 (total dezacord) la 5 (total de acord).',
    ),
    questions: [
      statement(
        'satisfaction',
        true,
        t(
          'I am satisfied with the service I received.',
          'Ich bin mit dem erhaltenen Service zufrieden.',
          'Я доволен(-льна) полученным обслуживанием.',
          'Jsem spokojen(a) s poskytnutou službou.',
          'Som spokojný(á) s poskytnutou službou.',
          'Sunt mulțumit(ă) de serviciul primit.',
        ),
      ),
      statement(
        'trust',
        true,
        t(
          'I trust this organisation.',
          'Ich vertraue dieser Organisation.',
          'Я доверяю этой организации.',
          'Této organizaci důvěřuji.',
          'Tejto organizácii dôverujem.',
          'Am încredere în această organizație.',
        ),
      ),
      statement(
        'effectiveness',
        false,
        t(
          'My need was addressed.',
          'Mein Anliegen wurde erfüllt.',
          'Мой вопрос был решён.',
          'Můj požadavek byl vyřízen.',
          'Moja požiadavka bola vybavená.',
          'Nevoia mea a fost rezolvată.',
        ),
      ),
      statement(
        'ease',
        false,
        t(
          'It was easy to do what I needed to do.',
          'Es war einfach, mein Anliegen zu erledigen.',
          'Было легко сделать то, что мне было нужно.',
          'Bylo snadné vyřídit, co jsem potřeboval(a).',
          'Bolo jednoduché vybaviť, čo som potreboval(a).',
          'A fost ușor să fac ceea ce aveam nevoie.',
        ),
      ),
      statement(
        'efficiency',
        false,
        t(
          'It took a reasonable amount of time to do what I needed to do.',
          'Die Erledigung hat eine angemessene Zeit gedauert.',
          'На решение моего вопроса ушло разумное время.',
          'Vyřízení trvalo přiměřeně dlouho.',
          'Vybavenie trvalo primerane dlho.',
          'Mi-a luat un timp rezonabil să fac ceea ce aveam nevoie.',
        ),
      ),
      statement(
        'equity',
        false,
        t(
          'I was treated fairly.',
          'Ich wurde fair behandelt.',
          'Со мной обошлись справедливо.',
          'Bylo se mnou jednáno spravedlivě.',
          'Bolo so mnou zaobchádzané spravodlivo.',
          'Am fost tratat(ă) corect.',
        ),
      ),
      statement(
        'employee',
        false,
        t(
          'The staff I dealt with were helpful.',
          'Die Mitarbeitenden, mit denen ich zu tun hatte, waren hilfsbereit.',
          'Сотрудники, с которыми я общался(-ась), были готовы помочь.',
          'Zaměstnanci, se kterými jsem jednal(a), byli ochotní.',
          'Zamestnanci, s ktorými som jednal(a), boli ochotní.',
          'Angajații cu care am interacționat au fost de ajutor.',
        ),
      ),
      COMMENT,
    ],
    texts: texts(
      t(
        'Your experience with our service',
        'Ihre Erfahrung mit unserem Service',
        'Ваш опыт обслуживания',
        'Vaše zkušenost s naší službou',
        'Vaša skúsenosť s našou službou',
        'Experiența dumneavoastră cu serviciul nostru',
      ),
      t(
        'Please say how much you agree with each statement (1 = strongly disagree, 5 = strongly agree).',
        'Bitte geben Sie an, wie sehr Sie jeder Aussage zustimmen (1 = stimme gar nicht zu, 5 = stimme voll zu).',
        'Оцените, насколько вы согласны с каждым утверждением (1 — совершенно не согласен, 5 — полностью согласен).',
        'Uveďte, nakolik souhlasíte s každým výrokem (1 = rozhodně nesouhlasím, 5 = rozhodně souhlasím).',
        'Uveďte, nakoľko súhlasíte s každým tvrdením (1 = rozhodne nesúhlasím, 5 = rozhodne súhlasím).',
        'Indicați cât de mult sunteți de acord cu fiecare afirmație (1 = total dezacord, 5 = total de acord).',
      ),
    ),
    complaintRule: DEFAULT_COMPLAINT_RULE,
  },
];

/** Every template, as a fresh copy (callers may change what they get). */
export function surveyTemplates(): SurveyTemplate[] {
  return structuredClone(TEMPLATES) as SurveyTemplate[];
}

/** One template as a fresh copy, or undefined for an unknown key. */
export function surveyTemplate(key: string): SurveyTemplate | undefined {
  const found = TEMPLATES.find((tpl) => tpl.key === key);
  return found ? (structuredClone(found) as SurveyTemplate) : undefined;
}
