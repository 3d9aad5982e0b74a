/**
 * End-to-end fixture: the real server process (`touchpoints serve`) on a fresh data directory and
 * Debian's Chromium driven by playwright-core. The web app must be built (`npm run build`; the
 * test command does it first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const bin = join(import.meta.dirname, '../../bin/touchpoints.js');
// TOUCHPOINTS_WEB_DIST lets several builds live side by side; the server reads the same variable.
const dist = join(
  process.env.TOUCHPOINTS_WEB_DIST ?? join(import.meta.dirname, '../../web/dist'),
  'index.html',
);

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery' };

export interface RunningApp {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the server on a free loopback port with a fresh data directory. With `owner: true` (the
 * default) the owner account of OWNER exists; without, the server prints a setup link (`setupLink`).
 */
export async function startApp(
  options: { owner?: boolean; env?: Record<string, string> } = {},
): Promise<RunningApp & { setupLink?: string }> {
  if (!existsSync(dist))
    throw new Error('web/dist is missing: run `npm run build` before the end-to-end tests');
  const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir, PORT: '0', ...options.env };
  delete env.DATABASE_URL;
  if (options.owner !== false) {
    env.TOUCHPOINTS_ADMIN_EMAIL = OWNER.email;
    env.TOUCHPOINTS_ADMIN_PASSWORD = OWNER.password;
  }
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const setupLink = /create the owner account at (\S+)/.exec(output)?.[1];
  return {
    url,
    dataDir,
    setupLink: setupLink?.replace(/^https?:\/\/[^/]+/, url),
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the network features that would call out switched off. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A new browser context at 1280×800 (the narrowest width the app supports), English unless given. */
export async function newPage(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the sign-in form and waits for the first workspace's touchpoint registry. */
export async function signIn(page: Page, url: string, user = OWNER): Promise<string> {
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/w\/[^/]+\/touchpoints/);
  const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1];
  if (!workspaceId) throw new Error(`no workspace in ${page.url()}`);
  return workspaceId;
}

/** Calls the API with the page's session cookie (for setting up data a test is not about). */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  // The Origin a browser sends: the API refuses cookie writes without it.
  const response = await page.request.fetch(`${origin}/api${path}`, {
    method,
    data: body === undefined ? undefined : body,
    headers: body === undefined ? { origin } : { origin, 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
