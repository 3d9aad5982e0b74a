/**
 * Answering a survey without an account, in Chromium against the real server: the public page at
 * 390×844 answered with the keyboard only (German from the browser, no horizontal overflow,
 * a visible focus ring); the embed widget loaded into a plain page of another loopback origin
 * under a strict Content-Security-Policy (no style-src for the widget) with no violation and the
 * host's styles untouched both ways; and a kiosk that queues an answer while offline and sends it
 * when the network is back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, newPage, type RunningApp, signIn, startApp } from './app-fixture.js';

interface Results {
  submissions: number;
  bySource: { source: string; submissions: number }[];
  byLanguage: { language: string | null; submissions: number }[];
}

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

describe('answering surveys without an account', { timeout: 120_000 }, () => {
  let browser: Browser;
  let app: RunningApp;
  let admin: Page;
  let host: Server | undefined;
  let base: string;
  let surveyId: string;
  let code: string;
  let kioskUrl: string;

  const results = () => apiCall<Results>(admin, 'GET', `${base}/surveys/${surveyId}/results`);
  const fromSource = async (source: string) =>
    (await results()).bySource.find((s) => s.source === source)?.submissions ?? 0;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    ({ page: admin } = await newPage(browser));
    const workspaceId = await signIn(admin, app.url);
    base = `/workspaces/${workspaceId}`;
    const touchpoint = await apiCall<{ id: string }>(admin, 'POST', `${base}/touchpoints`, {
      key: 'reception',
      name: 'Reception',
    });
    const survey = await apiCall<{ id: string; code: string }>(admin, 'POST', `${base}/surveys`, {
      touchpointId: touchpoint.id,
      name: 'Reception',
      status: 'live',
      colour: '#0a7d3e',
      questions: [
        {
          id: 'csat',
          kind: 'csat',
          required: true,
          text: { en: 'How satisfied were you?', de: 'Wie zufrieden waren Sie?' },
        },
        {
          id: 'comment',
          kind: 'comment',
          required: false,
          text: { en: 'Anything else?', de: 'Noch etwas?' },
        },
      ],
      texts: {
        title: { en: 'Your visit', de: 'Ihr Besuch' },
        thankYou: { en: 'Thank you for your feedback!', de: 'Danke für Ihr Feedback!' },
      },
    });
    surveyId = survey.id;
    code = survey.code;
    const device = await apiCall<{ kioskUrl: string; token: string }>(
      admin,
      'POST',
      `${base}/surveys/${surveyId}/kiosk-devices`,
      { name: 'Counter tablet' },
    );
    kioskUrl = `${app.url}/k/${device.token}`;
  });
  afterAll(async () => {
    host?.close();
    await browser?.close();
    await app?.stop();
  });

  it('takes answers by keyboard on a phone, from the widget under a strict CSP, and from an offline kiosk', async () => {
    // 1. The public page at 390×844, in the browser's language, answered with the keyboard only.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    const p = await phone.newPage();
    await p.goto(`${app.url}/s/${code}?src=qr`);
    expect(await p.getAttribute('html', 'lang')).toBe('de');
    await expect.poll(() => p.title()).toBe('Ihr Besuch');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await p.context().cookies()).toEqual([]);
    await p.keyboard.press('Tab');
    // The first radio of the CSAT group, named with its end of the scale for screen readers.
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '1 – Sehr unzufrieden',
    );
    const ring = await p.evaluate(() => {
      const span = document.activeElement?.nextElementSibling as HTMLElement;
      return getComputedStyle(span).outlineStyle;
    });
    expect(ring).toBe('solid');
    for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowRight');
    expect(await p.locator('input[name="a.csat"]:checked').getAttribute('value')).toBe('4');
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await p.keyboard.type('Freundlich und schnell');
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Senden');
    await p.keyboard.press('Enter');
    await p.getByText('Danke für Ihr Feedback!').waitFor();
    await poll(() => fromSource('qr')).toBe(1);
    expect((await results()).byLanguage).toEqual(
      expect.arrayContaining([expect.objectContaining({ language: 'de', submissions: 1 })]),
    );
    await phone.close();

    // 2. The widget on a plain page of another origin, under a strict policy of that page.
    const appOrigin = new URL(app.url).origin;
    const hostHtml = (nonce: string) => `<!doctype html><html><head><title>Shop</title>
<script nonce="${nonce}">window.violations=[];document.addEventListener('securitypolicyviolation',e=>violations.push(e.violatedDirective+' '+e.blockedURI));
const own=new CSSStyleSheet();own.replaceSync('body{font-family:serif;color:rgb(10,20,30)} p{margin:40px} button{background:rgb(255,0,0);color:rgb(0,0,255)}');document.adoptedStyleSheets=[own];</script>
</head><body><p id="host-text">Our shop</p><button id="host-button">Buy</button>
<div id="slot"><script src="${appOrigin}/embed.js" data-survey="${code}" data-mode="inline" data-lang="en"></script></div>
<script src="${appOrigin}/embed.js" data-survey="${code}" data-mode="tab" data-lang="en"></script>
</body></html>`;
    host = createServer((_request, response) => {
      const nonce = 'h0stN0nce';
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // No style-src at all: the host's own styles are a constructed sheet too.
        'content-security-policy': `default-src 'none'; script-src ${appOrigin} 'nonce-${nonce}'; connect-src ${appOrigin}`,
      });
      response.end(hostHtml(nonce));
    });
    await new Promise<void>((resolve) => host?.listen(0, '127.0.0.1', resolve));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    expect(new URL(hostUrl).origin).not.toBe(appOrigin);
    const { context: shopContext, page: shop } = await newPage(browser);
    const errors: string[] = [];
    shop.on('pageerror', (e) => errors.push(e.message));
    await shop.goto(hostUrl);
    const inline = shop.locator('#slot [data-touchpoints-survey]');
    await inline.getByRole('heading', { name: 'Your visit' }).waitFor();
    // The tab mode shows its opener; it opens the panel.
    const opener = shop.getByRole('button', { name: 'Feedback' });
    await opener.click();
    expect(await opener.getAttribute('aria-expanded')).toBe('true');
    // The host's own styles are untouched, and none of them reaches into the widget.
    const styles = await shop.evaluate(() => {
      const text = getComputedStyle(document.getElementById('host-text') as HTMLElement);
      const button = getComputedStyle(document.getElementById('host-button') as HTMLElement);
      const widget = document.querySelector('#slot [data-touchpoints-survey]')?.shadowRoot;
      const send = widget?.querySelector('button.send') as HTMLElement;
      const legend = widget?.querySelector('legend') as HTMLElement;
      return {
        hostText: [text.fontFamily, text.color, text.marginTop],
        hostButton: [button.backgroundColor, button.color],
        widgetSend: getComputedStyle(send).backgroundColor,
        widgetFont: getComputedStyle(legend).fontFamily,
        styleElements: widget?.querySelectorAll('style, link').length,
      };
    });
    expect(styles.hostText).toEqual(['serif', 'rgb(10, 20, 30)', '40px']);
    expect(styles.hostButton).toEqual(['rgb(255, 0, 0)', 'rgb(0, 0, 255)']);
    expect(styles.widgetSend).toBe('rgb(10, 125, 62)');
    expect(styles.widgetFont).not.toBe('serif');
    expect(styles.styleElements).toBe(0);
    await inline.locator('label.opt', { hasText: '5' }).click();
    await inline.getByRole('textbox', { name: 'Anything else?' }).fill('Found it on the website');
    await inline.getByRole('button', { name: 'Send' }).click();
    await inline.getByText('Thank you for your feedback!').waitFor();
    await poll(() => fromSource('embed')).toBe(1);
    expect(await shop.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(errors).toEqual([]);
    await shopContext.close();

    // 3. The kiosk: an answer given while the network is down waits and is sent when it is back.
    const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    const k = await tablet.newPage();
    await k.goto(kioskUrl);
    await k.getByRole('heading', { name: 'How satisfied were you?' }).waitFor();
    await tablet.setOffline(true);
    await k.getByRole('button', { name: '1 – Very dissatisfied' }).click();
    await k.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    await poll(() => k.locator('body').getAttribute('data-queued')).toBe('1');
    expect(await k.locator('#status').textContent()).toBe(
      'Saved. It will be sent when the connection is back.',
    );
    expect(await fromSource('kiosk')).toBe(0);
    // The kiosk starts again for the next customer while the answer waits.
    await k.getByRole('heading', { name: 'How satisfied were you?' }).waitFor();
    await tablet.setOffline(false);
    await poll(() => k.locator('body').getAttribute('data-queued')).toBe('0');
    await poll(() => fromSource('kiosk')).toBe(1);
    expect(await k.locator('#status').textContent()).toBe('');
    await tablet.close();
  });
});
