// The recall-first name rule (domain/pii-dictionary.ts) with the real word lists, and on a tiny
// hand-made dictionary to pin down how stems, affix rules and person entries are read.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPii, redactPii } from '../../domain/pii';
import { parseCorpus, scoreCorpus } from '../../domain/pii-corpus';
import { isUnknownName, parseDictionaries } from '../../domain/pii-dictionary';
import { piiDictionary } from './pii-dictionary';

describe('PII dictionary rule', () => {
  it('reads stems, suffix and prefix rules, flag modes and person entries', () => {
    const d = parseDictionaries([
      { text: '3\nwalk/D\nParis\nAalbers/PN\n', aff: 'SFX D Y 1\nSFX D 0 ed .\n' },
      { text: '2\nhaus/AbCd\nSmith/PN\n', aff: 'FLAG long\nPFX Ab Y 1\nPFX Ab 0 ver .\n', personFlags: 'PN' },
    ]);
    expect(isUnknownName('Walked', d, true)).toBe(false); // stem + suffix rule
    expect(isUnknownName('Verhaus', d, true)).toBe(false); // long flag, prefix rule
    expect(isUnknownName('Walking', d, true)).toBe(true); // no such rule
    expect(isUnknownName('Walking', d)).toBe(false); // …but a plain ending on a common stem will do at a sentence start
    expect(isUnknownName('Paris', d, true)).toBe(false); // a listed proper noun, not a person
    expect(isUnknownName('Smith', d, true)).toBe(true); // listed as a person
    expect(isUnknownName('Aalbers', d, true)).toBe(false); // flagged PN in a file whose person flag is not PN: a plain proper noun
    expect(isUnknownName('Kowalczyk', d, true)).toBe(true);
  });

  it('redacts capitalised words no language knows, keeps words, inflections and compounds', () => {
    const dictionary = piiDictionary();
    const { text } = redactPii('Die Lieferung kam nicht. Kowalczyk hat die Paketzustellung vergessen, sagt Frau Meier.\nThe Delivered parcel was left with Brontal in London.', {}, { dictionary });
    expect(text).toContain('Die Lieferung kam nicht.');
    expect(text).toContain('die Paketzustellung vergessen');
    expect(text).toContain('The Delivered parcel');
    expect(text).toContain('in London');
    expect(text).not.toMatch(/Kowalczyk|Brontal|Meier/);
    // a two-letter given name, a surname the lists know as a proper noun after a name
    expect(redactPii('Please call Ty back, or ask for Brontal Smith.', {}, { dictionary }).text).toBe('Please call [NAME] back, or ask for [NAME].');
  });

  it('takes booking codes in capitals with one or two digits, German reference words and house-door compounds stay', () => {
    const dictionary = piiDictionary();
    expect(redactPii('PNR QX7P2M, hotel K9TZ4W; COVID19 and a PS5.', {}, { dictionary }).text).toBe('PNR [REFERENCE], hotel [REFERENCE]; COVID19 and a PS5.');
    expect(redactPii('Die Sendungsnummer und die Auftragsnr fehlen, vor der Kellertür.', {}, { dictionary }).text).toBe('Die Sendungsnummer und die Auftragsnr fehlen, vor der Kellertür.');
  });

  it('issue 18 names round: places, labels, lists, lower-case titles, the contact in its forms', () => {
    const dictionary = piiDictionary();
    const r = (text: string, names: string[] = []) => redactPii(text, { names }, { dictionary }).text;
    // a saint, a castle, a school is a place; a word before a number labels it; an unknown word after "in" is a place
    expect(r('Parish Secretary, St Brigid\'s Church. Il leone di San Marco. Schloss Elmau storniert.')).toBe('Parish Secretary, St Brigid\'s Church. Il leone di San Marco. Schloss Elmau storniert.');
    expect(r('The night nurse on Ward 7 was kind. The pharmacy in Galway says no.')).toBe('The night nurse on Ward 7 was kind. The pharmacy in Galway says no.');
    // a given name that is a word too: in a list before a name, and at a sentence start when it is a name elsewhere
    expect(r('Rose, Violet and Daisy, my nieces, came. Violet\'s ticket failed.')).toBe('[NAME], [NAME] and [NAME], my nieces, came. [NAME]\'s ticket failed.');
    expect(r('Hiya, Becky here.', ['Rebecca Hall'])).toBe('Hiya, [NAME] here.');
    expect(r('La dame de l\'accueil, mme leblanc, lui a parlé. Die frau meinte nein.')).toBe('La dame de l\'accueil, mme [NAME], lui a parlé. Die frau meinte nein.');
    expect(r('Laut Herrn Fuchs ein Softwarefehler. Der Fuchs im Garten war es nicht.')).toBe('Laut Herrn [NAME] ein Softwarefehler. Der Fuchs im Garten war es nicht.');
    expect(r('Auf dem Namensschild stand Ernst. Im Ernst, so etwas!')).toBe('Auf dem Namensschild stand [NAME]. Im Ernst, so etwas!');
    // the contact's surname that is a word: next to the given name in any case, not alone in a sentence; the particle surname as written
    expect(r('hola soy merche, el coche era blanco. gracias\nmerche blanco', ['Mercedes Blanco'])).toBe('hola soy [NAME], el coche era blanco. gracias\n[NAME]');
    expect(r('Le colis est resté près du pont.\nEmmanuelle Du Pont', ['Emmanuelle Du Pont'])).toBe('Le colis est resté près du pont.\n[NAME]');
    expect(r('Hallo, Joke hier (geen grap).\nGroetjes,\nJoke van den Broek', ['Johanna van den Broek'])).toBe('Hallo, [NAME] hier (geen grap).\nGroetjes,\n[NAME]');
  });

  it('takes double given names, a found name in lower case, and a surname after a given name found alone', () => {
    const dictionary = piiDictionary();
    const r = (text: string, names: string[] = []) => redactPii(text, { names }, { dictionary }).text;
    expect(r("Il a dit que Jean-Pierre s'en occuperait. Jean-Pierre ne répond pas.")).toBe("Il a dit que [NAME] s'en occuperait. [NAME] ne répond pas.");
    expect(r('The manager Derek was rude. Ask derek why the till was shut.')).toBe('The manager [NAME] was rude. Ask [NAME] why the till was shut.');
    expect(r("Le vendeur m'a dit de voir avec Mehdi au SAV. mehdi m'a renvoyé vers lui.")).toBe("Le vendeur m'a dit de voir avec [NAME] au SAV. [NAME] m'a renvoyé vers lui.");
    expect(r('To whom it may concern. Attendees at the meeting: Patricia Lowe (Head of Sales) and me. Patricia promised a refund.')).toBe('To whom it may concern. Attendees at the meeting: [NAME] (Head of Sales) and me. [NAME] promised a refund.');
    expect(r('when i asked for the manager, ms. gallagher, she left')).toBe('when i asked for the manager, ms. [NAME], she left');
    // a given name that is a word after an adverb opening the sentence, not a season
    expect(r('Luego Amparo nos trajo la cuenta. Apparently Crystal was off sick. Then Summer came and it was hot.')).toBe('Luego [NAME] nos trajo la cuenta. Apparently [NAME] was off sick. Then Summer came and it was hot.');
    // (not "will" for a found "Will", nor the company after a surname in capitals)
    expect(r('My son Will said he will call.')).toBe('My son [NAME] said he will call.');
  });

  it('fourth names round: Polish and Portuguese word forms stay, declined Polish names, given name before a surname, families in the plural', () => {
    const r = (t: string) => redactPii(t, {}, { dictionary: piiDictionary() }).text;
    expect(r('Urodziłem się w Krakowie. Prosiłem o zwrot. Bukiet był zwiędły.')).toBe('Urodziłem się w Krakowie. Prosiłem o zwrot. Bukiet był zwiędły.');
    expect(r('Sprawę prowadził pan Jan Kowalski. Dokumenty od Kowalskiego nie dotarły.')).toBe('Sprawę prowadził pan [NAME]. Dokumenty od [NAME] nie dotarły.');
    expect(r('Rozmawiałem z Markiem i z Michałem, ale nic nie wiedzieli. Wysłaliśmy reklamację.')).toBe('Rozmawiałem z [NAME] i z [NAME], ale nic nie wiedzieli. Wysłaliśmy reklamację.');
    expect(r('Comprámos o sofá em março. Infelizmente não chegou. Informação errada, não é?')).toBe('Comprámos o sofá em março. Infelizmente não chegou. Informação errada, não é?');
    // a given name that is a word too, before a surname the lists know only capitalised
    expect(r('También viaja Carmen López, nacida en Sevilla. Es el carmen de mi abuela.')).toBe('También viaja [NAME], nacida en Sevilla. Es el carmen de mi abuela.');
    // a family in the plural, by a surname the text names elsewhere (not a shop named after one)
    expect(r('Das Paket ging an Familie Krause. Die Krauses sind verreist.')).toBe('Das Paket ging an Familie [NAME]. Die [NAME] sind verreist.');
    expect(r('We gave it to Mrs Henderson. The Hendersons were out. I shop at Morrisons.')).toBe('We gave it to Mrs [NAME]. The [NAME] were out. I shop at Morrisons.');
    // German compounds of three parts, whose middle no list has alone
    expect(r('Laut Kostenvoranschlag und Fahrgastrechte-Vorgang hat Herr Kowalczyk recht.')).toBe('Laut Kostenvoranschlag und Fahrgastrechte-Vorgang hat Herr [NAME] recht.');
    // (a Polish-looking surname or a given name still counts at a sentence start)
    expect(r('Nowak nie odpowiedział. Marek też nie, był na urlopie.')).toBe('[NAME] nie odpowiedział. [NAME] też nie, był na urlopie.');
  });

  it('keeps the dev parts within the goal with the dictionary on', () => {
    const dir = new URL('../../bench/fixtures/pii/', import.meta.url);
    const dev = readdirSync(dir).filter((f) => f.startsWith('dev') && f.endsWith('.txt')).flatMap((f) => parseCorpus(readFileSync(new URL(f, dir), 'utf8')));
    const dictionary = piiDictionary();
    const { total } = scoreCorpus(dev, (c) => findPii(c.text, { names: [c.contact] }, { dictionary }));
    expect(total.caught / total.planted).toBeGreaterThanOrEqual(0.99);
    expect(total.overRedacted / total.tokens).toBeLessThanOrEqual(0.02);
  });
});
