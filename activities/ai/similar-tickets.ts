// Similar past tickets: resolved or closed tickets found by full-text search over their text or by a
// shared theme, re-ranked in process (themes, TF-IDF, and embedding cosine when both have vectors),
// with how each was resolved. Titles and notes are redacted with that ticket's own contact.
import { and, desc, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { taxonomyEntries, ticketEmbeddings, ticketEvents, tickets } from '../../db/schema';
import type { SimilarTicket } from '../../domain/ai';
import { OPEN_STATUSES } from '../../domain/lifecycle';
import { knownPiiOf, redactPii } from '../../domain/pii';
import { piiDictionary } from './pii-dictionary';
import { ftsQueryOf, rankSimilar, SIMILAR_LIMIT } from '../../domain/similar';

const CANDIDATES = 200;

export interface SimilarLookup {
  ticketNumber: number; // excluded from the results
  text: string; // redacted
  themes: string[];
  vector: number[] | null;
  embeddingModel: string | null;
}

export async function findSimilarTickets(db: Db, q: SimilarLookup, limit = SIMILAR_LIMIT): Promise<SimilarTicket[]> {
  const fts = ftsQueryOf(q.text);
  const matches = [
    ...(fts ? [sql`${tickets.search} @@ to_tsquery('simple', ${fts})`] : []),
    ...(q.themes.length ? [sql`jsonb_exists_any(${tickets.ai}->'themes', array[${sql.join(q.themes.map((t) => sql`${t}`), sql`, `)}]::text[])`] : []),
  ];
  if (!matches.length) return [];
  const rank = fts ? sql<number>`ts_rank(${tickets.search}, to_tsquery('simple', ${fts}))` : sql<number>`0`;
  const rows = await db
    .select({
      number: tickets.number,
      title: tickets.title,
      comment: tickets.comment,
      contact: tickets.contact,
      ai: tickets.ai,
      rootCauseId: tickets.rootCauseId,
      actionId: tickets.actionId,
      resolvedAt: tickets.resolvedAt,
      vector: ticketEmbeddings.vector,
    })
    .from(tickets)
    .leftJoin(ticketEmbeddings, and(eq(ticketEmbeddings.ticketNumber, tickets.number), eq(ticketEmbeddings.model, q.embeddingModel ?? '')))
    .where(and(ne(tickets.number, q.ticketNumber), notInArray(tickets.status, [...OPEN_STATUSES]), or(...matches)))
    .orderBy(desc(rank), desc(tickets.resolvedAt))
    .limit(CANDIDATES);
  const ranked = rankSimilar(
    { text: q.text, themes: q.themes, vector: q.vector },
    rows.map((r) => ({
      ...r,
      ticketNumber: r.number,
      text: redactPii(r.comment ?? r.title, knownPiiOf(r.contact), { dictionary: piiDictionary() }).text,
      themes: (r.ai?.themes ?? []).filter((t) => typeof t === 'string'),
      vector: r.vector,
      resolvedAt: r.resolvedAt?.getTime() ?? null,
    })),
    limit,
  );
  if (!ranked.length) return [];

  const numbers = ranked.map((r) => r.candidate.number);
  const ids = ranked.flatMap((r) => [r.candidate.rootCauseId, r.candidate.actionId]).filter((x): x is string => !!x);
  const [names, notes] = await Promise.all([
    ids.length ? db.select({ id: taxonomyEntries.id, name: taxonomyEntries.name }).from(taxonomyEntries).where(inArray(taxonomyEntries.id, ids)) : [],
    db
      .selectDistinctOn([ticketEvents.ticketNumber], { ticketNumber: ticketEvents.ticketNumber, note: sql<string | null>`${ticketEvents.data}->>'note'` })
      .from(ticketEvents)
      .where(and(inArray(ticketEvents.ticketNumber, numbers), eq(ticketEvents.type, 'resolved')))
      .orderBy(ticketEvents.ticketNumber, desc(ticketEvents.seq)),
  ]);
  const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? null) : null);
  return ranked.map(({ candidate: c, score }) => {
    const note = notes.find((n) => n.ticketNumber === c.number)?.note ?? null;
    return {
      ticketNumber: c.number,
      title: redactPii(c.title, knownPiiOf(c.contact), { dictionary: piiDictionary() }).text,
      themes: c.themes,
      rootCause: nameOf(c.rootCauseId),
      action: nameOf(c.actionId),
      note: note ? redactPii(note, knownPiiOf(c.contact), { dictionary: piiDictionary() }).text : null,
      resolvedAt: c.resolvedAt ? new Date(c.resolvedAt).toISOString() : null,
      score,
    };
  });
}
