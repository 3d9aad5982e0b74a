/**
 * Audit checklist templates (Law 3, control): ready checklists for the businesses the source
 * material describes — a clinic, a consulting firm, a store — and one for any business's website
 * and e-mail. Each criterion has its text in the six languages of the app, a scale (yes/no, 1–5,
 * or a measured number with a target), a weight, and the template-library touchpoint it checks
 * (domain/touchpoint-templates.ts), whose stage and channel it takes. Instantiating a template on
 * a workspace attaches each criterion to the matching touchpoint (`matchTemplateTouchpoint`), or
 * else to the stage.
 */
import type { AuditScale } from './audit-scoring.js';
import {
  TEMPLATE_LANGUAGES,
  type TemplateChannel,
  type TemplateLanguage,
  type TemplateStage,
  TOUCHPOINT_TEMPLATES,
} from './touchpoint-templates.js';

type Texts = readonly [en: string, de: string, ru: string, cs: string, sk: string, ro: string];

export interface AuditTemplateCriterion {
  text: Record<TemplateLanguage, string>;
  scale: AuditScale;
  target: number | null;
  comparator: 'lte' | 'gte' | null;
  unit: string;
  weight: number;
  /** The template-library touchpoint checked. */
  touchpointKey: string;
  stage: TemplateStage;
  channel: TemplateChannel;
}

export const AUDIT_TEMPLATE_BUSINESSES = ['clinic', 'consulting', 'store', 'any'] as const;
export type AuditTemplateBusiness = (typeof AUDIT_TEMPLATE_BUSINESSES)[number];

export interface AuditTemplate {
  key: string;
  business: AuditTemplateBusiness;
  name: Record<TemplateLanguage, string>;
  description: Record<TemplateLanguage, string>;
  criteria: readonly AuditTemplateCriterion[];
}

function texts(t: Texts): Record<TemplateLanguage, string> {
  return Object.fromEntries(TEMPLATE_LANGUAGES.map((l, i) => [l, t[i] as string])) as Record<
    TemplateLanguage,
    string
  >;
}

type Measure =
  | { scale: 'yes_no' | 'score_1_5'; weight?: number }
  | { scale: 'number'; target: number; comparator: 'lte' | 'gte'; unit: string; weight?: number };

function criterion(touchpointKey: string, measure: Measure, text: Texts): AuditTemplateCriterion {
  const tp = TOUCHPOINT_TEMPLATES.find((t) => t.key === touchpointKey);
  if (!tp) throw new Error(`audit template: no touchpoint template ${touchpointKey}`);
  return {
    text: texts(text),
    scale: measure.scale,
    target: measure.scale === 'number' ? measure.target : null,
    comparator: measure.scale === 'number' ? measure.comparator : null,
    unit: measure.scale === 'number' ? measure.unit : '',
    weight: measure.weight ?? 1,
    touchpointKey,
    stage: tp.stage,
    channel: tp.channel,
  };
}

const yes = { scale: 'yes_no' } as const;
const score = { scale: 'score_1_5' } as const;
const atMost = (target: number, unit: string, weight = 1): Measure => ({
  scale: 'number',
  target,
  comparator: 'lte',
  unit,
  weight,
});

export const AUDIT_TEMPLATES: readonly AuditTemplate[] = [
  {
    key: 'clinic-visit',
    business: 'clinic',
    name: texts([
      'Clinic visit (mystery patient)',
      'Praxisbesuch (Mystery Patient)',
      'Визит в клинику (тайный пациент)',
      'Návštěva kliniky (fiktivní pacient)',
      'Návšteva kliniky (fiktívny pacient)',
      'Vizită la clinică (pacient misterios)',
    ]),
    description: texts([
      'From the booking call to the feedback request: how a patient is received and treated.',
      'Vom Buchungsanruf bis zur Feedback-Anfrage: wie ein Patient empfangen und behandelt wird.',
      'От звонка для записи до запроса отзыва: как пациента принимают и обслуживают.',
      'Od telefonátu na objednání po žádost o zpětnou vazbu: jak je pacient přijat a ošetřen.',
      'Od telefonátu na objednanie po žiadosť o spätnú väzbu: ako je pacient prijatý a ošetrený.',
      'De la apelul de programare la cererea de feedback: cum este primit și tratat pacientul.',
    ]),
    criteria: [
      criterion('booking-call', atMost(20, 's', 2), [
        'Booking call answered within 20 s',
        'Buchungsanruf innerhalb von 20 s angenommen',
        'На звонок для записи ответили в течение 20 с',
        'Hovor na objednání přijat do 20 s',
        'Hovor na objednanie prijatý do 20 s',
        'Apelul de programare preluat în 20 s',
      ]),
      criterion('booking-call', yes, [
        'Administrator named the clinic and themselves',
        'Die Rezeption nannte die Praxis und den eigenen Namen',
        'Администратор назвал клинику и представился',
        'Recepční uvedla název kliniky a své jméno',
        'Recepčná uviedla názov kliniky a svoje meno',
        'Recepționerul a spus numele clinicii și pe al său',
      ]),
      criterion('appointment-reminder', yes, [
        'Reminder received the day before the visit',
        'Erinnerung am Vortag des Termins erhalten',
        'Напоминание пришло накануне визита',
        'Připomínka přišla den před návštěvou',
        'Pripomienka prišla deň pred návštevou',
        'Memento primit cu o zi înainte de vizită',
      ]),
      criterion('reception', atMost(30, 's', 2), [
        'Greeted within 30 s of arrival',
        'Innerhalb von 30 s nach Ankunft begrüßt',
        'Поприветствовали в течение 30 с после прихода',
        'Pozdraven do 30 s po příchodu',
        'Pozdravený do 30 s po príchode',
        'Salutat în 30 s de la sosire',
      ]),
      criterion('registration-desk', atMost(5, 'min'), [
        'Registration took at most 5 minutes',
        'Anmeldung dauerte höchstens 5 Minuten',
        'Регистрация заняла не более 5 минут',
        'Registrace trvala nejvýše 5 minut',
        'Registrácia trvala najviac 5 minút',
        'Înregistrarea a durat cel mult 5 minute',
      ]),
      criterion('waiting-area', score, [
        'Waiting area clean and comfortable',
        'Wartebereich sauber und angenehm',
        'Зона ожидания чистая и удобная',
        'Čekárna čistá a pohodlná',
        'Čakáreň čistá a pohodlná',
        'Sala de așteptare curată și confortabilă',
      ]),
      criterion('price-list', yes, [
        'Price list visible and readable',
        'Preisliste sichtbar und lesbar',
        'Прайс-лист на виду и легко читается',
        'Ceník viditelný a čitelný',
        'Cenník viditeľný a čitateľný',
        'Lista de prețuri vizibilă și lizibilă',
      ]),
      criterion('service-delivery', { scale: 'score_1_5', weight: 2 }, [
        'Doctor explained the findings and next steps clearly',
        'Der Arzt erklärte Befund und nächste Schritte verständlich',
        'Врач понятно объяснил результаты и дальнейшие шаги',
        'Lékař srozumitelně vysvětlil nález a další kroky',
        'Lekár zrozumiteľne vysvetlil nález a ďalšie kroky',
        'Medicul a explicat clar constatările și pașii următori',
      ]),
      criterion('feedback-sms', yes, [
        'Feedback request received after the visit',
        'Feedback-Anfrage nach dem Besuch erhalten',
        'После визита пришёл запрос отзыва',
        'Po návštěvě přišla žádost o hodnocení',
        'Po návšteve prišla žiadosť o hodnotenie',
        'Cerere de feedback primită după vizită',
      ]),
    ],
  },
  {
    key: 'consulting-first-contact',
    business: 'consulting',
    name: texts([
      'Consulting firm: from inquiry to proposal',
      'Beratung: von der Anfrage zum Angebot',
      'Консалтинг: от запроса до предложения',
      'Poradenství: od poptávky k nabídce',
      'Poradenstvo: od dopytu k ponuke',
      'Consultanță: de la solicitare la ofertă',
    ]),
    description: texts([
      'A prospective client’s first contact, meeting and proposal.',
      'Erster Kontakt, Termin und Angebot aus Sicht eines künftigen Kunden.',
      'Первый контакт, встреча и предложение глазами будущего клиента.',
      'První kontakt, schůzka a nabídka očima budoucího klienta.',
      'Prvý kontakt, stretnutie a ponuka očami budúceho klienta.',
      'Primul contact, întâlnirea și oferta din perspectiva unui viitor client.',
    ]),
    criteria: [
      criterion('website-contacts', yes, [
        'Contact details found on the website within a minute',
        'Kontaktdaten auf der Website innerhalb einer Minute gefunden',
        'Контакты на сайте нашлись меньше чем за минуту',
        'Kontakty na webu nalezeny do minuty',
        'Kontakty na webe nájdené do minúty',
        'Datele de contact găsite pe site în mai puțin de un minut',
      ]),
      criterion('email-inquiry', atMost(4, 'h', 2), [
        'Reply to an e-mail inquiry within 4 hours',
        'Antwort auf eine E-Mail-Anfrage innerhalb von 4 Stunden',
        'Ответ на запрос по e-mail в течение 4 часов',
        'Odpověď na e-mailovou poptávku do 4 hodin',
        'Odpoveď na e-mailový dopyt do 4 hodín',
        'Răspuns la o solicitare prin e-mail în 4 ore',
      ]),
      criterion('office-location', yes, [
        'Office easy to find; visitor met at the agreed time',
        'Büro leicht zu finden; Besucher zur vereinbarten Zeit empfangen',
        'Офис легко найти; посетителя встретили в назначенное время',
        'Kancelář snadno k nalezení; návštěva přijata v domluvený čas',
        'Kancelária ľahko nájditeľná; návšteva prijatá v dohodnutom čase',
        'Birou ușor de găsit; vizitatorul primit la ora stabilită',
      ]),
      criterion('free-consultation', { scale: 'score_1_5', weight: 2 }, [
        'Consultant asked about the business before proposing',
        'Der Berater fragte nach dem Unternehmen, bevor er etwas vorschlug',
        'Консультант расспросил о бизнесе, прежде чем предлагать',
        'Konzultant se ptal na firmu dřív, než něco navrhl',
        'Konzultant sa pýtal na firmu skôr, než niečo navrhol',
        'Consultantul a întrebat despre afacere înainte de a propune',
      ]),
      criterion('business-card', yes, [
        'Consultant handed over a business card',
        'Der Berater überreichte eine Visitenkarte',
        'Консультант вручил визитную карточку',
        'Konzultant předal vizitku',
        'Konzultant odovzdal vizitku',
        'Consultantul a oferit o carte de vizită',
      ]),
      criterion('commercial-offer', atMost(3, 'd'), [
        'Proposal sent within 3 days of the meeting',
        'Angebot innerhalb von 3 Tagen nach dem Termin geschickt',
        'Предложение прислали в течение 3 дней после встречи',
        'Nabídka zaslána do 3 dnů od schůzky',
        'Ponuka zaslaná do 3 dní od stretnutia',
        'Oferta trimisă în 3 zile de la întâlnire',
      ]),
      criterion('commercial-offer', score, [
        'Proposal clear: scope, price and timeline',
        'Angebot klar: Umfang, Preis und Zeitplan',
        'Предложение понятно: объём, цена и сроки',
        'Nabídka jasná: rozsah, cena a harmonogram',
        'Ponuka jasná: rozsah, cena a harmonogram',
        'Ofertă clară: conținut, preț și termene',
      ]),
    ],
  },
  {
    key: 'store-visit',
    business: 'store',
    name: texts([
      'Store visit (mystery shopper)',
      'Ladenbesuch (Mystery Shopper)',
      'Визит в магазин (тайный покупатель)',
      'Návštěva prodejny (mystery shopper)',
      'Návšteva predajne (mystery shopper)',
      'Vizită în magazin (cumpărător misterios)',
    ]),
    description: texts([
      'The store’s contact zone: facade, shop window, staff, prices, till and phone.',
      'Die Kontaktzone des Ladens: Fassade, Schaufenster, Personal, Preise, Kasse und Telefon.',
      'Контактная зона магазина: фасад, витрина, персонал, цены, касса и телефон.',
      'Kontaktní zóna prodejny: fasáda, výloha, personál, ceny, pokladna a telefon.',
      'Kontaktná zóna predajne: fasáda, výklad, personál, ceny, pokladňa a telefón.',
      'Zona de contact a magazinului: fațadă, vitrină, personal, prețuri, casă și telefon.',
    ]),
    criteria: [
      criterion('facade-sign', yes, [
        'Sign visible and lit from the street',
        'Schild von der Straße aus sichtbar und beleuchtet',
        'Вывеска видна с улицы и подсвечена',
        'Štít viditelný z ulice a osvětlený',
        'Štít viditeľný z ulice a osvetlený',
        'Firma vizibilă din stradă și iluminată',
      ]),
      criterion('shop-window', score, [
        'Shop window clean and up to date',
        'Schaufenster sauber und aktuell',
        'Витрина чистая и актуальная',
        'Výloha čistá a aktuální',
        'Výklad čistý a aktuálny',
        'Vitrină curată și actuală',
      ]),
      criterion('shop-assistant', atMost(30, 's', 2), [
        'Greeted within 30 s of entering',
        'Innerhalb von 30 s nach dem Eintreten begrüßt',
        'Поприветствовали в течение 30 с после входа',
        'Pozdraven do 30 s po vstupu',
        'Pozdravený do 30 s po vstupe',
        'Salutat în 30 s de la intrare',
      ]),
      criterion('shop-assistant', { scale: 'score_1_5', weight: 2 }, [
        'Assistant offered help and knew the product',
        'Die Verkäuferin bot Hilfe an und kannte das Produkt',
        'Продавец предложил помощь и знал товар',
        'Prodavač nabídl pomoc a znal zboží',
        'Predavač ponúkol pomoc a poznal tovar',
        'Vânzătorul a oferit ajutor și cunoștea produsul',
      ]),
      criterion('price-list', yes, [
        'Price list readable; every item priced',
        'Preisliste lesbar; jede Ware ausgepreist',
        'Прайс-лист читается; на всех товарах есть цена',
        'Ceník čitelný; každé zboží má cenu',
        'Cenník čitateľný; každý tovar má cenu',
        'Lista de prețuri lizibilă; fiecare produs are preț',
      ]),
      criterion('cash-desk', atMost(3, 'min'), [
        'Waited at the till at most 3 minutes',
        'An der Kasse höchstens 3 Minuten gewartet',
        'Ожидание на кассе не более 3 минут',
        'Čekání u pokladny nejvýše 3 minuty',
        'Čakanie pri pokladni najviac 3 minúty',
        'Așteptare la casă de cel mult 3 minute',
      ]),
      criterion('receipt', yes, [
        'Receipt given without asking',
        'Kassenbon ohne Nachfrage erhalten',
        'Чек выдали без напоминания',
        'Účtenka vydána bez požádání',
        'Bloček vydaný bez požiadania',
        'Bonul fiscal dat fără a fi cerut',
      ]),
      criterion('call-greeting', atMost(20, 's'), [
        'Phone call answered within 20 s',
        'Anruf innerhalb von 20 s angenommen',
        'На телефонный звонок ответили в течение 20 с',
        'Telefonát přijat do 20 s',
        'Telefonát prijatý do 20 s',
        'Apel telefonic preluat în 20 s',
      ]),
    ],
  },
  {
    key: 'website-email',
    business: 'any',
    name: texts([
      'Website and e-mail',
      'Website und E-Mail',
      'Сайт и электронная почта',
      'Web a e-mail',
      'Web a e-mail',
      'Site și e-mail',
    ]),
    description: texts([
      'Any business online: the website, its forms and chat, and replies to e-mail.',
      'Jedes Unternehmen online: Website, Formulare und Chat, Antworten auf E-Mails.',
      'Любой бизнес онлайн: сайт, формы и чат, ответы на письма.',
      'Každá firma online: web, formuláře a chat, odpovědi na e-maily.',
      'Každá firma online: web, formuláre a chat, odpovede na e-maily.',
      'Orice afacere online: site-ul, formularele și chatul, răspunsurile la e-mail.',
    ]),
    criteria: [
      criterion('website-home', atMost(3, 's'), [
        'Home page loads within 3 s on a phone',
        'Startseite lädt auf dem Handy in höchstens 3 s',
        'Главная страница открывается на телефоне за 3 с',
        'Úvodní stránka se na telefonu načte do 3 s',
        'Úvodná stránka sa na telefóne načíta do 3 s',
        'Pagina principală se încarcă pe telefon în 3 s',
      ]),
      criterion('website-contacts', yes, [
        'Phone and address within two clicks',
        'Telefon und Adresse mit höchstens zwei Klicks',
        'Телефон и адрес — не дальше двух кликов',
        'Telefon a adresa nejvýše na dvě kliknutí',
        'Telefón a adresa najviac na dve kliknutia',
        'Telefonul și adresa la cel mult două clicuri',
      ]),
      criterion('website-prices', yes, [
        'Prices or price ranges published',
        'Preise oder Preisspannen veröffentlicht',
        'Цены или диапазоны цен опубликованы',
        'Ceny nebo cenová rozpětí zveřejněna',
        'Ceny alebo cenové rozpätia zverejnené',
        'Prețuri sau intervale de preț publicate',
      ]),
      criterion('contact-form', yes, [
        'Contact form works and confirms sending',
        'Kontaktformular funktioniert und bestätigt den Versand',
        'Форма обратной связи работает и подтверждает отправку',
        'Kontaktní formulář funguje a potvrdí odeslání',
        'Kontaktný formulár funguje a potvrdí odoslanie',
        'Formularul de contact funcționează și confirmă trimiterea',
      ]),
      criterion('website-chat', atMost(60, 's'), [
        'Chat answered within 60 s',
        'Chat innerhalb von 60 s beantwortet',
        'В чате ответили в течение 60 с',
        'Chat odpověděl do 60 s',
        'Chat odpovedal do 60 s',
        'Chatul a răspuns în 60 s',
      ]),
      criterion('email-auto-reply', yes, [
        'Automatic confirmation of the e-mail received',
        'Automatische Eingangsbestätigung der E-Mail erhalten',
        'Пришло автоматическое подтверждение получения письма',
        'Přišlo automatické potvrzení přijetí e-mailu',
        'Prišlo automatické potvrdenie prijatia e-mailu',
        'Confirmare automată a primirii e-mailului',
      ]),
      criterion('email-inquiry', atMost(10, 'min', 2), [
        'Reply to an e-mail within 10 min',
        'Antwort auf eine E-Mail innerhalb von 10 min',
        'Ответ на письмо в течение 10 мин',
        'Odpověď na e-mail do 10 min',
        'Odpoveď na e-mail do 10 min',
        'Răspuns la e-mail în 10 min',
      ]),
      criterion('email-inquiry', score, [
        'Reply answers the question fully and politely',
        'Die Antwort beantwortet die Frage vollständig und höflich',
        'Ответ полный и вежливый',
        'Odpověď je úplná a zdvořilá',
        'Odpoveď je úplná a zdvorilá',
        'Răspunsul este complet și politicos',
      ]),
    ],
  },
];

export function findAuditTemplate(key: string): AuditTemplate | undefined {
  return AUDIT_TEMPLATES.find((t) => t.key === key);
}

/** The language asked for when it is one of the six, else English. */
export function templateLanguage(language: string | null | undefined): TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language ?? '')
    ? (language as TemplateLanguage)
    : 'en';
}

export interface MatchableTouchpoint {
  id: string;
  key: string;
  stage: string | null;
  channelKey: string | null;
  /** Of the own brand (criteria attach to the own touchpoints; audits of competitors compare with them). */
  own: boolean;
}

/**
 * The workspace touchpoint a template criterion checks: the one with the template key, else an
 * own touchpoint whose key ends in `-<template key>` (as `clinic-reception`), else the only own
 * touchpoint of the same channel and stage; null when none fits (the criterion goes on the stage).
 * `allowed`, when given, limits the choice (the touchpoints of the checklist's journey).
 */
export function matchTemplateTouchpoint(
  c: Pick<AuditTemplateCriterion, 'touchpointKey' | 'stage' | 'channel'>,
  touchpoints: readonly MatchableTouchpoint[],
  allowed?: ReadonlySet<string>,
): MatchableTouchpoint | null {
  const pool = allowed ? touchpoints.filter((t) => allowed.has(t.id)) : touchpoints;
  const exact = pool.find((t) => t.key === c.touchpointKey);
  if (exact) return exact;
  const own = pool.filter((t) => t.own);
  const suffixed = own.filter((t) => t.key.endsWith(`-${c.touchpointKey}`));
  if (suffixed.length === 1) return suffixed[0] ?? null;
  const same = own.filter((t) => t.stage === c.stage && t.channelKey === c.channel);
  return same.length === 1 ? (same[0] ?? null) : null;
}
