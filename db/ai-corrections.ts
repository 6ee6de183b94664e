// Agents' corrections of the analysis, kept per ticket and field (the latest wins). The projection
// lays them over each new analysis (activities/projection.ts), so the board, search and reports show
// what the agent said, and the rows with the analyser's own answer beside them serve later as labels.
import { eq } from 'drizzle-orm';
import { SENTIMENTS, type Sentiment } from '../domain/ai';
import { NO_CORRECTIONS, type AiCorrectionInput, type AiCorrections } from '../domain/ai-correction';
import type { Actor } from '../domain/ticket';
import type { AiView } from '../domain/ticket-view';
import type { Db } from './client';
import { aiCorrections, tickets } from './schema';

type Reader = Pick<Db, 'select'>;

export async function aiCorrectionsOf(db: Reader, ticketNumber: number): Promise<AiCorrections> {
  const rows = await db.select().from(aiCorrections).where(eq(aiCorrections.ticketNumber, ticketNumber));
  const out: AiCorrections = { ...NO_CORRECTIONS };
  const sentiment = (v: unknown) => (SENTIMENTS as readonly unknown[]).includes(v) ? (v as Sentiment) : null;
  const themes = (v: unknown) => (Array.isArray(v) ? v.map(String) : null);
  for (const r of rows) {
    const common = { aiSource: r.aiSource, by: { id: r.correctedBy, name: r.correctedByName }, at: r.correctedAt.getTime() };
    const value = r.field === 'sentiment' ? sentiment(r.value) : themes(r.value);
    if (r.field === 'sentiment' && typeof value === 'string') out.sentiment = { value, aiValue: sentiment(r.aiValue), ...common };
    if (r.field === 'themes' && Array.isArray(value)) out.themes = { value, aiValue: themes(r.aiValue), ...common };
  }
  return out;
}

/** The read-model columns a correction overrides, for the projection to apply over the analysis. */
export async function correctedColumns(db: Reader, ticketNumber: number): Promise<{ sentiment?: Sentiment; themes?: string[] }> {
  const c = await aiCorrectionsOf(db, ticketNumber);
  return { ...(c.sentiment ? { sentiment: c.sentiment.value } : {}), ...(c.themes ? { themes: c.themes.value } : {}) };
}

/** Stores the correction beside what the analyser said and shows it on the board at once. */
export async function saveAiCorrection(db: Db, ticketNumber: number, input: AiCorrectionInput, ai: AiView | null, by: Actor): Promise<AiCorrections> {
  const at = new Date();
  await db.transaction(async (tx) => {
    const write = async (field: 'sentiment' | 'themes', value: string | string[], aiValue: string | string[] | null) => {
      const row = { value, aiValue, aiSource: ai?.source ?? null, correctedBy: by.id, correctedByName: by.name, correctedAt: at };
      await tx.insert(aiCorrections).values({ ticketNumber, field, ...row }).onConflictDoUpdate({ target: [aiCorrections.ticketNumber, aiCorrections.field], set: row });
    };
    if (input.sentiment !== undefined) await write('sentiment', input.sentiment, ai?.sentiment ?? null);
    if (input.themes !== undefined) await write('themes', input.themes, ai?.themes ?? null);
    await tx.update(tickets).set(await correctedColumns(tx, ticketNumber)).where(eq(tickets.number, ticketNumber));
  });
  return aiCorrectionsOf(db, ticketNumber);
}
