// AI classification against a local Chat Completions server: results land on the ticket and its
// timeline, no PII reaches the model, and every failure falls back to the local analyser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../support/fake-openai';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let ai: Awaited<ReturnType<typeof startFakeOpenAi>>;
let admin: Session;
let seq = 0;

beforeAll(async () => {
  ai = await startFakeOpenAi();
  ai.state.answer = { sentiment: 'negative', urgency: 'high', churnRisk: 0.8, themes: ['billing'], summary: 'Charged twice.', suggestedAction: 'Refund the duplicate charge.', suggestedReply: 'Dear [NAME], we are sorry.' };
  s = await startStack({ activityDeps: { ai: { baseUrl: ai.baseUrl, apiKey: 'sk-test', model: 'test-model', timeoutMs: 1500 } } });
  admin = await s.login();
});
afterAll(async () => {
  await s?.teardown();
  await ai?.close();
});

type Ai = { source: string; sentiment: string; summary: string; themes: string[] };
async function ticketWithComment(comment: string, contact: Record<string, string>) {
  const res = await s.postFeedback({ channel: 'web', type: 'star', score: 1, comment, contact, branch: 'main', externalId: `ai-${++seq}` }, '?wait=true');
  const n = ((await res.json()) as { ticketNumber: number }).ticketNumber;
  return s.eventually(async () => {
    const r = await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin);
    if (r.status !== 200) return null;
    const t = (await r.json()) as { number: number; ai: Ai | null; timeline: Array<{ type: string; data: { source?: string } | null }> };
    return t.ai && t.timeline.some((e) => e.type === 'ai_analysed') ? t : null;
  });
}

describe('AI classification', () => {
  it('uses the model and never sends it PII', async () => {
    const before = ai.requests.length;
    const t = await ticketWithComment('Hi, I am Maria Gonzalez. You charged my card 4111-1111-1111-1111 twice! Call me on 0044 7700 900 123 or mail maria.g@example.org', {
      name: 'Maria Gonzalez',
      email: 'maria.g@example.org',
      phone: '+44 7700 900123',
    });
    expect(t.ai).toMatchObject({ source: 'llm', sentiment: 'negative', summary: 'Charged twice.', themes: ['billing'] });
    expect(t.timeline.find((e) => e.type === 'ai_analysed')?.data?.source).toBe('llm');
    const sent = JSON.stringify(ai.requests.slice(before).map((r) => r.body.messages));
    for (const pii of ['Maria', 'Gonzalez', '4111', '7700', 'maria.g', 'example.org']) expect(sent).not.toContain(pii);
    expect(sent).toContain('[NAME]');
    const full = (await (await s.call('GET', `/api/v1/tickets/${t.number}`, undefined, admin)).json()) as { ai: { suggestedReply: string; sentText: string } };
    expect(full.ai.suggestedReply).toBe('Dear Maria, we are sorry.'); // re-personalised locally
    expect(full.ai.sentText).toContain('[CARD]');
    expect(ai.requests[before].auth).toBe('Bearer sk-test');
    expect(ai.requests[before].body.model).toBe('test-model');
  });

  for (const mode of ['malformed', 'rate_limited', 'slow'] as const) {
    it(`falls back to the local analyser when the model answers ${mode}`, async () => {
      ai.state.mode = mode;
      const t = await ticketWithComment('The waiter was rude and we waited an hour', {});
      expect(t.ai!.source).toBe('local');
      expect(t.ai!.themes).toEqual(expect.arrayContaining(['staff', 'waiting time']));
      ai.state.mode = 'ok';
    });
  }

  it('regenerates on demand', async () => {
    ai.state.mode = 'rate_limited';
    const t = await ticketWithComment('Cold food again', {});
    expect(t.ai!.source).toBe('local');
    ai.state.mode = 'ok';
    const r = await s.call('POST', `/api/v1/tickets/${t.number}/reanalyse`, {}, admin);
    expect(r.status).toBe(200);
    await s.eventually(async () => {
      const v = (await (await s.call('GET', `/api/v1/tickets/${t.number}`, undefined, admin)).json()) as { ai: Ai };
      return v.ai.source === 'llm';
    });
  });
});
