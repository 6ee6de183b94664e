import { describe, expect, it } from 'vitest';
import { replyAddress, replySubject, replyTokenIn, stripQuotedReply, ticketNumberFromReferences, ticketNumberFromSubject } from './email-threading';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('reply tokens', () => {
  it('builds the plus-address on the sender address', () => {
    expect(replyAddress('support@closeloop.test', TOKEN)).toBe(`support+${TOKEN}@closeloop.test`);
    expect(replyAddress('help+old@shop.example', TOKEN)).toBe(`help+${TOKEN}@shop.example`);
  });

  it('finds the token in To, Cc or Delivered-To lines, in any case, and only on our address', () => {
    expect(replyTokenIn([`To: Support <support+${TOKEN}@closeloop.test>`], 'support@closeloop.test')).toBe(TOKEN);
    expect(replyTokenIn(['To: someone@else.test', `Cc: "Support" <SUPPORT+${TOKEN.toUpperCase()}@CLOSELOOP.TEST>, x@y.z`], 'support@closeloop.test')).toBe(TOKEN);
    expect(replyTokenIn([`Delivered-To: support+${TOKEN}@closeloop.test`], 'support@closeloop.test')).toBe(TOKEN);
    expect(replyTokenIn([`To: support+${TOKEN}@evil.test`], 'support@closeloop.test')).toBeNull();
    expect(replyTokenIn([`To: other+${TOKEN}@closeloop.test`], 'support@closeloop.test')).toBeNull();
    expect(replyTokenIn([`To: support+${TOKEN}0@closeloop.test`], 'support@closeloop.test')).toBeNull();
    expect(replyTokenIn(['To: support+short@closeloop.test'], 'support@closeloop.test')).toBeNull();
  });

  it('keeps references and subject tags as separate routes', () => {
    expect(ticketNumberFromReferences({ references: ['<a@b>', '<ticket-77-3@closeloop.test>'] }, 'closeloop.test')).toBe(77);
    expect(ticketNumberFromSubject('RE: [#1042] Order')).toBe(1042);
    expect(ticketNumberFromSubject('no tag')).toBeNull();
  });

  it('tags a subject once', () => {
    expect(replySubject(12, 'How did we do?')).toBe('[#12] How did we do?');
    expect(replySubject(12, '[#12] Already tagged')).toBe('[#12] Already tagged');
  });
});

describe('quote and signature stripping, as real clients quote', () => {
  it('Gmail: an attribution wrapped over two lines, then > quoting', () => {
    const body = 'The order number is 4471.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Closeloop Support <\nsupport@closeloop.test> wrote:\n\n> Could you send us your order number?\n> \n> — Sam\n';
    expect(stripQuotedReply(body)).toBe('The order number is 4471.');
  });

  it('Outlook: the rule and From/Sent/To/Subject block, quote not prefixed', () => {
    const body = 'Thanks, that works.\r\n\r\nBest regards\r\nAnn\r\n\r\n________________________________\r\nFrom: Closeloop Support <support@closeloop.test>\r\nSent: Monday, November 23, 2026 9:00 AM\r\nTo: Ann Lee <ann@example.com>\r\nSubject: [#1042] Order never arrived\r\n\r\nCould you send us your order number?\r\n';
    expect(stripQuotedReply(body)).toBe('Thanks, that works.\n\nBest regards\nAnn');
  });

  it('Outlook: -----Original Message----- and a bold header block without the rule', () => {
    expect(stripQuotedReply('Still broken\n\n-----Original Message-----\nFrom: Support\nSent: Monday')).toBe('Still broken');
    expect(stripQuotedReply('No refund yet.\n\n*From:* Support <s@x>\n*Sent:* Monday\n*To:* Ann\n*Subject:* Re: refund\n\nWe are on it')).toBe('No refund yet.');
  });

  it('Apple Mail: "On … at …, X wrote:" and a mobile signature', () => {
    const body = 'Still broken, sorry.\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 10:00, Closeloop Support <support@closeloop.test> wrote:\n> \n> How did we do?\n';
    expect(stripQuotedReply(body)).toBe('Still broken, sorry.');
    expect(stripQuotedReply('Ok!\n\nOn 23 Nov 2026, at 10:00, Support <s@x> wrote:\n\n> How did we do?')).toBe('Ok!');
  });

  it('drops the signature after "-- " and the usual mobile footers', () => {
    expect(stripQuotedReply('The receipt is attached.\n\n-- \nAnn Lee\nHead of Things, ACME\n+44 20 7946 0958')).toBe('The receipt is attached.');
    expect(stripQuotedReply('See you then\n\nGet Outlook for iOS')).toBe('See you then');
    expect(stripQuotedReply('Merci\n\nEnvoyé de mon iPhone')).toBe('Merci');
    expect(stripQuotedReply('Danke\n\nAm 23.11.2026 um 10:00 schrieb Support <s@x>:\n> Wie war es?')).toBe('Danke');
  });

  it('keeps interleaved answers and text that only looks like a header', () => {
    expect(stripQuotedReply('> Did it arrive?\nYes, today.\n> Was it complete?\nNo, one item missing.')).toBe('Yes, today.\nNo, one item missing.');
    expect(stripQuotedReply('From: my point of view this is fine.\nThanks')).toBe('From: my point of view this is fine.\nThanks');
    expect(stripQuotedReply('-- \nonly a signature')).toBe('--\nonly a signature'); // line ends are trimmed // nothing above it: nothing to cut
  });
});
