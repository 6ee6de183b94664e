// Every mail text in one place: the default templates, the placeholders each may use, validation of an
// admin's edit and rendering to a subject, a plain-text and an HTML part (branded for customers). Pure.
// Customer templates exist per locale: their shipped defaults are the mail.* messages of the i18n
// resource files (domain/i18n); staff notices have one English version.
import { z } from 'zod';
import { notBlankText } from './text';
import { LOCALES, rawMessage, type Locale, type Translator } from './i18n';

export const TEMPLATE_KEYS = ['reply', 'csat_survey', 'csat_reminder', 'advocacy_ask', 'escalation_notice', 'reopened_notice', 'unassigned_notice', 'webhook_paused_notice', 'save_failed_notice'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const templateBodySchema = z
  .object({
    subject: notBlankText(300, { message: 'subject must not be empty' }),
    text: notBlankText(20_000, { message: 'text must not be empty' }),
    html: z.string().trim().max(50_000).describe('Simple HTML; empty = generated from the text'),
  })
  .strict()
  .meta({ id: 'TemplateBody' });
export type TemplateBody = z.infer<typeof templateBodySchema>;

interface TemplateSpec {
  description: string;
  audience: 'customer' | 'staff';
  placeholders: Record<string, string>; // name → what it stands for
  /** Each inner list: at least one of these must appear in the text (the mail is useless without). */
  required: string[][];
  default: TemplateBody;
}

const TICKET = { ticketNumber: 'The ticket number, e.g. 1042', ticketTitle: 'The internal ticket title (rating code, customer name, their words): staff mail only' };
// Customer mail never gets the internal title: it holds a rating code and the customer's own words.
const CUSTOMER = {
  customerName: 'The customer name, or a neutral word of the mail\'s language when unknown',
  greeting: 'A greeting line in the mail\'s language, with the name when known ("Hello Ann,")',
  ticketNumber: TICKET.ticketNumber,
  branchName: 'The branch the feedback was about (the organisation name when none)',
  organisationName: 'The display name from the branding settings',
};
const SURVEY = {
  ...CUSTOMER,
  surveyUrl: 'The survey page (the customer picks an answer there)',
  scoreLinks: 'Answer links (1–5, or three faces for smile feedback) that open the survey with that answer chosen; nothing is recorded until the customer sends it',
};
const STAFF = { ...TICKET, priority: 'low, medium or high', ticketUrl: 'Link to the ticket in Closeloop' };

/** A customer template's shipped default in one locale: the mail.<key> messages of that resource file. */
function shippedDefault(key: TemplateKey, locale: Locale): TemplateBody | null {
  const subject = rawMessage(locale, `mail.${key}.subject`);
  const text = rawMessage(locale, `mail.${key}.text`);
  return subject && text ? { subject, text, html: rawMessage(locale, `mail.${key}.html`) ?? '' } : null;
}
const english = (key: TemplateKey) => shippedDefault(key, 'en')!;

export const TEMPLATES: Readonly<Record<TemplateKey, TemplateSpec>> = {
  reply: {
    description: 'A public reply from the ticket. The subject always keeps the [#number] tag.',
    audience: 'customer',
    placeholders: { ...CUSTOMER, body: 'The reply the agent wrote', agentName: 'The agent who replied' },
    required: [['body']],
    default: english('reply'),
  },
  csat_survey: {
    description: 'The satisfaction survey sent when a ticket is resolved.',
    audience: 'customer',
    placeholders: SURVEY,
    required: [['scoreLinks', 'surveyUrl']],
    default: english('csat_survey'),
  },
  csat_reminder: {
    description: 'The one reminder before the follow-up window ends (setting tickets.csatReminder).',
    audience: 'customer',
    placeholders: SURVEY,
    required: [['scoreLinks', 'surveyUrl']],
    default: english('csat_reminder'),
  },
  advocacy_ask: {
    description: 'The public-review ask for promoters.',
    audience: 'customer',
    placeholders: { ...CUSTOMER, reviewUrl: 'Where to leave the review (setting advocacy.reviewUrl)' },
    required: [['reviewUrl']],
    default: english('advocacy_ask'),
  },
  escalation_notice: {
    description: 'To the people of an escalation level (email or Slack).',
    audience: 'staff',
    placeholders: { ...STAFF, level: 'The escalation level reached, e.g. 2' },
    required: [],
    default: {
      subject: '[#{{ticketNumber}}] Escalated to L{{level}}: {{ticketTitle}}',
      text: 'Ticket #{{ticketNumber}} ({{priority}} priority) is still unresolved and now sits at escalation level {{level}}.\n{{ticketUrl}}',
      html: '',
    },
  },
  reopened_notice: {
    description: 'To the assignee when a ticket is reopened by an unhappy CSAT answer.',
    audience: 'staff',
    placeholders: { ...STAFF, reason: 'Why it was reopened, e.g. "unhappy CSAT answer (1/5)"' },
    required: [],
    default: { subject: '[#{{ticketNumber}}] Reopened: {{reason}}', text: 'Ticket #{{ticketNumber}} was reopened after an {{reason}}.\n{{ticketUrl}}', html: '' },
  },
  unassigned_notice: {
    description: "To the first escalation level when nobody in the rule's pool is available.",
    audience: 'staff',
    placeholders: STAFF,
    required: [],
    default: {
      subject: '[#{{ticketNumber}}] New ticket with nobody available to take it',
      text: "No one in the rule's pool is available, so ticket #{{ticketNumber}} is unassigned.\n{{ticketUrl}}",
      html: '',
    },
  },
  webhook_paused_notice: {
    description: 'To every admin when a webhook subscription is paused after its deliveries kept failing.',
    audience: 'staff',
    placeholders: {
      webhookUrl: 'The URL the subscription delivers to',
      reason: 'The last failure, e.g. "HTTP 503"',
      eventId: 'The event that could not be delivered',
      webhooksUrl: 'The webhooks screen in Closeloop (delivery log, resume)',
    },
    required: [],
    default: {
      subject: 'Webhook paused: {{webhookUrl}}',
      text: 'Deliveries to {{webhookUrl}} kept failing ({{reason}}), so the subscription is paused. Nothing is dropped: event {{eventId}} and every later one wait until you resume it.\n{{webhooksUrl}}',
      html: '',
    },
  },
  save_failed_notice: {
    description: 'To every admin when Postgres refused to save part of a ticket or a feedback (the workflow carries on; the text is not in the mail).',
    audience: 'staff',
    placeholders: {
      what: 'What could not be saved, e.g. "the timeline of ticket #1042" or "feedback email-3f2a…"',
      reason: 'The database error code, e.g. "SQLSTATE 22P05"',
      link: 'Where to look in Closeloop (the ticket, or the Temporal UI for a feedback)',
    },
    required: [],
    default: {
      subject: 'Could not save {{what}}',
      text: 'Postgres refused to save {{what}} ({{reason}}). Closeloop did not retry it and carries on; the ticket\'s timeline records the failure. Please have a look.\n{{link}}',
      html: '',
    },
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholder names used in a piece of template text, and stray braces that are not placeholders. */
export function placeholdersIn(s: string): { names: string[]; malformed: boolean } {
  const names = [...s.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const rest = s.replace(PLACEHOLDER, '');
  return { names, malformed: rest.includes('{{') || rest.includes('}}') };
}

/** Each {{name}} replaced by value(name). */
export const fillPlaceholders = (s: string, value: (name: string) => string) => s.replace(PLACEHOLDER, (_, n: string) => value(n));

/** Unknown and malformed placeholders of one text, against the names it may use. */
export function placeholderIssues(s: string, allowed: Record<string, string>): string[] {
  const { names, malformed } = placeholdersIn(s);
  const issues = malformed ? ['unbalanced {{ or }}'] : [];
  for (const n of new Set(names)) {
    if (!(n in allowed)) issues.push(`unknown placeholder {{${n}}}; allowed: ${Object.keys(allowed).map((p) => `{{${p}}}`).join(', ')}`);
  }
  return issues;
}

export interface TemplateIssue {
  path: 'subject' | 'text' | 'html';
  message: string;
}

/** Unknown or malformed placeholders and missing required ones; empty when the template is usable. */
export function validateTemplate(key: TemplateKey, body: TemplateBody): TemplateIssue[] {
  const spec = TEMPLATES[key];
  const issues: TemplateIssue[] = [];
  for (const path of ['subject', 'text', 'html'] as const) {
    for (const message of placeholderIssues(body[path], spec.placeholders)) issues.push({ path, message });
  }
  const inText = new Set(placeholdersIn(body.text).names);
  const inHtml = new Set(placeholdersIn(body.html).names);
  for (const anyOf of spec.required) {
    if (!anyOf.some((n) => inText.has(n))) issues.push({ path: 'text', message: `must contain ${anyOf.map((n) => `{{${n}}}`).join(' or ')}` });
    if (body.html && !anyOf.some((n) => inHtml.has(n))) issues.push({ path: 'html', message: `must contain ${anyOf.map((n) => `{{${n}}}`).join(' or ')}` });
  }
  return issues;
}

/** A placeholder value: plain text (escaped in HTML), or a text form with its own trusted HTML form. */
export type TemplateValue = string | number | { text: string; html: string };
export type TemplateVars = Record<string, TemplateValue>;

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** One line of plain text as HTML, with clickable links. */
const linked = (s: string) => escapeHtml(s).replace(/https?:\/\/[^\s<>"'\uE000]+/g, (url) => `<a href="${url}">${url}</a>`);

/** The locales a template has: every shipped one for customer mail, English alone for staff notices. */
export const templateLocales = (key: TemplateKey): readonly Locale[] => (TEMPLATES[key].audience === 'customer' ? LOCALES : ['en']);

/** The shipped default of a template in a locale, or null when there is none in that locale. */
export function defaultTemplate(key: TemplateKey, locale: Locale): TemplateBody | null {
  if (TEMPLATES[key].audience === 'staff') return locale === 'en' ? TEMPLATES[key].default : null;
  return shippedDefault(key, locale);
}

/** Plain text as simple HTML: paragraphs, line breaks and clickable links. A paragraph that is a
 * single placeholder stays unwrapped (its trusted HTML may be a table, which <p> cannot hold). */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => (/^\uE000[^\uE000]*\uE000$/.test(p.trim()) ? p.trim() : `<p>${p.split('\n').map(linked).join('<br>')}</p>`))
    .join('\n');
}

/** What a customer mail is dressed in: the language's direction and the organisation's branding. */
export interface MailDress {
  locale: string;
  dir: 'ltr' | 'rtl';
  displayName: string;
  accentColor: string;
  footer: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
}

function htmlDocument(body: string, dress?: MailDress): string {
  const font = "font-family:system-ui,-apple-system,'Segoe UI','Noto Sans',Tahoma,sans-serif;font-size:15px;line-height:1.5;color:#1f2328";
  if (!dress) return `<!doctype html><html><head><meta charset="utf-8"></head><body style="${font}">${body}</body></html>`;
  const logo = dress.logoUrl ? `<img src="${escapeHtml(dress.logoUrl)}" alt="${escapeHtml(dress.displayName)}" height="40" style="display:block;max-height:40px;border:0">` : `<strong style="font-size:17px">${escapeHtml(dress.displayName)}</strong>`;
  const footer = dress.footer ? `<p style="margin-top:24px;padding-top:12px;border-top:1px solid #d0d7de;color:#57606a;font-size:13px">${dress.footer.split('\n').map(escapeHtml).join('<br>')}</p>` : '';
  return (
    `<!doctype html><html lang="${escapeHtml(dress.locale)}" dir="${dress.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>` +
    `<body style="margin:0;background:#f6f8fa;${font}"><div dir="${dress.dir}" style="max-width:600px;margin:0 auto;padding:16px">` +
    `<div style="border-top:4px solid ${dress.accentColor};background:#ffffff;padding:16px 20px;border-radius:6px">${logo}<div style="margin-top:12px">${body}</div>${footer}</div></div></body></html>`
  );
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Fills the placeholders; the HTML part escapes every value except the trusted HTML forms we build.
 * With `dress` (customer mail) the HTML carries the branding and the text part ends with the footer. */
export function renderTemplate(body: TemplateBody, vars: TemplateVars, dress?: MailDress): RenderedMail {
  const asText = (name: string) => {
    const v = vars[name];
    return v === undefined ? '' : typeof v === 'object' ? v.text : String(v);
  };
  const asHtml = (name: string) => {
    const v = vars[name];
    return v === undefined ? '' : typeof v === 'object' ? v.html : String(v).split('\n').map(linked).join('<br>');
  };
  const subject = fillPlaceholders(body.subject, asText).replace(/\s+/g, ' ').trim();
  const text = fillPlaceholders(body.text, asText);
  // Without an HTML template the text becomes HTML; trusted HTML values keep their markup there too.
  const html = body.html
    ? body.html.replace(PLACEHOLDER, (_, n: string) => asHtml(n))
    : textToHtml(body.text.replace(PLACEHOLDER, (_, n: string) => `\uE000${n}\uE000`)).replace(/\uE000([^\uE000]*)\uE000/g, (_, n: string) => asHtml(n));
  const footer = dress?.footer ? `\n\n-- \n${dress.footer}` : '';
  return { subject, text: `${text}${footer}`, html: htmlDocument(html, dress) };
}

/** The survey's answer scale: 1–5, or three faces (CSAT 1, 3, 5) for feedback given with faces. */
export type SurveyScale = 'five' | 'smile';
export const SCALE_SCORES: Readonly<Record<SurveyScale, readonly number[]>> = { five: [1, 2, 3, 4, 5], smile: [1, 3, 5] };
/** Mail clients show emoji, so the faces in mail are emoji (the survey page draws its own). */
const FACE_EMOJI: Record<number, string> = { 1: '\u{1F61E}', 3: '\u{1F610}', 5: '\u{1F60A}' };

/** The survey links in both forms; each opens the page with that answer chosen (a GET records nothing). */
export function scoreLinks(surveyUrl: string, tr: Translator, scale: SurveyScale = 'five', accentColor = '#0b5cad'): { text: string; html: string } {
  const items = SCALE_SCORES[scale].map((score) => {
    const label = tr.t(scale === 'smile' ? (`score.smile.${score}` as 'score.smile.1') : (`score.five.${score}` as 'score.five.1'));
    return { score, label, mark: scale === 'smile' ? FACE_EMOJI[score] : String(score), url: `${surveyUrl}?score=${score}` };
  });
  const text = items.map((i) => `${i.mark} ${i.label}: ${i.url}`).join('\n');
  const cells = items
    .map((i) => `<td style="padding:4px;text-align:center;vertical-align:top"><a href="${escapeHtml(i.url)}" style="display:inline-block;min-width:3.2em;padding:.5em .6em;border:2px solid ${accentColor};border-radius:8px;text-decoration:none;color:#1f2328"><span style="display:block;font-size:20px;font-weight:700">${i.mark}</span><span style="display:block;font-size:12px">${escapeHtml(i.label)}</span></a></td>`)
    .join('');
  return { text, html: `<table role="presentation" cellspacing="0" cellpadding="0" dir="${tr.dir}"><tr>${cells}</tr></table>` };
}

/** Example values for previews in the admin screen, in the template's language. */
export function sampleVars(key: TemplateKey, tr: Translator): TemplateVars {
  const survey = 'https://closeloop.example/csat/1042.0123456789abcdef0123456789abcdef';
  const all: TemplateVars = {
    ticketNumber: 1042,
    ticketTitle: 'STAR 1 from Ann Lee: Waited 40 minutes',
    customerName: 'Ann Lee',
    greeting: tr.t('mail.greeting', { name: 'Ann Lee' }),
    branchName: 'Hotel Example Amsterdam',
    organisationName: 'Hotel Example',
    agentName: 'Sam Agent',
    body: 'Sorry for the wait, Ann. We have refunded your order.',
    surveyUrl: survey,
    scoreLinks: scoreLinks(survey, tr),
    reviewUrl: 'https://g.page/r/review',
    priority: 'high',
    level: 2,
    reason: key === 'webhook_paused_notice' ? 'HTTP 503' : key === 'save_failed_notice' ? 'SQLSTATE 22P05' : 'unhappy CSAT answer (1/5)',
    ticketUrl: 'https://closeloop.example/tickets/1042',
    webhookUrl: 'https://crm.example/hooks/closeloop',
    eventId: 'evt_t1042_7',
    webhooksUrl: 'https://closeloop.example/admin/webhooks',
    what: 'the timeline of ticket #1042',
    link: 'https://closeloop.example/tickets/1042',
  };
  return Object.fromEntries(Object.keys(TEMPLATES[key].placeholders).map((k) => [k, all[k]]));
}
