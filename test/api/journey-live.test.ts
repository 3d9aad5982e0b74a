/**
 * The journey map's event stream over real HTTP: two viewers see each other come and go, hear of
 * a change made by the other, and the server's shutdown ends the streams instead of waiting.
 */
import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { describeCatalog, type Harness, openHarness } from '../catalog-harness.js';

interface LiveEvent {
  event: string;
  data: unknown;
}

/** An open event stream: the events so far, and a wait for the next one that matches. */
class Stream {
  readonly events: LiveEvent[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) this.events.push({ event, data: JSON.parse(data) });
        end = this.buffer.indexOf('\n\n');
      }
      this.wake();
    });
    response.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits for an event named `event` after the `from`-th one that satisfies `test`. */
  async next(event: string, test: (data: never) => boolean = () => true, from = 0): Promise<unknown> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.events.slice(from).find((e) => e.event === event && test(e.data as never));
      if (found) return found.data;
      if (this.ended) throw new Error(`stream ended before ${event}: ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event} within 5 s: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close() {
    this.response.destroy();
  }
}

function open(
  url: string,
  headers: Record<string, string>,
): Promise<Stream | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      if (res.statusCode === 200) return resolve(new Stream(res));
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** The session cookie of a harness client (it keeps it private; the test knows how it was made). */
function cookieOf(client: object): string {
  return `tp_session=${(client as { auth: { cookie: string } }).auth.cookie}`;
}

const viewerNames = (data: unknown) => (data as { viewers: { name: string }[] }).viewers.map((v) => v.name);

describeCatalog('journey map live updates', (h) => {
  let origin = '';
  beforeAll(async () => {
    origin = await h().app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('hears, within a heartbeat, of changes made through another server process', async () => {
    // A second app on the same catalog stands for a second process: it has a hub of its own.
    const other = await buildApp(
      {
        db: h().catalog.db,
        events: h().events,
        config: { ...loadConfig({}) },
        engine: h().engine,
        secrets: h().secrets,
      },
      { liveHeartbeatMs: 200 },
    );
    try {
      const otherOrigin = await other.listen({ port: 0, host: '127.0.0.1' });
      const owner = await h().signUp('olga');
      const { base } = await h().newWorkspace(owner);
      const map = (await owner.post(`${base}/journeys`, { name: 'Two processes' })).body;
      const stream = await open(`${otherOrigin}${base}/journeys/${map.id}/events`, {
        accept: 'text/event-stream',
        cookie: cookieOf(owner),
      });
      if (!(stream instanceof Stream)) throw new Error(`not a stream: ${JSON.stringify(stream)}`);
      await stream.next('presence');
      const seen = stream.events.length;
      // Written through the first app: the other app's hub hears nothing of it but its own check.
      const note = await owner.post(`${base}/journeys/${map.id}/items`, {
        stageId: map.stages[0].id,
        lane: 'thoughts',
        text: 'Elsewhere',
      });
      expect(await stream.next('changed', () => true, seen)).toEqual({
        version: note.body.journeyVersion,
        parts: ['map'],
      });
      stream.close();
    } finally {
      await other.close();
    }
  });

  it('shows who has the map open and tells each of the other’s changes', async () => {
    const owner = await h().signUp('olga');
    const editor = await h().signUp('ed');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    const map = (await owner.post(`${base}/journeys`, { name: 'Live' })).body;
    const url = `${origin}${base}/journeys/${map.id}/events`;
    const accept = { accept: 'text/event-stream' };

    const ownerStream = await open(url, { ...accept, cookie: cookieOf(owner) });
    if (!(ownerStream instanceof Stream)) throw new Error(`not a stream: ${JSON.stringify(ownerStream)}`);
    expect(ownerStream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(ownerStream.response.headers['cache-control']).toBe('no-cache, no-transform');
    expect(ownerStream.response.headers['x-content-type-options']).toBe('nosniff');
    expect(await ownerStream.next('changed')).toEqual({ version: 1, parts: [] });
    expect(viewerNames(await ownerStream.next('presence'))).toEqual(['olga']);

    const editorStream = await open(url, { ...accept, cookie: cookieOf(editor) });
    if (!(editorStream instanceof Stream)) throw new Error('not a stream');
    const joined = await ownerStream.next('presence', (d) => viewerNames(d).length === 2);
    expect(joined).toEqual({
      viewers: [
        { userId: editor.userId, name: 'ed', initials: 'E' },
        { userId: owner.userId, name: 'olga', initials: 'O' },
      ],
    });
    expect(viewerNames(await editorStream.next('presence'))).toEqual(['ed', 'olga']);

    // The editor adds a note: the owner hears of the new version.
    const seen = ownerStream.events.length;
    const note = await editor.post(`${base}/journeys/${map.id}/items`, {
      stageId: map.stages[0].id,
      lane: 'actions',
      text: 'Calls the hotline',
    });
    expect(note.status).toBe(201);
    expect(await ownerStream.next('changed', () => true, seen)).toEqual({
      version: note.body.journeyVersion,
      parts: ['map'],
    });
    // A comment changes the comments, not the map's version.
    const before = ownerStream.events.length;
    expect((await editor.post(`${base}/journeys/${map.id}/comments`, { body: 'Why?' })).status).toBe(201);
    expect(await ownerStream.next('changed', () => true, before)).toEqual({
      version: note.body.journeyVersion,
      parts: ['comments'],
    });
    // A refused write tells nobody anything.
    const quiet = ownerStream.events.length;
    await editor.post(`${base}/journeys/${map.id}/items`, {
      stageId: map.stages[0].id,
      lane: 'nope',
      text: 'x',
    });
    await h().app.inject({ method: 'GET', url: '/healthz' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ownerStream.events.slice(quiet)).toEqual([]);

    editorStream.close();
    expect(
      viewerNames(await ownerStream.next('presence', (d) => viewerNames(d).length === 1, quiet)),
    ).toEqual(['olga']);

    // Deleting the journey ends the stream with a last word.
    expect((await owner.delete(`${base}/journeys/${map.id}`)).status).toBe(204);
    expect(await ownerStream.next('deleted')).toEqual({});
    await ownerStream.next('never', () => false).catch(() => undefined);
    expect(ownerStream.ended).toBe(true);
  });

  it('answers 401, 404 and 406 as plain errors, and lets a viewer and a read token in', async () => {
    const owner = await h().signUp('olga');
    const viewer = await h().signUp('vera');
    const outsider = await h().signUp('otto');
    const { base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const map = (await owner.post(`${base}/journeys`, { name: 'Live' })).body;
    const url = `${origin}${base}/journeys/${map.id}/events`;
    const accept = { accept: 'text/event-stream' };

    const anonymous = await open(url, accept);
    expect(anonymous).toMatchObject({ status: 401 });
    const foreign = await open(url, { ...accept, cookie: cookieOf(outsider) });
    expect(foreign).toMatchObject({ status: 404 });
    const { base: theirs } = await h().newWorkspace(outsider);
    const viaOwn = await open(`${origin}${theirs}/journeys/${map.id}/events`, {
      ...accept,
      cookie: cookieOf(outsider),
    });
    expect(viaOwn).toMatchObject({ status: 404 });
    const notStream = await open(url, { cookie: cookieOf(owner) });
    expect(notStream).toMatchObject({ status: 406 });
    expect(JSON.parse((notStream as { body: string }).body)).toMatchObject({ code: 'not_acceptable' });

    const viewerStream = await open(url, { ...accept, cookie: cookieOf(viewer) });
    if (!(viewerStream instanceof Stream)) throw new Error('viewer refused');
    expect(viewerNames(await viewerStream.next('presence'))).toEqual(['vera']);
    const token = await owner.post(`${base}/tokens`, { name: 'wall screen', scopes: ['read'] });
    const tokenStream = await open(url, { ...accept, authorization: `Bearer ${token.body.token}` });
    if (!(tokenStream instanceof Stream)) throw new Error(`token refused: ${JSON.stringify(tokenStream)}`);
    // A token listens but is nobody to show.
    expect(viewerNames(await tokenStream.next('presence'))).toEqual(['vera']);
    viewerStream.close();
    tokenStream.close();
  });
});

let harness: Harness | undefined;
afterAll(async () => {
  await harness?.close();
});

it('ends open streams when the server closes, instead of waiting for them', async () => {
  harness = await openHarness('pglite', '');
  const origin = await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const owner = await harness.signUp('olga');
  const { base } = await harness.newWorkspace(owner);
  const map = (await owner.post(`${base}/journeys`, { name: 'Live' })).body;
  const stream = await open(`${origin}${base}/journeys/${map.id}/events`, {
    accept: 'text/event-stream',
    cookie: cookieOf(owner),
  });
  if (!(stream instanceof Stream)) throw new Error('not a stream');
  await stream.next('presence');
  const started = Date.now();
  await harness.close();
  harness = undefined;
  expect(Date.now() - started).toBeLessThan(3_000);
  await stream.next('never', () => false).catch(() => undefined);
  expect(stream.ended).toBe(true);
});
