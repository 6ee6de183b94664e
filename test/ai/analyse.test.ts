// AI classification against a local server speaking the OpenAI wire format: results land on the
// ticket and its timeline, no PII reaches the model (chat or embeddings), failures are retried and
// then fall back to the local analyser, similar resolved tickets come with how they were resolved.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyEntries, ticketEmbeddings } from '../../db/schema';
import { piiDictionary } from '../../activities/ai/pii-dictionary';
import { ticketWorkflowId } from '../../domain/ticket';
import { customerMessageSignal } from '../../workflows/ticket-messages';
import { startFakeOpenAi } from '../support/fake-openai';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let ai: Awaited<ReturnType<typeof startFakeOpenAi>>;
let admin: Session;
let seq = 0;

const ANSWER = {
  sentiment: 'angry',
  urgency: 'high',
  churnRisk: 80,
  themes: ['Billing and refunds', 'parking'],
  tags: ['duplicate charge'],
  summary: 'The customer was charged twice. They want the money back today.',
  suggestedAction: 'Refund the duplicate charge.',
  suggestedReply: 'Hello [NAME], we are sorry.',
};

beforeAll(async () => {
  ai = await startFakeOpenAi();
  ai.state.answer = ANSWER;
  // Parse the PII dictionaries now (seconds of CPU, once per process): otherwise the first analysis pays
  // for it inside its 3 s model budget and, on a loaded machine, falls back without asking the model.
  piiDictionary();
  s = await startStack({ activityDeps: { ai: { baseUrl: ai.baseUrl, apiKey: 'sk-test', model: 'test-model', timeoutMs: 3000, embeddingModel: 'test-embed' } } });
  admin = await s.login();
});
afterAll(async () => {
  await s?.teardown();
  await ai?.close();
});

interface AiBody {
  source: 'llm' | 'local';
  sentiment: string;
  urgency: string;
  slaAtRisk: boolean;
  churnRisk: number;
  themes: string[];
  tags: string[];
  summary: string;
  suggestedAction: string;
  suggestedReply: string;
  similar: Array<{ ticketNumber: number; title: string; rootCause: string | null; action: string | null; note: string | null; score: number }>;
  analysedAt: string;
  sentText: string | null;
  fallbackReason: string | null;
  attempts: number;
}
type Timeline = Array<{ type: string; reason: string | null; data: { source?: string } | null }>;
type TicketBody = { number: number; ai: AiBody | null; timeline: Timeline };

async function getTicket(n: number) {
  return (await (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).json()) as TicketBody;
}

/** Waits for the ticket's `count`-th analysis to be projected. */
async function analysed(n: number, count = 1) {
  return s.eventually(async () => {
    const t = await getTicket(n);
    return t.ai && t.timeline.filter((e) => e.type === 'ai_analysed').length >= count ? t : null;
  });
}

async function ticketWithComment(comment: string, contact: Record<string, string> = {}) {
  const fb = { channel: 'web', type: 'star', score: 1, comment, contact, branch: 'main', externalId: `ai-${++seq}` };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  return analysed(n);
}

describe('AI classification', () => {
  it('uses the model, never sends it PII (chat or embeddings), and lands on the ticket and its timeline', async () => {
    const before = ai.requests.length;
    const contact = { name: 'María-José Gonzalez', email: 'mj.gonzalez@example.org', phone: '+44 7700 900123', address: '221B Baker Street, London NW1 6XE' };
    const comment = [
      'Hi, this is maria-jose gonzalez (MJ Gonzalez). You charged my card 4111-1111-1111-1111 twice!',
      'Reach me on 0044 7700 900 123, (020) 7946-0958, +1 (555) 010-4477, 555.010.4477 or 07700900123.',
      '<!-- mj.gonzalez@example.org --> or write to mj [at] example [dot] org, or my husband at raj.p@mail.example.com.',
      "Send the refund letter to 221B Baker Street, NW1 6XE. Gonzalez's passport X12345678, SSN 123-45-6789, member 99887766.",
    ].join('\n');
    const t = await ticketWithComment(comment, contact);

    const leaked = ['María', 'Maria', 'maria', 'Gonzalez', 'gonzalez', 'mj.gonzalez', 'example.org', 'raj.p', '4111', '7700', '7946', '555', '4477', 'Baker', 'NW1', 'X12345678', '6789', '99887766'];
    const sent = ai.requests.slice(before);
    expect(sent.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    expect(sent.some((r) => r.path.endsWith('/embeddings'))).toBe(true);
    const wire = JSON.stringify(sent.map((r) => r.body));
    for (const pii of leaked) expect(wire, pii).not.toContain(pii);
    for (const placeholder of ['[NAME]', '[CARD]', '[PHONE]', '[EMAIL]', '[ADDRESS]', '[ID]']) expect(wire).toContain(placeholder);
    expect(sent[0].auth).toBe('Bearer sk-test');

    expect(t.ai).toMatchObject({
      source: 'llm',
      sentiment: 'angry',
      urgency: 'high',
      churnRisk: 80,
      themes: ['Billing and refunds'], // from the admin list only
      tags: ['duplicate charge', 'parking'], // what the model named outside the list
      summary: ANSWER.summary,
      suggestedAction: 'Refund the duplicate charge.',
      suggestedReply: 'Hello María-José, we are sorry.', // re-personalised locally
      slaAtRisk: false,
      fallbackReason: null,
      attempts: 1,
    });
    expect(Date.parse(t.ai!.analysedAt)).not.toBeNaN();
    // What left the process is kept for audit, and is exactly what the model received.
    const chat = sent.find((r) => r.path.endsWith('/chat/completions'))!;
    expect(t.ai!.sentText).toBe(chat.body.messages![1].content);
    expect(chat.body.messages![0].content).toContain('"Billing and refunds"'); // the admin theme list
    expect(t.timeline.find((e) => e.type === 'ai_analysed')?.data).toMatchObject({ source: 'llm', sentiment: 'angry', churnRisk: 80 });
    const [stored] = await s.database.db.select().from(ticketEmbeddings).where(eq(ticketEmbeddings.ticketNumber, t.number));
    expect(stored.model).toBe('test-embed');
    expect(stored.vector.length).toBe(64);
  });

  it('never sends third-party names, dates of birth, plates, references or the contact name, in any language', async () => {
    const before = ai.requests.length;
    const contact = { name: 'Sabine Hoffmann', email: 'sabine.h@example.de' };
    const comment = [
      'Die Kellnerin Jana hat uns ignoriert, mein Mann Klaus hatte Geburtstag (geboren am 14.03.1961).',
      'Reservierung R-55120, unser Auto mit dem Kennzeichen HH-KL 4471 wurde zugeparkt.',
      'Also, please tell Priya at the front desk that my daughter Amelia loved the cake. Order #A7731920, postcode SW1A 2AA.',
      'sabine was there too.',
      'Viele Grüße',
      'Sabine Hoffmann',
    ].join('\n');
    const t = await ticketWithComment(comment, contact);

    const sent = ai.requests.slice(before);
    expect(sent.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    const wire = JSON.stringify(sent.map((r) => r.body));
    const leaked = ['Jana', 'Klaus', '14.03.1961', '1961', 'R-55120', '55120', 'HH-KL', '4471', 'Priya', 'Amelia', 'A7731920', 'SW1A', 'Sabine', 'sabine', 'Hoffmann'];
    for (const pii of leaked) expect(wire, pii).not.toContain(pii);
    for (const placeholder of ['[NAME]', '[DATE_OF_BIRTH]', '[PLATE]', '[REFERENCE]', '[POSTCODE]']) expect(wire).toContain(placeholder);
    // the ordinary words around them did reach the model
    for (const kept of ['Kellnerin', 'Geburtstag', 'Kennzeichen', 'front desk', 'loved the cake']) expect(wire).toContain(kept);
    expect(t.ai!.suggestedReply).toBe('Hello Sabine, we are sorry.'); // re-personalised locally
  });

  it('retries a malformed answer and then uses the model', async () => {
    ai.state.script = ['malformed', 'invalid_schema'];
    const before = ai.chatRequests().length;
    const t = await ticketWithComment('The bill was wrong');
    expect(t.ai).toMatchObject({ source: 'llm', attempts: 3, fallbackReason: null });
    expect(ai.chatRequests().length - before).toBe(3);
  });

  it('waits as long as a 429 Retry-After asks, then uses the model', async () => {
    ai.state.script = ['rate_limited'];
    const before = ai.chatRequests().length;
    const t = await ticketWithComment('The bill was wrong again');
    expect(t.ai).toMatchObject({ source: 'llm', attempts: 2 });
    const [first, second] = ai.chatRequests().slice(before);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950); // Retry-After: 1
  });

  for (const [mode, reason] of [
    ['malformed', 'invalid answer'],
    ['rate_limited', 'rate limited'],
    ['slow', 'timeout'],
    ['server_error', 'server error'],
  ] as const) {
    it(`falls back to the local analyser when the model keeps answering ${mode}`, async () => {
      ai.state.mode = mode;
      try {
        const t = await ticketWithComment('The waiter was rude and we waited an hour');
        expect(t.ai).toMatchObject({ source: 'local', fallbackReason: reason, sentiment: 'negative' });
        expect(t.ai!.themes).toEqual(expect.arrayContaining(['Staff attitude', 'Waiting time']));
        expect(t.ai!.churnRisk).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(t.ai!.churnRisk)).toBe(true);
        expect(t.ai!.summary.split(/(?<=[.!?])\s+/).length).toBe(2);
        expect(t.ai!.sentText).not.toBeNull(); // it was sent, even though the answer was not used
        const event = t.timeline.find((e) => e.type === 'ai_analysed')!;
        expect(event.data?.source).toBe('local');
        expect(event.reason).toBe(`model not used: ${reason}`);
      } finally {
        ai.state.mode = 'ok';
      }
    });
  }

  it('regenerates on demand', async () => {
    ai.state.mode = 'rate_limited';
    ai.state.retryAfterSeconds = 5; // longer than the budget: no retry, straight to the fallback
    const t = await ticketWithComment('Cold food again');
    expect(t.ai).toMatchObject({ source: 'local', attempts: 1 });
    ai.state.mode = 'ok';
    ai.state.retryAfterSeconds = 1;
    const r = await s.call('POST', `/api/v1/tickets/${t.number}/reanalyse`, {}, admin);
    expect(r.status).toBe(200);
    const again = await analysed(t.number, 2);
    expect(again.ai!.source).toBe('llm');
  });

  it('analyses again when the customer writes, reading the new message (redacted)', async () => {
    const t = await ticketWithComment('Where is my parcel?', { name: 'Ann Lee', email: 'ann@example.com' });
    const before = ai.chatRequests().length;
    await s.temporal.env.client.workflow.getHandle(ticketWorkflowId(t.number)).signal(customerMessageSignal, {
      messageId: `<m-${t.number}@customer>`,
      from: 'ann.lee@work.example.net',
      subject: 'Re: your feedback',
      body: 'Still nothing. Ann Lee, call +44 20 7946 0958. It was a gift for tomorrow!',
      verifiedSender: true,
      autoReply: false,
      attachments: [],
      receivedAt: Date.now(),
    });
    await analysed(t.number, 2);
    const content = ai.chatRequests().slice(before)[0].body.messages![1].content;
    expect(content).toContain('gift for tomorrow');
    expect(content).not.toMatch(/Ann|Lee|7946/);
  });

  it('finds similar resolved tickets with how they were resolved, ranked with embeddings', async () => {
    const tax = await s.database.db.select().from(taxonomyEntries);
    const rootCause = tax.find((x) => x.name === 'Billing error')!;
    const action = tax.find((x) => x.name === 'Refund or credit')!;
    const past = await ticketWithComment('You charged my credit card twice for one dinner', { name: 'Bob Stone' });
    const other = await ticketWithComment('Lovely terrace, but the music was too loud');
    for (const n of [past.number, other.number]) {
      const r = await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: rootCause.id, actionId: action.id, note: 'Refunded; told Bob Stone on 0161 496 0000.' }, admin);
      expect(r.status).toBe(200);
    }
    await s.eventually(async () => (await getTicket(other.number)).timeline.some((e) => e.type === 'resolved'));

    const t = await ticketWithComment('Charged twice on my card for the same dinner!');
    const first = t.ai!.similar[0];
    expect(first).toMatchObject({ ticketNumber: past.number, rootCause: 'Billing error', action: 'Refund or credit', note: 'Refunded; told [NAME] on [PHONE].' });
    expect(first.title).not.toContain('Bob');
    expect(t.ai!.similar.length).toBeLessThanOrEqual(5);
    expect(t.ai!.similar.map((x) => x.ticketNumber)).not.toContain(t.number);
  });

  it('classifies with the themes an admin keeps (the model is told them, the local analyser uses them)', async () => {
    const created = await s.call('POST', '/api/v1/taxonomies', { kind: 'theme', name: 'Parking', keywords: ['parking', 'car park', 'parking ticket'], action: 'Check the car park barrier log.' }, admin);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ kind: 'theme', name: 'Parking', keywords: ['parking', 'car park', 'parking ticket'], action: 'Check the car park barrier log.' });

    const before = ai.chatRequests().length;
    const t = await ticketWithComment('The car park barrier ate my ticket');
    expect(ai.chatRequests()[before].body.messages![0].content).toContain('"Parking"');
    expect(t.ai!.themes).toEqual(['Billing and refunds', 'Parking']); // "parking" from the model is now a listed theme

    ai.state.mode = 'malformed';
    try {
      const local = await ticketWithComment('Got a parking ticket in your car park');
      expect(local.ai).toMatchObject({ source: 'local', themes: ['Parking'], suggestedAction: 'Check the car park barrier log.' });
    } finally {
      ai.state.mode = 'ok';
    }
  });

  it('sorts the queue by churn risk (a percentage)', async () => {
    const r = await s.call('GET', '/api/v1/tickets?sort=churn_risk&limit=500', undefined, admin);
    const items = ((await r.json()) as { items: Array<{ churnRisk: number | null }> }).items.filter((i) => i.churnRisk !== null);
    expect(items.length).toBeGreaterThan(3);
    const risks = items.map((i) => i.churnRisk!);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(risks[0]).toBeGreaterThan(1);
    for (const x of risks) expect(Number.isInteger(x) && x >= 0 && x <= 100).toBe(true);
  });
});

describe('theme taxonomy API', () => {
  it('edits keywords and the action of a theme, and refuses them on other kinds', async () => {
    const list = (await (await s.call('GET', '/api/v1/taxonomies?kind=theme', undefined, admin)).json()) as { items: Array<{ id: string; name: string; keywords: string[] }> };
    expect(list.items.map((i) => i.name)).toEqual(expect.arrayContaining(['Waiting time', 'Billing and refunds', 'Safety and health']));
    const waiting = list.items.find((i) => i.name === 'Waiting time')!;
    const patched = await s.call('PATCH', `/api/v1/taxonomies/${waiting.id}`, { keywords: ['queue', 'Wait'] }, admin);
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ keywords: ['queue', 'wait'] });

    const rc = (await s.database.db.select().from(taxonomyEntries).where(eq(taxonomyEntries.kind, 'root_cause')))[0];
    const bad = await s.call('PATCH', `/api/v1/taxonomies/${rc.id}`, { keywords: ['x'] }, admin);
    expect(bad.status).toBe(400);
    const badCreate = await s.call('POST', '/api/v1/taxonomies', { kind: 'action', name: 'Call back', keywords: ['x'] }, admin);
    expect(badCreate.status).toBe(400);
    expect(((await badCreate.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const tooMany = await s.call('POST', '/api/v1/taxonomies', { kind: 'theme', name: 'Noise', keywords: Array.from({ length: 101 }, (_, i) => `w${i}`) }, admin);
    expect(tooMany.status).toBe(400);
  });
});
