import { describe, expect, it } from 'vitest';
import { placeholdersIn, renderTemplate, sampleVars, scoreLinks, TEMPLATE_KEYS, TEMPLATES, validateTemplate } from './templates';

describe('mail templates', () => {
  it('every default is valid and renders every placeholder it uses', () => {
    for (const key of TEMPLATE_KEYS) {
      expect(validateTemplate(key, TEMPLATES[key].default), key).toEqual([]);
      const out = renderTemplate(TEMPLATES[key].default, sampleVars(key));
      expect(`${out.subject}${out.text}${out.html}`, key).not.toMatch(/\{\{|\}\}/);
      expect(out.html, key).toMatch(/^<!doctype html>/);
    }
  });

  it('refuses unknown and malformed placeholders and a missing required one', () => {
    const base = TEMPLATES.reply.default;
    expect(validateTemplate('reply', { ...base, text: 'Hi {{customerName}}, {{body}} {{ticketId}}' })).toEqual([expect.objectContaining({ path: 'text', message: expect.stringContaining('unknown placeholder {{ticketId}}') })]);
    expect(validateTemplate('reply', { ...base, subject: 'Re {{ticketTitle}' }).map((i) => i.path)).toEqual(['subject']);
    expect(validateTemplate('reply', { ...base, text: 'Thanks!' })).toEqual([{ path: 'text', message: 'must contain {{body}}' }]);
    expect(validateTemplate('csat_survey', { subject: 'Rate us', text: 'Go to {{surveyUrl}}', html: '<p>{{customerName}}</p>' })).toEqual([{ path: 'html', message: 'must contain {{scoreLinks}} or {{surveyUrl}}' }]);
    expect(validateTemplate('escalation_notice', { subject: '{{ level }} up', text: 'x', html: '' })).toEqual([]); // spaces inside braces are fine
  });

  it('escapes values in the HTML part but keeps the trusted score links, and derives HTML from text', () => {
    const out = renderTemplate({ subject: '{{ticketTitle}}', text: '{{body}}\n\n— {{agentName}}', html: '' }, { body: 'Use <b>code</b> & see https://shop.example/x?a=1&b=2', agentName: 'Sam', ticketTitle: 'Broken\nline' });
    expect(out.subject).toBe('Broken line');
    expect(out.text).toBe('Use <b>code</b> & see https://shop.example/x?a=1&b=2\n\n— Sam');
    expect(out.html).toContain('Use &#60;b&#62;code&#60;/b&#62; &#38; see <a href="https://shop.example/x?a=1&#38;b=2">');
    expect(out.html).toContain('<p>— Sam</p>');
    const links = scoreLinks('https://c.example/csat/t');
    expect(links.text.split('\n')).toHaveLength(5);
    expect(links.text).toContain('5 (very happy): https://c.example/csat/t?score=5');
    const survey = renderTemplate(TEMPLATES.csat_survey.default, { customerName: '<Ann>', scoreLinks: links });
    expect(survey.html).toContain('&#60;Ann&#62;');
    expect(survey.html).toContain('href="https://c.example/csat/t?score=1"');
  });

  it('lists placeholders', () => {
    expect(placeholdersIn('{{a}} and {{ b }} {{a}}')).toEqual({ names: ['a', 'b', 'a'], malformed: false });
    expect(placeholdersIn('{{a}} }}').malformed).toBe(true);
  });
});
