// The feedback an intake channel submits, its validation and normalisation. Pure.
import { z } from 'zod';
import { safeText } from './text';
import { localeTagSchema, toLanguageTag } from './i18n/locales';
import { pgInstant } from './ids';
import { captureTypeSchema, channelSchema, contactSchema, type CaptureType } from './types';

export const SCORE_RANGES: Readonly<Record<CaptureType, { min: number; max: number }>> = {
  smile: { min: 0, max: 2 }, // 0 negative, 1 neutral, 2 positive
  star: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

export const feedbackInputSchema = z
  .object({
    channel: channelSchema,
    type: captureTypeSchema,
    score: z.number().int('score must be a whole number'),
    comment: safeText().max(10_000).optional(),
    contact: contactSchema.optional(),
    branch: safeText().min(1).max(100).optional(),
    service: safeText().min(1).max(100).optional(),
    externalId: safeText().min(1).max(200).optional().describe('Channel-side id: the same channel + externalId is accepted once'),
    submittedAt: pgInstant().optional().describe('When the customer answered (defaults to receipt time)'),
    locale: localeTagSchema.optional(),
  })
  .strict()
  .superRefine((fb, ctx) => {
    const r = SCORE_RANGES[fb.type];
    if (fb.score < r.min || fb.score > r.max) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: `a ${fb.type} score must be between ${r.min} and ${r.max}` });
    }
  })
  .meta({ id: 'FeedbackInput' });
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export interface NormalizedFeedback {
  channel: FeedbackInput['channel'];
  type: CaptureType;
  score: number;
  comment?: string;
  contact?: FeedbackInput['contact'];
  branch?: string;
  service?: string;
  externalId?: string;
  submittedAt?: number; // epoch ms
  /** The collection point (kiosk, QR code, widget) it was given at, for its response count. */
  collectionPointId?: string;
  /** The customer's language (canonical BCP 47 tag), when the channel knew it. */
  locale?: string;
}

/** Trims text, drops empty values and lower-cases the e-mail so the same person is one contact. */
export function normalizeFeedback(fb: FeedbackInput): NormalizedFeedback {
  const comment = fb.comment?.trim() || undefined;
  const contact = fb.contact
    ? Object.fromEntries(
        Object.entries({ name: fb.contact.name?.trim(), email: fb.contact.email?.trim().toLowerCase(), phone: fb.contact.phone?.replace(/[^\d+]/g, '') }).filter(([, v]) => v),
      )
    : undefined;
  return {
    channel: fb.channel,
    type: fb.type,
    score: fb.score,
    ...(comment ? { comment } : {}),
    ...(contact && Object.keys(contact).length ? { contact } : {}),
    ...(fb.branch ? { branch: fb.branch } : {}),
    ...(fb.service ? { service: fb.service } : {}),
    ...(fb.externalId ? { externalId: fb.externalId } : {}),
    ...(fb.submittedAt ? { submittedAt: Date.parse(fb.submittedAt) } : {}),
    ...(fb.locale ? { locale: toLanguageTag(fb.locale)! } : {}),
  };
}

/**
 * The feedback id, which is also its intake workflow id: one channel + externalId is accepted once,
 * whichever way it arrives (API, SMS webhook, Google bridge).
 */
export const feedbackIdFor = (channel: FeedbackInput['channel'], externalId: string) => `feedback-${channel}-${externalId}`;

/** One key per customer for repeat-detractor detection: e-mail first, else phone. */
export function contactKey(contact: { email?: string; phone?: string }): string | null {
  if (contact.email) return `email:${contact.email.trim().toLowerCase()}`;
  const digits = contact.phone?.replace(/[^\d]/g, '');
  return digits ? `phone:${digits}` : null;
}
