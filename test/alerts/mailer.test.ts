import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateWorkspaceAlerts } from '../../src/alerts/evaluate-alerts.js';
import { createMailer } from '../../src/alerts/mailer.js';
import { verifyWorkspaceTasks } from '../../src/analytics/task-verification.js';
import { loadConfig } from '../../src/config.js';
import { describeCatalog, type Reply } from '../catalog-harness.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
const received: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let data = '';
    stream.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
    });
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        data,
      });
      callback();
    });
  },
});
let smtpUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** The unfolded value of a header in a raw message. */
function header(data: string, name: string): string | undefined {
  const head = data.split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ');
}

it('reads TOUCHPOINTS_SMTP_URL and TOUCHPOINTS_SMTP_FROM, refusing what is not smtp(s)://', () => {
  expect(loadConfig({ TOUCHPOINTS_SMTP_URL: 'smtp://mail.example.com:2525' })).toMatchObject({
    smtpUrl: 'smtp://mail.example.com:2525',
    smtpFrom: 'Touchpoints <touchpoints@localhost>',
  });
  expect(loadConfig({}).smtpUrl).toBeUndefined();
  expect(() => loadConfig({ TOUCHPOINTS_SMTP_URL: 'http://mail.example.com' })).toThrow(
    /TOUCHPOINTS_SMTP_URL/,
  );
  expect(createMailer({ smtpUrl: undefined, smtpFrom: 'x@example.com' })).toBeNull();
});

describeCatalog('alert e-mail', (h) => {
  it('e-mails the owners and editors when a rule asks for it, and only then', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    const shop = (await created(owner.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
    await created(
      owner.post(`${base}/tasks`, {
        title: 'Late task',
        lever: 'business_processes',
        dueDate: '2020-01-01',
        targets: { touchpointId: shop },
      }),
    );
    await created(owner.post(`${base}/alert-rules`, { name: 'Overdue', kind: 'task_overdue', email: true }));
    await created(owner.post(`${base}/alert-rules`, { name: 'Overdue quietly', kind: 'task_overdue' }));

    const errors: unknown[] = [];
    const mailer = createMailer({ smtpUrl, smtpFrom: 'Touchpoints Alerts <alerts@example.com>' }, (e) =>
      errors.push(e),
    );
    const before = received.length;
    const run = await evaluateWorkspaceAlerts(
      { db: h().catalog.db, events: h().events, mailer, publicUrl: 'https://tp.example.com' },
      workspaceId,
    );
    mailer?.close();
    expect(run.opened).toBe(2);
    expect(errors).toEqual([]);
    const mails = received.slice(before);
    expect(mails).toHaveLength(1);
    const mail = mails[0] as Mail;
    expect(mail.from).toBe('alerts@example.com');
    expect(mail.to.sort()).toEqual([owner.email, editor.email].sort());
    expect(header(mail.data, 'Subject')).toBe('[Touchpoints] Alert: Overdue: Late task');
    expect(header(mail.data, 'From')).toContain('alerts@example.com');
    expect(mail.data).toMatch(/Content-Type: text\/plain/i);
    expect(mail.data).toMatch(/Content-Type: text\/html/i);
    // Bodies are quoted-printable: soft line breaks joined, =3D back to =.
    const text = mail.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain('Task "Late task" is overdue: due 2020-01-01');
    expect(text).toContain(`https://tp.example.com/w/${workspaceId}/tasks?task=`);
    expect(text).toContain('<p>Task &quot;Late task&quot; is overdue');
  });

  it('logs a failed e-mail without stopping the evaluation', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const shop = (await created(owner.post(`${base}/touchpoints`, { key: 'shop', name: 'Shop' }))).body.id;
    await created(
      owner.post(`${base}/tasks`, {
        title: 'Late task',
        lever: 'business_processes',
        dueDate: '2020-01-01',
        targets: { touchpointId: shop },
      }),
    );
    await created(owner.post(`${base}/alert-rules`, { name: 'Overdue', kind: 'task_overdue', email: true }));
    const errors: string[] = [];
    // Nothing listens on port 1 of loopback.
    const mailer = createMailer(
      { smtpUrl: 'smtp://127.0.0.1:1', smtpFrom: 'alerts@example.com' },
      (_e, message) => errors.push(message),
    );
    const run = await evaluateWorkspaceAlerts(
      { db: h().catalog.db, events: h().events, mailer },
      workspaceId,
    );
    mailer?.close();
    expect(run).toMatchObject({ opened: 1, open: 1 });
    expect(errors).toEqual([
      'alert e-mail "[Touchpoints] Alert: Overdue: Late task" to 1 recipient(s) failed',
    ]);
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(1);
  });

  it('tells the owner of a task found not effective, in the notification centre and by e-mail', async () => {
    const owner = await h().signUp('owner');
    const doer = await h().signUp('doer');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    await owner.post(`${base}/members`, { email: doer.email, role: 'editor' });
    const hotline = (await created(owner.post(`${base}/touchpoints`, { key: 'hotline', name: 'Hotline' })))
      .body.id;
    const standard = (
      await created(
        owner.post(`${base}/standards`, {
          touchpointId: hotline,
          name: 'Answered within 20 s',
          metric: 'response_ms',
          comparator: 'lte',
          target: 20_000,
        }),
      )
    ).body;
    const task = (
      await created(
        owner.post(`${base}/tasks`, {
          title: 'Train the hotline',
          lever: 'staff_qualification',
          ownerUserId: doer.userId,
          status: 'done',
          windowDays: 7,
          targets: { standardId: standard.id },
        }),
      )
    ).body;
    const mailer = createMailer({ smtpUrl, smtpFrom: 'alerts@example.com' });
    const before = received.length;
    // The window closes with nothing measured: not effective.
    const run = await verifyWorkspaceTasks(
      { db: h().catalog.db, events: h().events, mailer },
      workspaceId,
      Date.parse(task.doneAt) + 8 * 86_400_000,
    );
    mailer?.close();
    expect(run.notEffective).toBe(1);
    const notices = (await doer.get(`${base}/notifications`)).body.items;
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'task_not_effective',
        title: 'Task not effective: Train the hotline',
        link: `/w/${workspaceId}/tasks?task=${task.id}`,
        episodeId: null,
      }),
    ]);
    expect(notices[0].body).toContain('not effective');
    expect((await owner.get(`${base}/notifications`)).body.total).toBe(0);
    const mails = received.slice(before);
    expect(mails.map((m) => m.to)).toEqual([[doer.email]]);
    expect(header(mails[0]?.data ?? '', 'Subject')).toBe(
      '[Touchpoints] Task not effective: Train the hotline',
    );
  });
});
