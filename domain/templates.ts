// Every mail text in one place: the default templates, the placeholders each may use, validation of an
// admin's edit and rendering to a subject, a plain-text and an HTML part. Pure.
import { z } from 'zod';

export const TEMPLATE_KEYS = ['reply', 'csat_survey', 'csat_reminder', 'advocacy_ask', 'escalation_notice', 'reopened_notice', 'unassigned_notice', 'webhook_paused_notice'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const templateBodySchema = z
  .object({
    subject: z.string().trim().min(1, 'subject must not be empty').max(300),
    text: z.string().trim().min(1, 'text must not be empty').max(20_000),
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

const TICKET = { ticketNumber: 'The ticket number, e.g. 1042', ticketTitle: 'The ticket title' };
const CUSTOMER = { customerName: 'The customer name, or "there" when unknown' };
const SURVEY = {
  ...CUSTOMER,
  ...TICKET,
  surveyUrl: 'The survey page (the customer picks a score there)',
  scoreLinks: 'One-click answer links for 1 to 5 (a list in text, a row of buttons in HTML)',
};
const STAFF = { ...TICKET, priority: 'low, medium or high', ticketUrl: 'Link to the ticket in Closeloop' };

export const TEMPLATES: Readonly<Record<TemplateKey, TemplateSpec>> = {
  reply: {
    description: 'A public reply from the ticket. The subject always keeps the [#number] tag.',
    audience: 'customer',
    placeholders: { ...CUSTOMER, ...TICKET, body: 'The reply the agent wrote', agentName: 'The agent who replied' },
    required: [['body']],
    default: { subject: '{{ticketTitle}}', text: '{{body}}\n\n— {{agentName}}', html: '' },
  },
  csat_survey: {
    description: 'The satisfaction survey sent when a ticket is resolved.',
    audience: 'customer',
    placeholders: SURVEY,
    required: [['scoreLinks', 'surveyUrl']],
    default: {
      subject: 'How did we do?',
      text: 'Hello {{customerName}},\n\nwe have resolved your request. How satisfied are you with how we handled it? Answer in one click (1 = very unhappy, 5 = very happy):\n\n{{scoreLinks}}\n\nIf we did not fix it, just reply to this mail.',
      html: '<p>Hello {{customerName}},</p><p>we have resolved your request. How satisfied are you with how we handled it? Answer in one click (1 = very unhappy, 5 = very happy):</p>{{scoreLinks}}<p>If we did not fix it, just reply to this mail.</p>',
    },
  },
  csat_reminder: {
    description: 'The one reminder before the follow-up window ends (setting tickets.csatReminder).',
    audience: 'customer',
    placeholders: SURVEY,
    required: [['scoreLinks', 'surveyUrl']],
    default: {
      subject: 'A quick reminder: how did we do?',
      text: 'Hello {{customerName}},\n\na few days ago we resolved your request. If you have a moment, tell us how we did — one click is enough:\n\n{{scoreLinks}}\n\nIf something is still not right, just reply to this mail.',
      html: '<p>Hello {{customerName}},</p><p>a few days ago we resolved your request. If you have a moment, tell us how we did — one click is enough:</p>{{scoreLinks}}<p>If something is still not right, just reply to this mail.</p>',
    },
  },
  advocacy_ask: {
    description: 'The public-review ask for promoters.',
    audience: 'customer',
    placeholders: { ...CUSTOMER, ...TICKET, reviewUrl: 'Where to leave the review (setting advocacy.reviewUrl)' },
    required: [['reviewUrl']],
    default: {
      subject: 'Thank you for your feedback!',
      text: 'Hello {{customerName}},\n\nthank you for the great rating. Would you share it in a public review? It takes a minute:\n{{reviewUrl}}',
      html: '',
    },
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
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholder names used in a piece of template text, and stray braces that are not placeholders. */
export function placeholdersIn(s: string): { names: string[]; malformed: boolean } {
  const names = [...s.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const rest = s.replace(PLACEHOLDER, '');
  return { names, malformed: rest.includes('{{') || rest.includes('}}') };
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
    const { names, malformed } = placeholdersIn(body[path]);
    if (malformed) issues.push({ path, message: 'unbalanced {{ or }}' });
    for (const n of new Set(names)) {
      if (!(n in spec.placeholders)) issues.push({ path, message: `unknown placeholder {{${n}}}; allowed: ${Object.keys(spec.placeholders).map((p) => `{{${p}}}`).join(', ')}` });
    }
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

/** Plain text as simple HTML: paragraphs, line breaks and clickable links. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linked).join('<br>')}</p>`)
    .join('\n');
}

const htmlDocument = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#1f2328">${body}</body></html>`;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Fills the placeholders; the HTML part escapes every value except the trusted HTML forms we build. */
export function renderTemplate(body: TemplateBody, vars: TemplateVars): RenderedMail {
  const asText = (name: string) => {
    const v = vars[name];
    return v === undefined ? '' : typeof v === 'object' ? v.text : String(v);
  };
  const asHtml = (name: string) => {
    const v = vars[name];
    return v === undefined ? '' : typeof v === 'object' ? v.html : String(v).split('\n').map(linked).join('<br>');
  };
  const subject = body.subject.replace(PLACEHOLDER, (_, n: string) => asText(n)).replace(/\s+/g, ' ').trim();
  const text = body.text.replace(PLACEHOLDER, (_, n: string) => asText(n));
  // Without an HTML template the text becomes HTML; trusted HTML values keep their markup there too.
  const html = body.html
    ? body.html.replace(PLACEHOLDER, (_, n: string) => asHtml(n))
    : textToHtml(body.text.replace(PLACEHOLDER, (_, n: string) => `\uE000${n}\uE000`)).replace(/\uE000([^\uE000]*)\uE000/g, (_, n: string) => asHtml(n));
  return { subject, text, html: htmlDocument(html) };
}

/** The CSAT one-click links in both forms. */
export function scoreLinks(surveyUrl: string): { text: string; html: string } {
  const labels = ['very unhappy', 'unhappy', 'okay', 'happy', 'very happy'];
  const text = labels.map((l, i) => `${i + 1} (${l}): ${surveyUrl}?score=${i + 1}`).join('\n');
  const cells = labels
    .map((l, i) => `<td style="padding:4px"><a href="${escapeHtml(`${surveyUrl}?score=${i + 1}`)}" title="${l}" style="display:inline-block;min-width:2.2em;padding:.5em .7em;border:1px solid #8c959f;border-radius:6px;text-align:center;text-decoration:none;color:#1f2328;font-weight:600">${i + 1}</a></td>`)
    .join('');
  return { text, html: `<table role="presentation" cellspacing="0" cellpadding="0"><tr>${cells}</tr></table>` };
}

/** Example values for previews in the admin screen. */
export function sampleVars(key: TemplateKey): TemplateVars {
  const survey = 'https://closeloop.example/csat/1042.0123456789abcdef0123456789abcdef';
  const all: TemplateVars = {
    ticketNumber: 1042,
    ticketTitle: 'STAR 1 from Ann Lee: Waited 40 minutes',
    customerName: 'Ann Lee',
    agentName: 'Sam Agent',
    body: 'Sorry for the wait, Ann. We have refunded your order.',
    surveyUrl: survey,
    scoreLinks: scoreLinks(survey),
    reviewUrl: 'https://g.page/r/review',
    priority: 'high',
    level: 2,
    reason: key === 'webhook_paused_notice' ? 'HTTP 503' : 'unhappy CSAT answer (1/5)',
    ticketUrl: 'https://closeloop.example/tickets/1042',
    webhookUrl: 'https://crm.example/hooks/closeloop',
    eventId: 'evt_t1042_7',
    webhooksUrl: 'https://closeloop.example/admin/webhooks',
  };
  return Object.fromEntries(Object.keys(TEMPLATES[key].placeholders).map((k) => [k, all[k]]));
}
