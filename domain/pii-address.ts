// The parts of a postal address the street patterns of domain/pii.ts leave behind, in the six
// languages: post boxes ("PO Box 12", "Postfach 10 12 34", "BP 4021", "Apartado de Correos 215",
// "Casella Postale 88", "Postbus 2105"), flats, floors, staircases and buildings written after or
// before a street ("…, Hinterhaus, 3. OG", "bâtiment B, appartement 14", "scala C, interno 7",
// "Flat 6, Harcourt House, …"), suffixes of the house number ("14 bis", "263-1", "12-III", "3 hs") and
// the words that begin a street's name before its type ("Alte Landstraße", "Burgemeester de
// Monchyplein", "Dr. Lelylaan"). Every pattern is anchored on a keyword or on an address already
// found, and bounded: linear in the text.
import { MASK, groupSpan, type PiiSpan, type Scan } from './pii-scan';

// Either case of the first letter: "rue", "Rue"
// (each word of a phrase: "Apartado de Correos", "Casella postale")
const anyCase = (words: string) =>
  words
    .split('|')
    .map((phrase) =>
      phrase
        .split(' ')
        .map((w) => (/^\p{L}/u.test(w) ? `[${w[0].toUpperCase()}${w[0].toLowerCase()}]` : w[0]) + w.slice(1).replace(/[./]/g, (c) => `\\${c}`))
        .join('[ \\t]+'),
    )
    .join('|');

const END = '(?![\\p{L}\\p{N}])';
// "PO Box 4471", "P.O. Box 918", "Postfach 10 12 34", "BP 4021", "B.P. 55", "Boîte postale 55",
// "Apartado de Correos 1082", "Apdo. 215", "Casella Postale 412", "Postbus 2105", "Packstation 118", "Antwoordnummer 1204"
const POST_BOX = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:P\\.?[ ]?O\\.?[ ]?Box|Post[ ]Office[ ]Box|B\\.?P\\.?|${anyCase('postfach|postbus|postbox|boîte postale|boite postale|apartado de correos|apartado postal|apartado|apdo.|casella postale|cas. post.|c. postale|packstation|antwoordnummer|skrytka pocztowa|skr. poczt.|caixa postal')})[ \\t]*(?:n[°º.o]?[ \\t]*)?\\d{1,6}(?:[ ]\\d{2,4}){0,3}${END}`,
  'gu',
);

// A flat, floor, staircase or wing: "Wohnung 5", "2. OG links", "3e étage", "scala C", "interno 7",
// "int. 4", "puerta 5", "bajo B", "2º 1ª", "Seitenflügel"
const SIDE = `(?:[ \\t]+(?:${anyCase('links|rechts|li.|re.|mitte|gauche|droite|izq.|izquierda|izda.|dcha.|derecha|sx|dx')}))?`;
const DESIGNATOR = `(?:n[°º.o]?[ \\t]*|#[ ]?)?(?:\\d{1,4}[A-Za-z]?|[A-Z]\\d{0,3}|[IVX]{1,4})${END}`;
const UNIT_WORDS = anyCase(
  'wohnung|whg.|apartment|apt.|apt|appartement|appt.|appt|app.|apartamento|apto.|flat|unit|suite|escalier|esc.|bâtiment|bât.|bât|bat.|porte|scala|sc.|interno|int.|escalera|puerta|pta.|piso|portal|bloque|planta|blok|bloc|block|stiege|tür|top|edificio|palazzina|torre|toren|huisnummer|etage|étage|piano|verdieping|floor|stock|bus|bte.|boîte|lok.|lokal|mieszkanie|klatka|andar|zimmer|room|parcela|parcelle|lotto|kavel|haus|aufgang|eingang|treppe|apto|pal.|palazzina|is.|isolato|site|depto.|depto|dpto.|dpto|departamento|lot|lgh|lgh.|nave|halle|hal|local|oficina|despacho|kantoor|büro',
);
const FLOOR_WORDS = 'OG|EG|DG|' + anyCase('obergeschoss|stock|etage|étage|piano|planta|verdieping|floor|hoog|piso|sal');
const UNIT = [
  `(?:${UNIT_WORDS})[ \\t]*${DESIGNATOR}`,
  `\\d{1,2}(?:\\.|e|er|ère|ème|st|nd|rd|th|º|°|ª|o|a)?[ \\t]*(?:${FLOOR_WORDS})${END}${SIDE}`,
  `(?:Top|Ground|First|Second|Third|Upper|Lower|Basement|Garden)[ \\t]+(?:[Ff]loor(?:[ \\t]+[Ff]lat)?|[Ff]lat)${END}`,
  `(?:EG|DG|UG|OG|HP)${END}${SIDE}`,
  // a kilometre point on a road: "Strada Provinciale 12, km 3"
  `[Kk]m\\.?[ \\t]*\\d{1,3}(?:[.,]\\d{1,3})?${END}`,
  // a door by its side: "porte gauche", "puerta derecha", "Tür links"
  `(?:${anyCase('porte|puerta|porta|tür|deur|esc.|escalera')})(?:[ \\t]+de)?[ \\t]+(?:${anyCase('gauche|droite|face|fond|izquierda|derecha|izda.|izq.|dcha.|centro|sinistra|destra|links|rechts|mitte|midden')})(?![\\p{L}\\p{N}])`,
  `(?:${anyCase('hinterhof|hinterhaus|vorderhaus|seitenflügel|gartenhaus|quergebäude|hochparterre|erdgeschoss|dachgeschoss|souterrain|rez-de-chaussée|bajo|entresuelo|ático|sottotetto|parterre|begane grond|souterrain')})${END}${SIDE}`,
  `(?:\\d{1,2}\\.|st\\.)[ \\t]*(?:tv|th|mf)\\.?(?![\\p{L}\\p{N}])`,
  `\\d{1,2}\\.?[ ]?[º°ª](?:[ \\t]*(?:\\d{1,2}[ ]?[ºª]|[A-Z]${END}))?${SIDE}`,
].join('|');
// A building named before or after the street: "Harcourt House", "Résidence du Parc", "Kingsway Trading Estate"
const BUILDING_TYPES = 'Care Home|Nursing Home|Home|Hostel|House|Court|Building|Buildings|Mansions|Lodge|Tower|Towers|Apartments|Cottage|Cottages|Farm|Hall|Manor|Centre|Center|Estate|Trading Estate|Industrial Estate|Business Park|Retail Park|Wharf|Chambers|Works|Mill|Barn|Villa|Residence';
const BUILDING = [
  `(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){1,3}(?:${BUILDING_TYPES})${END}`,
  `The[ \\t]+(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]*){1,3}(?=[ \\t]*,)`,
  `Z\\.?(?:A\\.?C?|I)\\.?[ \\t]+(?:(?:des|du|de la|de)[ \\t]+)?(?:[\\p{Lu}][\\p{L}'’-]*[ \\t]*){1,3}`,
  `[\\p{Lu}][\\p{L}]*(?:residenz|heim|stift|wohnanlage)[ \\t]+[\\p{Lu}][\\p{L}'’-]*`,
  `(?:${anyCase('résidence|rés.|résid.|residence|residencia|residenza|immeuble|bâtiment|lotissement|domaine|hameau|ferme|mas|manoir|urbanización|urb.|finca|cortijo|masía|edificio|palazzo|complesso|condominio|parco|cascina|masseria|podere|flatgebouw|wooncomplex|villa|zone artisanale|zone industrielle|polígono industrial|polígono|boerderij|hoeve|landgoed|gut|hof|haus|colonia|col.|fraccionamiento|conjunto|quinta|gewerbepark|industriepark|gewerbehof|technologiepark|bedrijvenpark')})[ \\t]+(?:(?:du|de la|des|de|del|della|dei|le|la|les|el|il|lo|het|de)[ \\t]+)?(?:[\\p{Lu}][\\p{L}'’-]*[ \\t]*){1,3}`,
].join('|');
// Standalone, without an address next to it: the unmistakable flat words with a number or letter
const STRONG_UNIT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${anyCase('wohnung|whg.|appartement|appt.|apartamento|apto.|interno|int.|bâtiment|bât.|escalier|escalera|scala|stiege|parcela')})[ \\t]*${DESIGNATOR}`,
  'gu',
);
// after a flat or building, the street may come without its number: "Apartment 12, Block C, Grand Canal Quay"
const NUMBERLESS_STREET = `(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){1,3}(?:Street|Road|Avenue|Lane|Drive|Close|Court|Crescent|Terrace|Gardens|Grove|Mews|Row|Walk|Way|Quay|Wharf|Square|Place|Parade|Hill|Village|Park|Rise|View|Heights|Green|Dock|Docks|Yard|Gate|Circus|Esplanade|Promenade|Embankment|Boulevard)${END}`;
const CARE_OF_AFTER = `[ \\t]*,[ \\t]*(?:${anyCase('chez|presso|bij|c/o|bei|aos cuidados de')})[ \\t]+(?:(?:M\\.|Mme|Mr\\.?|Mrs\\.?|Ms\\.?|Herrn?|Frau|Sig\\.(?:ra)?|Dhr\\.|Mevr\\.|Sr\\.|Sra\\.)[ \\t]+)?[\\p{Lu}][\\p{L}'’-]*(?:[ \\t]+[\\p{Lu}][\\p{L}'’-]*){0,2}`;
// (and the household it goes through, after a comma: "Lindenallee 7, 2. OG links, bei Schmitt")
const UNIT_AFTER = new RegExp(`[ \\t]*[,/]?[ \\t]*(?:${UNIT}|${BUILDING}|${NUMBERLESS_STREET})|[ \\t]*\\((?:${UNIT})\\)|${CARE_OF_AFTER}`, 'uy');
const CARE_OF_BEFORE = `(?<![\\p{L}])(?:${anyCase('chez|presso|bij|t.a.v.|a/c|c/o|aos cuidados de|a la atención de|z. hd.|z.hd.|bei')})[ \\t]+(?:(?:M\\.|Mme|Mlle|Mr\\.?|Mrs\\.?|Ms\\.?|Herrn?|Frau|Sig\\.(?:ra)?|Dhr\\.|Mevr\\.|Sr\\.|Sra\\.)[ \\t]+(?:(?:et|and|und|y|e|en|&)[ \\t]+(?:M\\.|Mme|Mlle|Mr\\.?|Mrs\\.?|Ms\\.?|Herrn?|Frau|Sig\\.(?:ra)?|Dhr\\.|Mevr\\.|Sr\\.|Sra\\.)[ \\t]+)?)?(?:(?:&[ \\t]+)?[\\p{Lu}][\\p{L}'’.-]*[ \\t]*){1,3}`;
const UNIT_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${UNIT}|${BUILDING}|${CARE_OF_BEFORE}|[0-9]\\/[0-9](?=,))[ \\t]*(?:,|\\r?\\n)[ \\t]*$`, 'u');
// "14 bis", "263-1", "12-III", "3 hs", "112 B", "190 b" after a house number (not a one-letter word: "5 a", "5 e", "5 y")
const NUMBER_SUFFIX = /(?:[-/ ]\d{1,2}(?:e|de|ste)?[ -]hoog(?:[ ](?:achter|voor))?|[ -]?(?:bis|ter|quater|hs|huis|boven|beneden|zw|rd)|[ ][A-Z]\d{0,3}|[ ][b-dfgh](?![\p{L}\p{N}'’])|[-/](?:\d{1,3}[A-Za-z]?|[IVX]{1,4}|[A-Za-z]{1,2})|[ ](?:I{1,3}|IV|V))(?![\p{L}\p{N}])/uy;
// Words that begin a street's name before the word the street patterns found: "Alte Landstraße",
// "Burgemeester de Monchyplein", "Dr. Lelylaan", "Van Speijkstraat", "Sint Jansstraat"
const TITLES = 'Burgemeester|Burg\\.|Dokter|Dr\\.|Doctor|Professor|Prof\\.|Sint|St\\.|Sankt|Koningin|Koning|Prins|Prinses|Graaf|Generaal|Gen\\.|Kapitein|Pastoor|Kardinal|Bischof|Kaiser|König|Königin|Herzog|Fürst|Graf|Bürgermeister|Pfarrer|Jan|Johan|Willem|Hendrik';
const ADJECTIVES = 'Le|La|Les|El|Il|Lo|Het|Alte|Alter|Altes|Neue|Neuer|Neues|Lange|Langer|Hohe|Hoher|Große|Grosse|Großer|Kleine|Kleiner|Obere|Oberer|Untere|Unterer|Hintere|Vordere|Breite|Krumme|Stille|Oude|Nieuwe|Korte|Hoge|Lage|Grote|Brede|Smalle|Van|Von|De|Den|Der|Ter|Ten|Old|New|Upper|Lower|Great|Little';
const STREET_START = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${TITLES})[ \\t]+(?:(?:van|de|der|den|von|ter|ten|la|le|'t)[ \\t]+){0,2}|(?:${ADJECTIVES})[ \\t]+)$`, 'u');

// A street without its number after "I live on / ich wohne in der / j'habite / vivo en / abito in / ik woon aan":
// "I live on Mill Lane", "wir wohnen in der Gartenstraße", "j'habite rue des Lilas", "vivo en la calle Mayor"
const LIVE = [
  // number first, whatever the street is called: "I live at 3 The Paddocks", "we moved to 12 Rookery Nook"
  `(?:[Ll]ive|[Ll]ives|[Ll]iving|[Ll]ived|[Mm]oved|[Ss]taying)[ \\t]+(?:at|to)[ \\t]+\\d{1,4}[a-zA-Z]?,?[ \\t]+(?:The[ \\t]+)?[\\p{Lu}][\\p{L}'’-]+(?:[ \\t]+[\\p{Lu}][\\p{L}'’-]+){0,2}`,
  `(?:[Ll]ive|[Ll]ives|[Ll]iving|[Ll]ived|[Mm]oved|[Ss]tay|[Ss]taying)[ \\t]+(?:on|at|in|to)[ \\t]+(?:the[ \\t]+)?(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){1,3}(?:Street|Road|Lane|Avenue|Close|Drive|Crescent|Way|Terrace|Grove|Gardens|Place|Court|Square|Row|Mews|Hill|Rise|Walk|Green)`,
  `(?:[Ww]ohne|[Ww]ohnen|[Ww]ohnt|[Ww]ohnte|[Ww]ohnten|[Ll]eben|[Ll]ebe|[Ll]ebt)[ \\t]+(?:in[ \\t]+der|in[ \\t]+dem|im|am|an[ \\t]+der|auf[ \\t]+der)[ \\t]+(?:[\\p{Lu}][\\p{L}-]*[ \\t]+)?[\\p{Lu}][\\p{L}-]*(?:straße|strasse|weg|gasse|platz|allee|ring|damm|Straße|Strasse|Weg|Gasse|Platz|Allee)`,
  `(?:[Hh]abite|[Hh]abitons|[Hh]abitent|[Hh]abitez|[Dd]emeure|[Rr]éside|[Rr]ésidons)[ \\t]+(?:au[ \\t]+|à[ \\t]+|dans[ \\t]+la[ \\t]+|sur[ \\t]+le[ \\t]+)?(?:rue|avenue|boulevard|allée|impasse|chemin|place|quai|route)[ \\t]+(?:(?:de[ \\t]+la|de[ \\t]+l'|des|du|de|d')[ \\t]*)?[\\p{Lu}][\\p{L}'’-]+(?:[ \\t]+[\\p{Lu}][\\p{L}'’-]+){0,2}`,
  `(?:[Vv]ivo|[Vv]ivimos|[Vv]ive|[Vv]iven|[Rr]esido)[ \\t]+en[ \\t]+(?:la[ \\t]+|el[ \\t]+)?(?:calle|c\\/|avenida|avda\\.|plaza|paseo|camino|ronda)[ \\t]+(?:(?:de[ \\t]+la|de[ \\t]+los|del|de)[ \\t]+)?[\\p{Lu}][\\p{L}'’-]+(?:[ \\t]+[\\p{Lu}][\\p{L}'’-]+){0,2}`,
  `(?:[Aa]bito|[Aa]bitiamo|[Aa]bita|[Aa]bitano|[Vv]ivo|[Vv]iviamo|[Rr]isiedo)[ \\t]+in[ \\t]+(?:via|viale|piazza|corso|vicolo|largo)[ \\t]+(?:(?:della|delle|dei|degli|del|di)[ \\t]+)?[\\p{Lu}][\\p{L}'’-]+(?:[ \\t]+[\\p{Lu}][\\p{L}'’-]+){0,2}`,
  `(?:[Ww]oon|[Ww]onen|[Ww]oont|[Ww]oonde|[Ww]oonden)[ \\t]+(?:aan|op|in)[ \\t]+(?:de[ \\t]+|het[ \\t]+)?(?:[\\p{Lu}][\\p{L}-]*[ \\t]+)?[\\p{Lu}][\\p{L}-]*(?:straat|laan|weg|gracht|plein|kade|singel|dijk|Straat|Laan|Weg|Gracht|Plein|Kade|Singel|Dijk)`,
];
// After a word that announces an address, the words before a house number are its street, whatever
// they are: "Afleveradres: Lange Voorhout 9 bis", "Anschrift: Am Anger 5", "address is 14 Larkspur Rise"
const ADDRESS_CUES = anyCase(
  'address|home address|delivery address|billing address|shipping address|postal address|adres|afleveradres|bezorgadres|woonadres|factuuradres|postadres|anschrift|adresse|lieferadresse|rechnungsadresse|postanschrift|wohnadresse|adresse de livraison|adresse de facturation|adresse postale|dirección|direccion|dirección de entrega|dirección de envío|domicilio|indirizzo|indirizzo di consegna|indirizzo di spedizione|recapito',
);
const CUE_STREET_WORD = "(?:\\p{Lu}[\\p{L}'’.-]*|(?:de|der|den|van|von|la|le|du|des|del|della|di|het|'t|am|an|im|auf|of|the|de la)(?![\\p{L}]))";
// A house, building or estate named right after the cue and before the address found: "Mon adresse : Les Hauts de
// Vaugirard, bâtiment A2, 76 rue Lecourbe", "Address: Rosewood, 12 Mill Lane"
const CUED_NAME_BEFORE = new RegExp(
  `(?<=(?<![\\p{L}])(?:${ADDRESS_CUES})(?![\\p{L}])[ \\t]{0,4}(?:(?:is|ist|est|es|è|lautet)[ \\t]{1,4})?:?[ \\t]{0,4})(?:\\p{Lu}[\\p{L}'’-]*[ \\t]+(?:(?:de|du|des|la|le|les|van|von|di|del|della|of|the)[ \\t]+)?){0,3}\\p{Lu}[\\p{L}'’-]*[ \\t]*,[ \\t]*$`,
  'u',
);
const ADDRESS_AFTER_CUE = new RegExp(
  `(?<![\\p{L}])(?:${ADDRESS_CUES})(?![\\p{L}])[ \\t]*(?:(?:is|ist|est|es|è|lautet|was|war|era|était)(?![\\p{L}])[ \\t]*)?:?[ \\t]*(\\p{Lu}[\\p{L}'’.-]*(?:[ \\t]+${CUE_STREET_WORD}){0,3}[ \\t]+\\d{1,5}[a-zA-Z]?|\\d{1,5}[a-zA-Z]?,?[ \\t]+\\p{Lu}[\\p{L}'’.-]*(?:[ \\t]+${CUE_STREET_WORD}){0,3})(?![\\p{L}\\p{N}])`,
  'dgu',
);
// A rural address named by its place, with or without a number: "Lieu-dit Les Granges", "Località Poggio
// Rosso 8", "Frazione San Carlo", "Buurtschap De Haar"
const RURAL_PLACE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${anyCase('lieu-dit|lieudit|località|loc.|frazione|fraz.|contrada|c.da|borgata|buurtschap|paraje|diseminado|partida|ortsteil|urbanización|polígono industrial|polígono|zone industrielle|zone artisanale|zona industriale|industriegebiet|gewerbegebiet|bedrijventerrein|industrieterrein')}|OT)[ \\t]+(?:(?:du|de la|des|de|del|della|dei|le|la|les|el|il|het)[ \\t]+)?(?:[\\p{Lu}][\\p{L}'’-]*[ \\t]*){1,3}(?:\\d{1,4}[a-zA-Z]?${END})?`,
  'gu',
);
// A house named by its kind before its street or hamlet: "Rose Cottage, Lower Bishopstone,", "Ivy Farm, Bishopstone Lane"
const HOUSE_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])The[ \\t]+(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){0,2}[\\p{Lu}][\\p{L}'’-]+[ \\t]*,[ \\t]*${NUMBERLESS_STREET}|(?<![\\p{L}\\p{N}])(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){1,2}(?:Cottage|Farm|Farmhouse|Lodge|Barn|Manor|Grange|Rectory|Vicarage|Bungalow|Croft)[ \\t]*,[ \\t]*(?:${NUMBERLESS_STREET}|[\\p{Lu}][\\p{L}'’-]+[ \\t]+[\\p{Lu}][\\p{L}'’-]+(?=[ \\t]*,))|(?<![\\p{L}\\p{N}])(?:[\\p{Lu}][\\p{L}'’-]+[ \\t]+){1,3}(?:Cottage|Farm|Farmhouse|Lodge|Barn|Manor|Grange|Rectory|Vicarage|Bungalow|Croft)(?=[ \\t]*,[ \\t]*[\\p{Lu}][\\p{L}'’-]+[ \\t]*,)`,
  'gu',
);
// An Irish rural address: townlands and a village before the county, each its own part ("Ballyglass, Cloonfad,
// Co. Roscommon"; two parts at least, a town alone before its county is a place, and the first part starts the
// phrase: "Apartment 21, Block C, Marina Village, Malahide, Co. Dublin" keeps its town)
const IRISH_COUNTIES = 'Carlow|Cavan|Clare|Cork|Donegal|Dublin|Galway|Kerry|Kildare|Kilkenny|Laois|Leitrim|Limerick|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|Tipperary|Waterford|Westmeath|Wexford|Wicklow|Antrim|Armagh|Down|Fermanagh|Londonderry|Derry|Tyrone';
const TOWNLAND_PART = "\\p{Lu}[\\p{L}'’-]+(?:[ ]\\p{Lu}[\\p{L}'’-]+){0,2}";
const TOWNLANDS = new RegExp(
  `(?<![\\p{L}\\p{N}]|[,\\uE000][ \\t]{0,4}|\\p{Lu}[\\p{L}'’-]{0,20}[ ])(?!(?:Thanks|Thank|Hi|Hello|Dear|Regards|Cheers|Best|Kind|Sincerely|Yours|Many|Love|Yes|No|Ok|OK|Please|Sorry)(?![\\p{L}]))${TOWNLAND_PART}(?:[ \\t]*,[ \\t]*${TOWNLAND_PART}){1,2}(?=[ \\t]*,?[ \\t]*(?:Co\\.?|County)[ \\t]+(?:${IRISH_COUNTIES})(?![\\p{L}]))`,
  'gu',
);
// Norwegian and Finnish streets with their number: "Karl Johans gate 14", "Thorvald Meyers gate 3B", "Mannerheimintie 12 B 7",
// "Aleksanterinkatu 52"; a Czech one before its postcode, "Vodičkova 30, 110 00 Praha" (the Norwegian "gate" only after a name in the genitive: "Departure Gate 14" is not a street)
const NORDIC_STREET = /(?<![\p{L}\p{N}])(?:(?:\p{Lu}\p{L}+[ ]){0,2}\p{Lu}\p{L}*s[ ](?:gate|gata|vei|veg|plass|allé)|\p{Lu}\p{L}{2,}(?:tie|katu|kuja|polku|väylä|raitti|vägen|gatan))[ ]\d{1,4}[A-Za-z]?(?:[ ][A-Z](?:[ ]\d{1,3})?)?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\p{Lu}\p{L}+(?:ova|ská|ského|ní|ovo)[ ]\d{1,4}(?:\/\d{1,4})?(?=,?[ ]\d{3}[ ]\d{2}[ ]\p{Lu})/gu;
// "c/o Krüger, Lindenweg 3": the household an address goes through is part of it
const CARE_OF = /(?<![\p{L}\p{N}])[cC]\/[oO][ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:&[ \t]+)?\p{Lu}[\p{L}'’.-]*){0,2}/gu;
const STREET_AFTER_LIVE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${LIVE.join('|')})(?![\\p{L}])`, 'gu');
const STREET_PART = /(?:(?:the|in der|in dem|im|am|an der|auf der|au|à|dans la|sur le|la|el|de|het|on|at|in|to|en|aan|op)[ \t]+)?((?:rue|avenue|boulevard|allée|impasse|chemin|place|quai|route|calle|c\/|avenida|avda\.|plaza|paseo|camino|ronda|via|viale|piazza|corso|vicolo|largo|\p{Lu}|\d)[\s\S]*)$/u;

/** Post boxes and flats named on their own. */
export function findPostBoxes(scan: Scan): void {
  scan.pass(POST_BOX, 'address');
  scan.pass(STRONG_UNIT, 'address');
  scan.pass(CARE_OF, 'address');
  scan.pass(RURAL_PLACE, 'address');
  scan.pass(TOWNLANDS, 'address');
  scan.pass(NORDIC_STREET, 'address');
  scan.pass(HOUSE_NAME, (m) => (m[0].trimEnd().length === m[0].length ? 'address' : [{ start: m.index, end: m.index + m[0].trimEnd().length, kind: 'address' }]));
  scan.pass(ADDRESS_AFTER_CUE, (m) => groupSpan(m, 1, 'address'));
  scan.pass(STREET_AFTER_LIVE, (m) => {
    // the street, not the verb: from its type word or its first capital on
    const verb = /^\S+[ \t]+/.exec(m[0])![0].length;
    const part = STREET_PART.exec(m[0].slice(verb));
    return part ? [{ start: m.index + m[0].length - part[1].length, end: m.index + m[0].length, kind: 'address' }] : null;
  });
}

/** Grows every address found so far over its number's suffix, its flat, floor or building, and the words that begin its name. */
export function extendAddresses(scan: Scan): void {
  // Each round grows every address by one part, on the text as the round found it, then masks
  // what they gained in one pass (linear however many addresses there are).
  for (let round = 0; round < 4; round++) {
    const text = scan.masked;
    const grown: Array<[number, number]> = [];
    let lastEnd = 0;
    for (const s of scan.spans.filter((x) => x.kind === 'address').sort((x, y) => x.start - y.start)) {
      let { start, end } = s;
      // the number's suffix: "14 bis", "263-1"
      if (/\d[A-Za-z]?$/.test(scan.text.slice(start, end))) {
        NUMBER_SUFFIX.lastIndex = end;
        const m = NUMBER_SUFFIX.exec(text);
        if (m) end += m[0].length;
      }
      UNIT_AFTER.lastIndex = end;
      const after = UNIT_AFTER.exec(text);
      if (after && !after[0].includes(MASK)) end += after[0].trimEnd().length;
      const before = text.slice(Math.max(0, start - 60), start);
      const unit = UNIT_BEFORE.exec(before) ?? (/^\p{Lu}/u.test(scan.text.slice(start, start + 1)) ? STREET_START.exec(before) : null) ?? CUED_NAME_BEFORE.exec(before);
      if (unit && !unit[0].includes(MASK)) start = Math.max(start - unit[0].length, lastEnd);
      if (start < s.start) grown.push([start, s.start]);
      if (end > s.end) grown.push([s.end, end]);
      s.start = start;
      s.end = end;
      lastEnd = end;
    }
    if (!grown.length) break;
    scan.maskRanges(grown);
  }
  // a flat or a street found on its own right next to another part: "Calle Mayor 14, escalera 2, puerta 5" is one address
  const parts = scan.spans.filter((s) => s.kind === 'address').sort((a, b) => a.start - b.start);
  const joined = new Set<PiiSpan>();
  const gaps: Array<[number, number]> = [];
  for (let i = 1, head = parts[0]; i < parts.length; i++) {
    if (/^[ \t]*,?[ \t]*$/.test(scan.text.slice(head.end, parts[i].start))) {
      gaps.push([head.end, parts[i].start]);
      head.end = parts[i].end;
      joined.add(parts[i]);
    } else head = parts[i];
  }
  if (!joined.size) return;
  scan.maskRanges(gaps);
  let n = 0;
  for (const s of scan.spans) if (!joined.has(s)) scan.spans[n++] = s;
  scan.spans.length = n;
}
