// Collection points: where customers answer (a kiosk on a counter, a printed QR code, a widget on the
// company website, a campaign link). What an admin configures, and how one public answer becomes the
// same NormalizedFeedback every other channel produces. Pure.
import { z } from 'zod';
import { invalidFields, type FieldError } from './errors';
import { SCORE_RANGES, type NormalizedFeedback } from './feedback';
import { localeTagSchema, toLanguageTag } from './i18n/locales';
import { notBlankText, safeText } from './text';
import { captureTypeSchema, type CaptureType } from './types';

/** How a point is presented, and so the feedback channel its answers arrive on. */
export const COLLECT_SURFACES = ['kiosk', 'qr', 'web'] as const;
export type CollectSurface = (typeof COLLECT_SURFACES)[number];

export const CONTACT_STEPS = ['off', 'email', 'phone', 'email_or_phone'] as const;
export const contactStepSchema = z.enum(CONTACT_STEPS);
export type ContactStep = z.infer<typeof contactStepSchema>;

// A language tag as the pages use it ("en", "de", "pt-BR").
const LOCALE_KEY = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const localeKeySchema = z.string().regex(LOCALE_KEY, 'a language code such as "en" or "pt-BR"');

/** The admin's own wording for one language; what is left out comes from the built-in texts. */
export const pointTextsSchema = z
  .object({
    question: safeText().trim().max(300).optional(),
    thankYou: safeText().trim().max(500).optional(),
    consent: safeText().trim().max(500).optional(),
  })
  .strict();
export type PointTexts = z.infer<typeof pointTextsSchema>;

// An origin allowed to frame the widget, as CSP frame-ancestors writes it (a leading "*." for subdomains).
// The pattern also keeps anything that could break out of the header value (";", spaces) away from it.
const originSchema = z
  .string()
  .trim()
  // No /i flag: the OpenAPI document carries the pattern's source only, so the letters are spelt out.
  .regex(/^[hH][tT][tT][pP][sS]?:\/\/(\*\.)?[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*(:\d{1,5})?$/, 'an origin such as https://www.example.com (no path)');

export const collectionPointInputSchema = z
  .object({
    name: notBlankText(120, { safe: true }),
    branch: z.string().min(1).max(100),
    service: z.string().min(1).max(100).nullable().default(null),
    captureType: captureTypeSchema,
    // zod-to-openapi drops a record's key schema: propertyNames carries the same regex to the document.
    texts: z.record(localeKeySchema, pointTextsSchema).default({}).meta({ description: 'Question, thank-you text and consent line per language', propertyNames: { type: 'string', pattern: LOCALE_KEY.source } }),
    commentStep: z.boolean().default(false),
    contactStep: contactStepSchema.default('off'),
    embedOrigins: z.array(originSchema).max(20).default([]).describe('Sites that may frame the widget; empty: any site'),
    active: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CollectionPointInput' });
export type CollectionPointInput = z.infer<typeof collectionPointInputSchema>;

/** A point as the public pages need it: no counts, no devices, nothing of other points. */
export interface CollectionPoint extends CollectionPointInput {
  id: string;
}

const MAX_AGE_MS = 30 * 86_400_000;
const ANY_SCALE = { min: Math.min(...Object.values(SCORE_RANGES).map((r) => r.min)), max: Math.max(...Object.values(SCORE_RANGES).map((r) => r.max)) };
const ANY_SCALE_MESSAGE = `a score from ${ANY_SCALE.min} to ${ANY_SCALE.max} (the point's scale)`;

/** One answer from a public page or a kiosk, before it is checked against its point. */
export const collectAnswerSchema = z
  .object({
    // The widest scale (NPS 0–10) in the schema, so the document bounds it; the point's own is checked after.
    score: z.number().int('score must be a whole number').min(ANY_SCALE.min, ANY_SCALE_MESSAGE).max(ANY_SCALE.max, ANY_SCALE_MESSAGE),
    comment: safeText().trim().max(2000).optional(),
    email: safeText().trim().max(320).optional(),
    phone: safeText().trim().max(40).optional(),
    consent: z.boolean().optional(),
    externalId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, "-" or "_"')
      .describe('Made by the page or the kiosk: resending the same answer is accepted once'),
    ageMs: z
      .number()
      .int()
      .min(0)
      .max(MAX_AGE_MS, 'answers older than 30 days are not accepted')
      .optional()
      .describe('How long ago the answer was given, by the device clock (a queued kiosk answer keeps its time even when the clock is wrong)'),
    website: z.string().max(500).optional().describe('Honeypot: left empty by people, filled by bots; a filled one is dropped'),
    locale: localeTagSchema.optional().describe('The language the page was shown in: later mail to this customer uses it'),
  })
  .strict()
  .meta({ id: 'CollectAnswer' });
export type CollectAnswer = z.infer<typeof collectAnswerSchema>;

const EMAIL = z.email();
const PHONE = /^\+?[\d\s().-]{6,40}$/;

export const scoreRange = (type: CaptureType) => SCORE_RANGES[type];
export const asksEmail = (step: ContactStep) => step === 'email' || step === 'email_or_phone';
export const asksPhone = (step: ContactStep) => step === 'phone' || step === 'email_or_phone';

/** True when the honeypot was filled: the answer is dropped without a word to the sender. */
export const isBot = (a: Pick<CollectAnswer, 'website'>) => !!a.website?.trim();

/** What is wrong with an answer for this point (score range, contact details, consent); empty when nothing. */
export function answerProblems(point: CollectionPoint, a: Partial<CollectAnswer>): FieldError[] {
  const fields: FieldError[] = [];
  const range = scoreRange(point.captureType);
  if (a.score === undefined || a.score < range.min || a.score > range.max) fields.push({ path: 'score', message: `pick a score from ${range.min} to ${range.max}` });
  const { email, phone } = contactOf(point, a);
  if (email && !EMAIL.safeParse(email).success) fields.push({ path: 'email', message: 'this does not look like an e-mail address' });
  if (asksPhone(point.contactStep) && a.phone && (!PHONE.test(a.phone) || (phone ?? '').replace(/\D/g, '').length < 6)) {
    fields.push({ path: 'phone', message: 'this does not look like a phone number' });
  }
  if ((email || phone) && !a.consent) fields.push({ path: 'consent', message: 'tick the box to agree to be contacted, or leave your contact details out' });
  return fields;
}

/** The contact details the point asks for, normalised; steps it does not ask are dropped. */
function contactOf(point: CollectionPoint, a: Partial<CollectAnswer>) {
  return {
    email: asksEmail(point.contactStep) ? a.email?.toLowerCase() || undefined : undefined,
    phone: asksPhone(point.contactStep) ? a.phone?.replace(/[^\d+]/g, '') || undefined : undefined,
  };
}

/**
 * The answer as intake feedback on the surface's channel, or a 400 naming each bad field. Steps the
 * point no longer asks are ignored rather than refused: a kiosk may send answers it queued before an
 * admin changed the point.
 */
export function feedbackFromAnswer(point: CollectionPoint, surface: CollectSurface, a: CollectAnswer, receivedAt: number): NormalizedFeedback {
  const problems = answerProblems(point, a);
  if (problems.length) throw invalidFields(problems);
  const { email, phone } = contactOf(point, a);
  const comment = point.commentStep ? a.comment || undefined : undefined;
  const contact = email || phone ? { ...(email ? { email } : {}), ...(phone ? { phone } : {}) } : undefined;
  return {
    channel: surface,
    type: point.captureType,
    score: a.score,
    ...(comment ? { comment } : {}),
    ...(contact ? { contact } : {}),
    branch: point.branch,
    ...(point.service ? { service: point.service } : {}),
    // Namespaced by point, so one point's client-made ids can never collide with another's.
    externalId: `${point.id}-${a.externalId}`,
    submittedAt: receivedAt - (a.ageMs ?? 0),
    collectionPointId: point.id,
    ...(a.locale ? { locale: toLanguageTag(a.locale)! } : {}),
  };
}
