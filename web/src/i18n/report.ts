import { defineTranslations } from './define';

/** The Report page: the touchpoint audit report, shown, printed and downloaded. */
export const report = defineTranslations(
  {
    title: 'Audit report',
    intro:
      'The touchpoint audit report of this workspace: the inventory and its coverage of the template library, the health check of the three laws, chain funnels with weak links, standards compliance, feedback scores and improvement tasks. Print it on A4 or save it as PDF from the print dialog, or download it as one HTML file.',
    language: 'Language of the report',
    workspaceLanguage: 'Workspace language',
    print: 'Print / Save as PDF',
    download: 'Download HTML',
    frameTitle: 'Touchpoint audit report',
    loading: 'Preparing the report…',
    periodInvalid: 'The start of the period must be before its end.',
  },
  {
    de: {
      title: 'Audit-Bericht',
      intro:
        'Der Touchpoint-Audit-Bericht dieses Arbeitsbereichs: das Inventar und seine Abdeckung der Vorlagenbibliothek, die Prüfung der drei Gesetze, Ketten-Trichter mit schwachen Gliedern, die Einhaltung der Standards, Feedback-Werte und Verbesserungsaufgaben. Drucken Sie ihn auf A4, speichern Sie ihn im Druckdialog als PDF oder laden Sie ihn als eine HTML-Datei herunter.',
      language: 'Sprache des Berichts',
      workspaceLanguage: 'Sprache des Arbeitsbereichs',
      print: 'Drucken / Als PDF speichern',
      download: 'HTML herunterladen',
      frameTitle: 'Touchpoint-Audit-Bericht',
      loading: 'Der Bericht wird vorbereitet…',
      periodInvalid: 'Der Beginn des Zeitraums muss vor seinem Ende liegen.',
    },
    ru: {
      title: 'Отчёт об аудите',
      intro:
        'Отчёт об аудите точек контакта этого рабочего пространства: реестр и его покрытие библиотеки шаблонов, проверка трёх законов, воронки цепочек со слабыми звеньями, соблюдение стандартов, оценки обратной связи и задачи по улучшению. Распечатайте его на A4 или сохраните как PDF из диалога печати, либо скачайте одним HTML-файлом.',
      language: 'Язык отчёта',
      workspaceLanguage: 'Язык рабочего пространства',
      print: 'Печать / Сохранить как PDF',
      download: 'Скачать HTML',
      frameTitle: 'Отчёт об аудите точек контакта',
      loading: 'Отчёт готовится…',
      periodInvalid: 'Начало периода должно быть раньше его конца.',
    },
    cs: {
      title: 'Zpráva z auditu',
      intro:
        'Zpráva z auditu kontaktních bodů tohoto pracovního prostoru: soupis a jeho pokrytí knihovny šablon, kontrola tří zákonů, trychtýře řetězců se slabými články, plnění standardů, hodnocení zpětné vazby a úkoly ke zlepšení. Vytiskněte ji na A4 nebo ji v dialogu tisku uložte jako PDF, případně ji stáhněte jako jeden soubor HTML.',
      language: 'Jazyk zprávy',
      workspaceLanguage: 'Jazyk pracovního prostoru',
      print: 'Tisk / Uložit jako PDF',
      download: 'Stáhnout HTML',
      frameTitle: 'Zpráva z auditu kontaktních bodů',
      loading: 'Zpráva se připravuje…',
      periodInvalid: 'Začátek období musí předcházet jeho konci.',
    },
    sk: {
      title: 'Správa z auditu',
      intro:
        'Správa z auditu kontaktných bodov tohto pracovného priestoru: súpis a jeho pokrytie knižnice šablón, kontrola troch zákonov, lieviky reťazcov so slabými článkami, plnenie štandardov, hodnotenie spätnej väzby a úlohy na zlepšenie. Vytlačte ju na A4 alebo ju v dialógu tlače uložte ako PDF, prípadne ju stiahnite ako jeden súbor HTML.',
      language: 'Jazyk správy',
      workspaceLanguage: 'Jazyk pracovného priestoru',
      print: 'Tlač / Uložiť ako PDF',
      download: 'Stiahnuť HTML',
      frameTitle: 'Správa z auditu kontaktných bodov',
      loading: 'Správa sa pripravuje…',
      periodInvalid: 'Začiatok obdobia musí byť pred jeho koncom.',
    },
    ro: {
      title: 'Raport de audit',
      intro:
        'Raportul auditului punctelor de contact din acest spațiu de lucru: inventarul și acoperirea bibliotecii de șabloane, verificarea celor trei legi, pâlniile lanțurilor cu verigile slabe, respectarea standardelor, scorurile de feedback și sarcinile de îmbunătățire. Tipăriți-l pe A4 sau salvați-l ca PDF din dialogul de tipărire ori descărcați-l ca un singur fișier HTML.',
      language: 'Limba raportului',
      workspaceLanguage: 'Limba spațiului de lucru',
      print: 'Tipărire / Salvare ca PDF',
      download: 'Descarcă HTML',
      frameTitle: 'Raportul auditului punctelor de contact',
      loading: 'Raportul se pregătește…',
      periodInvalid: 'Începutul perioadei trebuie să fie înaintea sfârșitului ei.',
    },
  },
);
