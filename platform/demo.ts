// `npm start -- --demo`: a small organisation (branches, services, agents, rules) and a stream of
// feedback sent through the real intake path, so every screen has something to show. Idempotent:
// rows are upserted by id and each feedback has a fixed externalId (accepted once).
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { branches, collectionPoints, rules, services, users } from '../db/schema';
import { normalizeFeedback, type FeedbackInput } from '../domain/feedback';
import { feedbackIntakeWorkflow, intakeArgs } from '../workflows/intake';
import { hashPassword } from './security';
import { startWorkflowOnce } from './temporal';
import { log as logFor } from './logger';

const demoLog = logFor('demo');

export const DEMO_PASSWORD = 'demo-pass-123';

const AGENTS = [
  { id: 'demo-agent-ana', email: 'ana@demo.closeloop.local', name: 'Ana Agent', role: 'agent' as const, branches: ['main', 'downtown'] },
  { id: 'demo-agent-ben', email: 'ben@demo.closeloop.local', name: 'Ben Agent', role: 'agent' as const, branches: ['main', 'downtown'] },
  { id: 'demo-manager-mia', email: 'mia@demo.closeloop.local', name: 'Mia Manager', role: 'manager' as const, branches: ['main', 'downtown', 'airport'] },
];

const FEEDBACK: FeedbackInput[] = [
  { channel: 'kiosk', type: 'smile', score: 0, comment: 'The queue at the counter took forever and nobody explained why.', branch: 'main', service: 'checkout', contact: { name: 'Lena Fischer', email: 'lena@example.com' } },
  { channel: 'qr', type: 'star', score: 1, comment: 'Cold food, rude waiter. Never again.', branch: 'downtown', service: 'general', contact: { name: 'Tom Baker', email: 'tom@example.com' } },
  { channel: 'web', type: 'nps', score: 3, comment: 'I was charged twice for the same order, please refund me.', branch: 'main', service: 'delivery', contact: { email: 'priya@example.com' } },
  { channel: 'app', type: 'nps', score: 10, comment: 'Fantastic service, the staff were lovely!', branch: 'downtown', service: 'general', contact: { name: 'Sara Kim', email: 'sara@example.com' } },
  { channel: 'sms', type: 'nps', score: 5, comment: 'Delivery was two hours late.', branch: 'airport', service: 'delivery', contact: { phone: '+44 7700 900123' } },
  { channel: 'kiosk', type: 'star', score: 2, comment: 'Toilets were dirty.', branch: 'airport', service: 'general' },
  { channel: 'web', type: 'star', score: 4, comment: 'Good, but the app crashed at checkout.', branch: 'main', service: 'checkout', contact: { email: 'omar@example.com' } },
  { channel: 'qr', type: 'smile', score: 1, comment: 'It was ok.', branch: 'main', service: 'general' },
];

/** Two collection points, so the kiosk, QR and widget pages have something to show (README: Collecting feedback). */
const POINTS = [
  { id: 'demokiosk01', name: 'Checkout kiosk', branch: 'main', service: 'checkout', captureType: 'smile' as const, commentStep: true },
  { id: 'demotable01', name: 'Table QR code', branch: 'downtown', service: 'general', captureType: 'star' as const, commentStep: true, contactStep: 'email' as const },
];
/** Which demo feedback was given at which point (by its position in FEEDBACK). */
const GIVEN_AT: Record<number, string> = { 0: 'demokiosk01', 1: 'demotable01' };

export async function seedDemo(db: Db, temporal: Client, taskQueue: string, log: (m: string) => void = (m) => demoLog.info(m)): Promise<void> {
  await db.insert(branches).values([{ id: 'downtown', name: 'Downtown' }, { id: 'airport', name: 'Airport' }]).onConflictDoNothing();
  await db.insert(services).values([{ id: 'checkout', name: 'Checkout' }, { id: 'delivery', name: 'Delivery' }]).onConflictDoNothing();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(users).values(AGENTS.map((a) => ({ ...a, passwordHash }))).onConflictDoNothing();
  await db.insert(collectionPoints).values(POINTS).onConflictDoNothing();
  const [existing] = await db.select({ id: rules.id }).from(rules).where(eq(rules.id, 'demo-promoters'));
  if (!existing) {
    await db.insert(rules).values([
      {
        id: 'demo-billing',
        name: 'Billing complaints go to the billing desk',
        position: 0, // before the default detractor rule
        definition: {
          trigger: { buckets: [], keywords: ['refund', 'charged twice', 'invoice'] },
          condition: 'always',
          scope: { branches: [], services: [] },
          outcome: { kind: 'recovery', priority: 'high', pool: ['demo-agent-ben'], strategy: 'round_robin', escalationChain: [{ level: 1, afterHours: 1, users: [{ userId: 'demo-manager-mia', channel: 'email' }] }], csatSurvey: true },
        },
      },
      {
        id: 'demo-promoters',
        name: 'Promoters get a review ask',
        position: 100,
        definition: {
          trigger: { buckets: ['nps_promoter', 'star_4_5', 'smile_positive'], keywords: [] },
          condition: 'always',
          scope: { branches: [], services: [] },
          outcome: { kind: 'advocacy', priority: 'low', pool: ['demo-agent-ana', 'demo-agent-ben'], strategy: 'round_robin', escalationChain: [], csatSurvey: false },
        },
      },
    ]);
  }
  let accepted = 0;
  for (const [i, item] of FEEDBACK.entries()) {
    const fb = { ...normalizeFeedback({ ...item, externalId: `demo-${i + 1}` }), ...(GIVEN_AT[i] ? { collectionPointId: GIVEN_AT[i] } : {}) };
    const id = `feedback-${fb.channel}-${fb.externalId}`;
    if (await startWorkflowOnce(temporal, feedbackIntakeWorkflow, { taskQueue, workflowId: id, args: intakeArgs(id, fb, Date.now()) })) accepted++;
  }
  log(`[closeloop] demo: branches main/downtown/airport, agents ${AGENTS.map((a) => a.email).join(', ')} (password ${DEMO_PASSWORD}), ${accepted} new feedback, collection points ${POINTS.map((p) => `/c/${p.id}`).join(' and ')}`);
}
