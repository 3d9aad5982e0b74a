/**
 * The words of the public survey pages, the kiosk, the embed widget and the posters in the six
 * languages; the survey's own texts (title, questions, thank-you) come from the survey.
 */
import type { Language } from '../domain/survey-model.js';

export interface PublicTexts {
  send: string;
  optional: string;
  required: string;
  errorSummary: string;
  answerThis: string;
  commentHint: string;
  csatLow: string;
  csatHigh: string;
  npsLow: string;
  npsHigh: string;
  cesLow: string;
  cesHigh: string;
  email: string;
  phone: string;
  language: string;
  thanks: string;
  duplicate: string;
  notOpen: string;
  closed: string;
  notStarted: string;
  ended: string;
  notFound: string;
  tooMany: string;
  offlineQueued: string;
  sending: string;
  failed: string;
  feedback: string;
  close: string;
  posterCta: string;
  posterScan: string;
  posterOr: string;
  sheetTitle: string;
  sheetEmpty: string;
  printHint: string;
  answerOne: string;
  badEmail: string;
  badPhone: string;
  kioskRevoked: string;
}

export const PUBLIC_TEXTS: Record<Language, PublicTexts> = {
  en: {
    send: 'Send',
    optional: 'optional',
    required: 'required',
    errorSummary: 'Please check your answers:',
    answerThis: 'Please answer this question.',
    commentHint: 'Up to 2000 characters.',
    csatLow: 'Very dissatisfied',
    csatHigh: 'Very satisfied',
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    cesLow: 'Very easy',
    cesHigh: 'Very difficult',
    email: 'E-mail',
    phone: 'Phone',
    language: 'Language',
    thanks: 'Thank you!',
    duplicate: 'We already have your answers. Thank you!',
    notOpen: 'This survey is not open yet.',
    closed: 'This survey is closed.',
    notStarted: 'This survey has not started yet.',
    ended: 'This survey has ended.',
    notFound: 'There is no survey at this address.',
    tooMany: 'Too many answers from here just now. Please try again in a minute.',
    offlineQueued: 'Saved. It will be sent when the connection is back.',
    sending: 'Sending…',
    failed: 'Your answers could not be sent. Please try again.',
    feedback: 'Feedback',
    close: 'Close',
    posterCta: 'How did we do?',
    posterScan: 'Scan the code with your phone’s camera — it takes less than a minute.',
    posterOr: 'or open',
    sheetTitle: 'Survey QR codes',
    sheetEmpty: 'No live survey at an offline touchpoint.',
    printHint: 'Print this page or save it as PDF: Ctrl+P (⌘P on a Mac).',
    answerOne: 'Please answer at least one question.',
    badEmail: 'Please enter an e-mail address such as name@example.com.',
    badPhone: 'Please enter a phone number: digits, spaces and + - ( ) only.',
    kioskRevoked: 'This kiosk link no longer works. Ask for a new one.',
  },
  de: {
    send: 'Senden',
    optional: 'optional',
    required: 'Pflichtfeld',
    errorSummary: 'Bitte prüfen Sie Ihre Antworten:',
    answerThis: 'Bitte beantworten Sie diese Frage.',
    commentHint: 'Bis zu 2000 Zeichen.',
    csatLow: 'Sehr unzufrieden',
    csatHigh: 'Sehr zufrieden',
    npsLow: 'Überhaupt nicht wahrscheinlich',
    npsHigh: 'Äußerst wahrscheinlich',
    cesLow: 'Sehr einfach',
    cesHigh: 'Sehr schwierig',
    email: 'E-Mail',
    phone: 'Telefon',
    language: 'Sprache',
    thanks: 'Vielen Dank!',
    duplicate: 'Ihre Antworten liegen uns bereits vor. Vielen Dank!',
    notOpen: 'Diese Umfrage ist noch nicht geöffnet.',
    closed: 'Diese Umfrage ist geschlossen.',
    notStarted: 'Diese Umfrage hat noch nicht begonnen.',
    ended: 'Diese Umfrage ist beendet.',
    notFound: 'Unter dieser Adresse gibt es keine Umfrage.',
    tooMany: 'Gerade kommen zu viele Antworten von hier. Bitte versuchen Sie es in einer Minute erneut.',
    offlineQueued: 'Gespeichert. Wird gesendet, sobald die Verbindung wieder da ist.',
    sending: 'Wird gesendet…',
    failed: 'Ihre Antworten konnten nicht gesendet werden. Bitte versuchen Sie es erneut.',
    feedback: 'Feedback',
    close: 'Schließen',
    posterCta: 'Wie waren wir?',
    posterScan: 'Scannen Sie den Code mit der Handykamera – es dauert weniger als eine Minute.',
    posterOr: 'oder öffnen Sie',
    sheetTitle: 'QR-Codes der Umfragen',
    sheetEmpty: 'Keine laufende Umfrage an einem Offline-Touchpoint.',
    printHint: 'Drucken Sie diese Seite oder speichern Sie sie als PDF: Strg+P (⌘P auf dem Mac).',
    answerOne: 'Bitte beantworten Sie mindestens eine Frage.',
    badEmail: 'Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein.',
    badPhone: 'Bitte geben Sie eine Telefonnummer ein: nur Ziffern, Leerzeichen und + - ( ).',
    kioskRevoked: 'Dieser Kiosk-Link funktioniert nicht mehr. Bitte fordern Sie einen neuen an.',
  },
  ru: {
    send: 'Отправить',
    optional: 'необязательно',
    required: 'обязательно',
    errorSummary: 'Пожалуйста, проверьте ответы:',
    answerThis: 'Пожалуйста, ответьте на этот вопрос.',
    commentHint: 'До 2000 символов.',
    csatLow: 'Совсем не доволен',
    csatHigh: 'Очень доволен',
    npsLow: 'Совсем маловероятно',
    npsHigh: 'Очень вероятно',
    cesLow: 'Очень легко',
    cesHigh: 'Очень трудно',
    email: 'Эл. почта',
    phone: 'Телефон',
    language: 'Язык',
    thanks: 'Спасибо!',
    duplicate: 'Ваши ответы уже получены. Спасибо!',
    notOpen: 'Этот опрос ещё не открыт.',
    closed: 'Этот опрос закрыт.',
    notStarted: 'Этот опрос ещё не начался.',
    ended: 'Этот опрос завершён.',
    notFound: 'По этому адресу опроса нет.',
    tooMany: 'Сейчас отсюда слишком много ответов. Попробуйте через минуту.',
    offlineQueued: 'Сохранено. Отправим, как только появится связь.',
    sending: 'Отправка…',
    failed: 'Не удалось отправить ответы. Попробуйте ещё раз.',
    feedback: 'Отзыв',
    close: 'Закрыть',
    posterCta: 'Как мы справились?',
    posterScan: 'Наведите камеру телефона на код — это займёт меньше минуты.',
    posterOr: 'или откройте',
    sheetTitle: 'QR-коды опросов',
    sheetEmpty: 'Нет активных опросов в офлайн-точках контакта.',
    printHint: 'Распечатайте страницу или сохраните её в PDF: Ctrl+P (⌘P на Mac).',
    answerOne: 'Пожалуйста, ответьте хотя бы на один вопрос.',
    badEmail: 'Введите адрес эл. почты, например name@example.com.',
    badPhone: 'Введите номер телефона: только цифры, пробелы и + - ( ).',
    kioskRevoked: 'Эта ссылка киоска больше не действует. Запросите новую.',
  },
  cs: {
    send: 'Odeslat',
    optional: 'nepovinné',
    required: 'povinné',
    errorSummary: 'Zkontrolujte prosím své odpovědi:',
    answerThis: 'Odpovězte prosím na tuto otázku.',
    commentHint: 'Nejvýše 2000 znaků.',
    csatLow: 'Velmi nespokojen',
    csatHigh: 'Velmi spokojen',
    npsLow: 'Vůbec nepravděpodobné',
    npsHigh: 'Velmi pravděpodobné',
    cesLow: 'Velmi snadné',
    cesHigh: 'Velmi obtížné',
    email: 'E-mail',
    phone: 'Telefon',
    language: 'Jazyk',
    thanks: 'Děkujeme!',
    duplicate: 'Vaše odpovědi už máme. Děkujeme!',
    notOpen: 'Tento průzkum ještě není otevřený.',
    closed: 'Tento průzkum je uzavřený.',
    notStarted: 'Tento průzkum ještě nezačal.',
    ended: 'Tento průzkum skončil.',
    notFound: 'Na této adrese žádný průzkum není.',
    tooMany: 'Odsud teď přichází příliš mnoho odpovědí. Zkuste to prosím za minutu.',
    offlineQueued: 'Uloženo. Odešle se, jakmile bude spojení zpět.',
    sending: 'Odesílání…',
    failed: 'Odpovědi se nepodařilo odeslat. Zkuste to prosím znovu.',
    feedback: 'Zpětná vazba',
    close: 'Zavřít',
    posterCta: 'Jak jsme si vedli?',
    posterScan: 'Naskenujte kód fotoaparátem telefonu – zabere to méně než minutu.',
    posterOr: 'nebo otevřete',
    sheetTitle: 'QR kódy průzkumů',
    sheetEmpty: 'Žádný běžící průzkum v offline kontaktním bodě.',
    printHint: 'Vytiskněte tuto stránku nebo ji uložte jako PDF: Ctrl+P (⌘P na Macu).',
    answerOne: 'Odpovězte prosím alespoň na jednu otázku.',
    badEmail: 'Zadejte prosím e-mailovou adresu, např. name@example.com.',
    badPhone: 'Zadejte prosím telefonní číslo: jen číslice, mezery a + - ( ).',
    kioskRevoked: 'Tento odkaz kiosku už nefunguje. Požádejte o nový.',
  },
  sk: {
    send: 'Odoslať',
    optional: 'nepovinné',
    required: 'povinné',
    errorSummary: 'Skontrolujte, prosím, svoje odpovede:',
    answerThis: 'Odpovedzte, prosím, na túto otázku.',
    commentHint: 'Najviac 2000 znakov.',
    csatLow: 'Veľmi nespokojný',
    csatHigh: 'Veľmi spokojný',
    npsLow: 'Vôbec nepravdepodobné',
    npsHigh: 'Veľmi pravdepodobné',
    cesLow: 'Veľmi ľahké',
    cesHigh: 'Veľmi ťažké',
    email: 'E-mail',
    phone: 'Telefón',
    language: 'Jazyk',
    thanks: 'Ďakujeme!',
    duplicate: 'Vaše odpovede už máme. Ďakujeme!',
    notOpen: 'Tento prieskum ešte nie je otvorený.',
    closed: 'Tento prieskum je uzavretý.',
    notStarted: 'Tento prieskum sa ešte nezačal.',
    ended: 'Tento prieskum sa skončil.',
    notFound: 'Na tejto adrese nie je žiadny prieskum.',
    tooMany: 'Odtiaľto teraz prichádza priveľa odpovedí. Skúste to, prosím, o minútu.',
    offlineQueued: 'Uložené. Odošle sa, keď bude spojenie späť.',
    sending: 'Odosiela sa…',
    failed: 'Odpovede sa nepodarilo odoslať. Skúste to, prosím, znova.',
    feedback: 'Spätná väzba',
    close: 'Zavrieť',
    posterCta: 'Ako sme si viedli?',
    posterScan: 'Naskenujte kód fotoaparátom telefónu – zaberie to menej ako minútu.',
    posterOr: 'alebo otvorte',
    sheetTitle: 'QR kódy prieskumov',
    sheetEmpty: 'Žiadny prebiehajúci prieskum v offline kontaktnom bode.',
    printHint: 'Vytlačte túto stránku alebo ju uložte ako PDF: Ctrl+P (⌘P na Macu).',
    answerOne: 'Odpovedzte, prosím, aspoň na jednu otázku.',
    badEmail: 'Zadajte, prosím, e-mailovú adresu, napr. name@example.com.',
    badPhone: 'Zadajte, prosím, telefónne číslo: iba číslice, medzery a + - ( ).',
    kioskRevoked: 'Tento odkaz kiosku už nefunguje. Požiadajte o nový.',
  },
  ro: {
    send: 'Trimite',
    optional: 'opțional',
    required: 'obligatoriu',
    errorSummary: 'Vă rugăm să vă verificați răspunsurile:',
    answerThis: 'Vă rugăm să răspundeți la această întrebare.',
    commentHint: 'Cel mult 2000 de caractere.',
    csatLow: 'Foarte nemulțumit',
    csatHigh: 'Foarte mulțumit',
    npsLow: 'Deloc probabil',
    npsHigh: 'Extrem de probabil',
    cesLow: 'Foarte ușor',
    cesHigh: 'Foarte dificil',
    email: 'E-mail',
    phone: 'Telefon',
    language: 'Limba',
    thanks: 'Vă mulțumim!',
    duplicate: 'Avem deja răspunsurile dumneavoastră. Vă mulțumim!',
    notOpen: 'Acest sondaj nu este încă deschis.',
    closed: 'Acest sondaj este închis.',
    notStarted: 'Acest sondaj nu a început încă.',
    ended: 'Acest sondaj s-a încheiat.',
    notFound: 'Nu există niciun sondaj la această adresă.',
    tooMany: 'Prea multe răspunsuri de aici în acest moment. Încercați din nou peste un minut.',
    offlineQueued: 'Salvat. Va fi trimis când revine conexiunea.',
    sending: 'Se trimite…',
    failed: 'Răspunsurile nu au putut fi trimise. Încercați din nou.',
    feedback: 'Părerea dvs.',
    close: 'Închide',
    posterCta: 'Cum ne-am descurcat?',
    posterScan: 'Scanați codul cu camera telefonului – durează mai puțin de un minut.',
    posterOr: 'sau deschideți',
    sheetTitle: 'Coduri QR ale sondajelor',
    sheetEmpty: 'Niciun sondaj activ la un punct de contact offline.',
    printHint: 'Tipăriți această pagină sau salvați-o ca PDF: Ctrl+P (⌘P pe Mac).',
    answerOne: 'Vă rugăm să răspundeți la cel puțin o întrebare.',
    badEmail: 'Introduceți o adresă de e-mail, de exemplu name@example.com.',
    badPhone: 'Introduceți un număr de telefon: doar cifre, spații și + - ( ).',
    kioskRevoked: 'Acest link de chioșc nu mai funcționează. Cereți unul nou.',
  },
};

/** The page words for a language. */
export function publicTexts(language: Language): PublicTexts {
  return PUBLIC_TEXTS[language];
}

/** What a survey that takes no answers says, by the reason SurveyOpenState gives. */
export function closedText(texts: PublicTexts, reason: 'draft' | 'closed' | 'not_started' | 'ended'): string {
  return { draft: texts.notOpen, closed: texts.closed, not_started: texts.notStarted, ended: texts.ended }[
    reason
  ];
}
