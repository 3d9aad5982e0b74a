import { defineTranslations } from './define';

/** The profile's account safety: where the user is signed in, and what ends those sessions. */
export const account = defineTranslations(
  {
    sessions: {
      title: 'Where you are signed in',
      intro:
        'A session ends when it is not used for a while, and after 14 days at the latest. Changing the password or turning on two-factor authentication signs out everywhere else.',
      device: 'Device',
      address: 'Address',
      signedIn: 'Signed in',
      lastSeen: 'Last active',
      deviceName: '{{browser}} on {{os}}',
      unknownBrowser: 'Unknown browser',
      unknownOs: 'an unknown system',
      current: 'This browser',
      signOut: 'Sign out',
      signOutOthers: 'Sign out everywhere else',
      confirmOthers: 'Sign out on every other device and browser? This browser stays signed in.',
      signedOut: 'Signed out there',
      othersSignedOut: 'Signed out everywhere else ({{count}})',
    },
    passwordChanged: 'Password changed. You were signed out everywhere else.',
    totpEnabled: 'Two-factor authentication is on. You were signed out everywhere else.',
  },
  {
    de: {
      sessions: {
        title: 'Wo Sie angemeldet sind',
        intro:
          'Eine Sitzung endet, wenn sie eine Weile nicht benutzt wird, spätestens nach 14 Tagen. Ein neues Passwort oder das Einschalten der Zwei-Faktor-Authentifizierung meldet Sie überall sonst ab.',
        device: 'Gerät',
        address: 'Adresse',
        signedIn: 'Angemeldet',
        lastSeen: 'Zuletzt aktiv',
        deviceName: '{{browser}} unter {{os}}',
        unknownBrowser: 'Unbekannter Browser',
        unknownOs: 'einem unbekannten System',
        current: 'Dieser Browser',
        signOut: 'Abmelden',
        signOutOthers: 'Überall sonst abmelden',
        confirmOthers: 'Auf allen anderen Geräten und Browsern abmelden? Dieser Browser bleibt angemeldet.',
        signedOut: 'Dort abgemeldet',
        othersSignedOut: 'Überall sonst abgemeldet ({{count}})',
      },
      passwordChanged: 'Passwort geändert. Sie wurden überall sonst abgemeldet.',
      totpEnabled: 'Zwei-Faktor-Authentifizierung ist an. Sie wurden überall sonst abgemeldet.',
    },
    ru: {
      sessions: {
        title: 'Где выполнен вход',
        intro:
          'Сеанс завершается, если им какое-то время не пользуются, и не позже чем через 14 дней. Смена пароля или включение двухфакторной аутентификации завершает все остальные сеансы.',
        device: 'Устройство',
        address: 'Адрес',
        signedIn: 'Вход',
        lastSeen: 'Последняя активность',
        deviceName: '{{browser}}, {{os}}',
        unknownBrowser: 'Неизвестный браузер',
        unknownOs: 'неизвестная система',
        current: 'Этот браузер',
        signOut: 'Выйти',
        signOutOthers: 'Выйти на всех других устройствах',
        confirmOthers:
          'Выйти на всех других устройствах и в других браузерах? Этот браузер останется в системе.',
        signedOut: 'Сеанс завершён',
        othersSignedOut: 'Остальные сеансы завершены ({{count}})',
      },
      passwordChanged: 'Пароль изменён. Все остальные сеансы завершены.',
      totpEnabled: 'Двухфакторная аутентификация включена. Все остальные сеансы завершены.',
    },
    cs: {
      sessions: {
        title: 'Kde jste přihlášeni',
        intro:
          'Relace skončí, když se chvíli nepoužívá, nejpozději po 14 dnech. Změna hesla nebo zapnutí dvoufázového ověření vás odhlásí všude jinde.',
        device: 'Zařízení',
        address: 'Adresa',
        signedIn: 'Přihlášení',
        lastSeen: 'Naposledy aktivní',
        deviceName: '{{browser}} v systému {{os}}',
        unknownBrowser: 'Neznámý prohlížeč',
        unknownOs: 'neznámý systém',
        current: 'Tento prohlížeč',
        signOut: 'Odhlásit',
        signOutOthers: 'Odhlásit všude jinde',
        confirmOthers:
          'Odhlásit na všech ostatních zařízeních a prohlížečích? Tento prohlížeč zůstane přihlášen.',
        signedOut: 'Tam odhlášeno',
        othersSignedOut: 'Odhlášeno všude jinde ({{count}})',
      },
      passwordChanged: 'Heslo změněno. Všude jinde jste byli odhlášeni.',
      totpEnabled: 'Dvoufázové ověření je zapnuto. Všude jinde jste byli odhlášeni.',
    },
    sk: {
      sessions: {
        title: 'Kde ste prihlásení',
        intro:
          'Relácia sa skončí, keď sa chvíľu nepoužíva, najneskôr po 14 dňoch. Zmena hesla alebo zapnutie dvojfaktorového overenia vás odhlási všade inde.',
        device: 'Zariadenie',
        address: 'Adresa',
        signedIn: 'Prihlásenie',
        lastSeen: 'Naposledy aktívne',
        deviceName: '{{browser}} v systéme {{os}}',
        unknownBrowser: 'Neznámy prehliadač',
        unknownOs: 'neznámy systém',
        current: 'Tento prehliadač',
        signOut: 'Odhlásiť',
        signOutOthers: 'Odhlásiť všade inde',
        confirmOthers:
          'Odhlásiť na všetkých ostatných zariadeniach a prehliadačoch? Tento prehliadač zostane prihlásený.',
        signedOut: 'Tam odhlásené',
        othersSignedOut: 'Odhlásené všade inde ({{count}})',
      },
      passwordChanged: 'Heslo zmenené. Všade inde ste boli odhlásení.',
      totpEnabled: 'Dvojfaktorové overenie je zapnuté. Všade inde ste boli odhlásení.',
    },
    ro: {
      sessions: {
        title: 'Unde sunteți conectat',
        intro:
          'O sesiune se încheie când nu este folosită o vreme și cel târziu după 14 zile. Schimbarea parolei sau activarea autentificării în doi pași vă deconectează de peste tot în altă parte.',
        device: 'Dispozitiv',
        address: 'Adresă',
        signedIn: 'Conectare',
        lastSeen: 'Ultima activitate',
        deviceName: '{{browser}} pe {{os}}',
        unknownBrowser: 'Browser necunoscut',
        unknownOs: 'un sistem necunoscut',
        current: 'Acest browser',
        signOut: 'Deconectare',
        signOutOthers: 'Deconectare de peste tot în altă parte',
        confirmOthers:
          'Vă deconectați de pe toate celelalte dispozitive și browsere? Acest browser rămâne conectat.',
        signedOut: 'Deconectat acolo',
        othersSignedOut: 'Deconectat de peste tot în altă parte ({{count}})',
      },
      passwordChanged: 'Parola a fost schimbată. Ați fost deconectat de peste tot în altă parte.',
      totpEnabled:
        'Autentificarea în doi pași este activată. Ați fost deconectat de peste tot în altă parte.',
    },
  },
);
