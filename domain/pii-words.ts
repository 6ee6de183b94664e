// Vocabulary of the PII rules in English, German, French, Spanish, Italian and Dutch: the words that
// announce a name, a date of birth, a plate or a reference, and the words that are never names.
// Hand-written lists: no maintained package covers cue phrases in six languages, and each list is
// small. Given names come from a maintained package (gender-detection-from-name, ~85 000 names in
// en/de/fr/es/it/tr) plus the common Dutch names it lacks.
import { getGender } from 'gender-detection-from-name';

const words = (s: string) => s.trim().split(/\s*\|\s*|\n+/).map((w) => w.trim()).filter(Boolean);
const set = (...lists: string[]) => new Set(lists.flatMap(words).map((w) => w.toLowerCase()));

export const MONTHS = words(`
  january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec
  januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|dezember|okt|dez
  janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv|févr|avr|juil|déc
  enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|abr|ago|dic
  gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|gen|mag|giu|lug|ott
  januari|februari|maart|mei|augustus|okt|mrt
`);

/** Portuguese and Polish months (the Polish in the genitive of dates too), for dates only: "maja" is also a name. */
export const MORE_MONTHS = words(`
  janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro
  stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|października|pazdziernika|listopada|grudnia
  styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień
`);

const WEEKDAYS = `
  monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag
  lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo
  lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag
`;

/** Honorifics and titles: a name follows them. */
export const HONORIFICS = words(`
  Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Herr|Herrn|Frau|Fräulein|Hr|Fr|Mme|Mlle|Monsieur|Madame|Mademoiselle|Maître
  Sr|Sra|Srta|Señor|Señora|Señorita|Doña|Dña|Sig|Sig.ra|Sig.na|Signor|Signora|Signorina|Dott|Dott.ssa|Dottor|Dottore|Dottoressa|Ing|Avv
  Meneer|Mevrouw|Mevr|Dhr|Mw|Mijnheer|Juffrouw|Dokter|Doctor|Mister|Missus
  Senhor|Senhora|Sr.ª|Dona|Pan|Pani|Panią|Pana|Panu|Panem
`);

/** Surname particles: lowercase words inside a name ("Daan de Vries", "Willem van den Berg", "Luis de los Ríos", "Dal Pozzo"). */
export const PARTICLES = set('van|von|der|den|de|del|della|dello|dei|degli|di|da|dal|dalla|das|dos|do|du|des|la|le|lo|los|las|ten|ter|te|zu|zum|zur|y|i|bin|ibn|al|el|af|av|mac|vanden|vander|\'t|’t');

// Capitalised words that are not names though they stand where names do ("I'm Happy", "Regards,
// Team", "spoke to Customer Services", "my wife Sunday"): function words, greetings, sign-off words,
// weekdays, months, feelings, nationalities, roles and departments, units.
const NOT_NAMES = set(
  WEEKDAYS,
  MONTHS.filter((m) => m.length > 3 && m !== 'sept').join('|'),
  HONORIFICS.join('|'),
  `
  i|me|my|mine|we|us|our|you|your|he|him|his|she|her|it|its|they|them|their|this|that|these|those|there|here|who|what|which|when|where|why|how
  a|an|the|and|or|but|so|if|then|than|as|at|by|for|from|in|into|of|on|onto|to|with|without|about|after|before|again|also|just|still|even|only|not|no|yes|all|any|every|each|some|none|one|two|three
  is|am|are|was|were|be|been|being|have|has|had|do|does|did|will|would|shall|should|can|could|may|might|must|get|got|im|ive|id|ill
  i'm|i've|i'd|i'll|it's|that's|there's|here's|he's|she's|we're|we've|they're|you're|don't|didn't|can't|won't|isn't|wasn't|let's|what's|who's|c'est|j'ai|j'étais|n'est|qu'il|l'on|d'accord|m'a|m'ont|un'|all'|dell'|nell'|sull'|l'|d'
  hi|hiya|hello|hey|dear|greetings|good|morning|afternoon|evening|night|day|thanks|thank|thankyou|cheers|regards|best|kind|kindest|warm|warmest|many|sincerely|yours|faithfully|truly|respectfully|love|sent|signed|ps|p.s|re|fw|fwd|subject|sender|from|to|cc|bcc|attn|attention|note|update|edit
  ok|okay|sorry|happy|unhappy|sad|angry|furious|upset|disappointed|shocked|appalled|disgusted|livid|gutted|devastated|annoyed|frustrated|fed|done|finished|tired|sick|ill|fine|great|glad|pleased|delighted|thrilled|grateful|thankful|sure|afraid|aware|confused|lost|stuck|new|old|young|back|never|always|really|very|totally|absolutely|completely|quite|extremely|actually|honestly|seriously|simply|basically|writing|calling|contacting|emailing|trying|still|waiting|ridiculous|unacceptable|disgusting|terrible|awful|horrible|shocking|appalling|amazing|excellent|fantastic|brilliant|wonderful|lovely|nice|perfect|worst|bad|poor|pregnant|disabled|deaf|blind|vegan|vegetarian|diabetic|retired|single|married|divorced|widowed|alone|here|home|out|off|over|up|down|now|today|tomorrow|yesterday|tonight|please|pls|plz|urgent|asap|important|help|customer|client|member|guest|patient|resident|tenant|owner|user|subscriber|passenger
  team|staff|service|services|support|desk|front|reception|management|manager|managers|billing|sales|accounts|account|admin|administration|security|it|hr|office|department|store|shop|branch|hotel|restaurant|cafe|café|bar|pub|company|business|head|senior|junior|chief|lead|director|assistant|ceo|cfo|cto|coordinator|officer|agent|advisor|adviser|operator|supervisor|engineer|technician|driver|courier|delivery|waiter|waitress|chef|nurse|doctor|receptionist|cashier|police|ambulance|hospital|school|university|college|bank|council|government|mate|guys|folks|everyone|everybody|all|amazon|google|apple|facebook|instagram|whatsapp|twitter|youtube|tiktok|netflix|paypal|ebay|uber|ikea
  english|british|american|canadian|irish|scottish|welsh|australian|german|french|spanish|italian|dutch|belgian|swiss|austrian|polish|portuguese|greek|turkish|indian|chinese|japanese|european|african|asian|muslim|christian|jewish|catholic|deutsch|deutscher|deutsche|français|française|francais|francaise|español|española|espanol|italiano|italiana|nederlands|nederlandse|nederlander|belg|brit|engländer|engländerin|anglais|inglés|inglese|engels|parisien|parisienne|londoner|berliner
  ltd|limited|inc|llc|plc|gmbh|ag|kg|ug|sa|sarl|sas|sl|s.l|sau|spa|s.p.a|srl|s.r.l|bv|b.v|nv|n.v|co|corp|group|trust|foundation|holding|holdings|international
  ich|mich|mir|mein|meine|meinem|meinen|meiner|du|dich|dir|dein|er|sie|es|wir|uns|unser|unsere|ihr|ihre|ihrem|ihren|ihrer|ihnen|der|die|das|dem|den|des|ein|eine|einem|einen|einer|und|oder|aber|mit|von|vom|zu|zum|zur|bei|beim|im|am|an|auf|aus|für|um|nach|vor|über|unter|seit|bis|nicht|kein|keine|auch|noch|schon|sehr|ganz|leider|bitte|danke|dank|vielen|herzlich|herzliche|herzlichen|liebe|lieber|viele|beste|besten|freundliche|freundlichen|freundlichem|grüße|grüßen|gruß|gruss|grüsse|hallo|guten|tag|moin|servus|hochachtungsvoll|lg|vg|mfg|sehr|geehrte|geehrter|damen|herren|kunde|kundin|stammkunde|stammkundin|stammgast|mitglied|rentner|rentnerin|mutter|vater|student|studentin|bin|ist|sind|war|hat|habe|hatte|wurde|kann|muss|soll|will|wäre|hier|da|dort|jetzt|heute|gestern|morgen|immer|nie|wieder|enttäuscht|sauer|wütend|zufrieden|unzufrieden|glücklich|froh|traurig|entsetzt|schockiert|verärgert|kundenservice|kundendienst|filiale|geschäftsführung|hotline|team
  je|moi|mon|ma|mes|nous|notre|nos|vous|votre|vos|il|elle|ils|elles|on|le|la|les|l|un|une|des|du|de|et|ou|mais|donc|avec|sans|pour|par|dans|sur|sous|chez|en|à|au|aux|ce|cet|cette|ces|ne|pas|plus|très|trop|bien|merci|cordialement|salutations|bonjour|bonsoir|salut|madame|monsieur|mesdames|messieurs|amicalement|bises|bisous|client|cliente|fidèle|déçu|déçue|furieux|furieuse|content|contente|satisfait|satisfaite|mécontent|mécontente|suis|est|sont|était|ai|avons|avez|ont|voici|voilà|ici|là|aujourd|hier|demain|toujours|jamais|encore|service|accueil|direction
  yo|mí|mi|mis|nosotros|nuestro|nuestra|usted|ustedes|su|sus|él|ella|ellos|ellas|el|los|las|lo|un|una|unos|unas|y|e|o|u|pero|con|sin|para|por|en|de|del|al|a|que|es|soy|son|era|fue|muy|mucho|gracias|saludos|saludo|atentamente|cordialmente|hola|buenos|buenas|días|tardes|noches|estimado|estimada|estimados|señores|abrazo|besos|cliente|socio|socia|platino|oro|plata|vegetariano|vegetariana|enfadado|enfadada|harto|harta|contento|contenta|decepcionado|decepcionada|aquí|ahí|hoy|ayer|mañana|siempre|nunca|otra|vez|atención
  io|me|mio|mia|miei|mie|noi|nostro|nostra|voi|vostro|vostra|lei|lui|loro|il|lo|la|i|gli|le|un|uno|una|e|ed|o|ma|con|senza|per|da|dal|dalla|di|del|della|in|nel|nella|su|sul|che|è|sono|era|sei|siamo|molto|grazie|saluti|saluto|cordiali|distinti|cordialmente|ciao|buongiorno|buonasera|gentile|gentili|spettabile|egregio|egregia|cliente|deluso|delusa|arrabbiato|arrabbiata|contento|contenta|qui|oggi|ieri|domani|sempre|mai|ancora|assistenza
  ik|mij|me|mijn|m'n|wij|we|ons|onze|u|uw|jij|je|jou|jouw|jullie|hij|hem|zijn|zij|ze|haar|hun|het|de|een|en|of|maar|met|zonder|voor|door|van|in|op|aan|bij|naar|uit|over|om|tot|te|dat|die|dit|deze|niet|geen|ook|nog|al|heel|erg|zeer|bedankt|dank|dankjewel|groet|groeten|groetjes|vriendelijke|hartelijke|hoogachtend|mvg|hallo|hoi|beste|geachte|goedemorgen|goedemiddag|goedenavond|goedendag|klant|lid|ben|is|was|heb|heeft|had|word|wordt|werd|hier|daar|nu|vandaag|gisteren|morgen|altijd|nooit|weer|boos|teleurgesteld|blij|tevreden|ontevreden|klantenservice|gold|silver|platinum|premium|vip|kerst|pasen|dankzij|volgens|namens|ondanks|tijdens|vanwege
  `,
  // Portuguese and Polish comments come in too, and no word list of theirs is loaded: the words that
  // open their sentences, greet, sign off and name the things of a complaint
  `
  olá|oi|bom|boa|dia|tarde|noite|obrigado|obrigada|obrigados|cumprimentos|atentamente|saudações|abraço|abraços|beijos|prezado|prezada|prezados|exmo|exma|exmos|senhor|senhora|senhores|sr|sra|dona|eu|ele|ela|eles|elas|nós|você|vocês|meu|minha|meus|minhas|nosso|nossa|seu|sua|este|esta|isto|esse|essa|isso|aquele|aquela|um|uma|uns|umas|os|as|ao|aos|à|às|no|na|nos|nas|do|da|dos|das|pelo|pela|com|sem|para|por|em|mas|porque|quando|onde|como|também|já|ainda|hoje|ontem|amanhã|agora|depois|antes|sempre|nunca|não|sim|muito|muita|mais|menos|fatura|factura|encomenda|encomendei|encomendámos|comprei|compramos|recebi|recebemos|paguei|pagámos|moro|moramos|morada|telemóvel|telemovel|telefone|número|numero|conta|cliente|loja|funcionária|funcionário|gerente|estafeta|entrega|reclamação|reembolso|devolução|pedido|reserva|recibo|matrícula|carrinha|carro|perguntem|pergunte|peço|pedimos|gostaria|queria|venho|escrevo|estou|estamos|está|estão|foi|fomos|era|tenho|temos|tem|fiz|fez|disse|disseram|ninguém|nada|tudo|apresento|apresento-lhes|apresento-vos|segue|seguem|infelizmente|finalmente|entretanto|aguardo|aguardamos|desde|até|sobre|entre|contra|qualquer|cada|outro|outra|mesmo|mesma|certo|certa|errado|errada|novo|nova|nossa|vossa|vosso|falei|liguei|telefonei|enviei|escrevi|perguntei|pedi|disseram|disse|segundo|conforme|graças
  dzień|dobry|dobra|dobre|witam|witaj|cześć|pozdrawiam|pozdrowienia|serdecznie|serdeczne|dziękuję|dziekuje|dziękujemy|dzięki|proszę|prosze|prosimy|szanowni|szanowny|szanowna|państwo|panie|pani|pan|panią|pana|panu|panem|poważaniem|z|ze|w|we|na|do|od|po|przy|przez|dla|bez|pod|nad|za|o|u|i|a|ale|oraz|lub|albo|czy|że|bo|gdy|kiedy|gdzie|dlaczego|jak|co|to|ten|ta|te|tego|tej|ja|my|wy|oni|one|on|ona|ono|mój|moja|moje|mojej|mojego|mojemu|moim|moją|nasz|nasza|nasze|naszego|naszej|wasz|wasza|wasze|jego|jej|ich|nie|tak|już|jeszcze|teraz|potem|wczoraj|dzisiaj|dziś|jutro|niestety|bardzo|również|także|tylko|jednak|numer|numeru|nr|zamówienie|zamówienia|zamówiłem|zamówiłam|zamówiliśmy|faktura|faktury|fakturę|paragon|rachunek|przesyłka|przesyłki|paczka|paczki|kurier|kuriera|dostawa|dostawy|reklamacja|reklamacji|zwrot|zwrotu|sklep|sklepu|towar|kwota|konto|konta|klient|klienta|adres|adresu|telefon|kod|data|dane|prawidłowe|prawidłowy|prawidłowa|samochód|samochodu|kierownik|kierowniczka|nazywam|nazywa|mieszkam|mieszkamy|jestem|jesteśmy|był|była|było|byli|mam|mamy|ma|chciałbym|chciałabym|chcielibyśmy|piszę|piszemy|zostawił|zostawiła|zostało|została|został|otrzymałem|otrzymałam|kupiłem|kupiłam|zapłaciłem|zapłaciłam|proszę|wiadomość|sprawa|sprawie|pozdrawiamy|eircode|rozmawiałam|rozmawiałem|dzwoniłam|dzwoniłem|napisałam|napisałem|wysłałam|wysłałem|pytałam|pytałem|według|dzięki
  `,
  // what stands in brackets after a relation: "meine Mutter (Jahrgang 1939…)", "(born 1952)"
  'jahrgang|classe|geb|geboren|née|né|nata|nato|nacida|nacido|nació|nacio|nacque|naquit|born|aged|alter|âge|edad|età|leeftijd',
);

/** Places that are also given names in the name list, or that stand where a name could ("Tell Paris"). */
const PLACES = set(`
  london|paris|berlin|madrid|rome|roma|milan|milano|vienna|wien|amsterdam|rotterdam|brussels|bruxelles|brussel|lisbon|dublin|edinburgh|glasgow|manchester|liverpool|leeds|bristol|cardiff|belfast|york|chester|lincoln|brighton|oxford|cambridge|bath|durham|kent|devon|cornwall|sussex|essex|surrey
  munich|münchen|hamburg|cologne|köln|frankfurt|stuttgart|düsseldorf|dresden|leipzig|hannover|bremen|nürnberg|potsdam|bonn|freiburg|heidelberg|mainz|augsburg
  lyon|marseille|toulouse|nice|nantes|bordeaux|lille|strasbourg|rennes|montpellier|grenoble|dijon|reims|lourdes|orléans|versailles|cannes|avignon
  barcelona|valencia|sevilla|seville|málaga|malaga|zaragoza|bilbao|granada|alicante|córdoba|cordoba|murcia|palma|toledo|salamanca|santander|ibiza|marbella
  napoli|naples|torino|turin|firenze|florence|venezia|venice|bologna|genova|genoa|verona|palermo|bari|catania|siena|pisa|padova|trieste|sorrento|como|parma|modena|perugia
  utrecht|haarlem|leiden|delft|groningen|eindhoven|maastricht|nijmegen|arnhem|breda|tilburg|zwolle|almere|den|haag|bosch|antwerpen|antwerp|gent|ghent|brugge|bruges|leuven|liège
  new|york|boston|chicago|houston|dallas|austin|phoenix|denver|seattle|portland|atlanta|miami|orlando|jackson|madison|charlotte|savannah|georgia|virginia|carolina|florida|montana|dakota|sydney|melbourne|adelaide|perth|victoria|regina|toronto|vancouver|montreal|ottawa|quebec|sofia|athens|prague|warsaw|budapest|bern|zurich|zürich|geneva|genève|basel|lausanne|luxembourg|monaco
  lisboa|porto|coimbra|braga|faro|aveiro|funchal|setúbal|sintra|cascais|évora|warszawa|warszawie|kraków|krakowie|gdańsk|gdańsku|wrocław|wrocławiu|poznań|poznaniu|łódź|łodzi|katowice|katowicach|lublin|lublinie|szczecin|szczecinie|gdynia|gdyni|sopot|toruń|toruniu|stockholm|göteborg|malmö|wien|graz|salzburg|linz|innsbruck|luzern|lugano
  england|scotland|wales|ireland|britain|france|germany|deutschland|spain|españa|italy|italia|holland|nederland|netherlands|belgium|belgië|austria|österreich|switzerland|schweiz|suisse|portugal|europe|america|canada|china|india|japan
`);

// Lowercase words that end a lowercase name ("my name is john and…") or are never one.
const FUNCTION_WORDS = set(`
  and|or|but|so|the|a|an|is|was|are|were|be|been|have|has|had|do|did|does|will|would|can|could|should|may|might|must|not|no|yes|here|there|again|too|also|just|from|to|in|on|at|by|for|with|of|and|i|me|my|we|our|you|your|he|she|it|they|this|that|who|said|says|told|asked|called|came|went|got|get|and|as|if|then|when|because|since|until|about|after|before|very|really|still|now|today|here
  und|oder|aber|ist|war|hat|hatte|habe|bin|sind|wird|wurde|kann|nicht|kein|auch|noch|schon|sehr|mit|von|aus|bei|zu|im|am|an|auf|für|der|die|das|den|dem|ein|eine|ich|du|er|sie|es|wir|ihr|hier|da|heute|gestern|gesagt|gemeint
  et|ou|mais|est|était|a|ai|avait|suis|sont|pas|ne|avec|de|du|des|le|la|les|un|une|je|il|elle|nous|vous|ils|ici|là|aussi|encore|très|aujourd|hier|qui|que
  y|o|pero|es|era|fue|ha|he|soy|no|con|de|del|el|la|los|las|un|una|yo|él|ella|nosotros|aquí|también|muy|hoy|ayer|que|quien
  e|ed|o|ma|è|era|ha|ho|sono|non|con|di|del|della|il|lo|la|gli|le|un|una|io|lui|lei|noi|qui|anche|molto|oggi|ieri|che|chi
  en|of|maar|is|was|heeft|had|heb|ben|niet|geen|met|van|de|het|een|ik|hij|zij|ze|wij|we|hier|daar|ook|nog|heel|erg|vandaag|gisteren|die|dat|wie
`);

// Common Dutch given names, which the name package (no Dutch list) lacks.
const DUTCH_GIVEN_NAMES = words(`
  Aad|Adriaan|Anouk|Willemijn|Arjen|Arend|Bart|Bas|Berend|Bram|Daan|Dirk|Douwe|Femke|Fenna|Fleur|Floor|Froukje|Geert|Gerrit|Gijs|Gert|Hanneke|Hendrik|Henk|Hidde|Ilse|Inge|Jaap|Jannie|Jelle|Jeroen|Jesse|Joep|Joost|Joke|Jolien|Joris|Jurre|Kees|Klaas|Koen|Lieke|Lieve|Linde|Loes|Lotte|Maaike|Maarten|Marieke|Marloes|Mees|Merel|Milou|Nienke|Niels|Noor|Piet|Pieter|Pim|Renske|Rianne|Rik|Rinus|Roos|Ruud|Sander|Sanne|Saskia|Siebe|Sietske|Sjoerd|Stijn|Sven|Teun|Thijs|Tijn|Tjeerd|Wessel|Wietske|Willem|Wim|Wouter|Yara|Ymke|Zeger|Zoë
`).map((n) => n.toLowerCase());
const EXTRA_GIVEN_NAMES = new Set(DUTCH_GIVEN_NAMES);

const fold = (w: string) => w.toLowerCase().replace(/[’]/g, "'");

// Names that are also common words or places: right after a sure cue ("my daughter May", "mia
// figlia Sofia", "my kids Noah and Mia") they are names.
const DUAL_USE = set('em|mo|jo|al|ed|ben|sem|ela|mia|ella|una|may|june|april|august|augustus|will|grace|hope|joy|faith|rose|summer|dawn|ivy|iris|jade|ruby|pearl|amber|olive|sunny|lei|sofia|georgia|virginia|carolina|charlotte|florence|victoria|madison|austin|lincoln|jackson|chester|sydney|adelaide|regina|savannah|paris|valencia|lourdes|siena|verona|roma|florida|dakota|montana');

/** A word that is never a name, whatever its case. */
export const isNotAName = (word: string) => NOT_NAMES.has(fold(word)) || PLACES.has(fold(word)) || unlistedForm(fold(word));
// (not a name's instrumental: "z Michałem", "z Pawłem")
const unlistedForm = (w: string) => UNLISTED_FORMS.test(w) && !(w.endsWith('łem') && [w.slice(0, -2), `${w.slice(0, -3)}eł`].some((n) => isGivenName(n) || isGivenName(n.replace(/ł/gu, 'l'))));
// Forms of the two languages no word list is loaded for that no name takes: Polish verbs in the first and
// second person past ("Urodziłem", "Prosiłam", "Wysłaliśmy"), infinitives, abstract and verbal nouns
// ("Opakowanie"), participles; Portuguese "-ção", "-mente", "-ámos" ("Comprámos", "Informação").
const UNLISTED_FORMS = /(?:ł(?:em|am|eś|aś|yśmy|yście|abym|bym)|liśmy|liście|libyśmy|ować|ywać|iwać|ość|ości|ością|owani[aeu]|ywani[aeu]|ieni[aeu]|ący|ąca|ące|ęci[ae]|ção|ções|ámos|ávamos|íamos|.{4}mente)$/u;
/** A word that is not a name even right after a sure cue ("my wife The…", "Regards, Team"). */
/** A name that is also a word, not a place or a month ("Hope", "Will", "Sunny"): after "ask for", "spoke to" it is the name. */
export const isWordName = (word: string) => DUAL_USE.has(fold(word)) && !PLACES.has(fold(word)) && !MONTHS.includes(fold(word));
export const isNotANameEvenAfterCue = (word: string) => (NOT_NAMES.has(fold(word)) || PLACES.has(fold(word))) && !DUAL_USE.has(fold(word));
/** A given name that is a place too ("Georgia", "Florence"): a name only where more than the cue says so. */
export const isNameAndPlace = (word: string) => DUAL_USE.has(fold(word)) && PLACES.has(fold(word));
/** A place name (also used to keep "Tell Paris…" or "Valencia was great" out of the name rules). */
export const isPlace = (word: string) => PLACES.has(fold(word));
export const isFunctionWord = (word: string) => FUNCTION_WORDS.has(fold(word)) || PARTICLES.has(fold(word));

// (asked again and again of the same words of a text: a lookup in the name package normalises each time)
const givenNameCache = new Map<string, boolean>();

/** A known given name in any of the six languages that is not also a common word or a place. */
export function isGivenName(word: string): boolean {
  let known = givenNameCache.get(word);
  if (known === undefined) {
    if (givenNameCache.size >= 20_000) givenNameCache.clear();
    givenNameCache.set(word, (known = lookUpGivenName(word)));
  }
  return known;
}

function lookUpGivenName(word: string): boolean {
  const w = fold(word);
  if (w.length < 2 || NOT_NAMES.has(w) || PLACES.has(w) || FUNCTION_WORDS.has(w)) return false;
  const plain = w.normalize('NFD').replace(/\p{M}+/gu, ''); // the list writes "alvaro", the customer "Álvaro"
  // (a hyphenated pair of given names is one: "Jan-Willem", "Anne-Sophie")
  if (w.includes('-')) return w.split('-').every((p) => p.length >= 2 && lookUpGivenName(p));
  return EXTRA_GIVEN_NAMES.has(w) || getGender(w) !== 'unknown' || (plain !== w && getGender(plain) !== 'unknown');
}
