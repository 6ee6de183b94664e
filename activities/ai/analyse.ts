// Classifies a ticket: an OpenAI-compatible model when configured, the local analyser otherwise (or
// when the model fails). Only redacted text ever leaves the process.
import { and, inArray, ne, sql } from 'drizzle-orm';
import OpenAI from 'openai';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { taxonomyEntries, tickets } from '../../db/schema';
import { analyseLocally, type Analysis } from '../../domain/local-analyser';
import { redactPii } from '../../domain/pii';
import { tierOf } from '../../domain/score-tiers';
import type { AiView, TicketView } from '../../workflows/ticket-view';

export interface AiConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

const llmAnswerSchema = z.object({
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  urgency: z.enum(['low', 'medium', 'high']),
  churnRisk: z.number().min(0).max(1),
  themes: z.array(z.string()).max(10),
  summary: z.string().max(1000),
  suggestedAction: z.string().max(1000),
  suggestedReply: z.string().max(4000),
});

const SYSTEM_PROMPT =
  'You triage customer feedback for a service business. Personal data has been replaced by placeholders such as [NAME] or [EMAIL]; keep them as they are. ' +
  'Answer with one JSON object with keys sentiment (negative|neutral|positive), urgency (low|medium|high), churnRisk (0..1), themes (short lowercase strings), ' +
  'summary (one sentence), suggestedAction (one sentence for the agent), suggestedReply (a short, polite reply to the customer, no promises of money).';

export function createAiActivities(deps: { db: Db; ai: AiConfig | null }) {
  const client = deps.ai ? new OpenAI({ baseURL: deps.ai.baseUrl, apiKey: deps.ai.apiKey, timeout: deps.ai.timeoutMs, maxRetries: 0 }) : null;

  async function askModel(text: string, ticket: TicketView): Promise<Analysis | null> {
    if (!client || !deps.ai) return null;
    try {
      const res = await client.chat.completions.create({
        model: deps.ai.model,
        response_format: { type: 'json_object' },
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: JSON.stringify({ channel: ticket.channel, rating: ticket.captureType ? `${ticket.captureType} ${ticket.score}` : null, priority: ticket.priority, text }) },
        ],
      });
      const parsed = llmAnswerSchema.safeParse(JSON.parse(res.choices[0]?.message?.content ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // the local analyser answers instead; the ticket never waits on the model
    }
  }

  async function similarTickets(ticket: TicketView, text: string): Promise<AiView['similar']> {
    const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])].slice(0, 30);
    if (!words.length) return [];
    const query = words.map((w) => w.replace(/'/g, '')).join(' | ');
    const rows = await deps.db
      .select({ number: tickets.number, title: tickets.title, rootCauseId: tickets.rootCauseId, actionId: tickets.actionId, rank: sql<number>`ts_rank(${tickets.search}, to_tsquery('simple', ${query}))` })
      .from(tickets)
      .where(and(ne(tickets.number, ticket.number), inArray(tickets.status, ['resolved', 'closed']), sql`${tickets.search} @@ to_tsquery('simple', ${query})`))
      .orderBy(sql`4 desc`)
      .limit(3);
    const ids = rows.flatMap((r) => [r.rootCauseId, r.actionId]).filter((x): x is string => !!x);
    const names = ids.length ? await deps.db.select({ id: taxonomyEntries.id, name: taxonomyEntries.name }).from(taxonomyEntries).where(inArray(taxonomyEntries.id, ids)) : [];
    const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? null) : null);
    return rows.map((r) => ({ ticketNumber: r.number, title: redactPii(r.title).text, rootCause: nameOf(r.rootCauseId), action: nameOf(r.actionId), score: Math.round(Number(r.rank) * 1000) / 1000 }));
  }

  return {
    async analyseTicket(ticket: TicketView): Promise<AiView> {
      const { text } = redactPii(ticket.comment ?? '', [ticket.contact.name, ticket.contact.email, ticket.contact.phone]);
      const tier = ticket.captureType && ticket.score !== null ? tierOf(ticket.captureType, ticket.score) : null;
      const due = ticket.sla.resolution.dueAt;
      const dueSoon = due !== null && due - Date.now() < 2 * 3_600_000;
      const llm = await askModel(text, ticket);
      const analysis = llm ?? analyseLocally({ text, tier, priority: ticket.priority, dueSoon });
      // The model only ever saw placeholders: the draft is re-personalised here, locally.
      const firstName = ticket.contact.name?.split(/\s+/)[0];
      const suggestedReply = analysis.suggestedReply.replace(/\[NAME\]/g, firstName ?? 'there');
      return {
        ...analysis,
        suggestedReply,
        sentText: llm ? text : null, // what left the process, for an admin to audit
        slaAtRisk: ticket.breached || dueSoon,
        similar: await similarTickets(ticket, text),
        source: llm ? 'llm' : 'local',
        analysedAt: new Date().toISOString(),
      };
    },
  };
}
