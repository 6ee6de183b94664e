// Classifies a ticket: an OpenAI-compatible model when configured, the local analyser otherwise (or
// when the model fails). Only redacted text ever leaves the process, and what left is kept for audit.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { taxonomyEntries, ticketEmbeddings, ticketEvents } from '../../db/schema';
import { slaAtRisk, type Analysis } from '../../domain/ai';
import { analyseLocally } from '../../domain/local-analyser';
import { knownPiiOf, redactPii } from '../../domain/pii';
import { piiDictionary } from './pii-dictionary';
import { tierOf } from '../../domain/score-tiers';
import { DEFAULT_THEMES, type ThemeData, type ThemeDef } from '../../domain/themes';
import type { AiView, TicketView } from '../../domain/ticket-view';
import { createModelClient, type AiConfig, type ModelAnswer } from './model-client';
import { findSimilarTickets } from './similar-tickets';

export type { AiConfig } from './model-client';

const MAX_TEXT_CHARS = 6_000; // the newest part of a long thread is what matters

function systemPrompt(themes: ThemeDef[]): string {
  return [
    'You triage customer feedback for a service business. Personal data has been replaced by placeholders such as [NAME], [EMAIL], [PHONE], [ADDRESS] or [ID]; keep them as they are and never guess what they hide.',
    'Answer with one JSON object with exactly these keys:',
    'sentiment: "positive" | "neutral" | "negative" | "angry" (angry = hostile, shouting, threatening);',
    'urgency: "low" | "medium" | "high" (high = health, safety, security, legal, money taken wrongly or a deadline within a day; medium = the customer needs something from us or a problem is ongoing);',
    'churnRisk: integer percentage 0-100 that this customer leaves us;',
    `themes: zero to three names taken exactly from this list: ${JSON.stringify(themes.map((t) => t.name))};`,
    'tags: up to five short lowercase free tags for anything else notable;',
    'summary: exactly two sentences for the agent;',
    'suggestedAction: one sentence, the next thing the agent should do;',
    'suggestedReply: a short, polite public reply to the customer starting "Hello [NAME]," without promises of money.',
  ].join('\n');
}

async function loadThemes(db: Db): Promise<ThemeDef[]> {
  const rows = await db
    .select({ name: taxonomyEntries.name, data: taxonomyEntries.data })
    .from(taxonomyEntries)
    .where(and(eq(taxonomyEntries.kind, 'theme'), isNull(taxonomyEntries.retiredAt)))
    .orderBy(asc(taxonomyEntries.createdAt), asc(taxonomyEntries.name));
  return rows.map((r) => {
    const data = (r.data ?? {}) as Partial<ThemeData>;
    return { name: r.name, keywords: Array.isArray(data.keywords) ? data.keywords : [], action: data.action ?? null };
  });
}

/** The comment and every verified customer message (the newest may not be projected yet). */
async function customerText(db: Db, ticket: TicketView, newest?: string): Promise<{ text: string; senders: string[] }> {
  const rows = await db
    .select({ data: ticketEvents.data })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketNumber, ticket.number), eq(ticketEvents.type, 'email_in')))
    .orderBy(asc(ticketEvents.seq));
  const messages = rows
    .map((r) => r.data as { body?: string; from?: string; autoReply?: boolean } | null)
    .filter((d): d is { body: string; from?: string } => !!d?.body && !d.autoReply);
  const bodies = messages.map((m) => m.body.trim());
  if (newest?.trim() && bodies[bodies.length - 1] !== newest.trim()) bodies.push(newest.trim());
  const text = [ticket.comment?.trim() ?? '', ...bodies].filter(Boolean).join('\n\n');
  return { text: text.length > MAX_TEXT_CHARS ? text.slice(-MAX_TEXT_CHARS) : text, senders: messages.map((m) => m.from ?? '').filter(Boolean) };
}

/** The model's themes must come from the admin list; anything else it named becomes a free tag. */
function fromModel(answer: ModelAnswer, themes: ThemeDef[]): Analysis {
  const byName = new Map(themes.map((t) => [t.name.toLowerCase(), t.name]));
  const known = answer.themes.map((t) => byName.get(t.trim().toLowerCase())).filter((t): t is string => !!t);
  const unknown = answer.themes.filter((t) => !byName.has(t.trim().toLowerCase())).map((t) => t.trim().toLowerCase());
  const tags = [...new Set([...answer.tags.map((t) => t.trim().toLowerCase()), ...unknown])].filter(Boolean).slice(0, 5);
  return { ...answer, churnRisk: Math.round(answer.churnRisk), themes: [...new Set(known)].slice(0, 3), tags };
}

export function createAiActivities(deps: { db: Db; ai: AiConfig | null }) {
  const model = deps.ai ? createModelClient(deps.ai) : null;

  return {
    async analyseTicket(ticket: TicketView, opts: { message?: string } = {}): Promise<AiView> {
      const [configured, { text: raw, senders }] = await Promise.all([loadThemes(deps.db), customerText(deps.db, ticket, opts.message)]);
      const themes = configured.length ? configured : DEFAULT_THEMES;
      const { text } = redactPii(raw, knownPiiOf(ticket.contact, senders), { dictionary: piiDictionary() });
      const tier = ticket.captureType && ticket.score !== null ? tierOf(ticket.captureType, ticket.score) : null;
      const rating = ticket.captureType && ticket.score !== null ? `${ticket.captureType.toUpperCase()} ${ticket.score}` : null;

      // Nothing to read without a comment: the score alone is judged locally and nothing is sent.
      const ask = model && text.trim() ? model : null;
      // the model's budget starts once the text is redacted: the word lists' one-time load (seconds on a busy machine) is not the model's time
      const deadline = Date.now() + (deps.ai?.timeoutMs ?? 0);
      const userContent = JSON.stringify({ channel: ticket.channel, rating, priority: ticket.priority, text });
      const [chat, vector] = ask
        ? await Promise.all([ask.chat([{ role: 'system', content: systemPrompt(themes) }, { role: 'user', content: userContent }], deadline), ask.embed(text, deadline)])
        : [null, null];
      if (vector && ask?.config.embeddingModel) {
        await deps.db
          .insert(ticketEmbeddings)
          .values({ ticketNumber: ticket.number, model: ask.config.embeddingModel, vector })
          .onConflictDoUpdate({ target: ticketEmbeddings.ticketNumber, set: { model: ask.config.embeddingModel, vector, updatedAt: new Date() } });
      }

      const local = chat?.answer ? null : analyseLocally({ text, tier, themes, rating });
      const analysis = local ?? fromModel(chat!.answer!, themes);
      // The model only ever saw placeholders: the draft is re-personalised here, locally.
      const firstName = ticket.contact.name?.trim().split(/\s+/)[0];
      const similar = await findSimilarTickets(deps.db, { ticketNumber: ticket.number, text, themes: analysis.themes, vector, embeddingModel: vector ? (ask?.config.embeddingModel ?? null) : null });
      return {
        ...analysis,
        suggestedReply: analysis.suggestedReply.replace(/\[NAME\]/g, firstName || 'there'),
        slaAtRisk: ticket.breached || slaAtRisk([ticket.sla.firstResponse, ticket.sla.resolution, ticket.sla.nextReply], Date.now()),
        similar,
        source: chat?.answer ? 'llm' : 'local',
        analysedAt: new Date().toISOString(),
        sentText: ask ? userContent : null, // what left the process (chat and embeddings), for an admin to audit
        fallbackReason: chat && !chat.answer ? chat.reason : null,
        attempts: chat?.attempts ?? 0,
        confidence: local?.confidence ?? null, // the model states none
      };
    },
  };
}
