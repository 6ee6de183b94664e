import { describe, expect, it } from 'vitest';
import { isAutoReply, stripQuotedReply, ticketMessageId, ticketNumberOf } from './email-threading';
import { redactPii } from './pii';

describe('PII redaction', () => {
  it('removes e-mails, phones, cards, IBANs and the contact name', () => {
    const { text, counts } = redactPii(
      'I am Ann Lee, mail ann.lee+x@example.co.uk or call +44 20 7946 0958 / (555) 123-4567. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00. Ann was upset.',
      ['Ann Lee'],
    );
    expect(text).not.toMatch(/Ann|Lee|example|7946|4111|DE89|555/);
    expect(counts).toMatchObject({ email: 1, card: 1, iban: 1, name: 2 });
    expect(counts.phone).toBe(2);
  });

  it('keeps ordinary numbers and words', () => {
    expect(redactPii('Waited 40 minutes for table 12 at 7pm').text).toBe('Waited 40 minutes for table 12 at 7pm');
    expect(redactPii('Annual fee', ['Ann']).text).toBe('Annual fee');
  });
});

describe('reply threading', () => {
  it('finds the ticket by our Message-ID first, then the subject tag', () => {
    const id = ticketMessageId(1042, 7, 'closeloop.test');
    expect(ticketNumberOf({ inReplyTo: id, subject: 'Re: [#9] hi' }, 'closeloop.test')).toBe(1042);
    expect(ticketNumberOf({ references: ['<x@y>', id] }, 'closeloop.test')).toBe(1042);
    expect(ticketNumberOf({ subject: 'Re: [#1043] Your feedback' }, 'closeloop.test')).toBe(1043);
    expect(ticketNumberOf({ inReplyTo: '<ticket-5-1@evil.test>', subject: 'hello' }, 'closeloop.test')).toBeNull();
  });

  it('recognises auto-replies', () => {
    expect(isAutoReply({ autoSubmitted: 'auto-replied' })).toBe(true);
    expect(isAutoReply({ autoSubmitted: 'no', subject: 'Re: thanks' })).toBe(false);
    expect(isAutoReply({ subject: 'Out of Office: back Monday' })).toBe(true);
    expect(isAutoReply({ precedence: 'bulk' })).toBe(true);
  });

  it('strips quoted history', () => {
    expect(stripQuotedReply('Thanks, fixed now.\n\nOn Mon, 2 Mar 2026 at 10:00, Support <s@x> wrote:\n> old text')).toBe('Thanks, fixed now.');
    expect(stripQuotedReply('Still broken\r\n-----Original Message-----\r\nFrom: Support')).toBe('Still broken');
    expect(stripQuotedReply('> quoted\nmine')).toBe('mine');
  });
});
