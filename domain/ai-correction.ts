// An agent's correction of what the analyser guessed (sentiment, themes): the input, its shape on the
// ticket, and how sure the analyser was in words. Pure.
import { z } from 'zod';
import { notBlankText } from './text';
import { SENTIMENTS } from './ai';
import { actorSchema } from './ticket-schemas';

export const AI_CORRECTION_FIELDS = ['sentiment', 'themes'] as const;
export type AiCorrectionField = (typeof AI_CORRECTION_FIELDS)[number];

export const aiCorrectionInputSchema = z
  .object({
    sentiment: z.enum(SENTIMENTS).optional(),
    themes: z.array(notBlankText(100)).max(10).optional().describe('Names from the admin theme list; [] says "no theme applies"'),
  })
  .strict()
  .refine((c) => c.sentiment !== undefined || c.themes !== undefined, { message: 'give sentiment, themes or both', path: ['sentiment'] })
  // The refine in the document: with no other key allowed, "sentiment, themes or both" is one property at least.
  .meta({ id: 'AiCorrectionInput', minProperties: 1 });
export type AiCorrectionInput = z.infer<typeof aiCorrectionInputSchema>;

const entry = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    aiValue: value.nullable().meta({ description: 'What the analyser had said when the agent corrected it' }),
    aiSource: z.enum(['llm', 'local']).nullable(),
    by: actorSchema,
    at: z.number().meta({ description: 'When (epoch milliseconds)' }),
  });

export const aiCorrectionsSchema = z
  .object({
    sentiment: entry(z.enum(SENTIMENTS)).nullable(),
    themes: entry(z.array(z.string())).nullable(),
  })
  .meta({ id: 'AiCorrections', description: "An agent's corrections of the analysis; a new analysis never overwrites them (the board and reports use them)" });
export type AiCorrections = z.infer<typeof aiCorrectionsSchema>;

export const NO_CORRECTIONS: AiCorrections = { sentiment: null, themes: null };

/** A 0–1 confidence in words, for people: the analyser's figures are not calibrated probabilities. */
export function confidenceWord(c: number | null | undefined): 'low' | 'medium' | 'high' | null {
  if (c === null || c === undefined) return null;
  return c < 0.5 ? 'low' : c < 0.75 ? 'medium' : 'high';
}
