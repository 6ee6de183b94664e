// Ranks past resolved tickets by closeness to a new one: shared themes plus text similarity (TF-IDF
// cosine over stemmed terms, or embedding cosine when both tickets have a vector from the same model).
// Pure; the activity fetches the candidates (full-text or theme matches) and does the I/O.
import { terms } from './text-terms';

export interface SimilarQuery {
  text: string;
  themes: string[];
  vector: number[] | null;
}

export interface SimilarCandidate {
  ticketNumber: number;
  text: string;
  themes: string[];
  vector: number[] | null;
  resolvedAt: number | null;
}

export const SIMILAR_LIMIT = 5;
const MIN_SCORE = 0.08;
const THEME_WEIGHT = 0.4;
const EMBEDDING_SHARE = 0.7; // of the text part, when vectors exist; the rest stays lexical

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || !a.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function jaccard(a: string[], b: string[]): number {
  const x = new Set(a.map((t) => t.toLowerCase()));
  const y = new Set(b.map((t) => t.toLowerCase()));
  const inter = [...x].filter((t) => y.has(t)).length;
  const union = new Set([...x, ...y]).size;
  return union ? inter / union : 0;
}

function termCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** TF-IDF vectors over the query and its candidates (IDF from that same small corpus, smoothed). */
function tfidfSimilarities(query: string, docs: string[]): number[] {
  const q = termCounts(query);
  const ds = docs.map(termCounts);
  const n = ds.length + 1;
  const df = new Map<string, number>();
  for (const d of [q, ...ds]) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const weigh = (m: Map<string, number>) => new Map([...m].map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)]));
  const qw = weigh(q);
  const qn = Math.sqrt([...qw.values()].reduce((s, x) => s + x * x, 0));
  return ds.map((d) => {
    const dw = weigh(d);
    const dn = Math.sqrt([...dw.values()].reduce((s, x) => s + x * x, 0));
    let dot = 0;
    for (const [t, w] of qw) dot += w * (dw.get(t) ?? 0);
    return qn && dn ? dot / (qn * dn) : 0;
  });
}

/** Best first; at most `limit`; candidates that share nothing meaningful are dropped. */
export function rankSimilar<C extends SimilarCandidate>(query: SimilarQuery, candidates: C[], limit = SIMILAR_LIMIT): Array<{ candidate: C; score: number }> {
  const lexical = tfidfSimilarities(query.text, candidates.map((c) => c.text));
  const themeWeight = query.themes.length ? THEME_WEIGHT : 0;
  return candidates
    .map((candidate, i) => {
      const semantic = query.vector && candidate.vector && candidate.vector.length === query.vector.length ? Math.max(0, cosine(query.vector, candidate.vector)) : null;
      const text = semantic === null ? lexical[i] : EMBEDDING_SHARE * semantic + (1 - EMBEDDING_SHARE) * lexical[i];
      const score = themeWeight * jaccard(query.themes, candidate.themes) + (1 - themeWeight) * text;
      return { candidate, score: Math.round(score * 1000) / 1000 };
    })
    .filter((r) => r.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || (b.candidate.resolvedAt ?? 0) - (a.candidate.resolvedAt ?? 0))
    .slice(0, limit);
}

/** A prefix tsquery over the text's stemmed terms ("charg:* | twic:*"), or null when it has none. */
export function ftsQueryOf(text: string, maxTerms = 30): string | null {
  const uniq = [...new Set(terms(text).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length >= 3))].slice(0, maxTerms);
  return uniq.length ? uniq.map((t) => `${t}:*`).join(' | ') : null;
}
