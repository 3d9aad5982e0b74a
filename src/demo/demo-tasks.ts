/**
 * The improvement tasks of the demo workspace, one or more in each status, written through the
 * task store after the import, so that their due and done dates fall around the day the demo is
 * made (the workspace document would carry fixed ones). Two of them
 * come from the demo's own health findings (their createTask prefill), one is overdue on purpose
 * (a `task_overdue` finding), and the verified and not_effective ones carry an example outcome
 * as the verification writes it.
 */

import type { Actor } from '../store/catalog/audit.js';
import { listChains } from '../store/catalog/chains.js';
import type { Db } from '../store/catalog/db.js';
import { checkHealth } from '../store/catalog/health.js';
import { listStandards } from '../store/catalog/standards.js';
import { createTask, recordTaskVerification, type TaskInput } from '../store/catalog/tasks.js';

/** The demo's overdue task, a health finding on purpose. */
export const DEMO_OVERDUE_TASK = 'Map a touchpoint to the post-purchase reaction';

const DAY_MS = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

async function standardId(db: Db, workspaceId: string, name: string): Promise<string> {
  const page = await listStandards(db, workspaceId, { q: name, limit: 10, offset: 0 });
  const found = page.items.find((s) => s.name === name);
  if (!found) throw new Error(`demo standard missing: ${name}`);
  return found.id;
}

/** Adds the demo's tasks to a freshly imported demo workspace; the owner owns them. */
export async function addDemoTasks(
  db: Db,
  actor: Actor,
  workspaceId: string,
  ownerUserId: string,
): Promise<number> {
  const health = await checkHealth(db, workspaceId);
  const prefill = (rule: string) => {
    const finding = health.findings.find((f) => f.rule === rule);
    if (!finding) throw new Error(`demo finding missing: ${rule}`);
    return finding.createTask;
  };
  const call = await standardId(db, workspaceId, 'Call answered within 20 s');
  const [chain] = (
    await listChains(db, workspaceId, { q: 'Clinic: online lead to booking', limit: 1, offset: 0 })
  ).items;
  const link = chain?.links.find((l) => l.touchpointKey === 'clinic-booking-call');

  const plain: TaskInput[] = [
    {
      title: 'Callback script for the booking line',
      description: 'Write a two-minute script and train the two receptionists on it.',
      lever: 'staff_qualification',
      ownerUserId,
      dueDate: dateIn(21),
      priority: 2,
      targets: { standardId: call },
    },
    {
      ...prefill('touchpoint_no_owner'),
      description: 'Name the person who keeps the price list current, then set a standard for it.',
      ownerUserId,
      dueDate: dateIn(7),
      priority: 3,
      status: 'in_progress',
    },
    {
      ...prefill('stage_without_touchpoint'),
      title: DEMO_OVERDUE_TASK,
      description: 'A follow-up call a week after the check-up would close the gap.',
      ownerUserId,
      dueDate: dateIn(-10),
      priority: 2,
    },
    {
      title: 'Answer web questions within the hour',
      description: 'The question form now goes to the duty nurse’s tablet.',
      lever: 'business_processes',
      ownerUserId,
      priority: 1,
      status: 'done',
      targets: { standardId: await standardId(db, workspaceId, 'Question answered within 1 hour') },
    },
  ];
  if (chain && link)
    plain.push({
      title: 'Offer a booking slot in the first call',
      lever: 'sales_channels',
      ownerUserId,
      dueDate: dateIn(30),
      priority: 3,
      targets: { chainLinkId: link.id },
      conversionRiseTarget: 5,
    });
  for (const input of plain) await createTask(db, actor, workspaceId, input);

  const judged = [
    {
      input: {
        title: 'Send the SMS confirmation from the booking system',
        lever: 'business_processes',
        ownerUserId,
        priority: 2,
        status: 'done',
        targets: {
          standardId: await standardId(db, workspaceId, 'Booking confirmed by SMS within 1 minute'),
        },
      } satisfies TaskInput,
      state: 'verified' as const,
      explanation: `verified on ${today()}: 97 % within 60 s, required 95 %, 214 interactions (example)`,
      figures: { measured: 214, shareMeeting: 0.97, requiredShare: 0.95 },
    },
    {
      input: {
        title: 'Second receptionist in the morning',
        lever: 'business_processes',
        ownerUserId,
        priority: 2,
        status: 'done',
        targets: {
          standardId: await standardId(db, workspaceId, 'Waiting time at the desk at most 5 minutes'),
        },
      } satisfies TaskInput,
      state: 'not_effective' as const,
      explanation: `not effective on ${today()}, the 14-day window after done closed: 71 % within 300 s, required 80 %, 96 interactions (example)`,
      figures: { measured: 96, shareMeeting: 0.71, requiredShare: 0.8 },
    },
  ];
  for (const j of judged) {
    const task = await createTask(db, actor, workspaceId, j.input);
    await recordTaskVerification(db, workspaceId, task, {
      checkedAt: new Date().toISOString(),
      state: j.state,
      explanation: j.explanation,
      figures: j.figures,
    });
  }
  return plain.length + judged.length;
}
