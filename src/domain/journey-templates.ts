/**
 * Journey map templates: ready maps for the businesses the source material describes — a clinic,
 * a consulting firm, a shop, an online shop and a school canteen. Each template has its stages
 * (default stages where they fit — shown in the reader's language — else its own stages, named in
 * the six languages of the app), its lanes (default lanes) and starter notes in some cells. A map
 * made from a template takes the names and notes in the language chosen when it is made.
 */
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from './touchpoint-templates.js';
import type { DEFAULT_LANES, DEFAULT_STAGE_KEYS, LaneKind } from './vocabulary.js';

type Texts = readonly [en: string, de: string, ru: string, cs: string, sk: string, ro: string];
type Localized = Record<TemplateLanguage, string>;
type DefaultLaneKey = (typeof DEFAULT_LANES)[number]['key'];

export interface JourneyTemplateStage {
  key: string;
  /** null for a default stage (DEFAULT_STAGES), named in the reader's language. */
  name: Localized | null;
  /** The designed emotion −2…+2 the stage starts with. */
  designedEmotion: number;
}

export interface JourneyTemplateNote {
  stage: string;
  lane: DefaultLaneKey;
  text: Localized;
}

export interface JourneyTemplate {
  key: string;
  name: Localized;
  description: Localized;
  stages: readonly JourneyTemplateStage[];
  lanes: readonly DefaultLaneKey[];
  notes: readonly JourneyTemplateNote[];
}

function texts(t: Texts): Localized {
  return Object.fromEntries(TEMPLATE_LANGUAGES.map((l, i) => [l, t[i] as string])) as Localized;
}

/** A default stage (its name follows the reader's language). */
const stage = (key: (typeof DEFAULT_STAGE_KEYS)[number], designedEmotion: number): JourneyTemplateStage => ({
  key,
  name: null,
  designedEmotion,
});
/** A stage of the template's own. */
const own = (key: string, designedEmotion: number, name: Texts): JourneyTemplateStage => ({
  key,
  name: texts(name),
  designedEmotion,
});
const note = (stageKey: string, lane: DefaultLaneKey, text: Texts): JourneyTemplateNote => ({
  stage: stageKey,
  lane,
  text: texts(text),
});

const CUSTOMER_LANES = [
  'touchpoints',
  'actions',
  'thoughts',
  'feelings',
  'pain_points',
  'opportunities',
] as const satisfies readonly DefaultLaneKey[];
const SERVICE_LANES = [
  ...CUSTOMER_LANES,
  'frontstage',
  'backstage',
] as const satisfies readonly DefaultLaneKey[];

export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [
  {
    key: 'clinic-visit',
    name: texts([
      'Clinic visit',
      'Praxisbesuch',
      'Визит в клинику',
      'Návštěva kliniky',
      'Návšteva kliniky',
      'Vizită la clinică',
    ]),
    description: texts([
      'A patient’s way from booking an appointment to the follow-up after the visit.',
      'Der Weg eines Patienten von der Terminvereinbarung bis zur Nachsorge nach dem Besuch.',
      'Путь пациента от записи на приём до наблюдения после визита.',
      'Cesta pacienta od objednání až po následnou péči po návštěvě.',
      'Cesta pacienta od objednania až po následnú starostlivosť po návšteve.',
      'Drumul pacientului de la programare până la monitorizarea de după vizită.',
    ]),
    stages: [
      own('booking', 0, [
        'Booking an appointment',
        'Terminvereinbarung',
        'Запись на приём',
        'Objednání',
        'Objednanie',
        'Programarea',
      ]),
      own('arrival', -1, [
        'Arrival and registration',
        'Ankunft und Anmeldung',
        'Приход и регистрация',
        'Příchod a registrace',
        'Príchod a registrácia',
        'Sosirea și înregistrarea',
      ]),
      own('consultation', 1, [
        'Consultation',
        'Untersuchung',
        'Приём у врача',
        'Vyšetření',
        'Vyšetrenie',
        'Consultația',
      ]),
      own('payment', 0, ['Payment', 'Bezahlung', 'Оплата', 'Platba', 'Platba', 'Plata']),
      own('follow_up', 1, [
        'Follow-up',
        'Nachsorge',
        'Наблюдение после визита',
        'Následná péče',
        'Následná starostlivosť',
        'Monitorizarea ulterioară',
      ]),
    ],
    lanes: SERVICE_LANES,
    notes: [
      note('booking', 'actions', [
        'Calls the clinic or books online',
        'Ruft in der Praxis an oder bucht online',
        'Звонит в клинику или записывается онлайн',
        'Volá na kliniku nebo se objedná online',
        'Volá na kliniku alebo sa objedná online',
        'Sună la clinică sau se programează online',
      ]),
      note('booking', 'pain_points', [
        'The line is busy; no free slot soon',
        'Die Leitung ist besetzt; kein freier Termin in Sicht',
        'Линия занята, свободного времени скоро нет',
        'Linka je obsazená, volný termín brzy není',
        'Linka je obsadená, voľný termín skoro nie je',
        'Linia e ocupată; niciun loc liber curând',
      ]),
      note('arrival', 'thoughts', [
        'Will I have to wait long?',
        'Muss ich lange warten?',
        'Долго ли придётся ждать?',
        'Budu dlouho čekat?',
        'Budem dlho čakať?',
        'Voi aștepta mult?',
      ]),
      note('arrival', 'pain_points', [
        'A queue at the registration desk and forms to fill in again',
        'Schlange an der Anmeldung und schon wieder Formulare',
        'Очередь в регистратуре и снова анкеты',
        'Fronta na registraci a zase formuláře',
        'Rad na registrácii a znova formuláre',
        'Coadă la recepție și iar formulare de completat',
      ]),
      note('consultation', 'actions', [
        'Describes the complaint and is examined',
        'Schildert die Beschwerden und wird untersucht',
        'Рассказывает о жалобах, проходит осмотр',
        'Popisuje potíže a je vyšetřen',
        'Opisuje ťažkosti a je vyšetrený',
        'Își descrie simptomele și este examinat',
      ]),
      note('consultation', 'opportunities', [
        'Explain the next steps in plain words and hand them out in writing',
        'Nächste Schritte verständlich erklären und schriftlich mitgeben',
        'Объяснять дальнейшие шаги простыми словами и выдавать их письменно',
        'Vysvětlit další kroky srozumitelně a dát je písemně',
        'Vysvetliť ďalšie kroky zrozumiteľne a dať ich písomne',
        'Explicați pașii următori pe înțelesul tuturor și dați-i în scris',
      ]),
      note('payment', 'pain_points', [
        'The price differs from the price list',
        'Der Preis weicht von der Preisliste ab',
        'Цена отличается от прайс-листа',
        'Cena se liší od ceníku',
        'Cena sa líši od cenníka',
        'Prețul diferă de lista de prețuri',
      ]),
      note('follow_up', 'opportunities', [
        'A reminder of the check-up visit and a short survey',
        'Erinnerung an den Kontrolltermin und eine kurze Umfrage',
        'Напоминание о контрольном визите и короткий опрос',
        'Připomínka kontroly a krátký dotazník',
        'Pripomienka kontroly a krátky dotazník',
        'Un memento pentru vizita de control și un scurt sondaj',
      ]),
    ],
  },
  {
    key: 'consulting-engagement',
    name: texts([
      'Consulting engagement',
      'Beratungsprojekt',
      'Консалтинговый проект',
      'Poradenská zakázka',
      'Poradenská zákazka',
      'Proiect de consultanță',
    ]),
    description: texts([
      'A client’s way from the first doubt to the results of the project.',
      'Der Weg eines Kunden vom ersten Zweifel bis zu den Ergebnissen des Projekts.',
      'Путь клиента от первых сомнений до результатов проекта.',
      'Cesta klienta od prvních pochybností po výsledky projektu.',
      'Cesta klienta od prvých pochybností po výsledky projektu.',
      'Drumul clientului de la primele îndoieli la rezultatele proiectului.',
    ]),
    stages: [
      stage('need_recognition', -1),
      own('first_contact', 0, [
        'First contact',
        'Erstkontakt',
        'Первый контакт',
        'První kontakt',
        'Prvý kontakt',
        'Primul contact',
      ]),
      own('proposal', 0, ['Proposal', 'Angebot', 'Коммерческое предложение', 'Nabídka', 'Ponuka', 'Oferta']),
      own('project_work', 1, [
        'Project work',
        'Projektarbeit',
        'Работа над проектом',
        'Práce na projektu',
        'Práca na projekte',
        'Derularea proiectului',
      ]),
      own('results', 2, [
        'Results and next steps',
        'Ergebnisse und nächste Schritte',
        'Результаты и следующие шаги',
        'Výsledky a další kroky',
        'Výsledky a ďalšie kroky',
        'Rezultate și pașii următori',
      ]),
    ],
    lanes: SERVICE_LANES,
    notes: [
      note('need_recognition', 'thoughts', [
        'Our sales are falling and we do not know why',
        'Unser Umsatz sinkt und wir wissen nicht, warum',
        'Продажи падают, и мы не понимаем почему',
        'Tržby klesají a nevíme proč',
        'Tržby klesajú a nevieme prečo',
        'Vânzările scad și nu știm de ce',
      ]),
      note('first_contact', 'actions', [
        'Sends an enquiry and has an introductory call',
        'Sendet eine Anfrage und führt ein Erstgespräch',
        'Отправляет запрос, проводит вводный звонок',
        'Pošle poptávku a má úvodní hovor',
        'Pošle dopyt a má úvodný hovor',
        'Trimite o cerere și are un apel introductiv',
      ]),
      note('proposal', 'pain_points', [
        'The proposal is long and the price unclear',
        'Das Angebot ist lang und der Preis unklar',
        'Предложение длинное, цена непонятна',
        'Nabídka je dlouhá a cena nejasná',
        'Ponuka je dlhá a cena nejasná',
        'Oferta e lungă și prețul neclar',
      ]),
      note('proposal', 'opportunities', [
        'A one-page proposal with a fixed price per phase',
        'Ein einseitiges Angebot mit Festpreis je Phase',
        'Предложение на одной странице с фиксированной ценой за этап',
        'Nabídka na jednu stránku s pevnou cenou za fázi',
        'Ponuka na jednu stranu s pevnou cenou za fázu',
        'O ofertă de o pagină cu preț fix pe etapă',
      ]),
      note('project_work', 'backstage', [
        'Consultants collect data and interview the staff',
        'Berater sammeln Daten und befragen die Mitarbeitenden',
        'Консультанты собирают данные и интервьюируют сотрудников',
        'Konzultanti sbírají data a dělají rozhovory se zaměstnanci',
        'Konzultanti zbierajú dáta a robia rozhovory so zamestnancami',
        'Consultanții colectează date și intervievează angajații',
      ]),
      note('results', 'actions', [
        'Receives the report and the action plan',
        'Erhält den Bericht und den Maßnahmenplan',
        'Получает отчёт и план действий',
        'Dostane zprávu a akční plán',
        'Dostane správu a akčný plán',
        'Primește raportul și planul de acțiune',
      ]),
    ],
  },
  {
    key: 'retail-purchase',
    name: texts([
      'Retail purchase',
      'Einkauf im Laden',
      'Покупка в магазине',
      'Nákup v obchodě',
      'Nákup v obchode',
      'Cumpărătură în magazin',
    ]),
    description: texts([
      'A shopper’s way from noticing a need to the reaction after the purchase, in the shop.',
      'Der Weg eines Käufers vom Bedarf bis zur Reaktion nach dem Kauf, im Laden.',
      'Путь покупателя от осознания потребности до реакции после покупки, в магазине.',
      'Cesta zákazníka od potřeby po reakci po nákupu, v obchodě.',
      'Cesta zákazníka od potreby po reakciu po nákupe, v obchode.',
      'Drumul cumpărătorului de la nevoie la reacția după cumpărare, în magazin.',
    ]),
    stages: [
      stage('need_recognition', 0),
      stage('information_search', 0),
      stage('comparison', -1),
      stage('purchase', 1),
      stage('post_purchase', 1),
    ],
    lanes: CUSTOMER_LANES,
    notes: [
      note('need_recognition', 'actions', [
        'Sees the shop window or an ad',
        'Sieht das Schaufenster oder eine Anzeige',
        'Видит витрину или рекламу',
        'Vidí výlohu nebo reklamu',
        'Vidí výklad alebo reklamu',
        'Vede vitrina sau o reclamă',
      ]),
      note('information_search', 'actions', [
        'Looks at the website and the reviews',
        'Schaut sich die Website und die Bewertungen an',
        'Смотрит сайт и отзывы',
        'Prohlíží web a recenze',
        'Prezerá web a recenzie',
        'Se uită pe site și la recenzii',
      ]),
      note('comparison', 'thoughts', [
        'Is it cheaper elsewhere?',
        'Ist es woanders günstiger?',
        'А в другом месте дешевле?',
        'Není to jinde levnější?',
        'Nie je to inde lacnejšie?',
        'E mai ieftin în altă parte?',
      ]),
      note('purchase', 'pain_points', [
        'A long queue at the till',
        'Lange Schlange an der Kasse',
        'Длинная очередь на кассе',
        'Dlouhá fronta u pokladny',
        'Dlhý rad pri pokladni',
        'Coadă lungă la casă',
      ]),
      note('purchase', 'opportunities', [
        'Open a second till at peak hours',
        'Zur Stoßzeit eine zweite Kasse öffnen',
        'Открывать вторую кассу в часы пик',
        'Ve špičce otevřít druhou pokladnu',
        'V špičke otvoriť druhú pokladňu',
        'Deschideți a doua casă la orele de vârf',
      ]),
      note('post_purchase', 'actions', [
        'Exchanges or returns the goods, leaves a review',
        'Tauscht die Ware um oder gibt sie zurück, schreibt eine Bewertung',
        'Обменивает или возвращает товар, оставляет отзыв',
        'Vymění nebo vrátí zboží, napíše recenzi',
        'Vymení alebo vráti tovar, napíše recenziu',
        'Schimbă sau returnează produsul, lasă o recenzie',
      ]),
    ],
  },
  {
    key: 'online-order',
    name: texts([
      'Online order',
      'Online-Bestellung',
      'Онлайн-заказ',
      'Online objednávka',
      'Online objednávka',
      'Comandă online',
    ]),
    description: texts([
      'A customer’s way through an online shop: search, checkout, delivery and after.',
      'Der Weg eines Kunden durch einen Onlineshop: Suche, Kasse, Lieferung und danach.',
      'Путь клиента в интернет-магазине: поиск, оформление, доставка и после неё.',
      'Cesta zákazníka e-shopem: hledání, pokladna, doručení a potom.',
      'Cesta zákazníka e-shopom: hľadanie, pokladňa, doručenie a potom.',
      'Drumul clientului într-un magazin online: căutare, plată, livrare și după.',
    ]),
    stages: [
      stage('need_recognition', 0),
      stage('information_search', 0),
      stage('comparison', 0),
      stage('purchase', -1),
      own('delivery', -1, ['Delivery', 'Lieferung', 'Доставка', 'Doručení', 'Doručenie', 'Livrarea']),
      stage('post_purchase', 1),
    ],
    lanes: CUSTOMER_LANES,
    notes: [
      note('information_search', 'actions', [
        'Searches, filters and reads product pages',
        'Sucht, filtert und liest Produktseiten',
        'Ищет, фильтрует, читает карточки товаров',
        'Hledá, filtruje a čte stránky produktů',
        'Hľadá, filtruje a číta stránky produktov',
        'Caută, filtrează și citește paginile produselor',
      ]),
      note('purchase', 'pain_points', [
        'An account is required before paying',
        'Vor dem Bezahlen ist ein Konto nötig',
        'Перед оплатой нужно зарегистрироваться',
        'Před platbou je nutná registrace',
        'Pred platbou je nutná registrácia',
        'E nevoie de cont înainte de plată',
      ]),
      note('purchase', 'opportunities', [
        'Guest checkout and saved payment methods',
        'Bestellen als Gast und gespeicherte Zahlungsarten',
        'Заказ без регистрации и сохранённые способы оплаты',
        'Nákup bez registrace a uložené platební metody',
        'Nákup bez registrácie a uložené platobné metódy',
        'Comandă ca invitat și metode de plată salvate',
      ]),
      note('delivery', 'thoughts', [
        'Where is my parcel?',
        'Wo ist mein Paket?',
        'Где моя посылка?',
        'Kde je můj balík?',
        'Kde je môj balík?',
        'Unde e coletul meu?',
      ]),
      note('delivery', 'opportunities', [
        'A tracking link by SMS and a delivery window',
        'Sendungsverfolgung per SMS und ein Lieferzeitfenster',
        'Ссылка для отслеживания по SMS и интервал доставки',
        'Odkaz na sledování zásilky v SMS a časové okno doručení',
        'Odkaz na sledovanie zásielky v SMS a časové okno doručenia',
        'Link de urmărire prin SMS și un interval de livrare',
      ]),
      note('post_purchase', 'actions', [
        'Rates the order or returns an item',
        'Bewertet die Bestellung oder schickt etwas zurück',
        'Оценивает заказ или возвращает товар',
        'Ohodnotí objednávku nebo vrátí zboží',
        'Ohodnotí objednávku alebo vráti tovar',
        'Evaluează comanda sau returnează un produs',
      ]),
    ],
  },
  {
    key: 'school-canteen',
    name: texts([
      'School canteen',
      'Schulkantine',
      'Школьная столовая',
      'Školní jídelna',
      'Školská jedáleň',
      'Cantina școlii',
    ]),
    description: texts([
      'A pupil’s lunch break: from the menu to the meal and what they say after it.',
      'Die Mittagspause eines Schülers: vom Speiseplan bis zum Essen und der Meinung danach.',
      'Обеденный перерыв ученика: от меню до обеда и отзыва о нём.',
      'Polední přestávka žáka: od jídelníčku po oběd a názor na něj.',
      'Obedňajšia prestávka žiaka: od jedálneho lístka po obed a názor naň.',
      'Pauza de prânz a unui elev: de la meniu la masă și părerea de după.',
    ]),
    stages: [
      own('menu', 0, [
        'Learning the menu',
        'Speiseplan ansehen',
        'Знакомство с меню',
        'Seznámení s jídelníčkem',
        'Zoznámenie sa s jedálnym lístkom',
        'Aflarea meniului',
      ]),
      own('queue', -1, ['Queue', 'Warteschlange', 'Очередь', 'Čekání ve frontě', 'Čakanie v rade', 'Coada']),
      own('choice_payment', 0, [
        'Choice and payment',
        'Auswahl und Bezahlung',
        'Выбор и оплата',
        'Výběr a platba',
        'Výber a platba',
        'Alegerea și plata',
      ]),
      own('meal', 1, ['Meal', 'Essen', 'Обед', 'Jídlo', 'Jedlo', 'Masa']),
      own('feedback', 0, [
        'Feedback',
        'Rückmeldung',
        'Отзыв',
        'Zpětná vazba',
        'Spätná väzba',
        'Părerea elevilor',
      ]),
    ],
    lanes: CUSTOMER_LANES,
    notes: [
      note('menu', 'actions', [
        'Reads the menu on the school website or the board',
        'Liest den Speiseplan auf der Schulwebsite oder am Aushang',
        'Смотрит меню на сайте школы или на стенде',
        'Čte jídelníček na webu školy nebo na nástěnce',
        'Číta jedálny lístok na webe školy alebo na nástenke',
        'Citește meniul pe site-ul școlii sau la avizier',
      ]),
      note('queue', 'pain_points', [
        'The break is short and the queue long',
        'Die Pause ist kurz und die Schlange lang',
        'Перемена короткая, а очередь длинная',
        'Přestávka je krátká a fronta dlouhá',
        'Prestávka je krátka a rad dlhý',
        'Pauza e scurtă și coada lungă',
      ]),
      note('queue', 'opportunities', [
        'Pre-order in the app and a second serving line',
        'Vorbestellung per App und eine zweite Essensausgabe',
        'Предзаказ в приложении и вторая линия раздачи',
        'Předobjednávka v aplikaci a druhá výdejní linka',
        'Predobjednávka v aplikácii a druhá výdajná linka',
        'Precomandă în aplicație și o a doua linie de servire',
      ]),
      note('choice_payment', 'actions', [
        'Chooses a meal and pays by card or chip',
        'Wählt ein Gericht und bezahlt mit Karte oder Chip',
        'Выбирает блюдо и платит картой или чипом',
        'Vybere si jídlo a zaplatí kartou nebo čipem',
        'Vyberie si jedlo a zaplatí kartou alebo čipom',
        'Alege un fel de mâncare și plătește cu cardul sau cipul',
      ]),
      note('meal', 'thoughts', [
        'Is it tasty? Is there enough time to eat?',
        'Schmeckt es? Reicht die Zeit zum Essen?',
        'Вкусно ли? Хватит ли времени поесть?',
        'Chutná to? Stihnu se najíst?',
        'Chutí to? Stihnem sa najesť?',
        'E gustos? Am destul timp să mănânc?',
      ]),
      note('feedback', 'opportunities', [
        'A quick rating at the exit: smileys on a tablet',
        'Schnelle Bewertung am Ausgang: Smileys auf einem Tablet',
        'Быстрая оценка на выходе: смайлики на планшете',
        'Rychlé hodnocení u východu: smajlíky na tabletu',
        'Rýchle hodnotenie pri východe: smajlíky na tablete',
        'O evaluare rapidă la ieșire: emoticoane pe o tabletă',
      ]),
    ],
  },
];

/** The template of this key, or undefined. */
export function findJourneyTemplate(key: string): JourneyTemplate | undefined {
  return JOURNEY_TEMPLATES.find((t) => t.key === key);
}

/** The app language a request names, English when it is not one of the six. */
export function templateLanguage(language: string | undefined): TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language ?? '')
    ? (language as TemplateLanguage)
    : 'en';
}

/**
 * A template in one language, as a new map's content: stages (a default stage has no name, so
 * that it follows the reader's language), lanes (default lanes, unnamed for the same reason) and
 * the starter notes' texts by stage and lane.
 */
export function localizeTemplate(t: JourneyTemplate, language: TemplateLanguage) {
  return {
    key: t.key,
    name: t.name[language],
    description: t.description[language],
    stages: t.stages.map((s) => ({
      key: s.key,
      name: s.name ? s.name[language] : null,
      designedEmotion: s.designedEmotion,
    })),
    lanes: t.lanes.map((key) => ({ key, kind: key as LaneKind })),
    notes: t.notes.map((n) => ({ stage: n.stage, lane: n.lane, text: n.text[language] })),
  };
}

export type LocalizedJourneyTemplate = ReturnType<typeof localizeTemplate>;
