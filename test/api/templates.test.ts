// Mail templates through the admin API on the real stack: validation, overrides per locale used by real
// mail (the contact's language, else the branch default, else English), reset; customer mail never
// carries the internal ticket title.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/security';
import { users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
type Template = { key: string; subject: string; text: string; html: string; customised: boolean; placeholders: Array<{ name: string }>; default: { text: string } };
type ErrorBody = { error: { code: string; message: string; details?: { fields: Array<{ path: string; message: string }> } } };

async function ticketWithReply(externalId: string, email: string, body: string) {
  const sent = { channel: 'web', type: 'star', score: 1, comment: 'Cold soup', contact: { name: 'Tess', email }, branch: 'main', externalId };
  const res = await s.postFeedback(sent, '?wait=true');
  const n = await s.ticketNumberOf(res, sent);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body, visibility: 'public' }, admin)).status).toBe(200);
  return s.smtp.waitFor((m) => m.envelopeTo.includes(email) && (m.parsed.text ?? '').includes(body));
}

describe('mail templates API', () => {
  it('lists every template with its placeholders; only admins may see or change them', async () => {
    const list = await json<{ items: Template[] }>(await s.call('GET', '/api/v1/templates', undefined, admin));
    expect(list.items.map((t) => t.key)).toEqual(['reply', 'csat_survey', 'csat_reminder', 'advocacy_ask', 'escalation_notice', 'reopened_notice', 'unassigned_notice', 'webhook_paused_notice', 'save_failed_notice']);
    expect(list.items.every((t) => !t.customised)).toBe(true);
    expect(list.items[0].placeholders.map((p) => p.name)).toContain('body');
    await s.database.db.insert(users).values({ id: 'tpl-agent', email: 'agent@tpl.test', name: 'Agent', passwordHash: await hashPassword('agent-pass-123'), role: 'agent', branches: ['main'] });
    const agent = await s.login('agent@tpl.test', 'agent-pass-123');
    expect((await s.call('GET', '/api/v1/templates', undefined, agent)).status).toBe(403);
    expect((await s.call('PUT', '/api/v1/templates/reply', { subject: 'x', text: '{{body}}', html: '' }, agent)).status).toBe(403);
    expect((await s.call('GET', '/api/v1/templates')).status).toBe(401);
  });

  it('refuses unknown placeholders, unbalanced braces, a missing required placeholder and unknown keys, storing nothing', async () => {
    const bad = await s.call('PUT', '/api/v1/templates/reply', { subject: 'Re {{ticketTitle}}', text: 'Hi {{firstName}}, {{body}}', html: '<p>{{body}</p>' }, admin);
    expect(bad.status).toBe(400);
    const body = await json<ErrorBody>(bad);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.details!.fields).toEqual([
      { path: 'subject', message: expect.stringContaining('unknown placeholder {{ticketTitle}}') }, // the internal title never goes to a customer
      { path: 'text', message: expect.stringContaining('unknown placeholder {{firstName}}') },
      { path: 'html', message: 'unbalanced {{ or }}' },
      { path: 'html', message: 'must contain {{body}}' },
    ]);
    const missing = await s.call('PUT', '/api/v1/templates/csat_survey', { subject: 'Rate us', text: 'Please rate us.', html: '' }, admin);
    expect(missing.status).toBe(400);
    expect((await json<ErrorBody>(missing)).error.message).toBe('text: must contain {{scoreLinks}} or {{surveyUrl}}');
    expect((await s.call('PUT', '/api/v1/templates/reply', { subject: '', text: '{{body}}', html: '' }, admin)).status).toBe(400);
    expect((await s.call('PUT', '/api/v1/templates/reply', { subject: 'x', text: '{{body}}', html: '', extra: 1 }, admin)).status).toBe(400);
    expect((await s.call('GET', '/api/v1/templates/nope', undefined, admin)).status).toBe(404);
    const staffInGerman = await s.call('PUT', '/api/v1/templates/escalation_notice?locale=de', { subject: 'x', text: 'y', html: '' }, admin);
    expect(staffInGerman.status).toBe(400);
    expect((await json<ErrorBody>(staffInGerman)).error.details!.fields).toEqual([{ path: 'locale', message: expect.stringContaining('one version, in en') }]);
    expect((await s.call('GET', '/api/v1/templates/reply?locale=it', undefined, admin)).status).toBe(400);
    expect((await s.call('PUT', '/api/v1/templates/nope', { subject: 'x', text: 'y', html: '' }, admin)).status).toBe(404);
    expect((await json<Template>(await s.call('GET', '/api/v1/templates/reply', undefined, admin))).customised).toBe(false);
  });

  it('an edited reply template is what the customer gets, in text and HTML; reset brings the default back', async () => {
    const custom = { subject: 'About {{branchName}}', text: 'Dear {{customerName}},\n\n{{body}}\n\nKind regards, {{agentName}} (ticket {{ticketNumber}})', html: '<p>Dear {{customerName}},</p><blockquote>{{body}}</blockquote><p><i>{{agentName}}</i></p>' };
    const preview = await json<{ subject: string; text: string; html: string }>(await s.call('POST', '/api/v1/templates/reply/preview', custom, admin));
    expect(preview.text).toContain('Dear Ann Lee,');
    expect((await json<Template>(await s.call('GET', '/api/v1/templates/reply', undefined, admin))).customised).toBe(false); // preview stores nothing
    const put = await json<Template>(await s.call('PUT', '/api/v1/templates/reply', custom, admin));
    expect(put).toMatchObject({ ...custom, customised: true });
    const mail = await ticketWithReply('tpl-1', 'tess@example.com', 'We will <refund> you & apologise.');
    expect(mail.parsed.subject).toMatch(/^\[#\d+\] About Main branch$/);
    expect(mail.parsed.text).toMatch(/^Dear Tess,\n\nWe will <refund> you & apologise\.\n\nKind regards, Admin \(ticket \d+\)/);
    expect(mail.parsed.html).toContain('<blockquote>We will &#60;refund&#62; you &#38; apologise.</blockquote>');
    const reset = await json<Template>(await s.call('DELETE', '/api/v1/templates/reply', undefined, admin));
    expect(reset.customised).toBe(false);
    expect(reset.text).toBe(reset.default.text);
    const again = await ticketWithReply('tpl-2', 'tom@example.com', 'Back to normal.');
    expect(again.parsed.text).toBe('Back to normal.\n\n— Admin, Closeloop');
    expect(again.parsed.subject).toMatch(/^Your feedback about Main branch \[#\d+\]$/);
  });

  it('edits a template per language; a customer gets their language, else the branch default, else English', async () => {
    const de = await json<Template & { locale: string }>(await s.call('GET', '/api/v1/templates/reply?locale=de', undefined, admin));
    expect(de).toMatchObject({ locale: 'de', subject: 'Ihr Feedback zu {{branchName}} [#{{ticketNumber}}]', customised: false });
    const fr = { subject: 'Votre avis [#{{ticketNumber}}]', text: '{{greeting}}\n\n{{body}}\n\nCordialement, {{agentName}}', html: '' };
    expect((await json<Template>(await s.call('PUT', '/api/v1/templates/reply?locale=fr', fr, admin))).customised).toBe(true);
    expect((await json<Template>(await s.call('GET', '/api/v1/templates/reply?locale=en', undefined, admin))).customised).toBe(false); // other languages untouched

    const reply = async (externalId: string, email: string, locale: string | undefined, body: string) => {
      const sent = { channel: 'web', type: 'star', score: 1, comment: 'Cold soup, Tess here', contact: { name: 'Tess Vogel', email }, branch: 'main', externalId, ...(locale ? { locale } : {}) };
      const res = await s.postFeedback(sent, '?wait=true');
      const n = await s.ticketNumberOf(res, sent);
      await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
      const title = (await json<{ title: string; locale: string | null }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin))).title;
      expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body, visibility: 'public' }, admin)).status).toBe(200);
      return { mail: await s.smtp.waitFor((m) => m.envelopeTo.includes(email) && (m.parsed.text ?? '').includes(body)), title, n };
    };
    const french = await reply('tpl-fr', 'francoise@example.com', 'fr-CA', 'Nous sommes désolés.');
    expect(french.mail.parsed.subject).toMatch(/^Votre avis \[#\d+\]$/);
    expect(french.mail.parsed.text).toMatch(/^Bonjour Tess Vogel,\n\nNous sommes désolés\./);
    expect(french.mail.parsed.html).toMatch(/<html lang="fr" dir="ltr">/);
    expect((await json<{ locale: string }>(await s.call('GET', `/api/v1/tickets/${french.n}`, undefined, admin))).locale).toBe('fr-CA');

    // No language known: the branch default (German), the shipped German variant.
    expect((await s.call('PATCH', '/api/v1/branches/main', { locale: 'de' }, admin)).status).toBe(200);
    const german = await reply('tpl-de', 'greta@example.com', undefined, 'Es tut uns leid.');
    expect(german.mail.parsed.subject).toMatch(/^Ihr Feedback zu Main branch \[#\d+\]$/);
    // A language we do not ship (Italian) falls back to the branch default too.
    const italian = await reply('tpl-it', 'gino@example.com', 'it', 'Ci dispiace.');
    expect(italian.mail.parsed.subject).toMatch(/^Ihr Feedback zu Main branch \[#\d+\]$/);
    expect((await s.call('PATCH', '/api/v1/branches/main', { locale: null }, admin)).status).toBe(200);
    const english = await reply('tpl-en', 'ed@example.com', 'it', 'Sorry.');
    expect(english.mail.parsed.subject).toMatch(/^Your feedback about Main branch \[#\d+\]$/);
    expect((await s.call('PATCH', '/api/v1/branches/main', { locale: 'xx' }, admin)).status).toBe(400);

    // The internal title (rating code, the customer's name, their words) is in none of them.
    for (const { mail, title } of [french, german, italian, english]) {
      expect(title).toMatch(/^STAR 1 from Tess Vogel: Cold soup/);
      for (const part of [mail.parsed.subject ?? '', mail.parsed.text ?? '', String(mail.parsed.html)]) {
        expect(part).not.toContain(title);
        expect(part).not.toContain('STAR 1');
        expect(part).not.toContain('Cold soup');
      }
    }
  });
});
