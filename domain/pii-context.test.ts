// The PII rules added for names by context, dates of birth, plates, references and postcodes: one
// case per language and format, and the ordinary words each rule must leave alone.
import { describe, expect, it } from 'vitest';
import { redactPii } from './pii';

const redact = (text: string, names: string[] = []) => redactPii(text, { names }).text;

describe('names by context', () => {
  it.each([
    ['Please tell my wife Elena that the order is ready.', 'Please tell my wife [NAME] that the order is ready.'],
    ['The waiter, Marco, forgot us.', 'The waiter, [NAME], forgot us.'],
    ['our night manager Gunther Blake shrugged', 'our night manager [NAME] shrugged'],
    ['Mein Mann Klaus und die Kellnerin Jana Berger', 'Mein Mann [NAME] und die Kellnerin [NAME]'],
    ['Ihre Servicemitarbeiterin Aylin war super', 'Ihre Servicemitarbeiterin [NAME] war super'],
    ["ma fille Léa et la réceptionniste Sophie Martin", 'ma fille [NAME] et la réceptionniste [NAME]'],
    ["l'agent Karim a raccroché", "l'agent [NAME] a raccroché"],
    ['mi marido Javier y el repartidor, Andrés,', 'mi marido [NAME] y el repartidor, [NAME],'],
    ['mio marito Luca e il cameriere Paolo', 'mio marito [NAME] e il cameriere [NAME]'],
    ['mijn vrouw Sanne en de bezorger Kevin', 'mijn vrouw [NAME] en de bezorger [NAME]'],
    ['Willem van den Berg is mijn buurman', 'Willem van den Berg is mijn buurman'],
    ['de monteur Willem van den Berg kwam', 'de monteur [NAME] kwam'],
    ['My kids Noah and Mia were tired', 'My kids [NAME] and [NAME] were tired'],
    ['his supervisor was Neil Grayson.', 'his supervisor was [NAME].'],
    ['my husband john booked it', 'my husband [NAME] booked it'],
  ])('relations and staff: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['Hello, my name is Ann Lee.', 'Hello, my name is [NAME].'],
    ["je m'appelle Camille Durand et", "je m'appelle [NAME] et"],
    ['ich heiße Jürgen, und', 'ich heiße [NAME], und'],
    ['Hola, me llamo Lucía.', 'Hola, me llamo [NAME].'],
    ['Buongiorno, mi chiamo Giulia Romano.', 'Buongiorno, mi chiamo [NAME].'],
    ['mijn naam is Daan de Vries.', 'mijn naam is [NAME].'],
    ['Goedendag, u spreekt met Ruben Mulder.', 'Goedendag, u spreekt met [NAME].'],
    ["I'm Aisha and I'm Happy to wait.", "I'm [NAME] and I'm Happy to wait."],
    ['Soy Diego, soy Platino y soy de Madrid.', 'Soy [NAME], soy Platino y soy de Madrid.'],
    ['Ich bin Kunde seit 2010. Ich bin Nina.', 'Ich bin Kunde seit 2010. Ich bin [NAME].'],
    ['Sein Name ist Gerhard Beck.', 'Sein Name ist [NAME].'],
  ])('introductions: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['Please tell Priya at the front desk.', 'Please tell [NAME] at the front desk.'],
    ['I spoke to Callum, then to Customer Services.', 'I spoke to [NAME], then to Customer Services.'],
    ['a guy called Steve laughed', 'a guy called [NAME] laughed'],
    ['le livreur, un certain Karim, a raccroché', 'le livreur, un certain [NAME], a raccroché'],
    ['el encargado, un tal Fernando, dice', 'el encargado, un tal [NAME], dice'],
    ['hablé con Álvaro el martes', 'hablé con [NAME] el martes'],
    ['Ho parlato con Gianluca del servizio clienti', 'Ho parlato con [NAME] del servizio clienti'],
    ['de chauffeur, ene Mohammed, weigert', 'de chauffeur, ene [NAME], weigert'],
    ['hij zei dat hij Youssef heette', 'hij zei dat hij [NAME] heette'],
    ['Kate on the till was lovely', '[NAME] on the till was lovely'],
    ['Merci à Amandine, la serveuse', 'Merci à [NAME], la serveuse'],
    ['la commessa del negozio di Torino, Federica, mi ha detto', 'la commessa del negozio di Torino, [NAME], mi ha detto'],
    ['Passengers: Aoife Byrne, Ciaran Byrne.', 'Passengers: [NAME], [NAME].'],
  ])('people spoken to, called or described: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps the honorific and removes the name after it, in any language', () => {
    expect(redact('Mr Patel, Frau Krüger, Herrn Schäfer, Mme Petit, M. Garcia, Sra. Ruiz, signor Bruno, dott. Ferrari, meneer de Boer')).toBe(
      'Mr [NAME], Frau [NAME], Herrn [NAME], Mme [NAME], M. [NAME], Sra. [NAME], signor [NAME], dott. [NAME], meneer [NAME]',
    );
  });

  it.each([
    ['Great stay.\nKind regards,\nTom Reilly\n07700 900457', 'Great stay.\nKind regards,\n[NAME]\n[PHONE]'],
    ['Danke.\nMit freundlichen Grüßen\nJürgen Weber\nTeamleiter Einkauf\nMüller Logistik GmbH', 'Danke.\nMit freundlichen Grüßen\n[NAME]\nTeamleiter Einkauf\nMüller Logistik GmbH'],
    ['Bien à vous,\nNathalie Morel', 'Bien à vous,\n[NAME]'],
    ['Atentamente, Carmen Ruiz Ortega', 'Atentamente, [NAME]'],
    ['Cordiali saluti\nGiulia', 'Cordiali saluti\n[NAME]'],
    ['Met vriendelijke groet,\nLisa de Jong', 'Met vriendelijke groet,\n[NAME]'],
    ['Viele Grüße aus Frankfurt\nHeike Braun', 'Viele Grüße aus Frankfurt\n[NAME]'],
    ['It broke.\n--\nMarcus Brown\nIT Coordinator', 'It broke.\n--\n[NAME]\nIT Coordinator'],
    ['Please sort it out.\nKwame Osei', 'Please sort it out.\n[NAME]'],
    ["Don't send him again. — Megan", "Don't send him again. — [NAME]"],
    ['Hi Sarah,\nthanks for the call.', 'Hi [NAME],\nthanks for the call.'],
    ['Beste Wouter,\nbedankt.', 'Beste [NAME],\nbedankt.'],
  ])('sign-offs, greetings and signature blocks: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it('removes a name found once wherever else it appears', () => {
    expect(redact('My daughter Amelia was told off. Amelia is 19.')).toBe('My daughter [NAME] was told off. [NAME] is 19.');
  });

  it("removes the contact's known name in any case, with its particle, and the given name before a known surname", () => {
    expect(redact('Goedemiddag, K. de Graaf hier; kees belt terug.', ['Kees de Graaf'])).toBe('Goedemiddag, [NAME] hier; [NAME] belt terug.'); // the initial is part of the name
    expect(redact('Die Lieferung an Martina Beck bitte.', ['Ursula Beck'])).toBe('Die Lieferung an [NAME] bitte.');
  });

  it.each([
    "I'm Happy with it, I'm British and this is Ridiculous.",
    'Thanks, Ryanair.',
    'Very disappointed.\nHighly Recommended? Never Again',
    'The coach was late again this morning',
    'We flew from Paris to London on Tuesday. Valencia was great, tell Paris we loved it.',
    'Ich habe mit Karte bezahlt, mit Abstand das Beste. Ich bin Stammgast.',
    'Sono Milanese. Je suis Belge. Ik ben Rotterdammer en betaal met PIN.',
    'I spoke to Customer Services and asked for the Manager, thanks to Google Maps.',
    'Kind regards\nSent from my iPhone',
    'Best regards,\nThe Harrisons',
    'Black Friday, Christmas Eve, Easter Monday; the manager was French and the driver is Polish.',
  ])('keeps capitalised words that are not names: %s', (text) => expect(redact(text)).toBe(text));
});

describe('dates of birth', () => {
  it.each([
    ['My date of birth is 03/11/1989.', 'My date of birth is [DATE_OF_BIRTH].'],
    ['DOB: 1985-09-30', 'DOB: [DATE_OF_BIRTH]'],
    ['born on March 3, 1992 in Leeds', 'born on [DATE_OF_BIRTH] in Leeds'],
    ['Geboren bin ich am 14. März 1941.', 'Geboren bin ich am [DATE_OF_BIRTH].'],
    ['geb. 03.04.1957', 'geb. [DATE_OF_BIRTH]'],
    ['née le 3 juin 1936', 'née le [DATE_OF_BIRTH]'],
    ['nacido el 5 de mayo de 1991', 'nacido el [DATE_OF_BIRTH]'],
    ['nata il 9 settembre 1987', 'nata il [DATE_OF_BIRTH]'],
    ['geboortedatum 1 april 1990', 'geboortedatum [DATE_OF_BIRTH]'],
    ['Emma (geboren 3 januari 2010) mocht niet mee', 'Emma (geboren [DATE_OF_BIRTH]) mocht niet mee'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps other dates', () => {
    const text = 'Ordered on 12/03/2024, delivered 2024-03-15, my birthday dinner on 14/02/2024, born and raised in Leeds.';
    expect(redact(text)).toBe(text);
  });
});

describe('licence plates', () => {
  it.each([
    ['White van, LD68 XKR, blocked us', 'White van, [PLATE], blocked us'],
    ['Kennzeichen HH-KL 4471 und B-MW 2047', 'Kennzeichen [PLATE] und [PLATE]'],
    ['immatriculée GH-456-JK', 'immatriculée [PLATE]'],
    ['matrícula 4821 KJT', 'matrícula [PLATE]'],
    ['targata FG 456 HJ', 'targata [PLATE]'],
    ['kenteken BX-123-P of 1-KBB-23', 'kenteken [PLATE] of [PLATE]'],
    ['rental car (plate CBXW 472) broke down', 'rental car (plate [PLATE]) broke down'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps car models, flights and products', () => {
    const text = 'A VW Golf, a BMW X5, flight LH 1234, the M25, a Boeing 737, USB-C, a 4K TV, a PS5 2TB and 1500 GB.';
    expect(redact(text)).toBe(text);
  });
});

describe('references', () => {
  it.each([
    ['booking ref TBL-448213 if', 'booking ref [REFERENCE] if'],
    ['order #A7731920', 'order #[REFERENCE]'],
    ['Bestellnummer 2024-118734', 'Bestellnummer [REFERENCE]'],
    ['commande n° FR-2024-77812', 'commande n° [REFERENCE]'],
    ['el localizador XK7QPL', 'el localizador [REFERENCE]'],
    ['prenotazione n. 88431', 'prenotazione n. [REFERENCE]'],
    ['reserveringsnummer 77120', 'reserveringsnummer [REFERENCE]'],
    ['Booking reference QZKMTR.', 'Booking reference [REFERENCE].'],
    ['el billete de tren LOC-7R2K9P', 'el billete de tren [REFERENCE]'],
    ['Ticket #88213 is open', 'Ticket #[REFERENCE] is open'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps counts, times, amounts, rooms and dates after the same words', () => {
    const text = 'Order 2 pizzas, a booking for 4 people at 19:30, a ticket for 45 €, the order of 12/03/2024, Zimmernummer 214, my account was closed.';
    expect(redact(text)).toBe(text);
  });
});

describe('postcodes', () => {
  it.each([
    ['at 27 Hawthorn Road, LS6 2QB, on', 'at [ADDRESS], [POSTCODE], on'],
    ['Springfield, IL 62704.', 'Springfield, IL [POSTCODE].'],
    ['never made it to M5V 2T6, Toronto', 'never made it to [POSTCODE], Toronto'],
    ['Werkstatt in 80335 München.', 'Werkstatt in [POSTCODE] München.'],
    ['Lindenstraße 12\n50674 Köln', '[ADDRESS]\n[POSTCODE] Köln'],
    ['8 rue des Lilas, 69003 Lyon', '[ADDRESS], [POSTCODE] Lyon'],
    ['Postcode 3511 LX Utrecht', 'Postcode [POSTCODE] Utrecht'],
    ['Dorpsstraat 8, 1234AB Zwaag', '[ADDRESS], [POSTCODE] Zwaag'],
    ['con destino 08013 Barcelona, nunca llegó', 'con destino [POSTCODE] Barcelona, nunca llegó'],
    ['CAP 00185 Roma', 'CAP [POSTCODE] Roma'],
    ['D-80331 München', '[POSTCODE] München'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps years, amounts and counts before capitalised words', () => {
    const text = 'In 2019 Apple released it, 12000 Euro later, 10000 Schritte am Tag, 1500 GB.';
    expect(redact(text)).toBe(text);
  });
});

// Rules added in the round measured on holdout-3 (each with its ordinary look-alikes).
describe('names: booked under, relations in brackets or inflected, roles as titles, badges, thanks', () => {
  it.each([
    ['Booked under the name Okonkwo for Saturday.', 'Booked under the name [NAME] for Saturday.'],
    ['réservé au nom de Lefort, table 6', 'réservé au nom de [NAME], table 6'],
    ['a nombre de Ibarra', 'a nombre de [NAME]'],
    ['My mother-in-law (Edith, she is 88) fell', 'My mother-in-law ([NAME], she is 88) fell'],
    ['mon épouse (Martine) était là', 'mon épouse ([NAME]) était là'],
    ['meine Frau und ich (Ehefrau Gisela, 66)', 'meine Frau und ich (Ehefrau [NAME], 66)'],
    ['one of your cashiers, Kelsey I believe, shouted', 'one of your cashiers, [NAME] I believe, shouted'],
    ['mit meinem Kollegen Deniz in der Filiale', 'mit meinem Kollegen [NAME] in der Filiale'],
    ['sono la moglie di Renato Fabbri.', 'sono la moglie di [NAME].'],
    ['the manager of Tesco said no', 'the manager of Tesco said no'],
    ['Anwohnerin Renate Seidel', 'Anwohnerin [NAME]'],
    ['en aan kok Hamza voor het eten', 'en aan kok [NAME] voor het eten'],
    ['a tall man whose badge said Desmond refused', 'a tall man whose badge said [NAME] refused'],
    ['A huge thank you to Imogen in shoes.', 'A huge thank you to [NAME] in shoes.'],
    ['ein großes Lob an Friederike und Malte!', 'ein großes Lob an [NAME] und [NAME]!'],
    ['Callum from your returns team promised it.', '[NAME] from your returns team promised it.'],
    ["L'impiegata al banco, Simona, ha detto", "L'impiegata al banco, [NAME], ha detto"],
    ['surtout Gwenaëlle, qui a retrouvé la bague', 'surtout [NAME], qui a retrouvé la bague'],
    ['Ihr Transporter mit Münchner Kennzeichen fährt', 'Ihr Transporter mit Münchner Kennzeichen fährt'],
    ["I'm Aisha and I'm Happy to wait.", "I'm [NAME] and I'm Happy to wait."],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['Cheers, Alastair & Morag', 'Cheers, [NAME] & [NAME]'],
    ['Cordialement, Yvette Le Goff', 'Cordialement, [NAME]'],
    ['Met vriendelijke groet,\nJ.W. Kuipers', 'Met vriendelijke groet,\n[NAME]'],
    ['Veuillez agréer mes salutations distinguées.\nBernadette Lacombe', 'Veuillez agréer mes salutations distinguées.\n[NAME]'],
    ['Mit Dank im Voraus, Claudia Reinholz, Birkenweg 14', 'Mit Dank im Voraus, [NAME], [ADDRESS]'],
    ['Thomas & Sophie', '[NAME] & [NAME]'],
  ])('sign-offs and signatures: %s', (input, expected) => expect(redact(input, ['Thomas Verbeek'])).toBe(expected));

  it("removes the contact's initialled name and short forms of the given name", () => {
    expect(redact('Regards,\nH. Dunmore', ['Harriet Dunmore'])).toBe('Regards,\n[NAME]');
    expect(redact('Thanks! Meg', ['Megan Clarke'])).toBe('Thanks! [NAME]');
    expect(redact('Jon Reyes, 3 March', ['Jonathan Reyes'])).toBe('[NAME], 3 March');
    expect(redact('Steve here. May I ask, will Stephen be charged?', ['Stephen Marlowe'])).toBe('[NAME] here. May I ask, will [NAME] be charged?');
  });
});

describe('grouped references, birth-date nouns, spaced phone numbers, product codes', () => {
  it.each([
    ['Job ref ENG 558 201, account HD 0091 447.', 'Job ref [REFERENCE], account [REFERENCE].'],
    ['Retourenschein RT 2209 8841', 'Retourenschein [REFERENCE]'],
    ['Confirmation number 77 410 298.', 'Confirmation number [REFERENCE].'],
    ['Mijn geboortedatum (voor de verzekering) is 17-10-1966.', 'Mijn geboortedatum (voor de verzekering) is [DATE_OF_BIRTH].'],
    ['Tel. 0662 / 87 44 31', 'Tel. [PHONE]'],
    ['bel 050 - 318 22 77', 'bel [PHONE]'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps counts, years, product codes and sizes', () => {
    const text = 'Order from 2019 was fine, order 2 x 54,20 €, SKU 448-102-77, Artikelnummer 40012345, colchón 150x190, moved on 03/04/2019.';
    expect(redact(text)).toBe(text);
  });
});

describe('addresses in more formats', () => {
  it.each([
    ['3 bis, chemin de la Croix', '[ADDRESS]'],
    ['Résidence Le Parc, 14 avenue Jean Jaurès', '[ADDRESS]'],
    ['C/ Pintor Sorolla 18, 4º izq., 46002 Valencia', '[ADDRESS], [POSTCODE] Valencia'],
    ['Corso Vittorio Emanuele II 112', '[ADDRESS]'],
    ['Piazza Garibaldi 3', '[ADDRESS]'],
    ['Apt 12B, 340 West 57th Street', '[ADDRESS]'],
    ['Unit 7, Brackmills Industrial Estate', '[ADDRESS]'],
    ['Kind regards\nRose Cottage, Mill Lane\nAlnwick NE66 2QT', 'Kind regards\n[ADDRESS]\nAlnwick [POSTCODE]'],
    ['Seedijk 4 en Ringdamm 12', '[ADDRESS] en [ADDRESS]'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps shops and streets named as places', () => {
    const text = 'We ate at the Pizza Express on Market Street, then the Oxford Street branch; Via Roma is lovely.';
    expect(redact(text)).toBe(text);
  });
});

// Rules added in the round measured on holdout-4 (tuned on dev-2/dev-3, the former holdout-2/-3).
describe('names before reported speech, after "me,", in appositions; pet forms; references after another cue', () => {
  it.each([
    ['Called your support line and Brittany said to wait.', 'Called your support line and [NAME] said to wait.'],
    ['I asked him his name and he said Tony. Tracking', 'I asked him his name and he said [NAME]. Tracking'],
    ['Rückruf bitte an mich, Monika Wirth, Tel. 040 / 881 22 35.', 'Rückruf bitte an mich, [NAME], Tel. [PHONE].'],
    ['Beschwer dich doch bei Kevin, das ist mein Chef.', 'Beschwer dich doch bei [NAME], das ist mein Chef.'],
    ['I asked Sarah, my manager, about it', 'I asked [NAME], my manager, about it'],
    ['Excelente atención de Noelia en la tienda', 'Excelente atención de [NAME] en la tienda'],
    ['Il vostro tecnico Massimo ha installato', 'Il vostro tecnico [NAME] ha installato'],
    ['Kundennummer KD-9910342.\nBirgit Hahn\nAm Kirchberg 4\n70597 Stuttgart', 'Kundennummer [REFERENCE].\n[NAME]\n[ADDRESS]\n[POSTCODE] Stuttgart'],
    ['joignable au 07 81 22 33 44. Isabelle Perrin, 27 rue Victor Hugo, 69100 Villeurbanne.', 'joignable au [PHONE]. [NAME], [ADDRESS], [POSTCODE] Villeurbanne.'],
    ['Objet : réclamation facture n° F2024-11873', 'Objet : réclamation facture n° [REFERENCE]'],
    ['Référence dossier DZ8KQ4.', 'Référence dossier [REFERENCE].'],
    ['Inscripción n.º CV24-0318.', 'Inscripción n.º [REFERENCE].'],
    ['Customer no. C-0093315.', 'Customer no. [REFERENCE].'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('takes a pet form of the contact\'s given name ("Olli" for Oliver), not other words sharing its start', () => {
    expect(redactPii('hier ist Olli, der Olm im Olivenhain', { names: ['Oliver Krämer'] }).text).toBe('hier ist [NAME], der Olm im Olivenhain');
  });

  it('keeps the look-alikes', () => {
    const text = 'Dag, mijn zoon heeft gebeld. Yesterday, my husband said Monday was fine. He said Paris. Gestern, das ist der Hammer. Ordered the Kids bike (réf. OSL-3P-GR).';
    expect(redact(text)).toBe(text);
  });
});

// Second step of the holdout-4 round (tuned on dev-4, after holdout-5 was committed).
describe('family and care titles, articles before names, particles, roles in signatures, other languages', () => {
  it.each([
    ['Schwester Gudrun und Pfleger Mats waren großartig.', 'Schwester [NAME] und Pfleger [NAME] waren großartig.'],
    ['Meine Mutter (Jahrgang 1939) lag drei Tage bei Ihnen.', 'Meine Mutter (Jahrgang 1939) lag drei Tage bei Ihnen.'],
    ['El mecánico, don Evaristo, dejó el coche', 'El mecánico, don [NAME], dejó el coche'],
    ['Mein Mann, der Sepp, hat beim Nachbarn Huber nachgefragt.', 'Mein Mann, der [NAME], hat beim Nachbarn [NAME] nachgefragt.'],
    ['Merci à tata Josiane', 'Merci à tata [NAME]'],
    ['Grazie a suor Agnese', 'Grazie a suor [NAME]'],
    ['Dokter Van den Berg en zuster Anja', 'Dokter [NAME] en zuster [NAME]'],
    ['Mi comadre Chela y yo', 'Mi comadre [NAME] y yo'],
    ['O meu marido, João Pedro, tirou fotografias.', 'O meu marido, [NAME], tirou fotografias.'],
    ['Table for 4 booked under Whitmore.', 'Table for 4 booked under [NAME].'],
    ['that is Uncle Bertie, his real name is Desmond.', 'that is Uncle [NAME], his real name is [NAME].'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps the company after a role on a signature line, and the contact\'s pet form used to sign', () => {
    expect(redact('Thanks,\nSamuel Adeyemi – Head of Operations, Brightpath Logistics', ['Samuel Adeyemi'])).toBe('Thanks,\n[NAME] – Head of Operations, Brightpath Logistics');
    expect(redact('Hoi! Wil hier. Wil je mij bellen?', ['Willemijn Bakker'])).toBe('Hoi! [NAME] hier. Wil je mij bellen?');
    expect(redact('I don\'t know about the Tante-Emma-Laden.')).toBe('I don\'t know about the Tante-Emma-Laden.');
  });
});

// Round measured on holdout-6 (tuned on dev-5).
describe('addresses with a separate street type, suffixed numbers, floors; bare signatures; more cues', () => {
  it.each([
    ['Adresse: Bremer Str. 41, 26135 Oldenburg', 'Adresse: [ADDRESS], [POSTCODE] Oldenburg'],
    ['Mijn adres: Kerkweg 3a, 1234 CD Hoorn', 'Mijn adres: [ADDRESS], [POSTCODE] Hoorn'],
    ['Via San Marco 4/B, 35129 Padova', '[ADDRESS], [POSTCODE] Padova'],
    ['Plaza Mayor 3, 1.º D, 37002 Salamanca', '[ADDRESS], [POSTCODE] Salamanca'],
    ['Rua das Flores 22, 4050-262 Porto', '[ADDRESS], [POSTCODE] Porto'],
    ['O estafeta, Nelson, disse', 'O estafeta, [NAME], disse'],
    ['Order OPT-55120.\nGlenys', 'Order [REFERENCE].\n[NAME]'],
    ['Fahrkarte FK 2291 4471, ICE 597', 'Fahrkarte [REFERENCE], ICE 597'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps look-alikes', () => {
    const text = 'It was cold.\nDisappointed\n\nWe met at 10 AM, 1500 GB of data, 2019 was fine.';
    expect(redact(text)).toBe(text);
  });
});

// The pii5 round (tuned on dev-6 after holdout-8 was committed): post boxes, flats and buildings,
// suffixed house numbers, words before a street's type, dates of birth in words or before the verb.
describe('post boxes, flats, buildings and street-name starts; dates of birth in words and verb-last', () => {
  it.each([
    ['Send it to P.O. Box 918, Cardiff', 'Send it to [ADDRESS], Cardiff'],
    ['An Postfach 44 02 17, 28304 Bremen', 'An [ADDRESS], [POSTCODE] Bremen'],
    ['Adresse : BP 117, 97300 Cayenne', 'Adresse : [ADDRESS], [POSTCODE] Cayenne'],
    ['al Apartado de Correos 1082, 41080 Sevilla', 'al [ADDRESS], [POSTCODE] Sevilla'],
    ['alla Casella Postale 412', 'alla [ADDRESS]'],
    ['Stuur het naar Postbus 731', 'Stuur het naar [ADDRESS]'],
    ['an die Neue Kirchstraße 9, 2. OG links.', 'an die [ADDRESS].'],
    ['Wir wohnen Lange Reihe 27, Seitenflügel, Wohnung 5, 20099 Hamburg.', 'Wir wohnen [ADDRESS], [POSTCODE] Hamburg.'],
    ['Livraison au 27 boulevard Carnot, escalier A, 3e étage, 06000 Nice.', 'Livraison au [ADDRESS], [POSTCODE] Nice.'],
    ["J'habite Résidence du Parc, bât. C, appt 22.", "J'habite [ADDRESS]."],
    ['Vivo en Calle Mayor 14, escalera 2, puerta 5.', 'Vivo en [ADDRESS].'],
    ['Abitiamo in Via Mazzini 18, scala B, int. 4.', 'Abitiamo in [ADDRESS].'],
    ['Thuis op Van Speijkstraat 12-III, Amsterdam.', 'Thuis op [ADDRESS], Amsterdam.'],
    ['Adres: Oude Gracht 112 bis, Utrecht.', 'Adres: [ADDRESS], Utrecht.'],
    ['We zitten op Dr. Lelylaan 3 hs.', 'We zitten op [ADDRESS].'],
    ['Het bezoekadres is Laan van Meerdervoort 412.', 'Het bezoekadres is [ADDRESS].'],
    ['Flat 6, Harcourt House, 19 Pembroke Road', '[ADDRESS]'],
    ['My son was born on the twelfth of June 2011.', 'My son was born on the [DATE_OF_BIRTH].'],
    ['The 14th of February 1990 is my date of birth.', 'The [DATE_OF_BIRTH] is my date of birth.'],
    ['Ich bin am 9.11.1958 geboren.', 'Ich bin am [DATE_OF_BIRTH] geboren.'],
    ['Mi madre nació el 14 de febrero de 1950.', 'Mi madre nació el [DATE_OF_BIRTH].'],
    ['Mijn dochter is op vijf mei 2012 geboren.', 'Mijn dochter is op [DATE_OF_BIRTH] geboren.'],
    ['Elle est née le trois mars 1979.', 'Elle est née le [DATE_OF_BIRTH].'],
    ['Mia figlia è nata il primo maggio 2004.', 'Mia figlia è nata il [DATE_OF_BIRTH].'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps dates next to a birth cue that has its own, and across a sentence end', () => {
    expect(redact('In 2019 my son was born. We ordered on 3 May 2024 and he was born in 2010.')).toBe('In 2019 my son was born. We ordered on 3 May 2024 and he was born in [DATE_OF_BIRTH].');
  });
});

describe('names after more greetings, intensified thanks, a repeated preposition and a possessive sign-off', () => {
  it.each([
    ['Servus Hannes, danke', 'Servus [NAME], danke'],
    ['Gracias a Pilar y a Rosario por todo.', 'Gracias a [NAME] y a [NAME] por todo.'],
    ['Grazie mille a Rosa e a Franco.', 'Grazie mille a [NAME] e a [NAME].'],
    ['Saluti da Bruno Rossi', 'Saluti da [NAME]'],
    ['Liebe Grüße\neure Mia', 'Liebe Grüße\neure [NAME]'],
    ['Un abrazo,\ntu amiga Ana', 'Un abrazo,\ntu amiga [NAME]'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));
});

describe("the contact's given name with the surname's initial", () => {
  it('redacts "Paolo G." as the contact Paolo Gentile signs', () => {
    expect(redactPii('Grazie.\nPaolo G.', { names: ['Paolo Gentile'] }).text).toBe('Grazie.\n[NAME].');
  });
});

describe('names with the writer ("Mark and I"), before what staff did for them, after guides', () => {
  it.each([
    ['Mark and I had dinner.', '[NAME] and I had dinner.'],
    ['me and Jess went back', 'me and [NAME] went back'],
    ['Carmen nos atendió muy bien.', '[NAME] nos atendió muy bien.'],
    ['Alba ci ha servito.', '[NAME] ci ha servito.'],
    ['Onze gids Roos was top.', 'Onze gids [NAME] was top.'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps a thing with the writer', () => {
    expect(redact('Dinner and I did not agree. My husband and I left.')).toBe('Dinner and I did not agree. My husband and I left.');
  });
});

describe('a street without its number after "I live on" in six languages', () => {
  it.each([
    ['I live on Mill Lane, near the park.', 'I live on [ADDRESS], near the park.'],
    ['Wir wohnen in der Gartenstraße seit Jahren.', 'Wir wohnen in der [ADDRESS] seit Jahren.'],
    ["J'habite rue des Lilas depuis 2010.", "J'habite [ADDRESS] depuis 2010."],
    ['Vivo en la calle Mayor desde hace años.', 'Vivo en la [ADDRESS] desde hace años.'],
    ['Abito in via Garibaldi.', 'Abito in [ADDRESS].'],
    ['Ik woon aan de Kerkstraat in Hoorn.', 'Ik woon aan de [ADDRESS] in Hoorn.'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps a town after "live in"', () => {
    expect(redact('We lived in London and stayed at the Grand Hotel.')).toBe('We lived in London and stayed at the Grand Hotel.');
  });
});

describe('issue 18: flats and floors, c/o, address cues, odd reference shapes, years in words, initials', () => {
  it.each([
    ['Send it to Top Floor Flat, 8 Albert Terrace, Bath.', 'Send it to [ADDRESS], Bath.'],
    ['It is Apartment 12, Block C, Grand Canal Quay, Dublin 2.', 'It is [ADDRESS], Dublin 2.'],
    ['Bitte an c/o Krüger, Lindenweg 3, EG liefern.', 'Bitte an [ADDRESS] liefern.'],
    ['Vivo en C/ Alcalá 120, 3º izda., Madrid.', 'Vivo en [ADDRESS], Madrid.'],
    ['Sono al V.le Monza 100, 4° piano, int. 12.', 'Sono al [ADDRESS].'],
    ['Abitiamo in Via Roma 12, piano 3, interno 9.', 'Abitiamo in [ADDRESS].'],
    ['Wij wonen Hoofdweg 44-2 hoog, Amsterdam.', 'Wij wonen [ADDRESS], Amsterdam.'],
    ["J'habite Rés. Les Tilleuls, Bât A2, Apt 104.", "J'habite [ADDRESS]."],
    ['Afleveradres: Lange Voorhout 9 bis, 2e etage.', 'Afleveradres: [ADDRESS].'],
    ['Ons adres is Keizersgracht 123-III, 1015cj Amsterdam.', 'Ons adres is [ADDRESS], [POSTCODE] Amsterdam.'],
    ['Eircode D02 X285, please.', 'Eircode [POSTCODE], please.'],
    ['Consignment no. IE 77.412.009 is lost.', 'Consignment no. [REFERENCE] is lost.'],
    ['Order US-QXTRM and codice prenotazione PRN-QX.', 'Order [REFERENCE] and codice prenotazione [REFERENCE].'],
    ['Aktenzeichen AZ 4 O 118/26, bitte.', 'Aktenzeichen [REFERENCE], bitte.'],
    ['N. cliente 88412.', 'N. cliente [REFERENCE].'],
    ['date of birth fourth of July nineteen fifty-two', 'date of birth [DATE_OF_BIRTH]'],
    ['née le premier avril mil neuf cent cinquante et votre formulaire', 'née le [DATE_OF_BIRTH] et votre formulaire'],
    ['è nata il due febbraio millenovecentoquaranta.', 'è nata il [DATE_OF_BIRTH].'],
    ['nació el tres de mayo de mil novecientos cuarenta y ocho y no', 'nació el [DATE_OF_BIRTH] y no'],
    ['The letter for J. P. Morgan-Smith came.', 'The letter for [NAME] came.'],
    ['Ma colocataire Olive est née en mai.', 'Ma colocataire [NAME] est née en mai.'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('joins initials to the contact surname, and leaves "C.P." before a postcode and ordinary uses alone', () => {
    expect(redact('Danke.\nK.-D. Brandt', ['Klaus-Dieter Brandt'])).toBe('Danke.\n[NAME]');
    expect(redact('CDMX, C.P. 03940.')).toBe('CDMX, C.P. [POSTCODE].');
    expect(redact('I changed my address 3 times. Order 2 boxes. Nous sommes nés en mille neuf cent quatre-vingt.')).toBe('I changed my address 3 times. Order 2 boxes. Nous sommes nés en mille neuf cent quatre-vingt.');
  });
});

describe('issue 18, names round: pet forms, capitals, lower-case writers, lists, sign-offs', () => {
  it("takes the contact's pet forms in eight languages, with the surname or its initial", () => {
    expect(redact('ciao sono gigi, scrivo per il tiramisù.\ngigi bassi', ['Luigi Bassi'])).toBe('ciao sono [NAME], scrivo per il tiramisù.\n[NAME]');
    expect(redact('Servus, da ist der Hansi.', ['Johannes Brandl'])).toBe('Servus, da ist der [NAME].');
    expect(redact('hi its peggy, maggie doyle on the account', ['Margaret Doyle'])).toBe('hi its [NAME], [NAME] on the account');
    expect(redact('Olá, é o Zé.\nZé Fernandes', ['José Fernandes'])).toBe('Olá, é o [NAME].\n[NAME]');
    expect(redact('Dzień dobry, tu Gosia.', ['Małgorzata Zielińska'])).toBe('Dzień dobry, tu [NAME].');
    expect(redact('xx Frankie R.', ['Francesca Rinaldi'])).toBe('xx [NAME].');
    expect(redact('Un abrazo,\nPepe Ruiz', ['José Ruiz Ortega'])).toBe('Un abrazo,\n[NAME]');
  });

  it("keeps a pet form that is a word at a sentence start unless the writer introduces themself with it", () => {
    expect(redact('Will you refund me? Thanks,\nWill', ['William Hargreaves'])).toBe('Will you refund me? Thanks,\n[NAME]');
    expect(redact('Hi, Bill here.', ['William Hargreaves'])).toBe('Hi, [NAME] here.');
  });

  it('takes the contact with a shortened particle, and not its particle surname in lower case', () => {
    expect(redact('Beste Grüße\nM. v. Rechberg', ['Maximilian Graf von Rechberg'])).toBe('Beste Grüße\n[NAME]');
  });

  it.each([
    ['Livreur : M. BERTRAND. Vendredi, personne.', 'Livreur : M. [NAME]. Vendredi, personne.'],
    ["PATIENT NAME: MARY O'CONNOR, NEXT OF KIN: BRENDAN O'CONNOR. URGENT please.", 'PATIENT NAME: [NAME], NEXT OF KIN: [NAME]. URGENT please.'],
    ['goedemiddag, ik belde met joost over de koffiemachine.', 'goedemiddag, ik belde met [NAME] over de koffiemachine.'],
    ['el chico del mostrador, sergio, dijo que no', 'el chico del mostrador, [NAME], dijo que no'],
    ['De bezorger, ene Vos, zei niets.', 'De bezorger, ene [NAME], zei niets.'],
    ["Dhr. van 't Hek zou bellen.", 'Dhr. [NAME] zou bellen.'],
    ['Mein Assistent Timo hat storniert.', 'Mein Assistent [NAME] hat storniert.'],
    ['I emailed Derek Olusanya twice.', 'I emailed [NAME] twice.'],
    ['I messaged Georgia from customer care; I fly to Georgia on Sunday.', 'I messaged [NAME] from customer care; I fly to Georgia on Sunday.'],
    ['Laut Mehmets Nachricht fehlt die Rechnung.', 'Laut [NAME]s Nachricht fehlt die Rechnung.'],
    ['Secondo Marco Leone il corriere ha sbagliato.', 'Secondo [NAME] il corriere ha sbagliato.'],
    ["Thanks.\nAgnes Whitlock (patient's daughter)", "Thanks.\n[NAME] (patient's daughter)"],
    ['Gracias a todos.\nEncarnación Prieto y familia', 'Gracias a todos.\n[NAME] y familia'],
    ['Bitte rufen Sie sie an.\nMarianne Vogel\n(Nachbarin)', 'Bitte rufen Sie sie an.\n[NAME]\n(Nachbarin)'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps the same word as an exclamation, and a given name after der / die / das', () => {
    expect(redact('el Sr. Bravo lo arreglaría. ¡Bravo por la puntualidad!')).toBe('el Sr. [NAME] lo arreglaría. ¡Bravo por la puntualidad!');
    expect(redact('Die Kellnerin Anna war da. Dank der Anna gab es Kaffee.')).toBe('Die Kellnerin [NAME] war da. Dank der [NAME] gab es Kaffee.');
  });
});

describe('issue 18, third pass: house names, rural places, units around a street; more birth-date and reference shapes; postcodes', () => {
  it.each([
    ['The courier left it at Rose Cottage, Lower Bishopstone, near Swindon.', 'The courier left it at [ADDRESS], near Swindon.'],
    ['My address is The Old Forge, Main Street, Bampton.', 'My address is [ADDRESS], Bampton.'],
    ['Flat 6\nHarcourt House\n19 Cavendish Square', '[ADDRESS]\n[ADDRESS]'],
    ['I live at Apt 4, The Maltings, Mill Street, Galway.', 'I live at [ADDRESS], Galway.'],
    ['Mon adresse : Chez Mme Lambert, 8 bis avenue des Peupliers, appt 31, Marseille.', 'Mon adresse : [ADDRESS], Marseille.'],
    ['Bâtiment B, escalier 3, 4e étage, porte gauche', '[ADDRESS]'],
    ["Merci d'envoyer le courrier au Lieu-dit Les Granges, 44850 Le Cellier.", "Merci d'envoyer le courrier au [ADDRESS], [POSTCODE] Le Cellier."],
    ['Abito in Località Poggio Rosso 8, 53024 Montalcino (SI).', 'Abito in [ADDRESS], [POSTCODE] Montalcino (SI).'],
    ['Mi domicilio: Camino Viejo de Alcalá s/n, 28806 Alcalá de Henares.', 'Mi domicilio: [ADDRESS], [POSTCODE] Alcalá de Henares.'],
    ['Wir wohnen auf dem Hof Gut Rosenau 3, 24214 Gettorf.', 'Wir wohnen auf dem Hof [ADDRESS], [POSTCODE] Gettorf.'],
    ['Seit März in der Friedrich-Ebert-Straße 112, Hinterhaus, 3. Etage, 60327 Frankfurt am Main.', 'Seit März in der [ADDRESS], [POSTCODE] Frankfurt am Main.'],
    ['Bitte an Seniorenresidenz Lindenhof, Zimmer 214, Parkstraße 4, 49074 Osnabrück.', 'Bitte an [ADDRESS], [POSTCODE] Osnabrück.'],
    ['Wij wonen op Boerderij De Hoeve, Hoofdweg 14, 9341AB Veenhuizen.', 'Wij wonen op [ADDRESS], [POSTCODE] Veenhuizen.'],
    ['Ship to 402-1155 Rue Sherbrooke O, Montréal.', 'Ship to [ADDRESS], Montréal.'],
    ['Vivo en Urbanización Los Pinos, parcela 14, Estepona.', 'Vivo en [ADDRESS], Estepona.'],
    ["It's 1600 Pennsylvania Ave NW, Washington.", "It's [ADDRESS], Washington."],
    ['Goethestr. 12 (Hinterhof) und Vijzelstraat 68 (3e verdieping)', '[ADDRESS] und [ADDRESS]'],
    ['Abito in Via Roma n. 15, Milano.', 'Abito in [ADDRESS], Milano.'],
    ['C/ Sant Joan 14, 3r 2a, Barcelona, o Ctra. de Málaga km 4, Granada.', '[ADDRESS], Barcelona, o [ADDRESS], Granada.'],
    ['Oudegracht 150-bis en Hoogstraat 12 A02', '[ADDRESS] en [ADDRESS]'],
  ])('addresses: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['I was born Feb 2, 1972 and my husband on the 30th of September 1970.', 'I was born [DATE_OF_BIRTH] and my husband on the [DATE_OF_BIRTH].'],
    ['Je suis née le 1er janvier 1990 à Nantes et mon fils le 29.02.2016.', 'Je suis née le [DATE_OF_BIRTH] à Nantes et mon fils le [DATE_OF_BIRTH].'],
    ['She was b. 3 Jul 1948 in Leeds; plan B. 2019 failed.', 'She was b. [DATE_OF_BIRTH] in Leeds; plan B. 2019 failed.'],
    ["born on 12th March '85, nació el día 3 de abril del 77", 'born on [DATE_OF_BIRTH], nació el día [DATE_OF_BIRTH]'],
    ['Herr Krause, * 03.04.1977 in Hamburg', 'Herr [NAME], * [DATE_OF_BIRTH] in Hamburg'],
    ['DDN : 03/04/1977, Fecha nac.: 03/04/1977', 'DDN : [DATE_OF_BIRTH], Fecha nac.: [DATE_OF_BIRTH]'],
    ['Soy socia (n.º de socio 00412) desde hace 10 años.', 'Soy socia (n.º de socio [REFERENCE]) desde hace 10 años.'],
    ['Retournummer RT 8812-0041 en référence de réservation KZTRWA', 'Retournummer [REFERENCE] en référence de réservation [REFERENCE]'],
    ['The parking charge notice is PCN 60012847.', 'The parking charge notice is [REFERENCE].'],
    ['Abito a 20121 Milano (MI), er in 20095 Hamburg.', 'Abito a [POSTCODE] Milano (MI), er in [POSTCODE] Hamburg.'],
    ['my postcode is b15 2tt', 'my postcode is [POSTCODE]'],
  ])('dates of birth, references, postcodes: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['i live at 12 high street, leeds', 'i live at [ADDRESS], leeds'],
    ['send to flat 3, 41 station road', 'send to [ADDRESS]'],
    ['ich wohne in der hauptstraße 12, Adresse: bahnhofstr. 5', 'ich wohne in der [ADDRESS], Adresse: [ADDRESS]'],
    ['vivo en calle mayor 5', 'vivo en [ADDRESS]'],
    ['Kerkstraat nr. 12 en Calle Goya núm. 12', '[ADDRESS] en [ADDRESS]'],
    ["14 St. Mary's Road", '[ADDRESS]'],
    ['PO# 44712, conf# X7KQ2, V/Réf. CL 4471', 'PO# [REFERENCE], conf# [REFERENCE], V/Réf. [REFERENCE]'],
  ])('lower-case streets and abbreviated cues: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps look-alikes of lower-case streets and a product reference', () => {
    const text = "it's a 2 way street, I waited 3 long road trips, spedito via corriere 12 giorni; canapé Oslo (réf. OSL-3P-GR)";
    expect(redact(text)).toBe(text);
  });

  it.each([
    ['Référence de virement VIR 00981 4421.', 'Référence de virement [REFERENCE].'],
    ['Ik heb twee klantnummers, KN 771 209 en KN 771 210.', 'Ik heb twee klantnummers, [REFERENCE] en [REFERENCE].'],
    ['De aanbetaling is dubbel afgeschreven, transactie TRX 8812 0044 1.', 'De aanbetaling is dubbel afgeschreven, transactie [REFERENCE].'],
    ['Mitgliedsnummer ÖAM 7723 114, PIN 4417', 'Mitgliedsnummer [REFERENCE], PIN [REFERENCE]'],
    ['The job sheet says JOB 77120/B.', 'The job sheet says JOB [REFERENCE].'],
    ['Je suis né le 17.10.1969 et mon permis date de 1988.', 'Je suis né le [DATE_OF_BIRTH] et mon permis date de 1988.'],
    ['Die Karte läuft bis 03/2027.', 'Die Karte läuft bis 03/2027.'],
    ['The order I placed under number 44711, room number 214, version number 2.4.1.', 'The order I placed under number [REFERENCE], room number 214, version number 2.4.1.'],
    ['Polish plates WX 12345 and GD 4R567; Swiss plate: VD 123456, BE 12345.', 'Polish plates [PLATE] and [PLATE]; Swiss plate: [PLATE], [PLATE].'],
    ['Nací en marzo de 1975.', 'Nací en [DATE_OF_BIRTH].'],
    ['Ort: 1100 Wien. Postnr. 2100 Kopenhagen. CEP 01310-100.', 'Ort: [POSTCODE] Wien. Postnr. [POSTCODE] Kopenhagen. CEP [POSTCODE].'],
    ['Sent to 80331 München instead of 8004 Zürich.', 'Sent to [POSTCODE] München instead of [POSTCODE] Zürich.'],
    ['Urodziłem się 14 lutego 1978 r. Zapłaciłem 219 zł. Moro na R. Augusta 120, Lisboa.', 'Urodziłem się [DATE_OF_BIRTH] r. Zapłaciłem 219 zł. Moro na [ADDRESS], Lisboa.'],
    ['Termin: 1030 Uhr, nach 12000 Kilometern.', 'Termin: 1030 Uhr, nach 12000 Kilometern.'],
    ['Réf. client 00441, Nr klienta: 88120, Reg: ab12 cde, Nr rej. KR 4R567', 'Réf. client [REFERENCE], Nr klienta: [REFERENCE], Reg: [PLATE], Nr rej. [PLATE]'],
    ['Geb.Datum 05.09.1958, Geburtsdat. 5.9.58, Birth: 12/03/1975, Data de nasc.: 12/03/1975, Fecha nac 12/03/1975', 'Geb.Datum [DATE_OF_BIRTH], Geburtsdat. [DATE_OF_BIRTH], Birth: [DATE_OF_BIRTH], Data de nasc.: [DATE_OF_BIRTH], Fecha nac [DATE_OF_BIRTH]'],
  ])('references after a word, a comma or in a list; no birth date for a thing: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['Please post it to 88 Queen St W, Suite 1200, Toronto.', 'Please post it to [ADDRESS], Toronto.'],
    ['My address is 3/2, 44 Hyndland Road, Glasgow.', 'My address is [ADDRESS], Glasgow.'],
    ['Er wohnt im Seniorenheim Haus Sonnenhang, Zimmer 12, Bergstraße 5. Stellplatz 117.', 'Er wohnt im Seniorenheim [ADDRESS]. Stellplatz 117.'],
    ['Rechnung an c/o Krüger & Partner, Hauptstr. 17', 'Rechnung an [ADDRESS]'],
    ['Nous habitons chez M. et Mme Dubois, 2 chemin du Moulin, Nyon.', 'Nous habitons [ADDRESS], Nyon.'],
    ['Envío a Av. Insurgentes Sur 1602, Piso 8, Col. Crédito Constructor, 03940 Ciudad de México.', 'Envío a [ADDRESS], [POSTCODE] Ciudad de México.'],
    ['Proszę na Skrytka pocztowa 118, Gdańsk.', 'Proszę na [ADDRESS], Gdańsk.'],
    ['Götgatan 44, lgh 1102, 118 26 Stockholm, Nørrebrogade 52, 3. tv., 2200 Kopenhagen', '[ADDRESS], [POSTCODE] Stockholm, [ADDRESS], [POSTCODE] Kopenhagen'],
    ['There is no number: Higher Coombe Farm, Dunsford, Exeter.', 'There is no number: [ADDRESS], Dunsford, Exeter.'],
    ['Mon adresse : Les Hauts de Vaugirard, bâtiment A2, 76 rue Lecourbe, Paris.', 'Mon adresse : [ADDRESS], Paris.'],
    ['Dirección fiscal: Polígono Industrial El Olivar, nave 14, Zaragoza.', 'Dirección fiscal: [ADDRESS], Zaragoza.'],
    ['Liefern an: Gewerbepark Süd, Halle 3, Industriestraße 7.', 'Liefern an: [ADDRESS].'],
    ['Adresse : Le Mas Bleu, 12 chemin des Vignes.', 'Adresse : [ADDRESS].'],
    ['Lieferadresse Hauptstraße 5a / Hinterhof, Eingang B.', 'Lieferadresse [ADDRESS].'],
    ['My address is 12/34 Rose Avenue, Melbourne; Unit 4/27 Beach Rd, Manly.', 'My address is [ADDRESS], Melbourne; [ADDRESS], Manly.'],
    ['Deliver to Apt #4B, 220 W 57th St; office Suite #300, 1 Market Street, SF.', 'Deliver to [ADDRESS]; office [ADDRESS], SF.'],
    ["J'habite 12 rue du 8 Mai 1945, Villeurbanne.", "J'habite [ADDRESS], Villeurbanne."],
    ['Apartment 4, Block B, Grand Canal Dock, Dublin.', '[ADDRESS], Dublin.'],
  ])('addresses with estates, farms, c/o and Nordic flats: %s', (input, expected) => expect(redact(input)).toBe(expected));

  it('keeps product models, amounts, counts and dates that are no birth', () => {
    expect(redact('Model WM-1400 and modèle XR-500, but order AB-4471.')).toBe('Model WM-1400 and modèle XR-500, but order [REFERENCE].');
    expect(redact('Es kostet 20000 Euro. Wir hatten 15000 Besucher.')).toBe('Es kostet 20000 Euro. Wir hatten 15000 Besucher.');
    expect(redact('Ordered on 3 May 2024 and delivered on 5 May 2024.')).toBe('Ordered on 3 May 2024 and delivered on 5 May 2024.');
  });
});

describe('issue 18, third names round: lanyards and name tags, families, brackets, more titles', () => {
  it.each([
    ['Your delivery man\'s lanyard said "D. Pearce".', 'Your delivery man\'s lanyard said "[NAME]".'],
    ['the waiter (name tag: Bruno) ignored us', 'the waiter (name tag: [NAME]) ignored us'],
    ['Die Verkäuferin – laut Schild „Jacqueline“ – sagte nein.', 'Die Verkäuferin – laut Schild „[NAME]“ – sagte nein.'],
    ['Er hat es bei Familie Krause abgegeben.', 'Er hat es bei Familie [NAME] abgegeben.'],
    ['bij de buren (familie Visser) afgegeven', 'bij de buren (familie [NAME]) afgegeven'],
    ['Danke an die Arzthelferin Svenja!', 'Danke an die Arzthelferin [NAME]!'],
    ['Merci à tous.\nFamille Roussel', 'Merci à tous.\n[NAME]'],
    ['Who manages them (Gemma? Gemma Prescott?)', 'Who manages them ([NAME]? [NAME]?)'],
    ['the first lady (Pam? Pamela?) was lovely', 'the first lady ([NAME]? [NAME]?) was lovely'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    ['Driver: Lewis. Supervisor: Marguerite Blaine.', 'Driver: [NAME]. Supervisor: [NAME].'],
    ['Names as requested: 1) Carl Jenkins, 2) Bettina, 3) the guard.', 'Names as requested: 1) [NAME], 2) [NAME], 3) the guard.'],
    ['Re: last week. Stacey – thanks. Brandon – not so much.', 'Re: last week. [NAME] – thanks. [NAME] – not so much.'],
    ['Reception was not: "Kev" told me to come back.', 'Reception was not: "[NAME]" told me to come back.'],
    ['Am Samstag waren Sepp, Resi und ich im Laden.', 'Am Samstag waren [NAME], [NAME] und ich im Laden.'],
    ['Buenas tardes, Pilar: el fontanero vino ayer.', 'Buenas tardes, [NAME]: el fontanero vino ayer.'],
    ['Hope (the receptionist) said to email. Priya (team leader) agreed.', '[NAME] (the receptionist) said to email. [NAME] (team leader) agreed.'],
    ["Olivia's husband picked it up; Trevor's attitude was poor.", "[NAME]'s husband picked it up; Trevor's attitude was poor."],
    ['Kees Hoek van de planning belt morgen.', '[NAME] van de planning belt morgen.'],
    ['Victoria station was busy, but Victoria at the desk was calm.', 'Victoria station was busy, but [NAME] at the desk was calm.'],
    ['Ihr Monteur Benedikt (Spitzname „Benni“) war super.', 'Ihr Monteur [NAME] (Spitzname „[NAME]“) war super.'],
    ['Bitte rufen Sie an.\nMarianne Vogt, Mieterin 3. OG', 'Bitte rufen Sie an.\n[NAME], Mieterin 3. OG'],
    ["Il a dit que Jean-Pierre s'en occuperait.", "Il a dit que [NAME] s'en occuperait."],
    ['Rob refunded us. Jack helped too. Herr Fuchs hat aufgelegt.', '[NAME] refunded us. [NAME] helped too. Herr [NAME] hat aufgelegt.'],
    ['Summer was great this year. Die Dame an der Kasse (Frau Hübner) war nett.', 'Summer was great this year. Die Dame an der Kasse (Frau [NAME]) war nett.'],
    ['Meine Tochter Lea-Marie und mein Sohn Ben waren dabei.', 'Meine Tochter [NAME] und mein Sohn [NAME] waren dabei.'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it("takes the contact's initials, a pet form's initial, a shortened particle and a hyphenated surname spaced", () => {
    expect(redact('Merci, F. L.', ['Fleur Lambert'])).toBe('Merci, [NAME].');
    expect(redact('Saludos,\nL. Navarro', ['Dolores Navarro'])).toBe('Saludos,\n[NAME]');
    expect(redact('Mit freundlichen Grüßen\nAnnelie v. Stern', ['Annelie von Stern'])).toBe('Mit freundlichen Grüßen\n[NAME]');
    expect(redact('Thanks,\nMohammed Al Farsi', ['Mohammed Al-Farsi'])).toBe('Thanks,\n[NAME]');
    expect(redact('Herzlich\nTina (Christina Neumann-Weber, Einkauf)', ['Christina Neumann-Weber'])).toBe('Herzlich\n[NAME] ([NAME], Einkauf)');
    expect(redact('Groetjes, Roosje', ['Roos van Dijk'])).toBe('Groetjes, [NAME]');
    expect(redact('Un saluto, Sere', ['Serena Rossi'])).toBe('Un saluto, [NAME]');
    expect(redact('Estimada Sra. Martínez: Querida Carmen: gracias.')).toBe('Estimada Sra. [NAME]: Querida [NAME]: gracias.');
    expect(redact('Cumprimentos,\nAna Luísa\nALP', ['Ana Luísa Pereira'])).toBe('Cumprimentos,\n[NAME]\n[NAME]');
    expect(redact('Merci.\nJPL', ['Jean-Pierre Lemaire'])).toBe('Merci.\n[NAME]');
    // (not the initial inside another's double initial)
    expect(redact('Cordialement,\nJ.-P. Lemaire', ['Jean-Pierre Lemaire'])).toBe('Cordialement,\n[NAME]');
  });

  it('takes two-letter nicknames after a relation or a cue, not the words they are', () => {
    expect(redact('My sister Em called, and my uncle Al. Ask Jo or Mo about it.')).toBe('My sister [NAME] called, and my uncle [NAME]. Ask [NAME] or [NAME] about it.');
    expect(redact('Em março o meu pedido chegou partido. Fui ao balcão.')).toBe('Em março o meu pedido chegou partido. Fui ao balcão.');
    expect(redact('Vamos al cine. El Mo es un modelo.')).toBe('Vamos al cine. El Mo es un modelo.');
  });

  it('keeps bracketed words that are no given names', () => {
    const text = 'Size (Large), colour (Navy / Grey), shipped to (Paris)? (Marks & Spencer)';
    expect(redact(text)).toBe(text);
  });
});

describe('runs of blanks', () => {
  it('redacts 4 KB of spaces or tabs without rescanning the run from every position', () => {
    for (const blank of [' ', '\t']) {
      const t0 = performance.now();
      redact(`.${blank.repeat(4096)}Familie`);
      // (about 0.5 s on a loaded 2-core machine; the unbounded look-behinds took 55 s on 2 KB)
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  });
});

describe('issue 18, codes round: a reference far after its cue, codes with a star, runs of blanks short of a piece break', () => {
  it('takes a code several words after its cue when a verb names it', () => {
    expect(redact('The policy it falls under is PH 4471 0092, please check.')).toBe('The policy it falls under is [REFERENCE], please check.');
    expect(redact('The order I placed last week was 88120-B and it never came.')).toBe('The order I placed last week was [REFERENCE] and it never came.');
    expect(redact('Incident number from the police: CAD 3317/01DEC. Reference on the bank statement: CLSP*77120-GB.')).toBe('Incident number from the police: [REFERENCE]. Reference on the bank statement: [REFERENCE].');
    expect(redact('The order from last week: 3 items. The invoice for March: 2026-03.')).toBe('The order from last week: 3 items. The invoice for March: 2026-03.');
    // (not a count, an amount or a year)
    for (const text of ['the order I placed is 3 days late', 'the order total was 45.90 and the invoice amount was 12500', 'the ticket I bought was 2024 edition']) expect(redact(text)).toBe(text);
  });

  it('takes a code with stars after its cue', () => {
    expect(redact('Reference A1*B2*C3 was rejected.')).toBe('Reference [REFERENCE] was rejected.');
    expect(redact('Order 4471*2291 never arrived.')).toBe('Order [REFERENCE] never arrived.');
  });

  it("takes a Polish, Swedish or Austrian plate after the car's make, never its model code or year", () => {
    expect(redact('My Skoda Octavia WX 12345 was towed from the car park.')).toBe('My Skoda Octavia [PLATE] was towed from the car park.');
    expect(redact('Our Volvo ABC 12D was clamped in Stockholm.')).toBe('Our Volvo [PLATE] was clamped in Stockholm.');
    expect(redact('Unser Golf W-12345A steht seit Montag in der Werkstatt.')).toBe('Unser Golf [PLATE] steht seit Montag in der Werkstatt.');
    for (const text of ['I drive a Golf GTI 2019 and a Volvo XC60 and my BMW X5 M50d is fine.', 'Our Audi A4 TDI 150 and the Mini Cooper S 2018.']) expect(redact(text)).toBe(text);
  });

  it('takes a second plate in brackets after "mine" in the sentence of a first', () => {
    expect(redact('Samochód o numerze rejestracyjnym WA 44172 uderzył w mój (KR 7G221).')).toBe('Samochód o numerze rejestracyjnym [PLATE] uderzył w mój ([PLATE]).');
    expect(redact('My plate is AB12 CDE and I ordered the part (XR 5000) yesterday.')).toBe('My plate is [PLATE] and I ordered the part (XR 5000) yesterday.');
  });

  it('takes Irish townlands before their county, not a town alone or after an address', () => {
    expect(redact('Her address is Ballyglass, Cloonfad, Co. Roscommon.')).toBe('Her address is [ADDRESS], Co. Roscommon.');
    expect(redact('I live at Knockbrack, Ballinagh, County Cavan.')).toBe('I live at [ADDRESS], County Cavan.');
    const town = 'We stayed in Westport, Co. Mayo last summer.';
    expect(redact(town)).toBe(town);
    expect(redact("I'm now at Apartment 21, Block C, Marina Village, Malahide, Co. Dublin.")).toBe("I'm now at [ADDRESS], Malahide, Co. Dublin.");
  });

  it('takes Norwegian and Finnish streets with their number, not a gate at an airport', () => {
    expect(redact('the warehouse at Karl Johans gate 14, 0154 Oslo, the shop at Mannerheimintie 12 B 7, 00100 Helsinki.')).toBe('the warehouse at [ADDRESS], [POSTCODE] Oslo, the shop at [ADDRESS], [POSTCODE] Helsinki.');
    expect(redact('the Czech one at Vodičkova 30, 110 00 Praha 1.')).toBe('the Czech one at [ADDRESS], [POSTCODE] Praha 1.');
    const gate = 'Please go to Departure Gate 14, then Terminal 2.';
    expect(redact(gate)).toBe(gate);
  });

  it('keeps runs of 31 blanks after a cue cheap', () => {
    const t0 = performance.now();
    redact(`${'in NY nach, '.concat(' '.repeat(31), '\t').repeat(2000)}10001`);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
