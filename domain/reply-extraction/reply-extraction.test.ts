import { describe, expect, it } from 'vitest';
import { automaticMail } from './auto-reply';
import { ANALYSED_TEXT_LIMIT, extractReply } from './index';
import { isAttribution, isMobileFooter } from './patterns';

const body = (text: string, subject?: string) => extractReply({ text, subject }).body;
const html = (h: string, subject?: string) => extractReply({ html: h, text: 'the text part is not used when there is HTML', subject }).body;

describe('HTML first: the clients’ own quote markers', () => {
  it('Gmail: div.gmail_quote goes, the signature too', () => {
    const r = extractReply({ html: '<div dir="ltr">It is 4471.<br><br><span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature">Ann Lee<br>ACME</div></div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 23, 2026 at 9:00 AM Support &lt;s@x.test&gt; wrote:<br></div><blockquote class="gmail_quote">Could you send your order number?</blockquote></div>' });
    expect(r).toMatchObject({ body: 'It is 4471.', source: 'html', quoteOnly: false });
    expect(r.quoted).toContain('Could you send your order number?');
  });

  it('Outlook web, HTML only: everything from #divRplyFwdMsg (and its <hr>) on is history, whatever the language', () => {
    const r = extractReply({ html: '<div>Bedankt, het werkt nu.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>Van:</b> Support<br><b>Verzonden:</b> maandag 23 november 2026 09:00</div><div>Kunt u ons uw bestelnummer sturen?</div>' });
    expect(r.body).toBe('Bedankt, het werkt nu.');
    expect(r.quoted).toContain('Kunt u ons uw bestelnummer sturen?');
  });

  it('Outlook desktop: the bordered header block and all that follows it, nested or not', () => {
    expect(html('<div class="WordSection1"><p class="MsoNormal">Grazie, tutto risolto.</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>Da:</b> Support<br><b>Inviato:</b> lunedì</p></div><p class="MsoNormal">Potrebbe inviarci il numero?</p></div><p>footer of the quoted mail</p>')).toBe('Grazie, tutto risolto.');
  });

  it('Thunderbird bottom-posting: only the blockquote type=cite goes, the answer below it stays', () => {
    expect(html('<div class="moz-cite-prefix">Am 23.11.26 um 10:00 schrieb Support:<br></div><blockquote type="cite">Wie lautet die Nummer?</blockquote><p>Die Nummer ist 4471.</p><blockquote type="cite">Welche Filiale?</blockquote><p>Am Markt.</p>')).toBe('Die Nummer ist 4471.\n\nAm Markt.');
  });

  it('Yahoo, Proton, GMX markers; an attribution in a plain div with a bare blockquote (Yandex)', () => {
    expect(html('<div>Yes please.</div><div class="ydp3f2yahoo_quoted"><div>On Monday … wrote:</div><div>question</div></div>')).toBe('Yes please.');
    expect(html('<div>Yes please.</div><div class="protonmail_signature_block">Sent with Proton Mail secure email.</div><div class="protonmail_quote">On Monday … wrote:<blockquote>question</blockquote></div>')).toBe('Yes please.');
    expect(html('<div>Ja bitte.</div><div name="quote"><b>Gesendet:</b> Montag<br><b>Von:</b> Support</div>')).toBe('Ja bitte.');
    expect(html('<div>Спасибо.</div><div>23.11.2026, 10:00, "Support" &lt;support@closeloop.test&gt;:</div><blockquote><div>Номер заказа?</div></blockquote>')).toBe('Спасибо.');
  });

  it('a Gmail forward keeps the forwarded mail, under its label', () => {
    const r = extractReply({ html: '<div>See below.<div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: Shop &lt;o@shop.test&gt;<br>Subject: Shipped</div><div>Your order has shipped.</div></div></div>' });
    expect(r.forwarded).toBe(true);
    expect(r.body).toContain('See below.');
    expect(r.body).toContain('---------- Forwarded message ---------');
    expect(r.body).toContain('Your order has shipped.');
  });

  it('a quote-only reply keeps the quote, without markers', () => {
    const r = extractReply({ html: '<div class="gmail_quote"><div class="gmail_attr">On Mon … wrote:</div><blockquote class="gmail_quote">Could you send your order number?</blockquote></div>' });
    expect(r.quoteOnly).toBe(true);
    expect(r.body).toContain('Could you send your order number?');
    expect(r.body).not.toContain('>');
  });
});

describe('plain text rules', () => {
  it('removes quoted blocks where they are: bottom-posted and interleaved answers keep every line', () => {
    expect(body('Hi,\n\nOn 23/11/2026 10:00, Support wrote:\n> Could you send your order number?\n> Thanks\n\nIt is 4471.\n\n> Which branch?\n\nMain Street.\n\nAnn')).toBe('Hi,\n\nIt is 4471.\n\nMain Street.\n\nAnn');
  });

  it('an unprefixed quote under an attribution or header block runs to the end', () => {
    expect(body('Lorem\n\nDen 14 september, 2015 02:23:18, Valentino (v@rudy.be) skrev:\n\nold text\nmore old text')).toBe('Lorem');
    expect(body('Gracias.\n\n-----Mensaje original-----\nDe: Support\nEnviado el: lunes\nPara: Ana\nAsunto: Pedido\n\nold')).toBe('Gracias.');
  });

  it.each([
    ['Russian Gmail', 'пн, 23 нояб. 2026 г. в 09:00, Support <support@closeloop.test>:'],
    ['Norwegian', 'man. 23. nov. 2026 kl. 09:00 skrev Support <support@closeloop.test>:'],
    ['Swedish', 'Den mån 23 nov. 2026 kl 09:00 skrev Support <support@closeloop.test>:'],
    ['Polish', 'W dniu pon., 23.11.2026 o 09:00 Support <support@closeloop.test> napisał(a):'],
    ['Italian', 'Il giorno lun 23 nov 2026 alle ore 09:00 Support <support@closeloop.test> ha scritto:'],
    ['Portuguese', 'Em seg., 23 de nov. de 2026 às 09:00, Support <support@closeloop.test> escreveu:'],
    ['German Gmail', 'Am Mo., 23. Nov. 2026 um 09:00 Uhr schrieb Support <support@closeloop.test>:'],
    ['German Thunderbird', 'Am 23.11.26 um 10:00 schrieb Support:'],
    ['Turkish', 'Support <support@closeloop.test>, 23 Kas 2026 Pzt, 09:00 tarihinde şunu yazdı:'],
    ['Japanese', '2026年11月23日(月) 9:00 Support <support@closeloop.test>:'],
    ['Chinese', 'Support <support@closeloop.test> 于2026年11月23日周一 09:00写道：'],
    ['Gmail date-first', '2026/11/20 Ann <ann@example.com>'],
    ['Gmail date-first with time zone', '2014-10-17 11:28 GMT+03:00 Postmaster <postmaster@example.com>:'],
  ])('%s attribution: %s', (_, attribution) => {
    expect(isAttribution(attribution)).toBe(true);
    expect(body(`Thanks!\n\n${attribution}\n\n> old text`)).toBe('Thanks!');
  });

  it.each([
    ['Dutch', 'Van: Support\nVerzonden: maandag 23 november 2026 09:00\nAan: Sanne\nOnderwerp: Bestelling'],
    ['Italian', 'Da: Support\nInviato: lunedì 23 novembre 2026 09:00\nA: Marco\nOggetto: Ordine'],
    ['Spanish', 'De: Support\nEnviado el: lunes, 23 de noviembre de 2026 9:00\nPara: Lucía\nAsunto: Pedido'],
    ['Swedish', 'Från: Support\nSkickat: den 23 november 2026 09:00\nTill: Erik\nÄmne: Order'],
    ['GMX (date first)', 'Gesendet: Montag, 23. November 2026 um 10:00 Uhr\nVon: "Support" <s@x.test>\nAn: k@web.de\nBetreff: Re: Bestellung'],
    ['Outlook with rule', '________________________________\nFrom: Support\nSent: Monday\nTo: Ann\nSubject: Order'],
  ])('%s header block', (_, block) => {
    expect(body(`Answer.\n\n${block}\n\nold question`)).toBe('Answer.');
  });

  it('keeps sentences that only look like signatures or attributions', () => {
    for (const s of [
      'Sent from your Leeds warehouse on Friday, the parcel still has not arrived.',
      'On Monday your colleague wrote that the refund was approved.',
      'Am Montag schrieb mir Ihr Kollege, dass alles erledigt sei.',
      'From: my point of view this is fine.',
      'The box arrived.\nSent from the courier depot, not from your shop.',
    ])
      expect(body(s)).toBe(s);
  });

  it('drops signatures and mobile footers only where they end the text', () => {
    expect(body('Done.\n\n-- \nAnn Lee\nACME')).toBe('Done.');
    expect(body('Merci\n\nEnvoyé de mon iPhone')).toBe('Merci');
    expect(body('Danke\n\nVon meinem iPhone gesendet\n\n> Am 23.11.2026 um 10:00 schrieb Support <s@x.test>:\n> Frage')).toBe('Danke');
    expect(body('A -- B\n-- \nnot at the end\n\nmore text of mine\nand more\nand more\nand more\nand more\nand more\nand more\nand more\nand more\nand more\nand more\nand more')).toContain('not at the end');
  });

  it('Outlook mobile: after "Get Outlook for iOS<https://aka.ms/…>" comes the original', () => {
    expect(body('Ok.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\nFrom: Support\nSent: Monday\nTo: Ann\nSubject: x\n\nold')).toBe('Ok.');
    expect(isMobileFooter('Get Outlook for iOS<https://aka.ms/o0ukef>')).toBe(true);
  });

  it('a forward keeps its content, labelled; a quote-only reply keeps the quote', () => {
    expect(body('FYI\n\n---------- Forwarded message ----------\nFrom: bob@example.com\nDate: Tue, Sep 4, 2012\nSubject: Two\nTo: rob@example.com\n\nText')).toContain('Text');
    expect(body('FYI\n\n________________________________\nFrom: Shop\nSent: Friday\nTo: Ann\nSubject: Shipped\n\nShipped today.', 'FW: Shipped')).toContain('Shipped today.');
    expect(body('On 23 Nov 2026, at 10:00, Support <s@x.test> wrote:\n\n> Could you send your order number?')).toBe('On 23 Nov 2026, at 10:00, Support <s@x.test> wrote:\n\nCould you send your order number?');
  });

  it('analyses at most ANALYSED_TEXT_LIMIT characters and says so', () => {
    const r = extractReply({ text: `Start.\n${'x'.repeat(ANALYSED_TEXT_LIMIT)}` });
    expect(r.truncated).toBe(true);
    expect(r.body.startsWith('Start.')).toBe(true);
    expect(r.body.length).toBeLessThanOrEqual(ANALYSED_TEXT_LIMIT);
  });
});

describe('auto-replies and bounces', () => {
  it('RFC 3834 and friends', () => {
    expect(automaticMail({ autoSubmitted: 'auto-replied' })).toBe('auto_reply');
    expect(automaticMail({ autoSubmitted: 'no', subject: 'Re: thanks' })).toBeNull();
    expect(automaticMail({ xAutoreply: 'yes' })).toBe('auto_reply');
    expect(automaticMail({ precedence: 'bulk' })).toBe('auto_reply');
  });

  it('DSN multipart/report and mailer-daemon bounces', () => {
    expect(automaticMail({ contentType: 'multipart/report; report-type=delivery-status; boundary="b"' })).toBe('bounce');
    expect(automaticMail({ from: 'MAILER-DAEMON@mx.example.com', subject: 'Undelivered Mail Returned to Sender' })).toBe('bounce');
    expect(automaticMail({ contentType: 'multipart/report; report-type=disposition-notification' })).toBe('auto_reply');
  });

  it.each(['Automatic reply: [#12] Order', 'Out of Office: back Monday', 'Abwesenheitsnotiz: Urlaub', 'Réponse automatique : absent', 'Respuesta automática: fuera', 'Risposta automatica: ferie', 'Resposta automática: férias', 'Automatisch antwoord: afwezig', 'Automatiskt svar: semester', 'Autosvar: ferie', 'Fravær: ferie', 'Odpowiedź automatyczna: urlop', 'Автоматический ответ: отпуск', 'Otomatik yanıt: izin', '自動応答: 休暇', '自动回复: 休假', 'AW: Automatische Antwort'])('out-of-office subject %s', (subject) => {
    expect(automaticMail({ subject })).toBe('auto_reply');
  });

  it('a person writing about an absence is not an auto-reply', () => {
    expect(automaticMail({ subject: 'Re: [#12] I was out of the office when it came' })).toBeNull();
  });
});
