import { describe, expect, it } from 'vitest';
import { LOCALES, translator } from './i18n';
import { defaultTemplate, placeholdersIn, renderTemplate, sampleVars, scoreLinks, TEMPLATE_KEYS, templateLocales, TEMPLATES, validateTemplate, type MailDress } from './templates';

const en = translator('en');
const dress = (locale: string, dir: 'ltr' | 'rtl' = 'ltr'): MailDress => ({ locale, dir, displayName: 'Hotel Example', accentColor: '#0b5cad', footer: 'Hotel Example · Damrak 1\n1012 Amsterdam', logoUrl: 'https://c.example/public/logo/abc' });

describe('mail templates', () => {
  it('every shipped default in every locale is valid and renders every placeholder it uses', () => {
    for (const key of TEMPLATE_KEYS) {
      for (const locale of templateLocales(key)) {
        const body = defaultTemplate(key, locale)!;
        expect(body, `${key} ${locale}`).toBeTruthy();
        expect(validateTemplate(key, body), `${key} ${locale}`).toEqual([]);
        const out = renderTemplate(body, sampleVars(key, translator(locale)));
        expect(`${out.subject}${out.text}${out.html}`, key).not.toMatch(/\{\{|\}\}/);
        expect(out.html, key).toMatch(/^<!doctype html>/);
      }
    }
    expect(templateLocales('csat_survey')).toEqual(LOCALES);
    expect(templateLocales('escalation_notice')).toEqual(['en']);
    expect(defaultTemplate('escalation_notice', 'de')).toBeNull();
    expect(defaultTemplate('reply', 'de')!.subject).toBe('Ihr Feedback zu {{branchName}} [#{{ticketNumber}}]');
  });

  it('keeps the internal ticket title out of every customer template', () => {
    for (const key of TEMPLATE_KEYS.filter((k) => TEMPLATES[k].audience === 'customer')) {
      expect(Object.keys(TEMPLATES[key].placeholders), key).not.toContain('ticketTitle');
      expect(validateTemplate(key, { ...TEMPLATES[key].default, subject: '{{ticketTitle}}' }), key).toEqual([expect.objectContaining({ path: 'subject', message: expect.stringContaining('unknown placeholder {{ticketTitle}}') })]);
    }
    expect(TEMPLATES.reply.default.subject).toBe('Your feedback about {{branchName}} [#{{ticketNumber}}]');
  });

  it('refuses unknown and malformed placeholders and a missing required one', () => {
    const base = TEMPLATES.reply.default;
    expect(validateTemplate('reply', { ...base, text: 'Hi {{customerName}}, {{body}} {{ticketId}}' })).toEqual([expect.objectContaining({ path: 'text', message: expect.stringContaining('unknown placeholder {{ticketId}}') })]);
    expect(validateTemplate('reply', { ...base, subject: 'Re {{branchName}' }).map((i) => i.path)).toEqual(['subject']);
    expect(validateTemplate('reply', { ...base, text: 'Thanks!' })).toEqual([{ path: 'text', message: 'must contain {{body}}' }]);
    expect(validateTemplate('csat_survey', { subject: 'Rate us', text: 'Go to {{surveyUrl}}', html: '<p>{{customerName}}</p>' })).toEqual([{ path: 'html', message: 'must contain {{scoreLinks}} or {{surveyUrl}}' }]);
    expect(validateTemplate('escalation_notice', { subject: '{{ level }} up', text: 'x', html: '' })).toEqual([]); // spaces inside braces are fine
  });

  it('escapes values in the HTML part but keeps the trusted score links, and derives HTML from text', () => {
    const out = renderTemplate({ subject: '{{branchName}}', text: '{{body}}\n\n— {{agentName}}', html: '' }, { body: 'Use <b>code</b> & see https://shop.example/x?a=1&b=2', agentName: 'Sam', branchName: 'Broken\nline' });
    expect(out.subject).toBe('Broken line');
    expect(out.text).toBe('Use <b>code</b> & see https://shop.example/x?a=1&b=2\n\n— Sam');
    expect(out.html).toContain('Use &#60;b&#62;code&#60;/b&#62; &#38; see <a href="https://shop.example/x?a=1&#38;b=2">');
    expect(out.html).toContain('<p>— Sam</p>');
    const links = scoreLinks('https://c.example/csat/t', en);
    expect(links.text.split('\n')).toHaveLength(5);
    expect(links.text).toContain('5 Very happy: https://c.example/csat/t?score=5');
    const survey = renderTemplate(TEMPLATES.csat_survey.default, { greeting: 'Hello <Ann>,', scoreLinks: links });
    expect(survey.html).toContain('Hello &#60;Ann&#62;,');
    expect(survey.html).toContain('href="https://c.example/csat/t?score=1"');
    expect(survey.html).not.toMatch(/<p>\s*<table/); // a table never sits inside a paragraph
  });

  it('offers three faces for smile feedback, labelled in the mail language', () => {
    const faces = scoreLinks('https://c.example/csat/t', translator('de'), 'smile');
    expect(faces.text.split('\n')).toEqual(['\u{1F61E} Unzufrieden: https://c.example/csat/t?score=1', '\u{1F610} Geht so: https://c.example/csat/t?score=3', '\u{1F60A} Zufrieden: https://c.example/csat/t?score=5']);
    expect(faces.html.match(/<a /g)).toHaveLength(3);
  });

  it('dresses customer mail in the branding and the language direction', () => {
    const ar = translator('ar');
    const out = renderTemplate(defaultTemplate('csat_survey', 'ar')!, sampleVars('csat_survey', ar), dress('ar', 'rtl'));
    expect(out.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(out.html).toContain('src="https://c.example/public/logo/abc"');
    expect(out.html).toContain('border-top:4px solid #0b5cad');
    expect(out.html).toContain('Hotel Example · Damrak 1<br>1012 Amsterdam');
    expect(out.text.endsWith('\n\n-- \nHotel Example · Damrak 1\n1012 Amsterdam')).toBe(true);
    expect(out.subject).toBe('كيف كان أداؤنا؟ [#1042]');
  });

  it('lists placeholders', () => {
    expect(placeholdersIn('{{a}} and {{ b }} {{a}}')).toEqual({ names: ['a', 'b', 'a'], malformed: false });
    expect(placeholdersIn('{{a}} }}').malformed).toBe(true);
  });
});
