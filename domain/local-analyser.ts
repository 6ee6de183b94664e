// The built-in analyser used when no AI endpoint is configured (or it fails): deterministic lexicon
// rules over already-redacted text. Pure.
import Sentiment from 'sentiment';

export interface Analysis {
  sentiment: 'negative' | 'neutral' | 'positive';
  urgency: 'low' | 'medium' | 'high';
  churnRisk: number; // 0–1
  themes: string[];
  summary: string;
  suggestedAction: string;
  suggestedReply: string;
}

export const THEMES: Record<string, string[]> = {
  'waiting time': ['wait', 'waited', 'waiting', 'queue', 'slow', 'late', 'delay', 'delayed', 'hours', 'forever'],
  staff: ['staff', 'rude', 'unfriendly', 'employee', 'waiter', 'cashier', 'manager', 'attitude', 'agent'],
  cleanliness: ['dirty', 'clean', 'smell', 'hygiene', 'toilet', 'filthy'],
  price: ['price', 'expensive', 'overpriced', 'cost', 'charge', 'charged'],
  billing: ['bill', 'billing', 'invoice', 'refund', 'overcharged', 'payment', 'card'],
  'product quality': ['broken', 'defect', 'defective', 'quality', 'cold', 'stale', 'damaged', 'faulty'],
  'app and website': ['app', 'website', 'login', 'crash', 'error', 'bug', 'online'],
};

const CHURN_WORDS = ['cancel', 'never again', 'switch', 'competitor', 'last time', 'leaving', 'unsubscribe', 'close my account'];
const URGENT_WORDS = ['urgent', 'immediately', 'asap', 'lawyer', 'legal', 'police', 'danger', 'unsafe', 'injury', 'sick', 'allergic'];

const sentimentLib = new Sentiment();

export interface AnalyserInput {
  text: string; // redacted comment and messages
  tier: 'detractor' | 'passive' | 'promoter' | null;
  priority: 'low' | 'medium' | 'high';
  dueSoon: boolean;
}

export function analyseLocally(input: AnalyserInput): Analysis {
  const lower = input.text.toLowerCase();
  const words = new Set(lower.split(/[^\p{L}\p{N}']+/u));
  const score = input.text.trim() ? sentimentLib.analyze(input.text).comparative : 0;
  const sentiment: Analysis['sentiment'] = input.tier === 'detractor' || score < -0.05 ? 'negative' : score > 0.2 && input.tier !== 'passive' ? 'positive' : 'neutral';
  const themes = Object.entries(THEMES)
    .filter(([, kws]) => kws.some((k) => words.has(k)))
    .map(([t]) => t);
  const urgentHit = URGENT_WORDS.some((w) => lower.includes(w));
  const urgency: Analysis['urgency'] = urgentHit || input.priority === 'high' ? 'high' : input.dueSoon || input.priority === 'medium' ? 'medium' : 'low';
  const churnHits = CHURN_WORDS.filter((w) => lower.includes(w)).length;
  const base = input.tier === 'detractor' ? 0.5 : input.tier === 'passive' ? 0.25 : 0.1;
  const churnRisk = Math.min(1, Math.round((base + churnHits * 0.2 + (sentiment === 'negative' ? 0.1 : 0)) * 100) / 100);
  const firstSentence = input.text.trim().split(/(?<=[.!?])\s+/)[0] ?? '';
  const summary = input.text.trim()
    ? `${sentiment === 'negative' ? 'Unhappy' : sentiment === 'positive' ? 'Happy' : 'Mixed'} customer${themes.length ? ` about ${themes.join(', ')}` : ''}: "${firstSentence.slice(0, 160)}"`
    : `Low score without a comment${input.tier ? ` (${input.tier})` : ''}.`;
  const suggestedAction = themes.includes('billing')
    ? 'Check the charge and offer a refund or credit if it was wrong.'
    : themes.includes('staff')
      ? 'Talk to the shift lead about the interaction and apologise personally.'
      : themes.includes('waiting time')
        ? 'Apologise for the wait and review staffing at the reported time.'
        : 'Call the customer to understand what went wrong.';
  const about = themes.length ? ` with ${themes[0]}` : '';
  const suggestedReply = `Hello,\n\nthank you for telling us about your experience${about}. We are sorry it fell short. We are looking into it and will come back to you shortly with what we are doing about it.\n\nKind regards`;
  return { sentiment, urgency, churnRisk, themes, summary, suggestedAction, suggestedReply };
}
