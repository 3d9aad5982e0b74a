/**
 * The texts of the touchpoint audit report in the six languages of the app, and the number and
 * date formats of each (Intl). Placeholders are `{name}`; `fill` puts the (already formatted)
 * values in. The report is written in the workspace's language (`settings.language`) unless the
 * caller asks for another.
 */
import type { HealthRule, Law } from '../domain/health.js';
import type {
  DEFAULT_CHANNELS,
  DEFAULT_STAGE_KEYS,
  Direction,
  LEVERS,
  LINK_ROLES,
  STANDARD_METRICS,
  TASK_STATUSES,
  TOUCHPOINT_STATUSES,
} from '../domain/vocabulary.js';

export const REPORT_LANGUAGES = ['en', 'de', 'ru', 'cs', 'sk', 'ro'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export function isReportLanguage(value: unknown): value is ReportLanguage {
  return typeof value === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(value);
}

type StageKey = (typeof DEFAULT_STAGE_KEYS)[number];
type ChannelKey = (typeof DEFAULT_CHANNELS)[number]['key'];

/** The chapters of the report, in order. */
export const REPORT_CHAPTERS = [
  'inventory',
  'coverage',
  'health',
  'chains',
  'standards',
  'feedback',
  'audits',
  'benchmark',
  'alerts',
  'tasks',
] as const;
export type ReportChapter = (typeof REPORT_CHAPTERS)[number];

export interface ReportTexts {
  title: string;
  workspace: string;
  period: string;
  generated: string;
  ownBrand: string;
  competitors: string;
  none: string;
  contents: string;
  page: string;
  chapter: Record<ReportChapter, string>;
  intro: Record<ReportChapter, string>;
  empty: Record<ReportChapter, string>;
  inventory: {
    total: string;
    byChannel: string;
    byStage: string;
    byDirection: string;
    byStatus: string;
    byBrand: string;
    count: string;
    noChannel: string;
    noStage: string;
    list: string;
  };
  coverage: {
    summary: string;
    covered: string;
    missing: string;
    allCovered: string;
    template: string;
    match: string;
  };
  health: { summary: string; lawClear: string; measuredNote: string; findings: string };
  chains: {
    link: string;
    role: string;
    reached: string;
    fromPrevious: string;
    fromFirst: string;
    dropped: string;
    brokenByNegative: string;
    weakLink: string;
    noWeakLink: string;
    noLinks: string;
    window: string;
  };
  standards: {
    summary: string;
    target: string;
    measured: string;
    share: string;
    required: string;
    result: string;
    passed: string;
    failed: string;
    noData: string;
  };
  feedback: {
    interactions: string;
    negativeShare: string;
    csat: string;
    nps: string;
    ces: string;
    overall: string;
    chart: string;
  };
  tasks: {
    owner: string;
    open: string;
    closed: string;
    noOpen: string;
    noClosed: string;
    title: string;
    lever: string;
    status: string;
    due: string;
    overdue: string;
    outcome: string;
  };
  audits: {
    score: string;
    passRate: string;
    audits: string;
    answers: string;
    latest: string;
    noFailures: string;
    criterion: string;
    note: string;
    failed: string;
  };
  benchmark: {
    inBrackets: string;
    beats: string;
    noBeats: string;
    competitor: string;
    gap: string;
    own: string;
    object: string;
    chart: string;
    byStage: string;
  };
  alerts: { rule: string; subject: string; since: string; message: string };
  column: {
    name: string;
    key: string;
    brand: string;
    channel: string;
    stage: string;
    direction: string;
    status: string;
    touchpoint: string;
    standard: string;
    metric: string;
    chain: string;
  };
  stages: Record<StageKey, string>;
  /** The built-in channels a workspace has not renamed. */
  channels: Record<ChannelKey, string>;
  directions: Record<Direction, string>;
  touchpointStatuses: Record<(typeof TOUCHPOINT_STATUSES)[number], string>;
  roles: Record<(typeof LINK_ROLES)[number], string>;
  levers: Record<(typeof LEVERS)[number], string>;
  taskStatuses: Record<(typeof TASK_STATUSES)[number], string>;
  metrics: Record<(typeof STANDARD_METRICS)[number], string>;
  laws: Record<Law, string>;
  severity: { error: string; warning: string };
  rules: Record<HealthRule, string>;
}

const en: ReportTexts = {
  title: 'Touchpoint audit report',
  workspace: 'Workspace',
  period: 'Period',
  generated: 'Prepared on',
  ownBrand: 'Own brand',
  competitors: 'Competitors',
  none: 'none',
  contents: 'Contents',
  page: 'Page',
  chapter: {
    audits: 'Audit results',
    benchmark: 'Competitor benchmark',
    alerts: 'Open alerts',
    inventory: 'Touchpoint inventory',
    coverage: 'Coverage against the template library',
    health: 'Health check of the three laws',
    chains: 'Chains and weak links',
    standards: 'Standards compliance',
    feedback: 'Feedback scores',
    tasks: 'Improvement tasks',
  },
  intro: {
    audits:
      'Scores of the audits and mystery-shopping walks submitted in the period, per brand (the weighted mean of the criteria, 0–100 %), and the criteria each brand failed in its latest audit.',
    benchmark:
      'Brands side by side per journey stage by audit score, and the stages and touchpoints where a competitor scores higher than the own brand, largest gap first.',
    alerts: 'Alerts whose condition still held when the report was prepared.',
    inventory:
      'Every way the business reaches its customers and they reach it, by channel, journey stage, direction and status.',
    coverage:
      'The reference touchpoints of the template library (from the source articles) that have a touchpoint of the own brand with the same key or name, and those still missing.',
    health:
      'Which objects break the three laws of touchpoints: on the catalog, and on the data measured over the last {days} days.',
    chains:
      'Customers passing each chain link by link in the period; the weak link is the transition with the lowest conversion.',
    standards:
      'The share of interactions meeting each standard in the period, against the share it requires.',
    feedback:
      'Negative share of rated interactions, CSAT (share of 4–5 answers), NPS and CES per touchpoint in the period.',
    tasks: 'What is being done to improve the touchpoints, and what was verified from live data.',
  },
  empty: {
    audits: 'No audit was submitted in the period: plan an audit of the own brand or of a competitor.',
    benchmark: 'No audit scores to compare in the period: audit a competitor with the same checklist.',
    alerts: 'No open alerts.',
    inventory: 'The workspace has no touchpoints yet.',
    coverage: 'The template library is empty.',
    health: 'No findings: the catalog follows the three laws.',
    chains: 'No chain with links yet: map the touchpoints customers pass on their way into chains.',
    standards: 'No standards yet: set a measurable promise for the key touchpoints.',
    feedback: 'No interactions or feedback recorded in the period.',
    tasks: 'No improvement tasks yet.',
  },
  inventory: {
    total: 'Touchpoints: {n} (active: {active}).',
    byChannel: 'By channel',
    byStage: 'By stage',
    byDirection: 'By direction',
    byStatus: 'By status',
    byBrand: 'By brand',
    count: 'Touchpoints',
    noChannel: 'No channel',
    noStage: 'No stage',
    list: 'Touchpoints of the own brand',
  },
  coverage: {
    summary: '{covered} of {total} reference touchpoints ({share}) have a match.',
    covered: 'Covered',
    missing: 'Missing',
    allCovered: 'Every reference touchpoint has a match.',
    template: 'Reference touchpoint',
    match: 'Matching touchpoint',
  },
  health: {
    summary: 'Findings: {total} (errors: {errors}, warnings: {warnings}).',
    lawClear: 'No findings for this law.',
    measuredNote: 'Measured findings cover the last {days} days.',
    findings: 'Findings',
  },
  chains: {
    link: 'Link',
    role: 'Role',
    reached: 'Reached',
    fromPrevious: 'From previous',
    fromFirst: 'From first',
    dropped: 'Dropped',
    brokenByNegative: 'After a negative',
    weakLink: 'Weak link: “{from}” → “{to}”: {reached} of {entrants} customers went on ({conversion}).',
    noWeakLink: 'No weak link: no transition has at least {min} entrants.',
    noLinks: 'This chain has no links yet.',
    window: 'Window: {days} days',
  },
  standards: {
    summary: 'Standards passing: {passed} of {total} (failing: {failed}, without data: {noData}).',
    target: 'Target',
    measured: 'Measured',
    share: 'Meeting',
    required: 'Required',
    result: 'Result',
    passed: 'Passes',
    failed: 'Fails',
    noData: 'No data',
  },
  feedback: {
    interactions: 'Interactions',
    negativeShare: 'Negative share',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'All touchpoints',
    chart: 'Negative share by touchpoint',
  },
  tasks: {
    owner: 'Owner',
    open: 'Open tasks',
    closed: 'Verified and not effective',
    noOpen: 'No open tasks.',
    noClosed: 'No task has been verified yet.',
    title: 'Task',
    lever: 'Lever',
    status: 'Status',
    due: 'Due',
    overdue: 'overdue',
    outcome: 'Verification',
  },
  audits: {
    score: 'Score',
    passRate: 'Pass rate',
    audits: 'Audits',
    answers: 'Answers',
    latest: 'Latest audit: {checklist}, {date}, score {score}.',
    noFailures: 'No criterion failed.',
    criterion: 'Criterion',
    note: 'Note',
    failed: 'Failed criteria',
  },
  benchmark: {
    inBrackets: 'In brackets: the audits behind each score.',
    beats: 'Where a competitor beats us',
    noBeats: 'No competitor scores higher than the own brand anywhere.',
    competitor: 'Competitor',
    gap: 'Gap',
    own: 'Own brand',
    object: 'Stage / touchpoint',
    chart: 'Audit score by stage and brand',
    byStage: 'By stage',
  },
  alerts: {
    rule: 'Rule',
    subject: 'Subject',
    since: 'Since',
    message: 'Message',
  },
  column: {
    name: 'Name',
    key: 'Key',
    brand: 'Brand',
    channel: 'Channel',
    stage: 'Stage',
    direction: 'Direction',
    status: 'Status',
    touchpoint: 'Touchpoint',
    standard: 'Standard',
    metric: 'Metric',
    chain: 'Chain',
  },
  stages: {
    need_recognition: 'Need recognition',
    information_search: 'Information search',
    comparison: 'Comparison of options',
    purchase: 'Purchase',
    post_purchase: 'Post-purchase reaction',
  },
  channels: {
    website: 'Website',
    email: 'E-mail',
    phone: 'Phone / call centre',
    chat: 'Chat',
    messenger: 'Messenger',
    sms: 'SMS',
    social_media: 'Social media',
    search_results: 'Search results',
    banner_ad: 'Banner ad',
    context_ad: 'Context ad',
    review_site: 'Review site',
    customer_portal: 'Customer portal',
    mobile_app: 'Mobile app',
    printed: 'Printed (brochure, flyer, business card, price list, contract)',
    signage: 'Signage / facade',
    premises: 'Premises / reception',
    event: 'Event / fair',
    in_person: 'In person',
    post: 'Post',
  },
  directions: { in: 'Customer → business', out: 'Business → customer', both: 'Both ways' },
  touchpointStatuses: { planned: 'Planned', active: 'Active', retired: 'Retired' },
  roles: { initial: 'Initial', middle: 'Middle', final: 'Final' },
  levers: {
    staff_qualification: 'Staff qualification',
    new_touchpoints: 'New touchpoints',
    product_improvement: 'Product improvement',
    target_clients: 'Target clients',
    business_processes: 'Business processes',
    sales_channels: 'Sales channels',
  },
  taskStatuses: {
    planned: 'Planned',
    in_progress: 'In progress',
    done: 'Done',
    verified: 'Verified',
    not_effective: 'Not effective',
  },
  metrics: {
    response_ms: 'Response time',
    wait_ms: 'Waiting time',
    duration_ms: 'Duration',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Negative share',
    prop: 'Property',
    complaint_first_response_ms: 'Complaint first response',
    complaint_resolution_ms: 'Complaint resolution',
    review_reply_ms: 'Review reply time',
  },
  laws: {
    1: 'Law 1: every subject has more than one touchpoint',
    2: 'Law 2: touchpoints form chains, and every chain ends in a final link from which a new chain starts',
    3: 'Law 3: touchpoints must be managed — an owner, a standard that is met, live data',
  },
  severity: { error: 'Error', warning: 'Warning' },
  rules: {
    subject_few_touchpoints: 'Subjects with fewer than two touchpoints',
    chain_no_initial: 'Chains without an initial link',
    chain_no_final: 'Chains without a final link',
    final_without_continuation: 'Final links without a next chain',
    stage_without_touchpoint: 'Journey stages without a touchpoint',
    touchpoint_in_no_chain: 'Touchpoints in no chain',
    touchpoint_no_owner: 'Touchpoints without an owner',
    touchpoint_no_standard: 'Touchpoints without a standard',
    negative_breaks_chain: 'Negative experiences break chains',
    touchpoint_no_recent_interaction: 'Touchpoints without recent interactions',
    standard_failing: 'Failing standards',
    standard_failing_without_task: 'Failing standards without an open task',
    task_overdue: 'Overdue tasks',
  },
};

const de: ReportTexts = {
  title: 'Touchpoint-Audit-Bericht',
  workspace: 'Arbeitsbereich',
  period: 'Zeitraum',
  generated: 'Erstellt am',
  ownBrand: 'Eigene Marke',
  competitors: 'Wettbewerber',
  none: 'keine',
  contents: 'Inhalt',
  page: 'Seite',
  chapter: {
    audits: 'Audit-Ergebnisse',
    benchmark: 'Wettbewerbsvergleich',
    alerts: 'Offene Warnungen',
    inventory: 'Touchpoint-Inventar',
    coverage: 'Abdeckung der Vorlagenbibliothek',
    health: 'Prüfung der drei Gesetze',
    chains: 'Ketten und schwache Glieder',
    standards: 'Einhaltung der Standards',
    feedback: 'Feedback-Werte',
    tasks: 'Verbesserungsaufgaben',
  },
  intro: {
    audits:
      'Ergebnisse der im Zeitraum eingereichten Audits und Mystery-Shopping-Rundgänge je Marke (gewichteter Mittelwert der Kriterien, 0–100 %) und die Kriterien, die jede Marke in ihrem letzten Audit nicht erfüllt hat.',
    benchmark:
      'Die Marken nebeneinander je Journey-Phase nach Audit-Ergebnis, und die Phasen und Touchpoints, in denen ein Wettbewerber besser abschneidet als die eigene Marke, größter Abstand zuerst.',
    alerts: 'Warnungen, deren Bedingung bei der Erstellung des Berichts noch bestand.',
    inventory:
      'Alle Wege, auf denen das Unternehmen seine Kunden erreicht und die Kunden das Unternehmen, nach Kanal, Journey-Phase, Richtung und Status.',
    coverage:
      'Die Referenz-Touchpoints der Vorlagenbibliothek (aus den Quellartikeln), zu denen die eigene Marke einen Touchpoint mit gleichem Schlüssel oder Namen hat, und die noch fehlenden.',
    health:
      'Welche Objekte gegen die drei Gesetze der Touchpoints verstoßen: im Katalog und in den Messdaten der letzten {days} Tage.',
    chains:
      'Kunden, die jede Kette im Zeitraum Glied für Glied durchlaufen; das schwache Glied ist der Übergang mit der niedrigsten Konversion.',
    standards:
      'Der Anteil der Interaktionen, die jeden Standard im Zeitraum erfüllen, gegenüber dem geforderten Anteil.',
    feedback:
      'Negativanteil der bewerteten Interaktionen, CSAT (Anteil der Antworten 4–5), NPS und CES je Touchpoint im Zeitraum.',
    tasks:
      'Was getan wird, um die Touchpoints zu verbessern, und was anhand aktueller Daten bestätigt wurde.',
  },
  empty: {
    audits:
      'Im Zeitraum wurde kein Audit eingereicht: Planen Sie ein Audit der eigenen Marke oder eines Wettbewerbers.',
    benchmark:
      'Im Zeitraum gibt es keine Audit-Ergebnisse zum Vergleichen: Auditieren Sie einen Wettbewerber mit derselben Checkliste.',
    alerts: 'Keine offenen Warnungen.',
    inventory: 'Der Arbeitsbereich hat noch keine Touchpoints.',
    coverage: 'Die Vorlagenbibliothek ist leer.',
    health: 'Keine Befunde: Der Katalog folgt den drei Gesetzen.',
    chains: 'Noch keine Kette mit Gliedern: Ordnen Sie die Touchpoints, die Kunden durchlaufen, zu Ketten.',
    standards:
      'Noch keine Standards: Legen Sie für die wichtigsten Touchpoints ein messbares Versprechen fest.',
    feedback: 'Im Zeitraum wurden keine Interaktionen und kein Feedback erfasst.',
    tasks: 'Noch keine Verbesserungsaufgaben.',
  },
  inventory: {
    total: 'Touchpoints: {n} (davon aktiv: {active}).',
    byChannel: 'Nach Kanal',
    byStage: 'Nach Phase',
    byDirection: 'Nach Richtung',
    byStatus: 'Nach Status',
    byBrand: 'Nach Marke',
    count: 'Touchpoints',
    noChannel: 'Kein Kanal',
    noStage: 'Keine Phase',
    list: 'Touchpoints der eigenen Marke',
  },
  coverage: {
    summary: '{covered} von {total} Referenz-Touchpoints ({share}) haben eine Entsprechung.',
    covered: 'Abgedeckt',
    missing: 'Fehlend',
    allCovered: 'Jeder Referenz-Touchpoint hat eine Entsprechung.',
    template: 'Referenz-Touchpoint',
    match: 'Entsprechender Touchpoint',
  },
  health: {
    summary: 'Befunde: {total} (Fehler: {errors}, Warnungen: {warnings}).',
    lawClear: 'Keine Befunde zu diesem Gesetz.',
    measuredNote: 'Gemessene Befunde beziehen sich auf die letzten {days} Tage.',
    findings: 'Befunde',
  },
  chains: {
    link: 'Glied',
    role: 'Rolle',
    reached: 'Erreicht',
    fromPrevious: 'Vom vorigen',
    fromFirst: 'Vom ersten',
    dropped: 'Abgesprungen',
    brokenByNegative: 'Nach negativer Erfahrung',
    weakLink:
      'Schwaches Glied: „{from}“ → „{to}“: {reached} von {entrants} Kunden gingen weiter ({conversion}).',
    noWeakLink: 'Kein schwaches Glied: Kein Übergang hat mindestens {min} Eintritte.',
    noLinks: 'Diese Kette hat noch keine Glieder.',
    window: 'Zeitfenster: {days} Tage',
  },
  standards: {
    summary: 'Erfüllte Standards: {passed} von {total} (nicht erfüllt: {failed}, ohne Daten: {noData}).',
    target: 'Zielwert',
    measured: 'Gemessen',
    share: 'Erfüllt',
    required: 'Gefordert',
    result: 'Ergebnis',
    passed: 'Erfüllt',
    failed: 'Nicht erfüllt',
    noData: 'Keine Daten',
  },
  feedback: {
    interactions: 'Interaktionen',
    negativeShare: 'Negativanteil',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'Alle Touchpoints',
    chart: 'Negativanteil je Touchpoint',
  },
  tasks: {
    owner: 'Verantwortlich',
    open: 'Offene Aufgaben',
    closed: 'Bestätigt und nicht wirksam',
    noOpen: 'Keine offenen Aufgaben.',
    noClosed: 'Noch keine Aufgabe wurde bestätigt.',
    title: 'Aufgabe',
    lever: 'Hebel',
    status: 'Status',
    due: 'Fällig',
    overdue: 'überfällig',
    outcome: 'Überprüfung',
  },
  audits: {
    score: 'Ergebnis',
    passRate: 'Erfüllungsquote',
    audits: 'Audits',
    answers: 'Antworten',
    latest: 'Letztes Audit: {checklist}, {date}, Ergebnis {score}.',
    noFailures: 'Kein Kriterium wurde verfehlt.',
    criterion: 'Kriterium',
    note: 'Notiz',
    failed: 'Nicht erfüllte Kriterien',
  },
  benchmark: {
    inBrackets: 'In Klammern: die Audits hinter jedem Ergebnis.',
    beats: 'Wo ein Wettbewerber besser ist',
    noBeats: 'Kein Wettbewerber schneidet irgendwo besser ab als die eigene Marke.',
    competitor: 'Wettbewerber',
    gap: 'Abstand',
    own: 'Eigene Marke',
    object: 'Phase / Touchpoint',
    chart: 'Audit-Ergebnis nach Phase und Marke',
    byStage: 'Nach Phase',
  },
  alerts: {
    rule: 'Regel',
    subject: 'Betrifft',
    since: 'Seit',
    message: 'Meldung',
  },
  column: {
    name: 'Name',
    key: 'Schlüssel',
    brand: 'Marke',
    channel: 'Kanal',
    stage: 'Phase',
    direction: 'Richtung',
    status: 'Status',
    touchpoint: 'Touchpoint',
    standard: 'Standard',
    metric: 'Kennzahl',
    chain: 'Kette',
  },
  stages: {
    need_recognition: 'Bedarfserkennung',
    information_search: 'Informationssuche',
    comparison: 'Vergleich der Alternativen',
    purchase: 'Kauf',
    post_purchase: 'Reaktion nach dem Kauf',
  },
  channels: {
    website: 'Website',
    email: 'E-Mail',
    phone: 'Telefon / Callcenter',
    chat: 'Chat',
    messenger: 'Messenger',
    sms: 'SMS',
    social_media: 'Soziale Medien',
    search_results: 'Suchergebnisse',
    banner_ad: 'Bannerwerbung',
    context_ad: 'Kontextwerbung',
    review_site: 'Bewertungsportal',
    customer_portal: 'Kundenportal',
    mobile_app: 'Mobile App',
    printed: 'Gedrucktes (Broschüre, Flyer, Visitenkarte, Preisliste, Vertrag)',
    signage: 'Beschilderung / Fassade',
    premises: 'Räumlichkeiten / Empfang',
    event: 'Veranstaltung / Messe',
    in_person: 'Persönlich',
    post: 'Post',
  },
  directions: { in: 'Kunde → Unternehmen', out: 'Unternehmen → Kunde', both: 'Beide Richtungen' },
  touchpointStatuses: { planned: 'Geplant', active: 'Aktiv', retired: 'Stillgelegt' },
  roles: { initial: 'Anfangsglied', middle: 'Mittelglied', final: 'Endglied' },
  levers: {
    staff_qualification: 'Qualifikation der Mitarbeitenden',
    new_touchpoints: 'Neue Kontaktpunkte',
    product_improvement: 'Produktverbesserung',
    target_clients: 'Zielkunden',
    business_processes: 'Geschäftsprozesse',
    sales_channels: 'Vertriebskanäle',
  },
  taskStatuses: {
    planned: 'Geplant',
    in_progress: 'In Arbeit',
    done: 'Erledigt',
    verified: 'Bestätigt',
    not_effective: 'Nicht wirksam',
  },
  metrics: {
    response_ms: 'Antwortzeit',
    wait_ms: 'Wartezeit',
    duration_ms: 'Dauer',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Negativanteil',
    prop: 'Eigenschaft',
    complaint_first_response_ms: 'Erste Antwort auf Beschwerden',
    complaint_resolution_ms: 'Erledigung von Beschwerden',
    review_reply_ms: 'Antwortzeit auf Bewertungen',
  },
  laws: {
    1: 'Gesetz 1: Jedes Subjekt hat mehr als einen Touchpoint',
    2: 'Gesetz 2: Touchpoints bilden Ketten, und jede Kette endet in einem Endglied, an dem eine neue Kette beginnt',
    3: 'Gesetz 3: Touchpoints müssen gesteuert werden — ein Verantwortlicher, ein erfüllter Standard, aktuelle Daten',
  },
  severity: { error: 'Fehler', warning: 'Warnung' },
  rules: {
    subject_few_touchpoints: 'Subjekte mit weniger als zwei Touchpoints',
    chain_no_initial: 'Ketten ohne Anfangsglied',
    chain_no_final: 'Ketten ohne Endglied',
    final_without_continuation: 'Endglieder ohne Folgekette',
    stage_without_touchpoint: 'Journey-Phasen ohne Touchpoint',
    touchpoint_in_no_chain: 'Touchpoints in keiner Kette',
    touchpoint_no_owner: 'Touchpoints ohne Verantwortlichen',
    touchpoint_no_standard: 'Touchpoints ohne Standard',
    negative_breaks_chain: 'Negative Erfahrungen unterbrechen Ketten',
    touchpoint_no_recent_interaction: 'Touchpoints ohne aktuelle Interaktionen',
    standard_failing: 'Nicht erfüllte Standards',
    standard_failing_without_task: 'Nicht erfüllte Standards ohne offene Aufgabe',
    task_overdue: 'Überfällige Aufgaben',
  },
};

const ru: ReportTexts = {
  title: 'Отчёт об аудите точек контакта',
  workspace: 'Рабочее пространство',
  period: 'Период',
  generated: 'Подготовлен',
  ownBrand: 'Собственный бренд',
  competitors: 'Конкуренты',
  none: 'нет',
  contents: 'Содержание',
  page: 'Страница',
  chapter: {
    audits: 'Результаты аудитов',
    benchmark: 'Сравнение с конкурентами',
    alerts: 'Открытые оповещения',
    inventory: 'Реестр точек контакта',
    coverage: 'Покрытие библиотеки шаблонов',
    health: 'Проверка трёх законов',
    chains: 'Цепочки и слабые звенья',
    standards: 'Соблюдение стандартов',
    feedback: 'Оценки обратной связи',
    tasks: 'Задачи по улучшению',
  },
  intro: {
    audits:
      'Оценки аудитов и визитов тайного покупателя, отправленных в периоде, по брендам (взвешенное среднее по критериям, 0–100 %), и критерии, не выполненные каждым брендом в последнем аудите.',
    benchmark:
      'Бренды рядом по этапам пути по оценке аудита, а также этапы и точки контакта, где конкурент оценён выше собственного бренда, по убыванию разрыва.',
    alerts: 'Оповещения, условие которых ещё выполнялось на момент подготовки отчёта.',
    inventory:
      'Все способы, которыми компания связывается с клиентами, а клиенты — с компанией, по каналам, этапам пути, направлению и статусу.',
    coverage:
      'Эталонные точки контакта из библиотеки шаблонов (по исходным статьям), для которых у собственного бренда есть точка контакта с тем же ключом или названием, и те, которых ещё нет.',
    health:
      'Какие объекты нарушают три закона точек контакта: в каталоге и в данных, измеренных за последние {days} дней.',
    chains:
      'Клиенты, проходящие каждую цепочку звено за звеном в периоде; слабое звено — переход с самой низкой конверсией.',
    standards: 'Доля взаимодействий, выполняющих каждый стандарт в периоде, в сравнении с требуемой долей.',
    feedback:
      'Доля негатива среди оценённых взаимодействий, CSAT (доля ответов 4–5), NPS и CES по точкам контакта в периоде.',
    tasks: 'Что делается для улучшения точек контакта и что подтверждено живыми данными.',
  },
  empty: {
    audits:
      'В периоде не отправлено ни одного аудита: запланируйте аудит собственного бренда или конкурента.',
    benchmark: 'В периоде нет оценок аудита для сравнения: проведите аудит конкурента по тому же чек-листу.',
    alerts: 'Открытых оповещений нет.',
    inventory: 'В рабочем пространстве пока нет точек контакта.',
    coverage: 'Библиотека шаблонов пуста.',
    health: 'Замечаний нет: каталог соответствует трём законам.',
    chains: 'Пока нет цепочек со звеньями: объедините точки контакта, которые проходят клиенты, в цепочки.',
    standards: 'Стандартов пока нет: задайте измеримое обещание для ключевых точек контакта.',
    feedback: 'За период не записано ни взаимодействий, ни обратной связи.',
    tasks: 'Задач по улучшению пока нет.',
  },
  inventory: {
    total: 'Точек контакта: {n}, из них активных: {active}',
    byChannel: 'По каналам',
    byStage: 'По этапам',
    byDirection: 'По направлению',
    byStatus: 'По статусу',
    byBrand: 'По брендам',
    count: 'Точки контакта',
    noChannel: 'Без канала',
    noStage: 'Без этапа',
    list: 'Точки контакта собственного бренда',
  },
  coverage: {
    summary: 'Соответствие найдено для {covered} из {total} эталонных точек контакта ({share}).',
    covered: 'Покрыто',
    missing: 'Отсутствует',
    allCovered: 'Для каждой эталонной точки контакта есть соответствие.',
    template: 'Эталонная точка контакта',
    match: 'Соответствующая точка контакта',
  },
  health: {
    summary: 'Замечаний: {total} (ошибок: {errors}, предупреждений: {warnings}).',
    lawClear: 'По этому закону замечаний нет.',
    measuredNote: 'Замечания по измерениям охватывают последние {days} дней.',
    findings: 'Замечания',
  },
  chains: {
    link: 'Звено',
    role: 'Роль',
    reached: 'Дошли',
    fromPrevious: 'От предыдущего',
    fromFirst: 'От первого',
    dropped: 'Выбыли',
    brokenByNegative: 'После негатива',
    weakLink:
      'Слабое звено: «{from}» → «{to}»: дальше прошли {reached} из {entrants} клиентов ({conversion}).',
    noWeakLink: 'Слабого звена нет: ни у одного перехода нет хотя бы {min} вошедших.',
    noLinks: 'У этой цепочки пока нет звеньев.',
    window: 'Окно: {days} дн.',
  },
  standards: {
    summary: 'Выполняется стандартов: {passed} из {total}, не выполняется: {failed}, без данных: {noData}.',
    target: 'Цель',
    measured: 'Измерено',
    share: 'Выполнено',
    required: 'Требуется',
    result: 'Результат',
    passed: 'Выполняется',
    failed: 'Не выполняется',
    noData: 'Нет данных',
  },
  feedback: {
    interactions: 'Взаимодействия',
    negativeShare: 'Доля негатива',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'Все точки контакта',
    chart: 'Доля негатива по точкам контакта',
  },
  tasks: {
    owner: 'Ответственный',
    open: 'Открытые задачи',
    closed: 'Подтверждённые и неэффективные',
    noOpen: 'Открытых задач нет.',
    noClosed: 'Ни одна задача пока не подтверждена.',
    title: 'Задача',
    lever: 'Рычаг',
    status: 'Статус',
    due: 'Срок',
    overdue: 'просрочена',
    outcome: 'Проверка',
  },
  audits: {
    score: 'Оценка',
    passRate: 'Доля выполненных',
    audits: 'Аудиты',
    answers: 'Ответы',
    latest: 'Последний аудит: {checklist}, {date}, оценка {score}.',
    noFailures: 'Все критерии выполнены.',
    criterion: 'Критерий',
    note: 'Заметка',
    failed: 'Невыполненные критерии',
  },
  benchmark: {
    inBrackets: 'В скобках — число аудитов, на которых основана оценка.',
    beats: 'Где конкурент нас опережает',
    noBeats: 'Ни один конкурент нигде не оценён выше собственного бренда.',
    competitor: 'Конкурент',
    gap: 'Разрыв',
    own: 'Собственный бренд',
    object: 'Этап / точка контакта',
    chart: 'Оценка аудита по этапам и брендам',
    byStage: 'По этапам',
  },
  alerts: {
    rule: 'Правило',
    subject: 'Объект',
    since: 'С',
    message: 'Сообщение',
  },
  column: {
    name: 'Название',
    key: 'Ключ',
    brand: 'Бренд',
    channel: 'Канал',
    stage: 'Этап',
    direction: 'Направление',
    status: 'Статус',
    touchpoint: 'Точка контакта',
    standard: 'Стандарт',
    metric: 'Метрика',
    chain: 'Цепочка',
  },
  stages: {
    need_recognition: 'Осознание потребности',
    information_search: 'Поиск информации',
    comparison: 'Сравнение вариантов',
    purchase: 'Покупка',
    post_purchase: 'Реакция после покупки',
  },
  channels: {
    website: 'Сайт',
    email: 'Эл. почта',
    phone: 'Телефон / колл-центр',
    chat: 'Чат',
    messenger: 'Мессенджер',
    sms: 'SMS',
    social_media: 'Социальные сети',
    search_results: 'Поисковая выдача',
    banner_ad: 'Баннерная реклама',
    context_ad: 'Контекстная реклама',
    review_site: 'Сайт отзывов',
    customer_portal: 'Клиентский портал',
    mobile_app: 'Мобильное приложение',
    printed: 'Печатные материалы (буклет, листовка, визитка, прайс-лист, договор)',
    signage: 'Вывеска / фасад',
    premises: 'Помещение / ресепшен',
    event: 'Мероприятие / выставка',
    in_person: 'Лично',
    post: 'Почта',
  },
  directions: { in: 'Клиент → бизнес', out: 'Бизнес → клиент', both: 'В обе стороны' },
  touchpointStatuses: { planned: 'Запланирована', active: 'Активна', retired: 'Выведена' },
  roles: { initial: 'Начальное', middle: 'Промежуточное', final: 'Конечное' },
  levers: {
    staff_qualification: 'Квалификация персонала',
    new_touchpoints: 'Новые точки контакта',
    product_improvement: 'Улучшение продукта',
    target_clients: 'Целевые клиенты',
    business_processes: 'Бизнес-процессы',
    sales_channels: 'Каналы продаж',
  },
  taskStatuses: {
    planned: 'Запланирована',
    in_progress: 'В работе',
    done: 'Выполнена',
    verified: 'Подтверждена',
    not_effective: 'Неэффективна',
  },
  metrics: {
    response_ms: 'Время ответа',
    wait_ms: 'Время ожидания',
    duration_ms: 'Длительность',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Доля негатива',
    prop: 'Свойство',
    complaint_first_response_ms: 'Первый ответ на жалобу',
    complaint_resolution_ms: 'Решение жалобы',
    review_reply_ms: 'Время ответа на отзыв',
  },
  laws: {
    1: 'Закон 1: у каждого субъекта больше одной точки контакта',
    2: 'Закон 2: точки контакта образуют цепочки, и каждая цепочка заканчивается конечным звеном, от которого начинается новая',
    3: 'Закон 3: точками контакта нужно управлять — ответственный, выполняемый стандарт, живые данные',
  },
  severity: { error: 'Ошибка', warning: 'Предупреждение' },
  rules: {
    subject_few_touchpoints: 'Субъекты, у которых меньше двух точек контакта',
    chain_no_initial: 'Цепочки без начального звена',
    chain_no_final: 'Цепочки без конечного звена',
    final_without_continuation: 'Конечные звенья без следующей цепочки',
    stage_without_touchpoint: 'Этапы карты пути без точки контакта',
    touchpoint_in_no_chain: 'Точки контакта вне цепочек',
    touchpoint_no_owner: 'Точки контакта без ответственного',
    touchpoint_no_standard: 'Точки контакта без стандарта',
    negative_breaks_chain: 'Негативный опыт разрывает цепочки',
    touchpoint_no_recent_interaction: 'Точки контакта без недавних взаимодействий',
    standard_failing: 'Невыполняемые стандарты',
    standard_failing_without_task: 'Невыполняемые стандарты без открытой задачи',
    task_overdue: 'Просроченные задачи',
  },
};

const cs: ReportTexts = {
  title: 'Zpráva z auditu kontaktních bodů',
  workspace: 'Pracovní prostor',
  period: 'Období',
  generated: 'Připraveno dne',
  ownBrand: 'Vlastní značka',
  competitors: 'Konkurenti',
  none: 'žádní',
  contents: 'Obsah',
  page: 'Strana',
  chapter: {
    audits: 'Výsledky auditů',
    benchmark: 'Srovnání s konkurencí',
    alerts: 'Otevřená upozornění',
    inventory: 'Soupis kontaktních bodů',
    coverage: 'Pokrytí knihovny šablon',
    health: 'Kontrola tří zákonů',
    chains: 'Řetězce a slabé články',
    standards: 'Plnění standardů',
    feedback: 'Hodnocení zpětné vazby',
    tasks: 'Úkoly ke zlepšení',
  },
  intro: {
    audits:
      'Hodnocení auditů a návštěv fiktivního zákazníka odevzdaných v období podle značek (vážený průměr kritérií, 0–100 %) a kritéria, která každá značka nesplnila ve svém posledním auditu.',
    benchmark:
      'Značky vedle sebe podle fází cesty a hodnocení auditu a fáze a kontaktní body, kde je konkurent hodnocen lépe než vlastní značka, od největšího rozdílu.',
    alerts: 'Upozornění, jejichž podmínka při přípravě zprávy stále platila.',
    inventory:
      'Všechny cesty, kterými firma oslovuje zákazníky a zákazníci firmu, podle kanálu, fáze cesty, směru a stavu.',
    coverage:
      'Referenční kontaktní body knihovny šablon (ze zdrojových článků), ke kterým má vlastní značka kontaktní bod se stejným klíčem nebo názvem, a ty, které ještě chybí.',
    health:
      'Které objekty porušují tři zákony kontaktních bodů: v katalogu a v datech naměřených za posledních {days} dní.',
    chains:
      'Zákazníci, kteří v daném období procházejí každý řetězec článek po článku; slabý článek je přechod s nejnižší konverzí.',
    standards: 'Podíl interakcí, které v období plní každý standard, ve srovnání s požadovaným podílem.',
    feedback:
      'Podíl negativních hodnocených interakcí, CSAT (podíl odpovědí 4–5), NPS a CES podle kontaktních bodů v období.',
    tasks: 'Co se dělá pro zlepšení kontaktních bodů a co bylo ověřeno živými daty.',
  },
  empty: {
    audits: 'V období nebyl odevzdán žádný audit: naplánujte audit vlastní značky nebo konkurenta.',
    benchmark:
      'V období nejsou žádná hodnocení auditu ke srovnání: proveďte audit konkurenta podle stejného kontrolního seznamu.',
    alerts: 'Žádná otevřená upozornění.',
    inventory: 'Pracovní prostor zatím nemá žádné kontaktní body.',
    coverage: 'Knihovna šablon je prázdná.',
    health: 'Žádná zjištění: katalog dodržuje tři zákony.',
    chains: 'Zatím žádný řetězec s články: seřaďte kontaktní body, kterými zákazníci procházejí, do řetězců.',
    standards: 'Zatím žádné standardy: stanovte měřitelný slib pro klíčové kontaktní body.',
    feedback: 'V období nebyly zaznamenány žádné interakce ani zpětná vazba.',
    tasks: 'Zatím žádné úkoly ke zlepšení.',
  },
  inventory: {
    total: 'Kontaktní body: {n} (z toho aktivní: {active}).',
    byChannel: 'Podle kanálu',
    byStage: 'Podle fáze',
    byDirection: 'Podle směru',
    byStatus: 'Podle stavu',
    byBrand: 'Podle značky',
    count: 'Kontaktní body',
    noChannel: 'Bez kanálu',
    noStage: 'Bez fáze',
    list: 'Kontaktní body vlastní značky',
  },
  coverage: {
    summary: 'Protějšek má {covered} z {total} referenčních kontaktních bodů ({share}).',
    covered: 'Pokryto',
    missing: 'Chybí',
    allCovered: 'Každý referenční kontaktní bod má svůj protějšek.',
    template: 'Referenční kontaktní bod',
    match: 'Odpovídající kontaktní bod',
  },
  health: {
    summary: 'Zjištění: {total} (chyby: {errors}, varování: {warnings}).',
    lawClear: 'K tomuto zákonu nejsou žádná zjištění.',
    measuredNote: 'Zjištění z měření pokrývají posledních {days} dní.',
    findings: 'Zjištění',
  },
  chains: {
    link: 'Článek',
    role: 'Role',
    reached: 'Dosáhli',
    fromPrevious: 'Z předchozího',
    fromFirst: 'Z prvního',
    dropped: 'Odpadli',
    brokenByNegative: 'Po negativní zkušenosti',
    weakLink:
      'Slabý článek: „{from}“ → „{to}“: dál pokračovalo {reached} z {entrants} zákazníků ({conversion}).',
    noWeakLink: 'Žádný slabý článek: žádný přechod nemá alespoň {min} vstupujících.',
    noLinks: 'Tento řetězec zatím nemá články.',
    window: 'Okno: {days} dní',
  },
  standards: {
    summary: 'Plněné standardy: {passed} z {total} (neplněné: {failed}, bez dat: {noData}).',
    target: 'Cíl',
    measured: 'Naměřeno',
    share: 'Splněno',
    required: 'Požadováno',
    result: 'Výsledek',
    passed: 'Plněn',
    failed: 'Neplněn',
    noData: 'Bez dat',
  },
  feedback: {
    interactions: 'Interakce',
    negativeShare: 'Podíl negativních',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'Všechny kontaktní body',
    chart: 'Podíl negativních podle kontaktních bodů',
  },
  tasks: {
    owner: 'Odpovědná osoba',
    open: 'Otevřené úkoly',
    closed: 'Ověřené a neúčinné',
    noOpen: 'Žádné otevřené úkoly.',
    noClosed: 'Zatím nebyl ověřen žádný úkol.',
    title: 'Úkol',
    lever: 'Páka',
    status: 'Stav',
    due: 'Termín',
    overdue: 'po termínu',
    outcome: 'Ověření',
  },
  audits: {
    score: 'Hodnocení',
    passRate: 'Podíl splněných',
    audits: 'Audity',
    answers: 'Odpovědi',
    latest: 'Poslední audit: {checklist}, {date}, hodnocení {score}.',
    noFailures: 'Žádné kritérium nebylo nesplněno.',
    criterion: 'Kritérium',
    note: 'Poznámka',
    failed: 'Nesplněná kritéria',
  },
  benchmark: {
    inBrackets: 'V závorkách: počet auditů, na kterých hodnocení stojí.',
    beats: 'Kde nás konkurent předčí',
    noBeats: 'Žádný konkurent není nikde hodnocen lépe než vlastní značka.',
    competitor: 'Konkurent',
    gap: 'Rozdíl',
    own: 'Vlastní značka',
    object: 'Fáze / kontaktní bod',
    chart: 'Hodnocení auditu podle fází a značek',
    byStage: 'Podle fází',
  },
  alerts: {
    rule: 'Pravidlo',
    subject: 'Týká se',
    since: 'Od',
    message: 'Zpráva',
  },
  column: {
    name: 'Název',
    key: 'Klíč',
    brand: 'Značka',
    channel: 'Kanál',
    stage: 'Fáze',
    direction: 'Směr',
    status: 'Stav',
    touchpoint: 'Kontaktní bod',
    standard: 'Standard',
    metric: 'Metrika',
    chain: 'Řetězec',
  },
  stages: {
    need_recognition: 'Rozpoznání potřeby',
    information_search: 'Hledání informací',
    comparison: 'Porovnání možností',
    purchase: 'Nákup',
    post_purchase: 'Reakce po nákupu',
  },
  channels: {
    website: 'Web',
    email: 'E-mail',
    phone: 'Telefon / call centrum',
    chat: 'Chat',
    messenger: 'Messenger',
    sms: 'SMS',
    social_media: 'Sociální sítě',
    search_results: 'Výsledky vyhledávání',
    banner_ad: 'Bannerová reklama',
    context_ad: 'Kontextová reklama',
    review_site: 'Recenzní web',
    customer_portal: 'Zákaznický portál',
    mobile_app: 'Mobilní aplikace',
    printed: 'Tiskoviny (brožura, leták, vizitka, ceník, smlouva)',
    signage: 'Označení / fasáda',
    premises: 'Prostory / recepce',
    event: 'Akce / veletrh',
    in_person: 'Osobně',
    post: 'Pošta',
  },
  directions: { in: 'Zákazník → firma', out: 'Firma → zákazník', both: 'Oběma směry' },
  touchpointStatuses: { planned: 'Plánovaný', active: 'Aktivní', retired: 'Vyřazený' },
  roles: { initial: 'Počáteční', middle: 'Prostřední', final: 'Koncový' },
  levers: {
    staff_qualification: 'Kvalifikace personálu',
    new_touchpoints: 'Nové kontaktní body',
    product_improvement: 'Zlepšení produktu',
    target_clients: 'Cíloví zákazníci',
    business_processes: 'Obchodní procesy',
    sales_channels: 'Prodejní kanály',
  },
  taskStatuses: {
    planned: 'Plánováno',
    in_progress: 'Probíhá',
    done: 'Hotovo',
    verified: 'Ověřeno',
    not_effective: 'Neúčinné',
  },
  metrics: {
    response_ms: 'Doba odezvy',
    wait_ms: 'Doba čekání',
    duration_ms: 'Trvání',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Podíl negativních',
    prop: 'Vlastnost',
    complaint_first_response_ms: 'První reakce na stížnost',
    complaint_resolution_ms: 'Vyřízení stížnosti',
    review_reply_ms: 'Doba odpovědi na recenzi',
  },
  laws: {
    1: 'Zákon 1: každý subjekt má více než jeden kontaktní bod',
    2: 'Zákon 2: kontaktní body tvoří řetězce a každý řetězec končí koncovým článkem, od kterého začíná nový řetězec',
    3: 'Zákon 3: kontaktní body je třeba řídit — odpovědná osoba, plněný standard, živá data',
  },
  severity: { error: 'Chyba', warning: 'Varování' },
  rules: {
    subject_few_touchpoints: 'Subjekty s méně než dvěma kontaktními body',
    chain_no_initial: 'Řetězce bez počátečního článku',
    chain_no_final: 'Řetězce bez koncového článku',
    final_without_continuation: 'Koncové články bez navazujícího řetězce',
    stage_without_touchpoint: 'Fáze mapy cesty bez kontaktního bodu',
    touchpoint_in_no_chain: 'Kontaktní body mimo řetězce',
    touchpoint_no_owner: 'Kontaktní body bez odpovědné osoby',
    touchpoint_no_standard: 'Kontaktní body bez standardu',
    negative_breaks_chain: 'Negativní zkušenosti přerušují řetězce',
    touchpoint_no_recent_interaction: 'Kontaktní body bez nedávných interakcí',
    standard_failing: 'Neplněné standardy',
    standard_failing_without_task: 'Neplněné standardy bez otevřeného úkolu',
    task_overdue: 'Úkoly po termínu',
  },
};

const sk: ReportTexts = {
  title: 'Správa z auditu kontaktných bodov',
  workspace: 'Pracovný priestor',
  period: 'Obdobie',
  generated: 'Pripravené dňa',
  ownBrand: 'Vlastná značka',
  competitors: 'Konkurenti',
  none: 'žiadni',
  contents: 'Obsah',
  page: 'Strana',
  chapter: {
    audits: 'Výsledky auditov',
    benchmark: 'Porovnanie s konkurenciou',
    alerts: 'Otvorené upozornenia',
    inventory: 'Súpis kontaktných bodov',
    coverage: 'Pokrytie knižnice šablón',
    health: 'Kontrola troch zákonov',
    chains: 'Reťazce a slabé články',
    standards: 'Plnenie štandardov',
    feedback: 'Hodnotenie spätnej väzby',
    tasks: 'Úlohy na zlepšenie',
  },
  intro: {
    audits:
      'Hodnotenia auditov a návštev fiktívneho zákazníka odovzdaných v období podľa značiek (vážený priemer kritérií, 0–100 %) a kritériá, ktoré každá značka nesplnila vo svojom poslednom audite.',
    benchmark:
      'Značky vedľa seba podľa fáz cesty a hodnotenia auditu a fázy a kontaktné body, kde je konkurent hodnotený lepšie ako vlastná značka, od najväčšieho rozdielu.',
    alerts: 'Upozornenia, ktorých podmienka pri príprave správy stále platila.',
    inventory:
      'Všetky cesty, ktorými firma oslovuje zákazníkov a zákazníci firmu, podľa kanála, fázy cesty, smeru a stavu.',
    coverage:
      'Referenčné kontaktné body knižnice šablón (zo zdrojových článkov), ku ktorým má vlastná značka kontaktný bod s rovnakým kľúčom alebo názvom, a tie, ktoré ešte chýbajú.',
    health:
      'Ktoré objekty porušujú tri zákony kontaktných bodov: v katalógu a v dátach nameraných za posledných {days} dní.',
    chains:
      'Zákazníci, ktorí v danom období prechádzajú každý reťazec článok po článku; slabý článok je prechod s najnižšou konverziou.',
    standards: 'Podiel interakcií, ktoré v období plnia každý štandard, v porovnaní s požadovaným podielom.',
    feedback:
      'Podiel negatívnych hodnotených interakcií, CSAT (podiel odpovedí 4–5), NPS a CES podľa kontaktných bodov v období.',
    tasks: 'Čo sa robí na zlepšenie kontaktných bodov a čo bolo overené živými dátami.',
  },
  empty: {
    audits: 'V období nebol odovzdaný žiadny audit: naplánujte audit vlastnej značky alebo konkurenta.',
    benchmark:
      'V období nie sú žiadne hodnotenia auditu na porovnanie: vykonajte audit konkurenta podľa rovnakého kontrolného zoznamu.',
    alerts: 'Žiadne otvorené upozornenia.',
    inventory: 'Pracovný priestor zatiaľ nemá žiadne kontaktné body.',
    coverage: 'Knižnica šablón je prázdna.',
    health: 'Žiadne zistenia: katalóg dodržiava tri zákony.',
    chains:
      'Zatiaľ žiadny reťazec s článkami: zoraďte kontaktné body, ktorými zákazníci prechádzajú, do reťazcov.',
    standards: 'Zatiaľ žiadne štandardy: stanovte merateľný sľub pre kľúčové kontaktné body.',
    feedback: 'V období neboli zaznamenané žiadne interakcie ani spätná väzba.',
    tasks: 'Zatiaľ žiadne úlohy na zlepšenie.',
  },
  inventory: {
    total: 'Kontaktné body: {n} (z toho aktívne: {active}).',
    byChannel: 'Podľa kanála',
    byStage: 'Podľa fázy',
    byDirection: 'Podľa smeru',
    byStatus: 'Podľa stavu',
    byBrand: 'Podľa značky',
    count: 'Kontaktné body',
    noChannel: 'Bez kanála',
    noStage: 'Bez fázy',
    list: 'Kontaktné body vlastnej značky',
  },
  coverage: {
    summary: 'Náprotivok má {covered} z {total} referenčných kontaktných bodov ({share}).',
    covered: 'Pokryté',
    missing: 'Chýba',
    allCovered: 'Každý referenčný kontaktný bod má svoj náprotivok.',
    template: 'Referenčný kontaktný bod',
    match: 'Zodpovedajúci kontaktný bod',
  },
  health: {
    summary: 'Zistenia: {total} (chyby: {errors}, upozornenia: {warnings}).',
    lawClear: 'K tomuto zákonu nie sú žiadne zistenia.',
    measuredNote: 'Zistenia z merania pokrývajú posledných {days} dní.',
    findings: 'Zistenia',
  },
  chains: {
    link: 'Článok',
    role: 'Rola',
    reached: 'Dosiahli',
    fromPrevious: 'Z predchádzajúceho',
    fromFirst: 'Z prvého',
    dropped: 'Odpadli',
    brokenByNegative: 'Po negatívnej skúsenosti',
    weakLink:
      'Slabý článok: „{from}“ → „{to}“: ďalej pokračovalo {reached} z {entrants} zákazníkov ({conversion}).',
    noWeakLink: 'Žiadny slabý článok: žiadny prechod nemá aspoň {min} vstupujúcich.',
    noLinks: 'Tento reťazec zatiaľ nemá články.',
    window: 'Okno: {days} dní',
  },
  standards: {
    summary: 'Plnené štandardy: {passed} z {total} (neplnené: {failed}, bez dát: {noData}).',
    target: 'Cieľ',
    measured: 'Namerané',
    share: 'Splnené',
    required: 'Požadované',
    result: 'Výsledok',
    passed: 'Plnený',
    failed: 'Neplnený',
    noData: 'Bez dát',
  },
  feedback: {
    interactions: 'Interakcie',
    negativeShare: 'Podiel negatívnych',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'Všetky kontaktné body',
    chart: 'Podiel negatívnych podľa kontaktných bodov',
  },
  tasks: {
    owner: 'Zodpovedná osoba',
    open: 'Otvorené úlohy',
    closed: 'Overené a neúčinné',
    noOpen: 'Žiadne otvorené úlohy.',
    noClosed: 'Zatiaľ nebola overená žiadna úloha.',
    title: 'Úloha',
    lever: 'Páka',
    status: 'Stav',
    due: 'Termín',
    overdue: 'po termíne',
    outcome: 'Overenie',
  },
  audits: {
    score: 'Hodnotenie',
    passRate: 'Podiel splnených',
    audits: 'Audity',
    answers: 'Odpovede',
    latest: 'Posledný audit: {checklist}, {date}, hodnotenie {score}.',
    noFailures: 'Žiadne kritérium nebolo nesplnené.',
    criterion: 'Kritérium',
    note: 'Poznámka',
    failed: 'Nesplnené kritériá',
  },
  benchmark: {
    inBrackets: 'V zátvorkách: počet auditov, na ktorých hodnotenie stojí.',
    beats: 'Kde nás konkurent predbieha',
    noBeats: 'Žiadny konkurent nie je nikde hodnotený lepšie ako vlastná značka.',
    competitor: 'Konkurent',
    gap: 'Rozdiel',
    own: 'Vlastná značka',
    object: 'Fáza / kontaktný bod',
    chart: 'Hodnotenie auditu podľa fáz a značiek',
    byStage: 'Podľa fáz',
  },
  alerts: {
    rule: 'Pravidlo',
    subject: 'Týka sa',
    since: 'Od',
    message: 'Správa',
  },
  column: {
    name: 'Názov',
    key: 'Kľúč',
    brand: 'Značka',
    channel: 'Kanál',
    stage: 'Fáza',
    direction: 'Smer',
    status: 'Stav',
    touchpoint: 'Kontaktný bod',
    standard: 'Štandard',
    metric: 'Metrika',
    chain: 'Reťazec',
  },
  stages: {
    need_recognition: 'Rozpoznanie potreby',
    information_search: 'Hľadanie informácií',
    comparison: 'Porovnanie možností',
    purchase: 'Nákup',
    post_purchase: 'Reakcia po nákupe',
  },
  channels: {
    website: 'Web',
    email: 'E-mail',
    phone: 'Telefón / call centrum',
    chat: 'Chat',
    messenger: 'Messenger',
    sms: 'SMS',
    social_media: 'Sociálne siete',
    search_results: 'Výsledky vyhľadávania',
    banner_ad: 'Bannerová reklama',
    context_ad: 'Kontextová reklama',
    review_site: 'Recenzný web',
    customer_portal: 'Zákaznícky portál',
    mobile_app: 'Mobilná aplikácia',
    printed: 'Tlačoviny (brožúra, leták, vizitka, cenník, zmluva)',
    signage: 'Označenie / fasáda',
    premises: 'Priestory / recepcia',
    event: 'Podujatie / veľtrh',
    in_person: 'Osobne',
    post: 'Pošta',
  },
  directions: { in: 'Zákazník → firma', out: 'Firma → zákazník', both: 'Oboma smermi' },
  touchpointStatuses: { planned: 'Plánovaný', active: 'Aktívny', retired: 'Vyradený' },
  roles: { initial: 'Počiatočný', middle: 'Stredný', final: 'Konečný' },
  levers: {
    staff_qualification: 'Kvalifikácia personálu',
    new_touchpoints: 'Nové kontaktné body',
    product_improvement: 'Zlepšenie produktu',
    target_clients: 'Cieľoví klienti',
    business_processes: 'Obchodné procesy',
    sales_channels: 'Predajné kanály',
  },
  taskStatuses: {
    planned: 'Plánované',
    in_progress: 'Prebieha',
    done: 'Hotové',
    verified: 'Overené',
    not_effective: 'Neúčinné',
  },
  metrics: {
    response_ms: 'Čas odozvy',
    wait_ms: 'Čas čakania',
    duration_ms: 'Trvanie',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Podiel negatívnych',
    prop: 'Vlastnosť',
    complaint_first_response_ms: 'Prvá reakcia na sťažnosť',
    complaint_resolution_ms: 'Vybavenie sťažnosti',
    review_reply_ms: 'Čas odpovede na recenziu',
  },
  laws: {
    1: 'Zákon 1: každý subjekt má viac ako jeden kontaktný bod',
    2: 'Zákon 2: kontaktné body tvoria reťazce a každý reťazec končí konečným článkom, od ktorého začína nový reťazec',
    3: 'Zákon 3: kontaktné body treba riadiť — zodpovedná osoba, plnený štandard, živé dáta',
  },
  severity: { error: 'Chyba', warning: 'Upozornenie' },
  rules: {
    subject_few_touchpoints: 'Subjekty s menej ako dvoma kontaktnými bodmi',
    chain_no_initial: 'Reťazce bez počiatočného článku',
    chain_no_final: 'Reťazce bez konečného článku',
    final_without_continuation: 'Konečné články bez nadväzujúceho reťazca',
    stage_without_touchpoint: 'Fázy mapy cesty bez kontaktného bodu',
    touchpoint_in_no_chain: 'Kontaktné body mimo reťazcov',
    touchpoint_no_owner: 'Kontaktné body bez zodpovednej osoby',
    touchpoint_no_standard: 'Kontaktné body bez štandardu',
    negative_breaks_chain: 'Negatívne skúsenosti prerušujú reťazce',
    touchpoint_no_recent_interaction: 'Kontaktné body bez nedávnych interakcií',
    standard_failing: 'Neplnené štandardy',
    standard_failing_without_task: 'Neplnené štandardy bez otvorenej úlohy',
    task_overdue: 'Úlohy po termíne',
  },
};

const ro: ReportTexts = {
  title: 'Raportul auditului punctelor de contact',
  workspace: 'Spațiu de lucru',
  period: 'Perioada',
  generated: 'Întocmit la',
  ownBrand: 'Marca proprie',
  competitors: 'Concurenți',
  none: 'niciunul',
  contents: 'Cuprins',
  page: 'Pagina',
  chapter: {
    audits: 'Rezultatele auditurilor',
    benchmark: 'Comparația cu concurența',
    alerts: 'Alerte deschise',
    inventory: 'Inventarul punctelor de contact',
    coverage: 'Acoperirea bibliotecii de șabloane',
    health: 'Verificarea celor trei legi',
    chains: 'Lanțuri și verigi slabe',
    standards: 'Respectarea standardelor',
    feedback: 'Scorurile de feedback',
    tasks: 'Sarcini de îmbunătățire',
  },
  intro: {
    audits:
      'Scorurile auditurilor și ale vizitelor de tip mystery shopping trimise în perioadă, pe mărci (media ponderată a criteriilor, 0–100 %), și criteriile neîndeplinite de fiecare marcă la ultimul ei audit.',
    benchmark:
      'Mărcile alăturate pe etape ale parcursului după scorul auditului, și etapele și punctele de contact unde un concurent are un scor mai mare decât marca proprie, în ordinea diferenței.',
    alerts: 'Alertele a căror condiție era încă îndeplinită când a fost întocmit raportul.',
    inventory:
      'Toate căile prin care afacerea ajunge la clienți și clienții ajung la ea, pe canale, etape ale parcursului, direcție și stare.',
    coverage:
      'Punctele de contact de referință din biblioteca de șabloane (din articolele sursă) pentru care marca proprie are un punct de contact cu aceeași cheie sau același nume, și cele care lipsesc încă.',
    health:
      'Ce obiecte încalcă cele trei legi ale punctelor de contact: în catalog și în datele măsurate în ultimele {days} zile.',
    chains:
      'Clienții care parcurg fiecare lanț verigă cu verigă în perioadă; veriga slabă este trecerea cu cea mai mică conversie.',
    standards:
      'Ponderea interacțiunilor care respectă fiecare standard în perioadă, față de ponderea cerută.',
    feedback:
      'Ponderea negativă a interacțiunilor evaluate, CSAT (ponderea răspunsurilor 4–5), NPS și CES pe puncte de contact în perioadă.',
    tasks: 'Ce se face pentru a îmbunătăți punctele de contact și ce a fost verificat din date actuale.',
  },
  empty: {
    audits:
      'Niciun audit nu a fost trimis în perioadă: planificați un audit al mărcii proprii sau al unui concurent.',
    benchmark:
      'Nu există scoruri de audit de comparat în perioadă: auditați un concurent cu aceeași listă de verificare.',
    alerts: 'Nicio alertă deschisă.',
    inventory: 'Spațiul de lucru nu are încă puncte de contact.',
    coverage: 'Biblioteca de șabloane este goală.',
    health: 'Nicio constatare: catalogul respectă cele trei legi.',
    chains: 'Încă niciun lanț cu verigi: grupați în lanțuri punctele de contact prin care trec clienții.',
    standards: 'Încă niciun standard: stabiliți o promisiune măsurabilă pentru punctele de contact cheie.',
    feedback: 'Nu s-au înregistrat interacțiuni sau feedback în perioadă.',
    tasks: 'Încă nicio sarcină de îmbunătățire.',
  },
  inventory: {
    total: 'Puncte de contact: {n} (dintre care active: {active}).',
    byChannel: 'Pe canale',
    byStage: 'Pe etape',
    byDirection: 'Pe direcție',
    byStatus: 'Pe stare',
    byBrand: 'Pe mărci',
    count: 'Puncte de contact',
    noChannel: 'Fără canal',
    noStage: 'Fără etapă',
    list: 'Punctele de contact ale mărcii proprii',
  },
  coverage: {
    summary: '{covered} din {total} puncte de contact de referință ({share}) au un corespondent.',
    covered: 'Acoperite',
    missing: 'Lipsă',
    allCovered: 'Fiecare punct de contact de referință are un corespondent.',
    template: 'Punct de contact de referință',
    match: 'Punct de contact corespunzător',
  },
  health: {
    summary: 'Constatări: {total} (erori: {errors}, avertismente: {warnings}).',
    lawClear: 'Nicio constatare pentru această lege.',
    measuredNote: 'Constatările măsurate acoperă ultimele {days} zile.',
    findings: 'Constatări',
  },
  chains: {
    link: 'Verigă',
    role: 'Rol',
    reached: 'Au ajuns',
    fromPrevious: 'Din precedenta',
    fromFirst: 'Din prima',
    dropped: 'Au renunțat',
    brokenByNegative: 'După o experiență negativă',
    weakLink:
      'Veriga slabă: „{from}” → „{to}”: au continuat {reached} din {entrants} clienți ({conversion}).',
    noWeakLink: 'Nicio verigă slabă: nicio trecere nu are cel puțin {min} intrări.',
    noLinks: 'Acest lanț nu are încă verigi.',
    window: 'Fereastră: {days} zile',
  },
  standards: {
    summary: 'Standarde respectate: {passed} din {total} (nerespectate: {failed}, fără date: {noData}).',
    target: 'Țintă',
    measured: 'Măsurate',
    share: 'Respectă',
    required: 'Cerut',
    result: 'Rezultat',
    passed: 'Respectat',
    failed: 'Nerespectat',
    noData: 'Fără date',
  },
  feedback: {
    interactions: 'Interacțiuni',
    negativeShare: 'Pondere negativă',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    overall: 'Toate punctele de contact',
    chart: 'Ponderea negativă pe puncte de contact',
  },
  tasks: {
    owner: 'Responsabil',
    open: 'Sarcini deschise',
    closed: 'Verificate și ineficiente',
    noOpen: 'Nicio sarcină deschisă.',
    noClosed: 'Încă nicio sarcină nu a fost verificată.',
    title: 'Sarcină',
    lever: 'Pârghie',
    status: 'Stare',
    due: 'Termen',
    overdue: 'întârziată',
    outcome: 'Verificare',
  },
  audits: {
    score: 'Scor',
    passRate: 'Rată de îndeplinire',
    audits: 'Audituri',
    answers: 'Răspunsuri',
    latest: 'Ultimul audit: {checklist}, {date}, scor {score}.',
    noFailures: 'Niciun criteriu neîndeplinit.',
    criterion: 'Criteriu',
    note: 'Notă',
    failed: 'Criterii neîndeplinite',
  },
  benchmark: {
    inBrackets: 'În paranteze: auditurile din spatele fiecărui scor.',
    beats: 'Unde ne depășește un concurent',
    noBeats: 'Niciun concurent nu are nicăieri un scor mai mare decât marca proprie.',
    competitor: 'Concurent',
    gap: 'Diferență',
    own: 'Marca proprie',
    object: 'Etapă / punct de contact',
    chart: 'Scorul auditului pe etape și mărci',
    byStage: 'Pe etape',
  },
  alerts: {
    rule: 'Regulă',
    subject: 'Obiect',
    since: 'Din',
    message: 'Mesaj',
  },
  column: {
    name: 'Nume',
    key: 'Cheie',
    brand: 'Marcă',
    channel: 'Canal',
    stage: 'Etapă',
    direction: 'Direcție',
    status: 'Stare',
    touchpoint: 'Punct de contact',
    standard: 'Standard',
    metric: 'Indicator',
    chain: 'Lanț',
  },
  stages: {
    need_recognition: 'Recunoașterea nevoii',
    information_search: 'Căutarea informațiilor',
    comparison: 'Compararea opțiunilor',
    purchase: 'Cumpărarea',
    post_purchase: 'Reacția după cumpărare',
  },
  channels: {
    website: 'Site web',
    email: 'E-mail',
    phone: 'Telefon / call center',
    chat: 'Chat',
    messenger: 'Messenger',
    sms: 'SMS',
    social_media: 'Rețele sociale',
    search_results: 'Rezultate de căutare',
    banner_ad: 'Reclamă banner',
    context_ad: 'Reclamă contextuală',
    review_site: 'Site de recenzii',
    customer_portal: 'Portalul clienților',
    mobile_app: 'Aplicație mobilă',
    printed: 'Tipărituri (broșură, fluturaș, carte de vizită, listă de prețuri, contract)',
    signage: 'Firmă / fațadă',
    premises: 'Sediu / recepție',
    event: 'Eveniment / târg',
    in_person: 'În persoană',
    post: 'Poștă',
  },
  directions: { in: 'Client → afacere', out: 'Afacere → client', both: 'În ambele sensuri' },
  touchpointStatuses: { planned: 'Planificat', active: 'Activ', retired: 'Retras' },
  roles: { initial: 'Inițială', middle: 'Intermediară', final: 'Finală' },
  levers: {
    staff_qualification: 'Calificarea personalului',
    new_touchpoints: 'Puncte de contact noi',
    product_improvement: 'Îmbunătățirea produsului',
    target_clients: 'Clienți țintă',
    business_processes: 'Procese de afaceri',
    sales_channels: 'Canale de vânzare',
  },
  taskStatuses: {
    planned: 'Planificată',
    in_progress: 'În lucru',
    done: 'Finalizată',
    verified: 'Verificată',
    not_effective: 'Ineficientă',
  },
  metrics: {
    response_ms: 'Timp de răspuns',
    wait_ms: 'Timp de așteptare',
    duration_ms: 'Durată',
    csat: 'CSAT',
    nps: 'NPS',
    ces: 'CES',
    negative_share: 'Pondere negativă',
    prop: 'Proprietate',
    complaint_first_response_ms: 'Primul răspuns la reclamație',
    complaint_resolution_ms: 'Rezolvarea reclamației',
    review_reply_ms: 'Timpul de răspuns la recenzie',
  },
  laws: {
    1: 'Legea 1: fiecare subiect are mai mult de un punct de contact',
    2: 'Legea 2: punctele de contact formează lanțuri, iar fiecare lanț se termină cu o verigă finală din care începe un lanț nou',
    3: 'Legea 3: punctele de contact trebuie gestionate — un responsabil, un standard respectat, date actuale',
  },
  severity: { error: 'Eroare', warning: 'Avertisment' },
  rules: {
    subject_few_touchpoints: 'Subiecte cu mai puțin de două puncte de contact',
    chain_no_initial: 'Lanțuri fără verigă inițială',
    chain_no_final: 'Lanțuri fără verigă finală',
    final_without_continuation: 'Verigi finale fără lanț următor',
    stage_without_touchpoint: 'Etape ale parcursului fără punct de contact',
    touchpoint_in_no_chain: 'Puncte de contact în afara lanțurilor',
    touchpoint_no_owner: 'Puncte de contact fără responsabil',
    touchpoint_no_standard: 'Puncte de contact fără standard',
    negative_breaks_chain: 'Experiențele negative rup lanțurile',
    touchpoint_no_recent_interaction: 'Puncte de contact fără interacțiuni recente',
    standard_failing: 'Standarde nerespectate',
    standard_failing_without_task: 'Standarde nerespectate fără sarcină deschisă',
    task_overdue: 'Sarcini întârziate',
  },
};

export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = { en, de, ru, cs, sk, ro };

/** Puts values into `{name}` placeholders; an unknown name stays as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Number, percentage and date formats of a language. */
export interface ReportFormat {
  number(n: number, digits?: number): string;
  percent(share: number): string;
  date(ms: number): string;
  duration(ms: number): string;
}

export function reportFormat(lang: ReportLanguage): ReportFormat {
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const seconds = new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });
  const minutes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 });
  return {
    number: (n, digits = 0) =>
      digits === 0
        ? integer.format(n)
        : new Intl.NumberFormat(lang, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(n),
    percent: (share) => percent.format(share),
    date: (ms) => date.format(new Date(ms)),
    duration: (ms) => (ms < 120_000 ? seconds.format(ms / 1000) : minutes.format(ms / 60_000)),
  };
}
