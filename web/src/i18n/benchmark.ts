import { defineTranslations } from './define';

/** The brands page and the competitor benchmark. */
export const benchmark = defineTranslations(
  {
    brands: {
      title: 'Brands',
      intro:
        'Your own brand and your competitors. Touchpoints belong to a brand; an audit scores one brand, yours or a competitor’s, and the benchmark puts them side by side.',
      add: 'Add competitor',
      addTitle: 'Add a competitor',
      editTitle: 'Edit brand',
      name: 'Name',
      website: 'Website',
      websiteHint: 'An http(s) address, or leave it empty.',
      own: 'Own brand',
      competitor: 'Competitor',
      deleteTitle: 'Delete competitor',
      deleteMessage: 'Delete the competitor “{{name}}”? This cannot be undone.',
      inUseTouchpoints:
        'This brand still has touchpoints ({{count}}). Move them to another brand or delete them first.',
      inUseAudits: 'This brand still has audits ({{count}}). Delete them on the Audits page first.',
      empty: 'No competitors yet',
      emptyHint:
        'Add the competitors you want to compare yourself with, then plan an audit of them on the Audits page: the benchmark puts their scores beside yours.',
      toBenchmark: 'Benchmark',
    },
    benchmark: {
      title: 'Competitor benchmark',
      intro:
        'Brands side by side per stage and per touchpoint: the weighted audit score (0–100 %) with the audits and answers behind it, and where data exists the standards met and the feedback measured at each brand’s own touchpoints.',
      journey: 'Journey',
      allJourneys: 'Whole workspace',
      toAudits: 'Plan an audit',
      toBrands: 'Brands',
      own: 'own',
      chartTitle: 'Audit score per stage',
      chartLabel: 'Grouped bars: the audit score of each brand per stage, in per cent',
      beatsTitle: 'Where a competitor beats us',
      beatsHint:
        'Stages and touchpoints where a competitor’s audit score is higher than ours, largest gap first.',
      beatsNone: 'No competitor scores higher than us anywhere in this period.',
      beat: '{{brand}} is ahead at {{where}}',
      stageLevel: 'Stage',
      touchpointAt: 'Touchpoint · {{stage}}',
      beatScores: '{{brand}} {{score}}, we {{own}}',
      beatN: 'n = {{audits}} audits / {{answers}} answers against {{ownAudits}} / {{ownAnswers}}',
      gap: '+{{gap}} pts',
      stagesTitle: 'Per stage',
      tableHint:
        'Audit score, pass rate and n = audits / answers behind it; below, what was measured at the brand’s own touchpoints in the period.',
      stage: 'Stage',
      overall: 'Overall',
      touchpointsTitle: 'Per touchpoint',
      touchpointsHint:
        'Each row is one of your touchpoints as the checklists name it; a competitor’s column holds its audit score of the same touchpoint.',
      touchpoint: 'Touchpoint',
      passRate: 'passed: {{rate}}',
      n: 'n = {{audits}} / {{answers}}',
      noAudit: 'not audited',
      measured: {
        standards: 'Standards met: {{passing}} of {{total}}',
        csat: 'CSAT {{value}} (n = {{n}})',
        nps: 'NPS {{value}} (n = {{n}})',
        negative: 'Negative {{value}} (n = {{n}})',
      },
      failuresTitle: 'Failed in the latest audit',
      failuresHint: 'Each brand’s most recent submitted audit in the period and the criteria it failed.',
      failuresNone: 'Nothing failed.',
      latestAudit: '{{checklist}}, {{date}}: {{score}}',
      emptyTitle: 'Nothing to compare yet',
      emptyHint:
        'The benchmark compares submitted audits. Plan an audit of a competitor on the Audits page, walk it (or send a mystery shopper) and submit it: its scores then appear here beside yours. Check the period too.',
      emptyNoCompetitor:
        'Add a competitor on the Brands page first, then plan an audit of it on the Audits page.',
      noCompetitorAuditTitle: 'No competitor audited in this period',
      noCompetitorAudit:
        'Only your own audits are here. Plan an audit of a competitor on the Audits page to see where you stand.',
    },
  },
  {
    de: {
      brands: {
        title: 'Marken',
        intro:
          'Ihre eigene Marke und Ihre Wettbewerber. Touchpoints gehören zu einer Marke; ein Audit bewertet eine Marke, Ihre oder die eines Wettbewerbers, und der Benchmark stellt sie nebeneinander.',
        add: 'Wettbewerber hinzufügen',
        addTitle: 'Wettbewerber hinzufügen',
        editTitle: 'Marke bearbeiten',
        name: 'Name',
        website: 'Website',
        websiteHint: 'Eine http(s)-Adresse, oder leer lassen.',
        own: 'Eigene Marke',
        competitor: 'Wettbewerber',
        deleteTitle: 'Wettbewerber löschen',
        deleteMessage: 'Den Wettbewerber „{{name}}“ löschen? Das lässt sich nicht rückgängig machen.',
        inUseTouchpoints:
          'Diese Marke hat noch Touchpoints ({{count}}). Ordnen Sie sie zuerst einer anderen Marke zu oder löschen Sie sie.',
        inUseAudits: 'Diese Marke hat noch Audits ({{count}}). Löschen Sie sie zuerst auf der Seite Audits.',
        empty: 'Noch keine Wettbewerber',
        emptyHint:
          'Fügen Sie die Wettbewerber hinzu, mit denen Sie sich vergleichen wollen, und planen Sie auf der Seite Audits ein Audit bei ihnen: Der Benchmark stellt ihre Werte neben Ihre.',
        toBenchmark: 'Benchmark',
      },
      benchmark: {
        title: 'Wettbewerbsvergleich',
        intro:
          'Marken nebeneinander je Phase und je Touchpoint: der gewichtete Audit-Wert (0–100 %) mit den Audits und Antworten dahinter und, wo Daten vorliegen, die erfüllten Standards und das gemessene Feedback an den eigenen Touchpoints jeder Marke.',
        journey: 'Customer Journey',
        allJourneys: 'Ganzer Arbeitsbereich',
        toAudits: 'Audit planen',
        toBrands: 'Marken',
        own: 'eigene',
        chartTitle: 'Audit-Wert je Phase',
        chartLabel: 'Gruppierte Balken: der Audit-Wert jeder Marke je Phase, in Prozent',
        beatsTitle: 'Wo ein Wettbewerber besser ist',
        beatsHint:
          'Phasen und Touchpoints, an denen der Audit-Wert eines Wettbewerbers höher ist als unserer, größter Abstand zuerst.',
        beatsNone: 'In diesem Zeitraum liegt kein Wettbewerber irgendwo vor uns.',
        beat: '{{brand}} liegt vorn bei {{where}}',
        stageLevel: 'Phase',
        touchpointAt: 'Touchpoint · {{stage}}',
        beatScores: '{{brand}} {{score}}, wir {{own}}',
        beatN: 'n = {{audits}} Audits / {{answers}} Antworten gegenüber {{ownAudits}} / {{ownAnswers}}',
        gap: '+{{gap}} Pkt.',
        stagesTitle: 'Je Phase',
        tableHint:
          'Audit-Wert, Bestehensquote und n = Audits / Antworten dahinter; darunter, was im Zeitraum an den eigenen Touchpoints der Marke gemessen wurde.',
        stage: 'Phase',
        overall: 'Gesamt',
        touchpointsTitle: 'Je Touchpoint',
        touchpointsHint:
          'Jede Zeile ist einer Ihrer Touchpoints, wie die Checklisten ihn nennen; die Spalte eines Wettbewerbers zeigt seinen Audit-Wert für denselben Touchpoint.',
        touchpoint: 'Touchpoint',
        passRate: 'bestanden: {{rate}}',
        n: 'n = {{audits}} / {{answers}}',
        noAudit: 'nicht auditiert',
        measured: {
          standards: 'Standards erfüllt: {{passing}} von {{total}}',
          csat: 'CSAT {{value}} (n = {{n}})',
          nps: 'NPS {{value}} (n = {{n}})',
          negative: 'Negativ {{value}} (n = {{n}})',
        },
        failuresTitle: 'Im letzten Audit nicht bestanden',
        failuresHint:
          'Das jüngste eingereichte Audit jeder Marke im Zeitraum und die Kriterien, die es nicht bestanden hat.',
        failuresNone: 'Alles bestanden.',
        latestAudit: '{{checklist}}, {{date}}: {{score}}',
        emptyTitle: 'Noch nichts zu vergleichen',
        emptyHint:
          'Der Benchmark vergleicht eingereichte Audits. Planen Sie auf der Seite Audits ein Audit eines Wettbewerbers, führen Sie es durch (oder schicken Sie einen Mystery Shopper) und reichen Sie es ein: Dann erscheinen seine Werte hier neben Ihren. Prüfen Sie auch den Zeitraum.',
        emptyNoCompetitor:
          'Fügen Sie zuerst auf der Seite Marken einen Wettbewerber hinzu und planen Sie dann auf der Seite Audits ein Audit bei ihm.',
        noCompetitorAuditTitle: 'Kein Wettbewerber in diesem Zeitraum auditiert',
        noCompetitorAudit:
          'Hier stehen nur Ihre eigenen Audits. Planen Sie auf der Seite Audits ein Audit eines Wettbewerbers, um zu sehen, wo Sie stehen.',
      },
    },
    ru: {
      brands: {
        title: 'Бренды',
        intro:
          'Ваш собственный бренд и конкуренты. Точки контакта принадлежат бренду; аудит оценивает один бренд — ваш или конкурента, а сравнение ставит их рядом.',
        add: 'Добавить конкурента',
        addTitle: 'Новый конкурент',
        editTitle: 'Изменить бренд',
        name: 'Название',
        website: 'Сайт',
        websiteHint: 'Адрес http(s) или пусто.',
        own: 'Свой бренд',
        competitor: 'Конкурент',
        deleteTitle: 'Удалить конкурента',
        deleteMessage: 'Удалить конкурента «{{name}}»? Это действие нельзя отменить.',
        inUseTouchpoints:
          'У этого бренда ещё есть точки контакта ({{count}}). Сначала перенесите их на другой бренд или удалите.',
        inUseAudits: 'У этого бренда ещё есть аудиты ({{count}}). Сначала удалите их на странице «Аудиты».',
        empty: 'Конкурентов пока нет',
        emptyHint:
          'Добавьте конкурентов, с которыми хотите себя сравнить, и запланируйте их аудит на странице «Аудиты»: сравнение поставит их оценки рядом с вашими.',
        toBenchmark: 'Сравнение',
      },
      benchmark: {
        title: 'Сравнение с конкурентами',
        intro:
          'Бренды рядом по этапам и точкам контакта: взвешенная оценка аудита (0–100 %) с числом аудитов и ответов за ней, а где есть данные — выполненные стандарты и обратная связь, измеренные в собственных точках контакта каждого бренда.',
        journey: 'Путь клиента',
        allJourneys: 'Всё рабочее пространство',
        toAudits: 'Запланировать аудит',
        toBrands: 'Бренды',
        own: 'свой',
        chartTitle: 'Оценка аудита по этапам',
        chartLabel: 'Сгруппированные столбцы: оценка аудита каждого бренда по этапам, в процентах',
        beatsTitle: 'Где конкурент лучше нас',
        beatsHint:
          'Этапы и точки контакта, где оценка аудита конкурента выше нашей; сначала наибольший разрыв.',
        beatsNone: 'В этом периоде ни один конкурент нигде не опережает нас.',
        beat: '{{brand}} впереди: {{where}}',
        stageLevel: 'Этап',
        touchpointAt: 'Точка контакта · {{stage}}',
        beatScores: '{{brand}} {{score}}, мы {{own}}',
        beatN: 'n = аудитов {{audits}} / ответов {{answers}} против {{ownAudits}} / {{ownAnswers}}',
        gap: '+{{gap}} п.',
        stagesTitle: 'По этапам',
        tableHint:
          'Оценка аудита, доля пройденных критериев и n = аудиты / ответы за ней; ниже — что измерено за период в собственных точках контакта бренда.',
        stage: 'Этап',
        overall: 'Итого',
        touchpointsTitle: 'По точкам контакта',
        touchpointsHint:
          'Каждая строка — ваша точка контакта, как её называют чек-листы; в столбце конкурента — его оценка аудита той же точки контакта.',
        touchpoint: 'Точка контакта',
        passRate: 'пройдено: {{rate}}',
        n: 'n = {{audits}} / {{answers}}',
        noAudit: 'нет аудита',
        measured: {
          standards: 'Стандарты выполнены: {{passing}} из {{total}}',
          csat: 'CSAT {{value}} (n = {{n}})',
          nps: 'NPS {{value}} (n = {{n}})',
          negative: 'Негатив {{value}} (n = {{n}})',
        },
        failuresTitle: 'Не пройдено в последнем аудите',
        failuresHint:
          'Последний отправленный аудит каждого бренда за период и критерии, которые он не прошёл.',
        failuresNone: 'Всё пройдено.',
        latestAudit: '{{checklist}}, {{date}}: {{score}}',
        emptyTitle: 'Пока нечего сравнивать',
        emptyHint:
          'Сравнение строится по отправленным аудитам. Запланируйте аудит конкурента на странице «Аудиты», проведите его (или отправьте тайного покупателя) и отправьте: тогда его оценки появятся здесь рядом с вашими. Проверьте и период.',
        emptyNoCompetitor:
          'Сначала добавьте конкурента на странице «Бренды», затем запланируйте его аудит на странице «Аудиты».',
        noCompetitorAuditTitle: 'В этом периоде нет аудитов конкурентов',
        noCompetitorAudit:
          'Здесь только ваши собственные аудиты. Запланируйте аудит конкурента на странице «Аудиты», чтобы увидеть, где вы находитесь.',
      },
    },
    cs: {
      brands: {
        title: 'Značky',
        intro:
          'Vaše vlastní značka a vaši konkurenti. Kontaktní body patří ke značce; audit hodnotí jednu značku, vaši nebo konkurenta, a srovnání je staví vedle sebe.',
        add: 'Přidat konkurenta',
        addTitle: 'Přidat konkurenta',
        editTitle: 'Upravit značku',
        name: 'Název',
        website: 'Web',
        websiteHint: 'Adresa http(s), nebo nechte prázdné.',
        own: 'Vlastní značka',
        competitor: 'Konkurent',
        deleteTitle: 'Smazat konkurenta',
        deleteMessage: 'Smazat konkurenta „{{name}}“? Tuto akci nelze vrátit.',
        inUseTouchpoints:
          'Tato značka má ještě kontaktní body ({{count}}). Nejprve je přesuňte k jiné značce nebo je smažte.',
        inUseAudits: 'Tato značka má ještě audity ({{count}}). Nejprve je smažte na stránce Audity.',
        empty: 'Zatím žádní konkurenti',
        emptyHint:
          'Přidejte konkurenty, se kterými se chcete srovnávat, a naplánujte jejich audit na stránce Audity: srovnání postaví jejich skóre vedle vašeho.',
        toBenchmark: 'Srovnání',
      },
      benchmark: {
        title: 'Srovnání s konkurencí',
        intro:
          'Značky vedle sebe podle fází a kontaktních bodů: vážené skóre auditu (0–100 %) s audity a odpověďmi za ním a tam, kde jsou data, splněné standardy a zpětná vazba změřené ve vlastních kontaktních bodech každé značky.',
        journey: 'Zákaznická cesta',
        allJourneys: 'Celý pracovní prostor',
        toAudits: 'Naplánovat audit',
        toBrands: 'Značky',
        own: 'vlastní',
        chartTitle: 'Skóre auditu podle fází',
        chartLabel: 'Seskupené sloupce: skóre auditu každé značky podle fází, v procentech',
        beatsTitle: 'Kde je konkurent lepší',
        beatsHint:
          'Fáze a kontaktní body, kde má konkurent vyšší skóre auditu než my, největší rozdíl první.',
        beatsNone: 'V tomto období nás žádný konkurent nikde nepředstihl.',
        beat: '{{brand}} vede: {{where}}',
        stageLevel: 'Fáze',
        touchpointAt: 'Kontaktní bod · {{stage}}',
        beatScores: '{{brand}} {{score}}, my {{own}}',
        beatN: 'n = auditů {{audits}} / odpovědí {{answers}} proti {{ownAudits}} / {{ownAnswers}}',
        gap: '+{{gap}} b.',
        stagesTitle: 'Podle fází',
        tableHint:
          'Skóre auditu, podíl splněných kritérií a n = audity / odpovědi za ním; pod tím, co bylo v období změřeno ve vlastních kontaktních bodech značky.',
        stage: 'Fáze',
        overall: 'Celkem',
        touchpointsTitle: 'Podle kontaktních bodů',
        touchpointsHint:
          'Každý řádek je jeden z vašich kontaktních bodů, jak jej uvádějí kontrolní seznamy; sloupec konkurenta ukazuje jeho skóre auditu téhož kontaktního bodu.',
        touchpoint: 'Kontaktní bod',
        passRate: 'splněno: {{rate}}',
        n: 'n = {{audits}} / {{answers}}',
        noAudit: 'bez auditu',
        measured: {
          standards: 'Splněné standardy: {{passing}} z {{total}}',
          csat: 'CSAT {{value}} (n = {{n}})',
          nps: 'NPS {{value}} (n = {{n}})',
          negative: 'Negativní {{value}} (n = {{n}})',
        },
        failuresTitle: 'Nesplněno v posledním auditu',
        failuresHint: 'Poslední odeslaný audit každé značky v období a kritéria, která nesplnil.',
        failuresNone: 'Vše splněno.',
        latestAudit: '{{checklist}}, {{date}}: {{score}}',
        emptyTitle: 'Zatím není co srovnávat',
        emptyHint:
          'Srovnání porovnává odeslané audity. Naplánujte audit konkurenta na stránce Audity, proveďte jej (nebo pošlete mystery shoppera) a odešlete: jeho skóre se pak objeví zde vedle vašeho. Zkontrolujte i období.',
        emptyNoCompetitor:
          'Nejprve přidejte konkurenta na stránce Značky a pak naplánujte jeho audit na stránce Audity.',
        noCompetitorAuditTitle: 'V tomto období nebyl auditován žádný konkurent',
        noCompetitorAudit:
          'Jsou zde jen vaše vlastní audity. Naplánujte audit konkurenta na stránce Audity, abyste viděli, kde stojíte.',
      },
    },
    sk: {
      brands: {
        title: 'Značky',
        intro:
          'Vaša vlastná značka a vaši konkurenti. Kontaktné body patria k značke; audit hodnotí jednu značku, vašu alebo konkurenta, a porovnanie ich stavia vedľa seba.',
        add: 'Pridať konkurenta',
        addTitle: 'Pridať konkurenta',
        editTitle: 'Upraviť značku',
        name: 'Názov',
        website: 'Web',
        websiteHint: 'Adresa http(s), alebo nechajte prázdne.',
        own: 'Vlastná značka',
        competitor: 'Konkurent',
        deleteTitle: 'Zmazať konkurenta',
        deleteMessage: 'Zmazať konkurenta „{{name}}“? Túto akciu nemožno vrátiť.',
        inUseTouchpoints:
          'Táto značka má ešte kontaktné body ({{count}}). Najprv ich presuňte k inej značke alebo ich zmažte.',
        inUseAudits: 'Táto značka má ešte audity ({{count}}). Najprv ich zmažte na stránke Audity.',
        empty: 'Zatiaľ žiadni konkurenti',
        emptyHint:
          'Pridajte konkurentov, s ktorými sa chcete porovnávať, a naplánujte ich audit na stránke Audity: porovnanie postaví ich skóre vedľa vášho.',
        toBenchmark: 'Porovnanie',
      },
      benchmark: {
        title: 'Porovnanie s konkurenciou',
        intro:
          'Značky vedľa seba podľa fáz a kontaktných bodov: vážené skóre auditu (0–100 %) s auditmi a odpoveďami za ním a tam, kde sú dáta, splnené štandardy a spätná väzba namerané vo vlastných kontaktných bodoch každej značky.',
        journey: 'Zákaznícka cesta',
        allJourneys: 'Celý pracovný priestor',
        toAudits: 'Naplánovať audit',
        toBrands: 'Značky',
        own: 'vlastná',
        chartTitle: 'Skóre auditu podľa fáz',
        chartLabel: 'Zoskupené stĺpce: skóre auditu každej značky podľa fáz, v percentách',
        beatsTitle: 'Kde je konkurent lepší',
        beatsHint:
          'Fázy a kontaktné body, kde má konkurent vyššie skóre auditu ako my, najväčší rozdiel prvý.',
        beatsNone: 'V tomto období nás žiadny konkurent nikde nepredbehol.',
        beat: '{{brand}} vedie: {{where}}',
        stageLevel: 'Fáza',
        touchpointAt: 'Kontaktný bod · {{stage}}',
        beatScores: '{{brand}} {{score}}, my {{own}}',
        beatN: 'n = auditov {{audits}} / odpovedí {{answers}} oproti {{ownAudits}} / {{ownAnswers}}',
        gap: '+{{gap}} b.',
        stagesTitle: 'Podľa fáz',
        tableHint:
          'Skóre auditu, podiel splnených kritérií a n = audity / odpovede za ním; pod tým, čo sa v období namerali vo vlastných kontaktných bodoch značky.',
        stage: 'Fáza',
        overall: 'Spolu',
        touchpointsTitle: 'Podľa kontaktných bodov',
        touchpointsHint:
          'Každý riadok je jeden z vašich kontaktných bodov, ako ho uvádzajú kontrolné zoznamy; stĺpec konkurenta ukazuje jeho skóre auditu toho istého kontaktného bodu.',
        touchpoint: 'Kontaktný bod',
        passRate: 'splnené: {{rate}}',
        n: 'n = {{audits}} / {{answers}}',
        noAudit: 'bez auditu',
        measured: {
          standards: 'Splnené štandardy: {{passing}} z {{total}}',
          csat: 'CSAT {{value}} (n = {{n}})',
          nps: 'NPS {{value}} (n = {{n}})',
          negative: 'Negatívne {{value}} (n = {{n}})',
        },
        failuresTitle: 'Nesplnené v poslednom audite',
        failuresHint: 'Posledný odoslaný audit každej značky v období a kritériá, ktoré nesplnil.',
        failuresNone: 'Všetko splnené.',
        latestAudit: '{{checklist}}, {{date}}: {{score}}',
        emptyTitle: 'Zatiaľ nie je čo porovnávať',
        emptyHint:
          'Porovnanie porovnáva odoslané audity. Naplánujte audit konkurenta na stránke Audity, vykonajte ho (alebo pošlite mystery shoppera) a odošlite: jeho skóre sa potom objaví tu vedľa vášho. Skontrolujte aj obdobie.',
        emptyNoCompetitor:
          'Najprv pridajte konkurenta na stránke Značky a potom naplánujte jeho audit na stránke Audity.',
        noCompetitorAuditTitle: 'V tomto období nebol auditovaný žiadny konkurent',
        noCompetitorAudit:
          'Sú tu len vaše vlastné audity. Naplánujte audit konkurenta na stránke Audity, aby ste videli, kde stojíte.',
      },
    },
    ro: {
      brands: {
        title: 'Mărci',
        intro:
          'Marca proprie și concurenții. Punctele de contact aparțin unei mărci; un audit evaluează o marcă, a dumneavoastră sau a unui concurent, iar comparația le pune una lângă alta.',
        add: 'Adaugă concurent',
        addTitle: 'Adaugă un concurent',
        editTitle: 'Editează marca',
        name: 'Nume',
        website: 'Site web',
        websiteHint: 'O adresă http(s) sau lăsați gol.',
        own: 'Marca proprie',
        competitor: 'Concurent',
        deleteTitle: 'Șterge concurentul',
        deleteMessage: 'Ștergeți concurentul „{{name}}”? Acțiunea nu poate fi anulată.',
        inUseTouchpoints:
          'Această marcă are încă puncte de contact ({{count}}). Mutați-le mai întâi la altă marcă sau ștergeți-le.',
        inUseAudits: 'Această marcă are încă audituri ({{count}}). Ștergeți-le mai întâi pe pagina Audituri.',
        empty: 'Încă niciun concurent',
        emptyHint:
          'Adăugați concurenții cu care vreți să vă comparați, apoi planificați un audit al lor pe pagina Audituri: comparația le pune scorurile lângă ale dumneavoastră.',
        toBenchmark: 'Comparație',
      },
      benchmark: {
        title: 'Comparație cu concurența',
        intro:
          'Mărcile una lângă alta pe etape și pe puncte de contact: scorul ponderat al auditului (0–100 %) cu auditurile și răspunsurile din spatele lui și, unde există date, standardele respectate și feedbackul măsurate la punctele de contact proprii ale fiecărei mărci.',
        journey: 'Parcursul clientului',
        allJourneys: 'Tot spațiul de lucru',
        toAudits: 'Planifică un audit',
        toBrands: 'Mărci',
        own: 'proprie',
        chartTitle: 'Scorul auditului pe etape',
        chartLabel: 'Bare grupate: scorul auditului fiecărei mărci pe etape, în procente',
        beatsTitle: 'Unde un concurent ne întrece',
        beatsHint:
          'Etapele și punctele de contact unde scorul auditului unui concurent este mai mare decât al nostru, cea mai mare diferență întâi.',
        beatsNone: 'În această perioadă niciun concurent nu ne întrece nicăieri.',
        beat: '{{brand}} este înainte la {{where}}',
        stageLevel: 'Etapă',
        touchpointAt: 'Punct de contact · {{stage}}',
        beatScores: '{{brand}} {{score}}, noi {{own}}',
        beatN: 'n = {{audits}} audituri / {{answers}} răspunsuri față de {{ownAudits}} / {{ownAnswers}}',
        gap: '+{{gap}} p.',
        stagesTitle: 'Pe etape',
        tableHint:
          'Scorul auditului, rata de trecere și n = audituri / răspunsuri din spatele lui; dedesubt, ce s-a măsurat în perioadă la punctele de contact proprii ale mărcii.',
        stage: 'Etapă',
        overall: 'Total',
        touchpointsTitle: 'Pe puncte de contact',
        touchpointsHint:
          'Fiecare rând este unul dintre punctele dumneavoastră de contact, așa cum îl numesc listele de verificare; coloana unui concurent arată scorul auditului său pentru același punct de contact.',
        touchpoint: 'Punct de contact',
        passRate: 'trecute: {{rate}}',
        n: 'n = {{audits}} / {{answers}}',
        noAudit: 'neauditat',
        measured: {
          standards: 'Standarde respectate: {{passing}} din {{total}}',
          csat: 'CSAT {{value}} (n = {{n}})',
          nps: 'NPS {{value}} (n = {{n}})',
          negative: 'Negative {{value}} (n = {{n}})',
        },
        failuresTitle: 'Picat în ultimul audit',
        failuresHint:
          'Cel mai recent audit trimis al fiecărei mărci în perioadă și criteriile pe care le-a picat.',
        failuresNone: 'Nimic picat.',
        latestAudit: '{{checklist}}, {{date}}: {{score}}',
        emptyTitle: 'Încă nimic de comparat',
        emptyHint:
          'Comparația folosește auditurile trimise. Planificați un audit al unui concurent pe pagina Audituri, parcurgeți-l (sau trimiteți un client misterios) și trimiteți-l: scorurile lui apar apoi aici lângă ale dumneavoastră. Verificați și perioada.',
        emptyNoCompetitor:
          'Adăugați mai întâi un concurent pe pagina Mărci, apoi planificați un audit al lui pe pagina Audituri.',
        noCompetitorAuditTitle: 'Niciun concurent auditat în această perioadă',
        noCompetitorAudit:
          'Aici sunt doar auditurile proprii. Planificați un audit al unui concurent pe pagina Audituri ca să vedeți unde vă aflați.',
      },
    },
  },
);
