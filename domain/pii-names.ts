// Names found by their context, in English, German, French, Spanish, Italian and Dutch: introductions
// ("my name is X", "je m'appelle X"), relations and staff ("my wife X", "der Kellner X", "la
// réceptionniste X"), honorifics, people called or spoken to ("a guy called X", "tell X", "hablé con
// X"), sign-offs and signature blocks. A name found once is then removed wherever else it appears.
//
// How sure the context is decides what may follow it: after a strong cue any capitalised word that is
// not a common word is a name; after a weaker one ("I'm X", "tell X") only a known given name (or a
// full name) is, so "I'm Happy" and "Tell Paris…" survive. Linear: every cue is a regex anchored on
// its first word, and the name after it is read word by word.
import { MASK, groupSpan, oneOf, type PiiSpan, type Scan } from './pii-scan';
import { HONORIFICS, MONTHS, PARTICLES, isFunctionWord, isGivenName, isNotAName, isNameAndPlace, isNotANameEvenAfterCue, isPlace, isWordName } from './pii-words';

type Strength = 'strong' | 'medium' | 'weak';

const CUE_START = '(?<![\\p{L}\\p{N}])';
// (an opening quote may follow: 'a man called "Dave"', « dont le badge indiquait « Prudence »)
const SEP = "(?:[ \\t]*[,:][ \\t]*|[ \\t]+|(?<=['’]))(?:[\"“„«‹][ \\t]*|(?<=[ \\t])['‘])?";

// ---- cue vocabularies ----
const INTRO_STRONG = [
  ...['my name is', "my name's", 'my name was', 'the name is', "the name's", "i'm called", 'i am called', 'my first name is', 'my surname is', 'full name:', 'name:', 'signed:', 'signed', 'next of kin:', 'next of kin', 'emergency contact:', 'patient:', 'patient name:', 'nächster angehöriger:', 'notfallkontakt:', 'personne à prévenir :', 'contacto de emergencia:', 'contatto di emergenza:', 'noodcontact:'],
  ...['ich heiße', 'ich heisse', 'mein name ist', 'mein name lautet', 'mein name:', 'hier schreibt', 'hier spricht', 'mein vorname ist', 'vorname:', 'nachname:'],
  ...["je m'appelle", 'je me nomme', 'mon nom est', 'mon prénom est', "moi c'est", 'je me présente', 'nom :', 'prénom :', 'prénom:'],
  ...['me llamo', 'mi nombre es', 'le escribe', 'les escribe', 'nombre:', 'mi nombre:'],
  ...['mi chiamo', 'il mio nome è', "il mio nome e'", 'mi presento', 'vi scrive', 'nome:'],
  ...['mijn naam is', 'ik heet', 'u spreekt met', 'je spreekt met', 'naam:'],
  // introductions of someone else: "Je vous présente Florence Duchamp", "vi presento Sole Bianchi", "apresento-lhes a Inês"
  ...['let me introduce', "i'd like to introduce", 'i would like to introduce', 'may i introduce', 'please meet', 'please welcome', 'darf ich vorstellen', 'darf ich ihnen vorstellen', 'je vous présente', 'je te présente', 'nous vous présentons', 'les presento a', 'le presento a', 'os presento a', 'te presento a', 'vi presento', 'ti presento', 'le presento', 'mag ik u voorstellen aan', 'mag ik jullie voorstellen aan', 'mag ik voorstellen', 'apresento-lhes', 'apresento-lhes a', 'apresento-lhes o', 'apresento-vos', 'apresento-vos a', 'apresento-vos o', 'apresento-lhe', 'apresento-lhe a', 'apresento-lhe o', 'przedstawiam', 'chciałbym przedstawić', 'chciałabym przedstawić'],
  // whom to reach: "Contact on site is Rosalind Kaur", "Ansprechpartnerin: Birgit Hoffmeister"
  ...['contact person', 'contact person is', 'contact on site is', 'site contact', 'site contact is', 'point of contact', 'point of contact is', 'contact name', 'contact name is', 'ansprechpartner', 'ansprechpartnerin', 'ansprechpartner ist', 'ansprechpartnerin ist', 'kontaktperson', 'personne à contacter', 'interlocuteur :', 'interlocutrice :', 'persona de contacto', 'persona di riferimento', 'referente', 'contactpersoon', 'contactpersoon is', 'pessoa de contacto', 'osoba kontaktowa'],
  // Portuguese and Polish introductions of oneself
  ...['chamo-me', 'o meu nome é', 'meu nome é', 'nazywam się', 'mam na imię', 'z tej strony'],
  // someone else's: "sein Name ist X", "his name is X"
  ...["his name's", "her name's", 'his name is', 'her name is', 'his name was', 'her name was', 'his real name is', 'her real name is', 'his full name is', 'her full name is', 'sein name ist', 'ihr name ist', 'sein name war', 'ihr name war', 'son nom est', 'son prénom est', 'su nombre es', 'il suo nome è', 'zijn naam is', 'haar naam is'],
];
// lists of people: "Passengers: A, B"
// a booking made under a name: "under the name Okonkwo", "au nom de Martin", "a nombre de Ruiz"
const BOOKED_UNDER = ['under the name', 'under the name of', 'booked under', 'reserved under', 'booking under', 'reservation under', 'table under', 'booked under the name', 'reserved under the name', 'booking under the name', 'reservation under the name', 'table under the name', 'booked in the name of', 'booked under the name of', 'in the name of', 'unter dem namen', 'auf den namen', 'auf den namen von', 'au nom de', 'au nom du', 'a nombre de', 'a nome di', 'intestata a', 'intestato a', 'op naam van', 'op de naam', 'op naam'];
const LISTS = [
  ...['passengers:', 'passenger:', 'guests:', 'guest:', 'travellers:', 'travelers:', 'names:', 'attendees:', 'passagiere:', 'fahrgäste:', 'gäste:', 'reisende:', 'passagers :', 'passagers:', 'voyageurs :', 'pasajeros:', 'viajeros:', 'passeggeri:', 'viaggiatori:', 'passagiers:', 'reizigers:', 'gasten:'],
  // staff named in a list: "Staff on shift: Amber, Jordan, Kai", "Attendees at the meeting: Patricia Lowe (Head of Sales), Dev Sharma"
  ...['staff on shift:', 'on shift:', 'staff:', 'staff involved:', 'staff present:', 'people involved:', 'present:', 'attendees at the meeting:', 'participants:', 'anwesend:', 'teilnehmer:', 'personal:', 'présents :', 'participants :', 'personnel présent :', 'asistentes:', 'presentes:', 'personal presente:', 'presenti:', 'partecipanti:', 'aanwezig:', 'deelnemers:', 'aanwezigen:'],
];
// "Hi Sarah,", "Beste Wouter,", "Hola Marta": a given name must follow (not "Hi Team", "Dear Ryanair")
const GREETINGS = ['servus', 'grüß gott', 'grüss gott', 'grüezi', 'hallöchen', 'salve', 'carissimo', 'carissima', 'querido', 'querida', 'coucou', 'lieve', 'hi', 'hello', 'hey', 'dear', 'good morning', 'good afternoon', 'hallo', 'liebe', 'lieber', 'guten tag', 'moin', 'bonjour', 'bonsoir', 'salut', 'cher', 'chère', 'hola', 'buenos días', 'buenas tardes', 'estimado', 'estimada', 'ciao', 'buongiorno', 'buonasera', 'gentile', 'caro', 'cara', 'beste', 'hoi', 'goedemorgen', 'goedemiddag', 'geachte', 'olá', 'ola', 'oi', 'bom dia', 'boa tarde', 'caro', 'cara', 'prezado', 'prezada', 'querido', 'querida', 'cześć', 'witaj', 'droga', 'drogi', 'kochana', 'kochany'];
const INTRO_WEAK = [
  ...["i'm", 'i am', 'this is', 'it was', 'het was', 'es war', "c'était", 'fue', 'è stato', 'è stata', "it's", 'its', 'it is', 'here is', "here's"],
  ...['ich bin', 'hier ist'],
  ...['je suis', "c'est", 'ici'],
  ...['soy', 'aquí', 'le habla'],
  ...['sono', 'qui è'],
  ...['ik ben', 'met', 'hier is', 'dit is'],
];

const DETERMINERS = [
  ...['my', 'our', 'his', 'her', 'their', 'your', 'the', 'a', 'an', 'this', 'that', 'one of your', 'one of the', 'one of our'],
  ...['mein', 'meine', 'meinem', 'meinen', 'meiner', 'unser', 'unsere', 'unserem', 'unseren', 'unserer', 'ihr', 'ihre', 'ihrem', 'ihren', 'ihrer', 'dein', 'deine', 'der', 'die', 'dem', 'den', 'des', 'ein', 'eine', 'einem', 'einen', 'einer', 'dieser', 'diese', 'diesem', 'diesen'],
  ...['mon', 'ma', 'mes', 'notre', 'nos', 'votre', 'vos', 'son', 'sa', 'ses', 'leur', 'le', 'la', "l'", 'les', 'un', 'une', 'du', 'au', 'ce', 'cet', 'cette', 'de la', "de l'"],
  ...['mi', 'mis', 'nuestro', 'nuestra', 'su', 'sus', 'tu', 'el', 'los', 'las', 'una', 'del', 'al', 'este', 'esta', 'ese', 'esa', 'vuestro', 'vuestra'],
  ...['mio', 'mia', 'miei', 'mie', 'nostro', 'nostra', 'vostro', 'vostra', 'suo', 'sua', 'il', 'lo', 'gli', 'uno', "un'", 'dello', 'della', 'dal', 'dallo', 'dalla', 'allo', 'alla', 'questo', 'questa'],
  ...['beim', 'zum', 'zur'],
  ...['meu', 'minha', 'o meu', 'a minha', 'o', 'os', 'as', 'nosso', 'nossa', 'min', 'mitt', 'mój', 'moja'],
  ...['jego', 'jej', 'moją', 'mojej', 'mojego', 'moim', 'mojemu', 'moi', 'moje', 'nasz', 'nasza', 'naszą', 'naszej', 'naszego', 'naszym', 'z moją', 'z moim', 'z naszą', 'z naszym', 'do', 'dla'],
  ...['mijn', "m'n", 'onze', 'ons', 'uw', 'jullie', 'zijn', 'haar', 'hun', 'de', 'het', 'een', 'deze'],
];
// "my wife is X", "sein Name ist X", "mi jefe se llama X"
const COPULA = ['is', 'was', "'s", 'is called', 'ist', 'war', 'heißt', 'hieß', 'est', 'était', "s'appelle", 'es', 'era', 'se llama', 'è', 'si chiama', 'heet', 'heette'];

// People close to the writer, and staff: a name after "my wife", "the waiter", "Ihre Kollegin"…
const PEOPLE = [
  // English
  ...'wife|husband|partner|fiancé|fiancée|fiance|fiancee|boyfriend|girlfriend|son|daughter|kid|kids|child|children|baby|mum|mom|mother|mam|dad|father|brother|sister|grandmother|grandfather|grandma|grandpa|granny|nan|nana|grandson|granddaughter|aunt|auntie|uncle|cousin|niece|nephew|stepson|stepdaughter|stepmother|stepfather|mother-in-law|father-in-law|son-in-law|daughter-in-law|brother-in-law|sister-in-law|friend|colleague|coworker|co-worker|boss|neighbour|neighbor|flatmate|roommate|carer|caregiver|landlord|landlady|lawyer|solicitor|accountant'.split('|'),
  ...'waiter|waitress|server|bartender|barman|barmaid|barista|host|hostess|chef|cook|driver|courier|postman|engineer|technician|tech|plumber|electrician|fitter|installer|mechanic|agent|advisor|adviser|consultant|rep|representative|receptionist|concierge|porter|doorman|housekeeper|cleaner|cashier|clerk|assistant|salesman|saleswoman|salesperson|manager|supervisor|team leader|staff member|member of staff|employee|guard|attendant|steward|stewardess|pilot|conductor|instructor|trainer|coach|therapist|physio|pharmacist|optician|stylist|hairdresser|barber|nurse|doctor|dentist|guide|operator|call handler|inspector|surveyor|broker|officer|owner|vet|delivery driver|delivery guy|delivery man|lady|gentleman|guy|man|woman'.split('|'),
  // German
  ...'frau|mann|ehemann|ehefrau|gattin|gatte|partnerin|lebensgefährte|lebensgefährtin|freund|freundin|sohn|tochter|kind|kinder|enkel|enkelin|mutter|mama|vater|papa|bruder|schwester|oma|opa|großmutter|großvater|tante|onkel|cousine|nichte|neffe|schwager|schwägerin|schwiegermutter|schwiegervater|schwiegersohn|schwiegertochter|nachbar|nachbarin|kollege|kollegin|chef|chefin|vorgesetzter|vorgesetzte|anwalt|anwältin|arzt|ärztin|betreuer|betreuerin|vermieter|vermieterin|mitbewohner|mitbewohnerin'.split('|'),
  ...'assistent|assistentin|sekretär|sekretärin|kellner|kellnerin|bedienung|servicekraft|fahrer|fahrerin|paketbote|paketbotin|bote|botin|zusteller|zustellerin|kurier|lieferant|techniker|technikerin|monteur|monteurin|handwerker|mechaniker|mitarbeiter|mitarbeiterin|angestellte|angestellter|verkäufer|verkäuferin|berater|beraterin|kundenberater|kundenberaterin|kassierer|kassiererin|filialleiter|filialleiterin|marktleiter|leiter|leiterin|geschäftsführer|geschäftsführerin|rezeptionist|rezeptionistin|empfangsdame|portier|hausmeister|reinigungskraft|putzfrau|koch|köchin|sachbearbeiter|sachbearbeiterin|schaffner|schaffnerin|zugbegleiter|zugbegleiterin|busfahrer|busfahrerin|trainerin|apotheker|apothekerin|friseur|friseurin|pfleger|pflegerin|dame|herr'.split('|'),
  // French
  ...'femme|mari|époux|épouse|conjoint|conjointe|compagnon|compagne|copain|copine|ami|amie|fils|fille|enfant|enfants|mère|maman|père|papa|frère|sœur|soeur|grand-mère|grand-père|mamie|papi|tante|oncle|cousin|cousine|neveu|nièce|voisin|voisine|collègue|patron|patronne|beau-père|belle-mère|gendre|belle-fille|avocat|avocate|médecin|propriétaire'.split('|'),
  ...'serveur|serveuse|livreur|livreuse|chauffeur|technicien|technicienne|conseiller|conseillère|vendeur|vendeuse|caissier|caissière|réceptionniste|gérant|gérante|directeur|directrice|responsable|employé|employée|agente|hôtesse|standardiste|opérateur|opératrice|mécanicien|plombier|électricien|installateur|coiffeur|coiffeuse|pharmacien|pharmacienne|infirmier|infirmière|moniteur|monitrice|contrôleur|contrôleuse|loueur|commercial|commerciale|dépanneur|interlocuteur|interlocutrice|agent de sécurité|agent d\'entretien|monsieur|dame'.split('|'),
  // Spanish
  ...'esposa|esposo|mujer|marido|pareja|novio|novia|hijo|hija|hijos|madre|mamá|padre|papá|hermano|hermana|abuela|abuelo|tía|tío|primo|prima|sobrino|sobrina|amigo|amiga|compañero|compañera|jefe|jefa|vecino|vecina|suegra|suegro|cuñado|cuñada|nieto|nieta|abogado|abogada'.split('|'),
  ...'camarero|camarera|mesero|mesera|repartidor|repartidora|conductor|conductora|chófer|chofer|técnico|técnica|dependiente|dependienta|encargado|encargada|gerente|recepcionista|cajero|cajera|asesor|asesora|operador|operadora|empleado|empleada|revisor|revisora|mecánico|fontanero|electricista|instalador|transportista|vendedor|vendedora|azafata|guía|directora|señor|señora'.split('|'),
  // Italian
  ...'moglie|marito|compagno|compagna|fidanzato|fidanzata|figlio|figlia|figli|mamma|papà|fratello|sorella|nonna|nonno|zia|zio|cugino|cugina|nipote|amico|amica|collega|capo|vicino|vicina|suocera|suocero|cognato|cognata|avvocato'.split('|'),
  ...'cameriere|cameriera|corriere|autista|fattorino|tecnico|tecnica|commesso|commessa|direttore|direttrice|portiere|cassiere|cassiera|consulente|operatore|operatrice|addetto|addetta|impiegato|impiegata|meccanico|idraulico|installatore|titolare|gestore|controllore|farmacista|parrucchiere|parrucchiera|istruttore|istruttrice|venditore|venditrice|signore|signora'.split('|'),
  // Dutch
  ...'vrouw|echtgenoot|echtgenote|vriend|vriendin|zoon|dochter|kinderen|moeder|vader|broer|zus|zuster|oma|opa|oom|neef|nicht|buurman|buurvrouw|baas|schoonmoeder|schoonvader|kleinzoon|kleindochter|advocaat'.split('|'),
  ...'person|personne|persona|persoon'.split('|'),
  // business partners: "mi socio, Salvador Cruz", "mon associé Marc"
  ...'lodger|tenant|subtenant|au pair|au-pair|untermieter|untermieterin|assistente|collaboratore|collaboratrice|collaborateur|colaborador|colaboradora|azafato|twins|jumeaux|jumelles|gemelos|gemelas|gemelli|gemelle|zwillinge|tweelingen'.split('|'),
  ...'business partner|associé|associée|socio|socia|vennoot|compagnon de route|geschäftspartner|geschäftspartnerin|teilhaber|teilhaberin|nora|genro|cunhado|cunhada|sobrinho|sobrinha'.split('|'),
  // guides, carers of the body, entertainers: "onze gids Roos", "la guida Stella", "die Reiseleiterin Maren"
  ...'gids|reisleider|reisleidster|guida|reiseleiter|reiseleiterin|accompagnateur|accompagnatrice|tour guide|tour leader|masseur|masseuse|masseurin|masajista|massaggiatore|massaggiatrice|kosmetikerin|esthéticienne|estetista|esteticista|schoonheidsspecialiste|animador|animadora|entertainer|croupier'.split('|'),
  ...'comadre|compadre|tata|tatie|tonton|mamie|papi'.split('|'),
  // people one shares a home with or rents from, six languages
  ...'housemate|flat-mate|colocataire|coloc|colocatario|colocataria|compañero de piso|compañera de piso|coinquilino|coinquilina|padrone di casa|padrona di casa|proprietario|proprietaria|huisgenoot|huisgenote|huisbaas|hospita|mitbewohnerin|wg-mitbewohner'.split('|'),
  // Portuguese, Swedish and Polish relations and staff (comments in other languages come in too)
  ...'marido|mulher|esposa|filho|filha|mãe|pai|irmão|irmã|avó|avô|namorado|namorada|funcionário|funcionária|estafeta|motorista|empregado|empregada|fru|dotter|städaren|mąż|żona|syn|córka|kurier'.split('|'),
  // Polish relations and staff in the cases a name after them takes: "z moją córką Martą", "mężem Pawłem"
  ...'córką|córki|córce|córkę|synem|syna|synowi|żoną|żony|żonie|mężem|męża|mężowi|matka|matką|matki|mama|mamą|mamy|ojciec|ojcem|ojca|tata|tatą|taty|brat|bratem|brata|siostra|siostrą|siostry|babcia|babcią|babci|dziadek|dziadkiem|dziadka|wnuczka|wnuczką|wnuk|wnukiem|sąsiad|sąsiadem|sąsiadka|sąsiadką|kolega|kolegą|koleżanka|koleżanką|szef|szefem|szefowa|szefową|kierownik|kierownikiem|kierowniczka|kierowniczką|kurierem|kuriera|kurierka|technik|technikiem|pracownik|pracownikiem|pracownica|pracownicą|sprzedawca|sprzedawcą|sprzedawczyni|kelner|kelnerem|kelnerka|kelnerką|kierowca|kierowcą|konsultant|konsultantem|konsultantka|konsultantką|monter|monterem|hydraulik|hydraulikiem|lekarz|lekarzem|lekarka|lekarką|pielęgniarka|pielęgniarką|dostawca|dostawcą|gerente|gestora|gestor|colega|vizinho|vizinha|técnico|técnica|tio|tia|primo|prima|sogra|sogro|neto|neta|chefe|rececionista|recepcionista|empregada de mesa|carteiro|entregador|entregadora'.split('|'),
  // more relations and staff, six languages
  ...'godson|goddaughter|godmother|godfather|stepbrother|stepsister|half-brother|half-sister|twin|ex|ex-wife|ex-husband|partner-in-crime|pal|mate|buddy|bestie|great-grandmother|great-grandfather|grandchild|grandkids|in-laws|girl|boy|lad|lass|bloke|chap|fella|young man|young woman|young lady|young lad|maître d|maitre d|sommelier|head waiter|head chef|sous chef|runner|valet|bellboy|bellhop|lifeguard|warden|marshal|usher|ranger|dispatcher|handler|fitter|locksmith|joiner|carpenter|roofer|glazier|optometrist|radiographer|sonographer|consultant|registrar|midwife|healthcare assistant|care worker|support worker|key worker|case worker|caseworker|claims handler|loss adjuster|assessor|adjuster|underwriter|branch manager|store manager|shift manager|duty manager|night manager|general manager|area manager|deputy manager|team member|colleague'.split('|'),
  ...'enkelsohn|enkeltochter|urenkel|patenkind|patentochter|patensohn|patin|pate|stiefsohn|stieftochter|stiefvater|stiefmutter|stiefbruder|stiefschwester|ex-mann|ex-frau|zwilling|kumpel|junge|mädchen|meister|werkstattmeister|gutachter|gutachterin|sachverständige|sachverständiger|pflegekraft|altenpflegerin|altenpfleger|krankenschwester|krankenpfleger|ärztin|physiotherapeutin|physiotherapeut|therapeutin|servicetechniker|bauleiter|bauleiterin|vorarbeiter|hausverwalter|hausverwalterin|verwalter|verwalterin|schichtleiter|schichtleiterin|teamleiter|teamleiterin|abteilungsleiter|abteilungsleiterin|anwohner|anwohnerin|mieter|mieterin|bewohner|bewohnerin'.split('|'),
  ...'petite-fille|petit-fils|petits-enfants|arrière-grand-mère|arrière-grand-père|filleul|filleule|marraine|parrain|beau-frère|belle-sœur|belle-soeur|beau-fils|demi-frère|demi-sœur|jumeau|jumelle|ex-mari|ex-femme|garçon|jeune homme|jeune femme|fillette|bonhomme|gars|maître d\'hôtel|sommelier|sommelière|chef de cuisine|cuisinier|cuisinière|plongeur|veilleur de nuit|gardien|gardienne|concierge|aide-soignante|aide-soignant|kiné|kinésithérapeute|dentiste|sage-femme|expert|experte|assureur|gestionnaire|chargé de clientèle|chargée de clientèle|chef d\'agence|directeur d\'agence|directrice d\'agence|vétérinaire|maîtresse|maître|résident|résidente|locataire|riverain|riveraine'.split('|'),
  ...'nieto|nieta|bisabuela|bisabuelo|ahijado|ahijada|padrino|madrina|yerno|nuera|hermanastro|hermanastra|gemelo|gemela|ex-marido|ex-mujer|chica|chico|muchacho|muchacha|niño|niña|señorita|chaval|chavala|portero|portera|conserje|socorrista|limpiadora|limpiador|farmacéutico|farmacéutica|enfermero|enfermera|médico|médica|doctora|peluquero|peluquera|cocinero|cocinera|jefe de sala|maître|sumiller|fisioterapeuta|dentista|taxista|gestor|gestora|comercial|agente|entrenador|entrenadora|tutor|tutora|perito|perita|administrador|administradora|inquilino|inquilina|casero|casera|paciente|residente|vecino'.split('|'),
  ...'nipotina|nipotino|bisnonna|bisnonno|figlioccio|figlioccia|padrino|madrina|genero|nuora|gemello|gemella|ex-marito|ex-moglie|ragazzo|ragazza|signorina|bambino|bambina|tizio|tizia|custode|bagnino|bagnina|portinaio|portinaia|infermiere|infermiera|medico|dottore|dottoressa|dentista|fisioterapista|cuoco|cuoca|chef|sommelier|maître|receptionist|guardia|vigilante|tassista|autista|agente|perito|amministratore|amministratrice|inquilino|inquilina|paziente|ospite|responsabile|caposala|capotreno|hostess|steward|badante|colf|baby-sitter|maestro|maestra|allenatore|allenatrice|animatore|animatrice'.split('|'),
  ...'kleinkind|kleinkinderen|achterkleinkind|schoonzoon|schoondochter|schoonzus|schoonbroer|zwager|stiefvader|stiefmoeder|stiefzoon|stiefdochter|peetoom|peettante|petekind|tweeling|ex-man|ex-vrouw|man|jongen|meisje|knul|gast|vent|dame|heer|kok|chef-kok|afwasser|gastvrouw|gastheer|serveerster|barman|barvrouw|portier|receptionist|nachtportier|verpleger|verpleegster|arts|dokter|tandarts|fysio|kapper|schoonmaker|schoonmaakster|hovenier|klusjesman|stukadoor|timmerman|schilder|installateur|monteur|expert|schade-expert|taxateur|verhuurder|huurder|bewoner|bewoonster|patiënt|patiente|juf|meester|trainer|trainster|leidinggevende|teamleider|filiaalleider|manager|collega'.split('|'),
  ...'pa|personal assistant|secretary|celador|celadora|apprendista|maat|enfermeira|enfermeiro|doutor|doutora|médico|médica|porteiro|porteira|fleuriste|boulanger|boulangère|boucher|bouchère|bibliothécaire|gardienne|arzthelferin|arzthelfer|sprechstundenhilfe|empfangsdame'.split('|'),
  ...'carrier|delivery person|postwoman|postie|handyman|builder|painter|decorator|gardener|nanny|babysitter|tutor|teacher|lecturer|professor|trainee|apprentice|intern|sales rep|account manager|estate agent|letting agent|caretaker|janitor|chauffeur|cabbie|taxi driver|bus driver|train manager|ticket inspector|flight attendant|cabin crew|purser|captain|midwife|surgeon|gp|paramedic|social worker'.split('|'),
  ...'spediteur|transporteur|lieferfahrer|paketzusteller|postbote|briefträger|azubi|auszubildende|praktikant|praktikantin|lehrer|lehrerin|hebamme'.split('|'),
  ...'facteur|factrice|postier|postière|stagiaire|apprenti|apprentie|professeur|animateur|animatrice|pilote|chef de rayon|chef d\'équipe|superviseur|vigile|guide'.split('|'),
  ...'cartero|cartera|mensajero|mensajera|becario|becaria|profesor|profesora|monitor|monitora|vigilante|supervisor|supervisora|teleoperador|teleoperadora|administrativo|administrativa'.split('|'),
  ...'postino|postina|spedizioniere|stagista|tirocinante|professore|professoressa|maestro|maestra|supervisore|centralinista'.split('|'),
  ...'postbode|stagiair|leraar|lerares|docent|begeleider|begeleidster|bewaker|conciërge|vertegenwoordiger|accountmanager|makelaar|taxichauffeur|buschauffeur|hoofdconducteur|verpleegkundige|huisarts|tandarts|fysiotherapeut'.split('|'),
  ...'ober|serveerster|chauffeur|bezorger|bezorgster|koerier|pakketbezorger|monteur|technicus|medewerker|medewerkster|verkoper|verkoopster|caissière|kassamedewerker|receptioniste|bedrijfsleider|filiaalmanager|adviseur|adviseuse|conducteur|instructeur|kapper|kapster|apotheker|loodgieter|elektricien|schoonmaker|schoonmaakster|beveiliger|gastvrouw|gastheer|eigenaar|eigenaresse|meneer|mevrouw'.split('|'),
];
// German compounds: "Servicemitarbeiterin", "Busfahrer", "Kundenberaterin".
const GERMAN_STAFF_SUFFIX = '\\p{L}{2,}(?:mitarbeiter|mitarbeiterin|berater|beraterin|fahrer|fahrerin|techniker|technikerin|leiter|leiterin|verkäufer|verkäuferin|kellner|kellnerin|zusteller|zustellerin|monteur|monteurin|kraft|bote|botin|meister|meisterin|leiterin|helfer|helferin|hilfe|medewerker|medewerkster|bezorger|bezorgster)';

// "a guy called X", "un certain X", "una tal X", "ene X"
const CALLED = [
  ...['called', 'named', 'by the name of', 'goes by', 'known as', 'who said his name was', 'who said her name was', 'gave his name as', 'gave her name as', 'his name is', 'her name is', 'his name was', 'her name was', 'introduced himself as', 'introduced herself as', 'whose badge said', 'whose name badge said', 'whose name tag said', 'badge said', 'name badge said', 'name tag said', 'badge read', 'name tag read', 'signed as', 'signed it', 'name tag that said', 'name badge that said', 'badge that said', 'tag that said', 'tag said', 'with the name', 'name tag with', 'badge with the name', 'lanyard said', 'lanyard read', 'his lanyard said', 'her lanyard said', 'name tag:', 'name badge:', 'badge:', 'lanyard:'],
  ...['badge indiquait', 'son badge indiquait', 'badge portait', 'avec le nom', 'avec le prénom', 'con el nombre', 'con el nombre de', 'com o nome', 'com o nome de', 'con il nome', 'con il nome di', 'cartellino con', 'naambordje met', 'naamkaartje met', 'namensschild mit', 'na plakietce', 'z imieniem', 'o imieniu', 'imieniem'],
  ...['namens', 'mit namen', 'mit dem namen', 'heißt', 'heisst', 'hieß', 'hiess', 'nannte sich', 'stellte sich als', 'stellte sich vor als', 'laut namensschild', 'auf dem namensschild stand', 'laut schild', 'laut namensschildchen', 'namensschild:', 'schild:', 'laut beleg', 'laut quittung', 'laut kassenbon'],
  ...['dénommé', 'dénommée', 'nommé', 'nommée', 'prénommé', 'prénommée', 'du nom de', "s'appelle", "s'appelait", 'appelé', 'appelée', 'se prénomme', 'se prénommait', 'dont le badge indiquait', 'sur son badge', 'se présentant comme'],
  ...['llamado', 'llamada', 'de nombre', 'se llama', 'se llamaba', 'se presentó como', 'según su placa', 'en su placa ponía', 'placa que ponía', 'la placa ponía', 'su placa decía', 'placa decía', 'que se llama'],
  ...['di nome', 'chiamato', 'chiamata', 'si chiama', 'si chiamava', 'tale', 'sul cartellino', 'con il cartellino', 'col cartellino', 'il cartellino diceva', 'si è presentato come', 'si è presentata come'],
  ...['genaamd', 'met de naam', 'heet', 'heette', 'volgens zijn naamkaartje', 'naamkaartje stond', 'naambordje stond', 'badge stond', 'volgens haar naamkaartje', 'stelde zich voor als'],
];
const ONLY_BEFORE_NAMES = ['nickname', 'nicknamed', 'his nickname', 'her nickname', 'spitzname', 'surnom', 'surnommé', 'surnommée', 'apodo', 'apodado', 'apodada', 'soprannome', 'bijnaam', 'alias', 'un certain', 'une certaine', 'un tal', 'una tal', 'un certo', 'una certa', 'ene', 'a certain', 'ein gewisser', 'eine gewisse', 'einem gewissen', 'einer gewissen', 'einen gewissen', 'um tal', 'uma tal', 'um certo', 'uma certa', 'een zekere', 'pewien', 'pewna', 'jakiś', 'jakaś'];

// "mit Anna", but "mit Münchner Kennzeichen" (German capitalises nouns): only a known given name follows.
const WEAK_PREPOSITIONS = ['mit'];
// "tell X", "spoke to X", "hablé con X": a given name (or a full name) must follow.
const VERBS = [
  ...['tell', 'ask', 'asked', 'ask for', 'asked for', 'spoke to', 'spoke with', 'speak to', 'speak with', 'speaking to', 'speaking with', 'talked to', 'talked with', 'talk to', 'talking to', 'dealt with', 'service from', 'help from', 'served by', 'helped by', 'assisted by', 'attended by', 'thanks to', 'thanks also to', 'thank you also to', 'also thanks to', 'thank', 'thanks', 'thank you', 'kudos to', 'shout out to', 'compliments to', 'cc', 'attn', 'attention', 'contacted', 'rang', 'phoned', 'met', 'according to', 'c/o', 'care of', 'congratulate', 'praise for', 'thank you to', 'thanks go to', 'big thanks to', 'shout-out to', 'shoutout to', 'props to', 'well done to', 'hats off to', 'grateful to', 'on behalf of', 'signed by', 'signed for by', 'signed for by a', 'sent by', 'handled by', 'seen by', 'treated by', 'escalated by', 'passed to', 'put through to', 'transferred to', 'emailed', 'e-mailed', 'messaged', 'texted', 'wrote to', 'written to', 'heard from', 'chatted with', 'reply from', 'replied to', 'a call from', 'a message from', 'my call with', 'a call with', 'the call with', 'chat with', 'a chat with', 'meeting with', 'an email from', 'an e-mail from'],
  ...['sagen sie', 'sag', 'fragen sie', 'fragen sie nach', 'fragen sie bitte nach', 'fragen sie doch nach', 'fragen sie einfach nach', 'bitte nach', 'fragte nach', 'fragt nach', 'gesprochen mit', 'sprach mit', 'telefoniert mit', 'telefonierte mit', 'danke an', 'dank an', 'grüße an', 'bedient von', 'beraten von', 'betreut von', 'lob an', 'lob für', 'dankeschön an', 'unterschrieben von', 'im auftrag von', 'im namen von', 'behandelt von', 'weitergeleitet an', 'verbunden mit', 'angerufen bei', 'laut', 'geschrieben an', 'schrieb an', 'gemailt an', 'nachricht an', 'mail an', 'e-mail an', 'anruf von', 'nachricht von', 'mail von'],
  ...['dites à', 'dis à', 'demandez à', 'demander à', 'demandez', 'parlé à', 'parlé avec', 'voir avec', 'vu avec', 'voyez avec', 'parler à', 'parler avec', 'discuté avec', 'merci à', 'grâce à', 'bravo à', 'servi par', 'servie par', 'reçu par', 'reçue par', 'aidé par', 'aidée par', 'conseillé par', 'conseillée par', 'de la part de', 'félicitations à', 'féliciter', 'remercier', 'remercie', 'remercions', 'au nom de', 'signé par', 'signée par', 'envoyé par', 'transféré à', 'passé à', 'eu au téléphone', 'eu affaire à', 'affaire à', 'écrit à', 'écrit aussi à', 'parlé aussi à', 'parlé aussi avec', 'écrit un mail à', 'envoyé un mail à', 'envoyé un courriel à', 'appelé', 'rappelé', 'contacté', 'selon', "d'après", 'un appel de', 'un mail de', 'un message de'],
  ...['dígale a', 'dile a', 'decirle a', 'pregunte por', 'pregunté por', 'preguntar por', 'hablé con', 'hablado con', 'hablar con', 'gracias a', 'agradecer a', 'atendido por', 'atendida por', 'atención de', 'la atención de', 'ayudado por', 'ayudada por', 'de parte de', 'felicitar a', 'felicitamos a', 'agradezco a', 'agradecer a', 'dar las gracias a', 'firmado por', 'enviado por', 'me atendió', 'nos atendió', 'me pasaron con', 'en nombre de', 'escribí a', 'escribí también a', 'hablé también con', 'le escribí a', 'mandé un correo a', 'le mandé un correo a', 'envié un correo a', 'llamé a', 'llamar a', 'llamara a', 'llame a', 'según', 'un correo de', 'un mensaje de', 'una llamada de'],
  ...['dite a', 'dire a', 'chiedete di', 'chiedere di', 'chiedete a', 'ho parlato con', 'parlato con', 'parlare con', 'grazie a', 'ringraziare', 'ringrazio', 'servito da', 'servita da', 'aiutato da', 'aiutata da', 'seguito da', 'seguita da', 'da parte di', 'complimenti a', 'ringraziamo', 'ringraziare', 'firmato da', 'inviato da', 'mi ha passato', 'a nome di', 'per conto di', 'ho scritto a', 'scritto a', 'scritto anche a', 'parlato anche con', 'ho chiamato', 'chiamato', 'secondo', 'una mail di', 'un messaggio di', 'una chiamata di'],
  ...['obrigado ao', 'obrigada ao', 'obrigado à', 'obrigada à', 'obrigado a', 'obrigada a', 'obrigado também ao', 'obrigada também ao', 'obrigado também à', 'obrigada também à', 'agradeço ao', 'agradeço à', 'agradecer ao', 'agradecer à', 'perguntem pela', 'perguntem pelo', 'pergunte pela', 'pergunte pelo', 'perguntar pela', 'perguntar pelo', 'falei com', 'falar com', 'zapytać o', 'zapytajcie o', 'proszę zapytać o', 'rozmawiałem z', 'rozmawiałam z', 'kontakt z'],
  ...['put me through to', 'put us through to', 'transfer me to', 'connect me with', 'connect me to', 'pass this to', 'pass this on to', 'pass it to', 'pass it on to', 'forward this to', 'forward it to', 'give this to', 'send', 'please send', 'thanks again to', 'just ask for', 'ask to speak to', 'ask to speak with', 'vraag maar naar', 'vraag even naar', 'fragen sie einfach nach', 'demandez à parler à', 'preguntad por', 'chiedi di'],
  ...['zeg tegen', 'bel', 'bel dan', 'bel even', 'vraag naar', 'vroeg naar', 'vroeg om', 'gevraagd naar', 'vraag dan naar', 'sprak met', 'gesproken met', 'spreken met', 'bedankt aan', 'dank aan', 'complimenten aan', 'geholpen door', 'bediend door', 'namens', 'dank je wel aan', 'complimenten voor', 'ondertekend door', 'doorverbonden met', 'gebeld met', 'contact gehad met', 'gemaild met', 'gemaild naar', 'geschreven naar', 'gebeld door', 'volgens', 'dankzij', 'een mail van', 'een bericht van'],
];

// thanks with an intensifier: "grazie mille a X", "un grand merci à X", "many thanks to X"; greetings from someone: "saluti da X"
VERBS.push(
  ...['many thanks to', 'big thanks to', 'special thanks to', 'huge thanks to', 'a big thank you to', 'shout-out to', 'shout out to', 'shoutout to', 'greetings from', 'love from'],
  ...['vielen dank an', 'herzlichen dank an', 'besonderen dank an', 'ein großes dankeschön an', 'großes lob an', 'ein lob an', 'grüße von', 'gruß von'],
  ...['merci beaucoup à', 'un grand merci à', 'mille mercis à', 'merci encore à', 'bravo à', 'salutations de', 'bises de'],
  ...['muchas gracias a', 'mil gracias a', 'un agradecimiento a', 'saludos de', 'un saludo de'],
  ...['grazie mille a', 'mille grazie a', 'un grazie a', 'un grazie speciale a', 'un ringraziamento a', 'saluti da', 'un saluto da'],
  ...['hartelijk dank aan', 'veel dank aan', 'dank u wel aan', 'bedankt aan', 'groeten van', 'een compliment voor', 'complimenten aan'],
);

const SIGN_OFFS = [
  ...['regards', 'kind regards', 'best regards', 'warm regards', 'warmest regards', 'kindest regards', 'many regards', 'with regards', 'best wishes', 'all the best', 'best', 'thanks', 'thank you', 'thanks again', 'many thanks', 'thanks in advance', 'thanks & regards', 'thanks and regards', 'cheers', 'sincerely', 'yours sincerely', 'sincerely yours', 'yours faithfully', 'yours truly', 'respectfully', 'warmly', 'love', 'take care', 'with thanks', 'greetings', 'signed', 'from', 'ta', 'thx', 'tia', 'speak soon', 'talk soon', 'all best', 'best wishes', 'yours', 'respectfully yours', 'thanks so much', 'thank you so much', 'many thanks again', 'thanking you', 'hope to hear from you soon', 'look forward to hearing from you', 'looking forward to hearing from you', 'xoxo', 'xx', 'xxx', 'hugs', 'love and hugs'],
  ...['grüße', 'gruß', 'gruss', 'grüsse', 'viele grüße', 'liebe grüße', 'beste grüße', 'herzliche grüße', 'freundliche grüße', 'mit freundlichen grüßen', 'mit freundlichen grüssen', 'mit freundlichem gruß', 'schöne grüße', 'lg', 'vg', 'mfg', 'hochachtungsvoll', 'danke', 'vielen dank', 'besten dank', 'danke und gruß', 'dankeschön', 'bis bald', 'freundliche grüsse', 'liebe grüsse', 'viele grüsse', 'beste grüsse', 'herzliche grüsse', 'mit freundlichem gruss', 'mit besten grüßen', 'mit besten grüssen', 'mit herzlichen grüßen', 'schöne grüsse', 'servus', 'tschüss', 'ciao', 'bis dann', 'danke im voraus', 'vielen dank im voraus', 'mit dank im voraus', 'dank im voraus', 'besten gruß', 'gruß und dank'],
  ...['cordialement', 'bien cordialement', 'très cordialement', 'salutations', 'sincères salutations', 'meilleures salutations', 'salutations distinguées', 'bien à vous', 'amicalement', 'merci', "merci d'avance", 'merci beaucoup', 'bonne journée', 'bonne soirée', 'à bientôt', 'respectueusement', 'bises', 'bisous', 'bonne continuation', 'bien à toi', 'à plus', 'salutations distinguées', 'sentiments distingués', 'mes salutations', 'meilleures salutations', 'avec mes remerciements', 'merci par avance', 'en vous remerciant', 'dans l\'attente de votre réponse', 'cdt', 'cdlt'],
  ...['saludos', 'un saludo', 'saludos cordiales', 'atentamente', 'muy atentamente', 'cordialmente', 'gracias', 'muchas gracias', 'un abrazo', 'abrazos', 'besos', 'hasta pronto', 'un cordial saludo', 'reciba un cordial saludo', 'un saludo cordial', 'saludos cordiales', 'gracias de antemano', 'quedo a la espera', 'quedo atento', 'quedo atenta', 'un beso', 'nos vemos', 'mil gracias', 'gracias por todo', 'reciban un saludo'],
  ...['cordiali saluti', 'distinti saluti', 'saluti', 'un saluto', 'grazie', 'grazie mille', 'a presto', 'buona giornata', 'un abbraccio', 'ciao', 'saluti cordiali', 'cordialmente', 'grazie in anticipo', 'buona serata', 'in attesa di un riscontro', 'in attesa di risposta', 'resto in attesa', 'un caro saluto', 'cari saluti', 'grazie ancora', 'baci'],
  ...['cumprimentos', 'melhores cumprimentos', 'com os melhores cumprimentos', 'atenciosamente', 'obrigado', 'obrigada', 'muito obrigado', 'muito obrigada', 'um abraço', 'abraços', 'beijinhos', 'saudações', 'z poważaniem', 'pozdrawiam', 'pozdrawiam serdecznie', 'serdecznie pozdrawiam', 'serdeczne pozdrowienia', 'pozdrowienia', 'z wyrazami szacunku', 'dziękuję', 'dziękuję bardzo', 'dziękuję z góry', 'dzięki'],
  ...['met vriendelijke groet', 'met vriendelijke groeten', 'vriendelijke groet', 'vriendelijke groeten', 'groeten', 'groetjes', 'groet', 'hartelijke groet', 'hartelijke groeten', 'met groet', 'mvg', 'bedankt', 'dank je', 'dank u', 'alvast bedankt', 'tot ziens', 'hoogachtend', 'fijne dag', 'gr', 'gr.', 'grt', 'grtz', 'm.v.g.', 'vr.gr.', 'vriendelijke groetjes', 'hartelijk dank', 'dank je wel', 'dank u wel', 'alvast dank', 'liefs', 'groetjes en bedankt', 'met hartelijke groet', 'tot snel'],
];

// Where a staff member stands: "X at the front desk", "X von der Rezeption", "X del mostrador".
const POSTS = [
  // where only a known given name may stand before them: "Callum from your returns team", "Anna von der Hotline"
  ...['from your', 'from the', 'at your', 'in your', 'of your', 'van de', 'van het', 'at the office', 'at the letting office', 'at the sales office', 'at the booking office', 'at the ticket office', 'at the box office', 'at the branch', 'at the agency', 'von ihrer', 'von ihrem', 'vom', 'von der', 'aus der', 'aus ihrem', 'aus ihrer', 'de votre', 'du service', 'de chez vous', 'de su', 'de vuestro', 'de vuestra', 'del vostro', 'della vostra', 'dal vostro', 'van jullie', 'van uw', 'bij jullie'],
  ...['at the front desk', 'at reception', 'at the reception', 'on reception', 'on the till', 'on the tills', 'at the till', 'at the checkout', 'at the counter', 'at the desk', 'at the bar', 'at the door', 'on the door', 'on the phone', 'on the chat', 'on chat', 'on your chat', 'on the live chat', 'on your live chat', 'on your helpline', 'on the helpline', 'on your hotline', 'on the hotline', 'from customer service', 'from customer services', 'from customer care', 'in customer care', 'from customer support', 'in customer service', 'in customer services', 'from support', 'from billing', 'in billing', 'from accounts', 'in accounts', 'from sales', 'from complaints', 'from your team', 'from the team', 'from housekeeping', 'in the kitchen', 'from head office', 'at head office', 'at the helpdesk', 'from the helpdesk'],
  ...['aus dem', 'from scheduling', 'from dispatch', 'from planning', 'from the office', 'from maintenance', 'from the warehouse', 'from logistics', 'from it', 'from hr', 'from finance', 'from payroll', 'from collections', 'from repairs', 'from returns', 'from claims', 'in it', 'in hr', 'in finance', 'in sales', 'in support', 'in dispatch', 'in returns', 'in payroll', 'in marketing', 'in the warehouse', 'in the back office'],
  ...['von der rezeption', 'an der rezeption', 'an der kasse', 'von der kasse', 'vom kundenservice', 'vom kundendienst', 'von der hotline', 'am empfang', 'vom empfang', 'an der theke', 'an der information', 'aus der buchhaltung', 'aus der filiale'],
  ...["de l'accueil", "à l'accueil", 'du service client', 'du service clients', 'à la caisse', 'de la caisse', 'de la réception', 'à la réception', 'au comptoir', 'du standard', 'du sav', 'au téléphone', 'au guichet'],
  ...['del mostrador', 'de recepción', 'de la recepción', 'en recepción', 'de atención al cliente', 'de la caja', 'en caja', 'de la tienda', 'del servicio técnico', 'al teléfono'],
  ...['della reception', 'alla reception', 'alla cassa', 'della cassa', 'del servizio clienti', "dell'assistenza", 'del negozio', 'al banco', 'allo sportello', 'al telefono', 'al centralino'],
  ...['van de kassa', 'aan de kassa', 'van de klantenservice', 'aan de balie', 'van de balie', 'bij de receptie', 'van de receptie', 'aan de receptie', 'van de winkel', 'van de servicedesk', 'aan de telefoon'],
];

// ---- reading a name ----
const WORD = /['’]t(?![\p{L}])|(?:\p{Lu}['’])?\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*/uy;
const BLANK = /[ \t]*/y;
const INITIALS = /(?:\p{Lu}\.[ \t]?){1,3}(?=(?:\p{Ll}{1,3}[ \t]+)?\p{Lu}\p{Ll})/uy;
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w);
const isCapitalisedWord = isCapitalised;
// a surname in capitals, as forms and French letters write it: "BERTRAND", "O'CONNOR", "LE GOFF"
const ALL_CAPS_NAME = /^\p{Lu}(?:['’]?\p{Lu}){1,}(?:-\p{Lu}{2,})?$/u;

function wordAt(text: string, at: number): { start: number; end: number; text: string } | null {
  WORD.lastIndex = at;
  const m = WORD.exec(text);
  if (!m) return null;
  // "Amelia's" is Amelia
  const text_ = m[0].replace(/['’]s$/u, '');
  return { start: at, end: at + text_.length, text: text_ };
}

function skipBlank(text: string, at: number): number {
  BLANK.lastIndex = at;
  return at + (BLANK.exec(text)?.[0].length ?? 0);
}

const notAName = (word: string, strength: Strength) => (strength === 'strong' ? isNotANameEvenAfterCue(word) : isNotAName(word) && !(strength === 'medium' && isWordName(word)));

// (a lower-case word before a capitalised name is a title: "el mecánico, don Evaristo")
function acceptsFirst(word: string, strength: Strength, followedByName: boolean, lowercase: boolean, followedByCapital = false, lowerWriter = false, allCaps = false): boolean {
  if (notAName(word, strength)) return false;
  if (allCaps && ALL_CAPS_NAME.test(word)) return strength === 'strong';
  if (!isCapitalised(word)) return lowercase && (strength === 'strong' || lowerWriter) && isGivenName(word) && !followedByCapital;
  if (strength === 'strong') return true;
  if (strength === 'medium') return isGivenName(word) || followedByName || isWordName(word);
  return isGivenName(word);
}

/** The name (1–3 words, particles allowed between them) starting at `at`, if `strength` lets it be one. */
interface ReadOptions {
  /** The name may start with a particle ("meneer de Boer"). */
  particleFirst?: boolean;
  /** A lower-case given name counts ("my name is john"); not after "the coach was late". */
  lowercase?: boolean;
  /** The writer does not capitalise: a lower-case given name counts after weaker cues too ("ik belde met joost"). */
  lowerWriter?: boolean;
  /** A name in capitals counts ("M. BERTRAND", "NAME: MARY O'CONNOR"): after a title or a form's label. */
  allCaps?: boolean;
  /** A word some list has in lower case (with the word lists): it does not end a lower-case name ("herrn schneider gesprochen."). */
  isCommon?: (word: string) => boolean;
}

export function readName(text: string, at: number, strength: Strength, { particleFirst = false, lowercase: lowercaseOk = false, lowerWriter = false, allCaps = false, isCommon }: ReadOptions = {}): PiiSpan | null {
  const isCapitalised = (w: string) => isCapitalisedWord(w) || (allCaps && ALL_CAPS_NAME.test(w));
  let p = skipBlank(text, at);
  // initials and a surname: "J.W. Kuipers", "H. Dunmore", "K. de Graaf"
  INITIALS.lastIndex = p;
  const initials = strength === 'weak' ? null : INITIALS.exec(text);
  if (initials) {
    let surname = wordAt(text, p + initials[0].length);
    if (surname && PARTICLES.has(surname.text)) surname = wordAt(text, skipBlank(text, surname.end));
    if (surname && isCapitalised(surname.text) && !isNotANameEvenAfterCue(surname.text)) return { start: p, end: surname.end, kind: 'name' };
  }
  let first = wordAt(text, p);
  if (!first) return null;
  if (particleFirst && PARTICLES.has(first.text.toLowerCase())) {
    // "meneer de Boer", "Herr von Weizsäcker": the particle belongs to the name
    let next = wordAt(text, skipBlank(text, first.end));
    // "Van den Berg", "de la Fuente"
    if (next && PARTICLES.has(next.text.toLowerCase())) next = wordAt(text, skipBlank(text, next.end));
    if (next && isCapitalised(next.text) && !notAName(next.text, strength)) first = { start: first.start, end: next.end, text: next.text };
    else return null;
  }
  const lowercase = !isCapitalised(first.text);
  const words = [first];
  p = first.end;
  // a German or Dutch genitive ends the name: "laut Mehmets Nachricht", "Jans fiets"
  // (a noun after it: not the surname "Herrn Albers aus der Buchhaltung")
  const genitive = /^\p{Lu}\p{Ll}+s$/u.test(first.text) && !isGivenName(first.text) && isGivenName(first.text.slice(0, -1)) && /^[ \t]+\p{Lu}\p{Ll}/u.test(text.slice(first.end, first.end + 3));
  if (genitive) return acceptsFirst(first.text.slice(0, -1), strength, false, false) ? { start: first.start, end: first.end - 1, kind: 'name' } : null;
  while (words.length < 3) {
    let q = skipBlank(text, p);
    if (q === p || text[p] === '\n') break;
    let next = wordAt(text, q);
    // particles between two parts of a name
    // ("Yvette Le Goff", "Marco De Luca": capitalised too, when a capitalised word follows)
    // (not a conjunction between given names: "Álex y Nerea", "Jordi i Marta" are two people; "Puig i Serra" is one)
    for (let i = 0; i < 2 && next && PARTICLES.has(next.text.toLowerCase()) && !lowercase; i++) {
      const after = wordAt(text, skipBlank(text, next.end));
      if (CONJUNCTION_PARTICLES.has(next.text) && after && isGivenName(after.text) && isGivenName(words[words.length - 1].text)) break;
      next = wordAt(text, (q = skipBlank(text, next.end)));
    }
    if (next && CONJUNCTION_PARTICLES.has(next.text)) break;
    if (!next) break;
    // a lowercase surname only where the name visibly ends ("my name is john smith.") – else "john booked…" would count
    const fits = lowercase
      ? !isFunctionWord(next.text) && !isNotAName(next.text) && /^\p{Ll}+$/u.test(next.text) && (isGivenName(next.text) || (/^[ \t]*(?:[.,;!?)]|\r?\n|$)/.test(text.slice(next.end, next.end + 3)) && !isCommon?.(next.text)))
      : isCapitalised(next.text) && !notAName(next.text, strength);
    if (!fits) break;
    words.push(next);
    p = next.end;
  }
  if (!acceptsFirst(first.text, strength, words.length > 1, lowercaseOk || lowerWriter, lowercase && /^[ \t]+(?:\p{Lu}|\uE000)/u.test(text.slice(first.end, first.end + 3)), lowerWriter, allCaps)) return null;
  // a lowercase "name" of two words needs its first word to be a known given name (checked above)
  // a signature's initial after the name: "Claire D.", "Tom K.," (before the line or the clause ends)
  const initial = lowercase ? null : /^[ \t]+\p{Lu}\.(?=[ \t]*(?:[,;]|\r?\n|$))/u.exec(text.slice(p, p + 8));
  return { start: words[0].start, end: words[words.length - 1].end + (initial?.[0].length ?? 0), kind: 'name' };
}

const LIST_GOES_ON = /^[ \t]*(?:,|(?:and|&|et|und|y|e|en|i)(?![\p{L}]))/u;
const CONJUNCTION_PARTICLES = new Set(['y', 'i']);
// three or more known given names in a list, wherever it stands: "Jürgen, Mehmet und Katja aus meinem Team"
// (or three by commas, however the list ends: "Bill, Cliff, Dale and the trainee")
const NAME_LIST = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:(?:[ \t]*,[ \t]*\p{Lu}\p{Ll}+)+[ \t]*,?[ \t]+(?:and|&|et|und|y|e|en|i)[ \t]+\p{Lu}\p{Ll}+|(?:[ \t]*,[ \t]*\p{Lu}\p{Ll}+){2,})(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:[ \t]*,[ \t]*\p{Lu}\p{Ll}+)+[ \t]*,?[ \t]+(?:and|&|et|und|y|e|en|i)[ \t]+(?=\uE000)/gu;
// "Pilar y a Rosario", "Rosa e a Franco", "Roos en aan Bas": the preposition may come again
const COORDINATION = /[ \t]*,?[ \t]*(?:and|&|et|und|y|e|en|or|oder|ou|o|of)(?:[ \t]+(?:a|à|to|an|aan|al|alla|ad))?[ \t]+/y;
// the end of a signature line, or a comma and contact details already found ("Claudia Reinholz, [ADDRESS]", "Manuela Pini, tel. [PHONE]")
// (a note in brackets may follow, "(patient's daughter)", or the family: "Encarnación Prieto y familia")
const LINE_END = /[ \t]*(?:[.!,]?[ \t]*(?:\((?:Mrs?|Ms|Miss|Dr|Mme|Sra?|Sig\.ra)\.?\)|\(\p{Ll}[\p{L}'’ -]{1,28}\)|(?:and|&|und|et|y|e|en|i)[ \t]+(?:family|familie|famille|familia|famiglia|família|rodzina))?[ \t]*(?:\r?\n|$)|[,|–—-][ \t]*(?:\p{L}{1,6}\.?:?[ \t]*)?\uE000)/uy;

/** The name at `at` and any joined to it ("Noah and Mia"); null when none, or when `atLineEnd` and the line goes on. */
function readNames(text: string, at: number, strength: Strength, atLineEnd = false, opts: ReadOptions = {}): PiiSpan[] | null {
  const first = readName(text, at, strength, opts);
  if (!first) return null;
  const found = [first];
  // a list: "Yasmina, Bastien et Chloé" (given names after commas, while the list goes on)
  for (let i = 0; i < 8; i++) {
    const comma = /^[ \t]*,[ \t]*/.exec(text.slice(found[found.length - 1].end, found[found.length - 1].end + 6));
    if (!comma) break;
    const next = readName(text, found[found.length - 1].end + comma[0].length, 'weak');
    if (!next || !LIST_GOES_ON.test(text.slice(next.end, next.end + 12))) break;
    found.push(next);
  }
  COORDINATION.lastIndex = found[found.length - 1].end;
  const joined = COORDINATION.exec(text);
  if (joined) {
    // joined to a name, a capitalised word is a name too: "Alastair & Morag"
    // a title or role may stand before it: "Gudrun und Pfleger Mats"
    let at = found[found.length - 1].end + joined[0].length;
    const title = wordAt(text, at);
    if (title && isPeopleWord(title.text) && /^[ \t]+\p{Lu}/u.test(text.slice(title.end, title.end + 3))) at = skipBlank(text, title.end);
    const second = readName(text, at, 'strong');
    if (second && isCapitalised(text.slice(second.start, second.end))) found.push(second);
  }
  if (atLineEnd) {
    LINE_END.lastIndex = found[found.length - 1].end;
    if (!LINE_END.test(text)) return null;
  }
  return found;
}

// articles that stand before a noun and seldom before a given name (not "der", "die", "la": "die Anna")
// (not a capital "A" or "O" at a sentence's start, the Portuguese article before a given name: "A Luz foi simpática")
const NOUN_ARTICLE = /(?:^|[^\p{L}])(?:the|an|im|am|ins|zum|zur|vom|beim|ein|eine|einen|einem|le|les|un|une|du|au|aux|el|los|las|una|lo|gli|uno|het|een|al|nel|sul|allo|nello|sullo)[ \t]+$/iu;
const A_ARTICLE = /(?:^|[^\p{L}])a[ \t]+$|[^.!?\n\s][ \t]+A[ \t]+$/u;

// the definite articles of German and the Romance ones, before a surname that is a word: "la Ferrari rossa" (not "la Giulia", a given name)
const DEFINITE_ARTICLE = /(?:^|[^\p{L}])(?:der|die|das|den|dem|des|la|il)[ \t]+$/iu;

const GERMAN_DUTCH_ARTICLE = /(?:^|[^\p{L}])(?:der|die|das|den|dem|des|am|im|beim|zum|zur|vom|ein|eine|einem|einen|einer|kein|keine|de|het|een)[ \t]+$/iu;

// ---- the passes ----
// lower-case vocabularies matched on scan.folded(), without the slow-to-compile `i` flag
const cue = (alternatives: readonly string[], sep = SEP) => new RegExp(`${CUE_START}(?:${oneOf(alternatives)})${sep}`, 'gu');

const HONORIFIC_CUE = new RegExp(`${CUE_START}(?:(?:${oneOf(HONORIFICS)})(?:\\.|(?=[ \\t]))|M\\.|Sig\\.ra|Dott\\.ssa)[ \\t]*(?:(?:med|dent|vet|rer\\. nat|phil|jur)\\.[ \\t]*)?`, 'gu');
// Written in lower case too ("signor Bruno", "meneer de Boer"); not "miss", "sir", "dr"… which are also words.
const HONORIFIC_CUE_CI = new RegExp(
  `${CUE_START}(?:${oneOf(['herr', 'herrn', 'frau', 'monsieur', 'madame', 'mademoiselle', 'señor', 'señora', 'señorita', 'doña', 'signor', 'signora', 'signorina', 'sig.', 'sig.ra', 'dott.', 'dott.ssa', 'dottor', 'dottore', 'dottoressa', 'ing.', 'avv.', 'meneer', 'mevrouw', 'mevr.', 'dhr.', 'mw.', 'mijnheer', 'juffrouw', 'heer', 'mr.', 'mrs.', 'ms.', 'mme', 'mlle', 'sr.', 'sra.', 'srta.',
    // family and care titles used as a form of address: "Uncle Des", "tata Josiane", "suor Agnese", "Schwester Gudrun", "don Evaristo"
    'uncle', 'auntie', 'aunty', 'onkel', 'tante', 'tata', 'tatie', 'tonton', 'zia', 'zio', 'tía', 'tío', 'tia', 'tio', 'oom', 'suor', 'sœur', 'soeur', 'schwester', 'pfleger', 'pflegerin', 'nurse', 'don', 'dona', 'dokter', 'zuster', 'senhor', 'senhora', 'pan', 'pani', 'panią', 'pana', 'panu', 'panem',
    // a family by its surname: "bei Familie Krause", "(familie Visser)", "la famille Martin", "la familia Ortega"
    'familie', 'famille', 'familia', 'famiglia', 'família'])})(?![\\p{L}])[ \\t]*`,
  'giu',
);
const FAMILY_SIGNING = /(?<=(?:^|[\n.!?])[ \t]{0,12})((?:Famille|Familie|Familia|Famiglia|Família|Family|famille|familie)[ \t]+(?:(?:van|von|de|di|da|del|der|den|ter)[ \t]+)?(\p{Lu}[\p{L}'’-]+))(?=[ \t]*(?:\r?\n|$))/dgu;
const INTRO_STRONG_CUE = cue(INTRO_STRONG);
// (the bracket's content is split in the callback: a name or a masked name between question marks, commas, slashes, "or")
const BRACKETED_NAMES = /\(([^()\n]{2,60})\)/gu;
const INTRO_WEAK_CUE = cue(INTRO_WEAK);
// "hi im sarah", but not German "im Keller", "im Ernst": only where a sentence or a greeting ends
// (the letters first, then what stands before them: a look-behind over blanks tried at every position of a long run of them is quadratic)
const IM_CUE = /(?:^|(?=im[ \t])(?:(?<=[\n.!?,][ \t]{0,8})|(?<=(?:^|[^\p{L}])(?:hi|hello|hey|hiya|and|but|so)[ \t]{1,8})))im[ \t]+/gu;
// "my wife X", "[NAME]'s manager X", "one of your cashiers, X", "mon épouse (Martine)", "(Ehefrau Gisela", "la moglie di Renato"
const PEOPLE_WORD = `(?:${oneOf(PEOPLE)}|${GERMAN_STAFF_SUFFIX})(?:s|es|n|en|nen|innen)?(?![\\p{L}])`;
const OF = ['of', 'von', 'de', 'di', 'del', 'della', 'van', 'da', 'du', 'des'];
const PEOPLE_CUE = new RegExp(
  `(?:(?:${CUE_START}(?:${oneOf(DETERMINERS)})(?:[ \\t]+|(?<=['’]))|(?<![\\p{L}\\p{N}\uE000])[\\p{L}\uE000]+['’]s[ \\t]+)(?:[\\p{L}'’-]+[ \\t]+){0,2}?|(?<=\\()[ \\t]*)${PEOPLE_WORD}(?:[ \\t]+(${oneOf(COPULA)})(?![\\p{L}])|[ \\t]+(${oneOf(OF)})(?![\\p{L}]))?(?:${SEP}\\(?[ \\t]*|[ \\t]*\\([ \\t]*)`,
  'gu', // on scan.folded()
);
// A role as a title, without a determiner: "Anwohnerin Renate Seidel", "aan kok Hamza", "Chef Gordon".
// Any word before a capitalised one, looked up in a set: a regex alternation tried at every word would be slow.
const ROLE_COLON = /(?<![\p{L}\p{N}])(\p{L}[\p{L}'’-]*)[ \t]*:[ \t]*(?=\p{Lu})/gu;
const WORD_BEFORE_CAPITAL = /(?<![\p{L}\p{N}])(\p{L}[\p{L}'’-]*)[ \t]+(?=\p{Lu}\p{Ll})/gu;
const PEOPLE_SET = new Set(PEOPLE.filter((w) => !w.includes(' ')).map((w) => w.toLowerCase()));
const PEOPLE_PHRASES = new Set(PEOPLE.filter((w) => w.includes(' ')).map((w) => w.toLowerCase()));
const GERMAN_STAFF = new RegExp(`^${GERMAN_STAFF_SUFFIX}$`, 'iu');
const isPeopleWord = (w: string) => {
  const l = w.toLowerCase();
  return PEOPLE_SET.has(l) || PEOPLE_SET.has(l.replace(/e?s$/, '')) || GERMAN_STAFF.test(l);
};
const PEOPLE_CALLED_CUE = new RegExp(
  `${CUE_START}(?:${oneOf(PEOPLE)}|${GERMAN_STAFF_SUFFIX}|${oneOf(['someone', 'somebody', 'person', 'jemand', "quelqu'un", 'alguien', 'qualcuno', 'iemand', 'one'])})[ \\t]*,?[ \\t]+(?:${oneOf(CALLED)})${SEP}`,
  'gu', // on scan.folded()
);
const CALLED_CUE = cue(CALLED);
// cue words that are given names too ("Secondo Marco Leone", "Laut Herrn…"): never the first half of the name after them
const CUE_WORDS = new Set([...VERBS, ...CALLED, ...INTRO_WEAK].filter((c) => !c.includes(' ')));
const BOOKED_UNDER_CUE = cue(BOOKED_UNDER);
const WEAK_PREPOSITION_CUE = cue(WEAK_PREPOSITIONS);
// a name right after one already found: "[NAME] and Sophie", "[NAME] & Morag"
// …or to someone after them: "spoke to [NAME], then to Priyanka"
const AFTER_FOUND_NAME = /(?<!\uE000)\uE000+[ \t]*,?[ \t]*(?:(?:and[ \t]+)?then[ \t]+(?:to|with)|puis[ \t]+(?:à|avec)|dann[ \t]+(?:mit|an)|luego[ \t]+(?:con|a)|poi[ \t]+(?:con|a)|daarna[ \t]+(?:met|aan)|and|&|et|und|y|e|en|or|oder|ou|o)[ \t]+/gu;
// a line that ends with a sign-off, however it began: "Veuillez agréer mes salutations distinguées.\nName"
const SIGN_OFF_LINE_END = new RegExp(`(?<![\\p{L}])(?:${oneOf(SIGN_OFFS)})[ \\t]*[,.!]?[ \\t]*\\r?\\n[ \\t]*(?:[-–—]+[ \\t]*)?`, 'giu');
const ONLY_NAMES_CUE = cue(ONLY_BEFORE_NAMES);
// (an adverb may follow: "je remercie aussi Yasmina", "thank also Ana")
const ADVERB = oneOf(['also', 'too', 'again', 'auch', 'nochmal', 'aussi', 'encore', 'también', 'tambien', 'anche', 'ancora', 'ook', 'nog']);
const VERB_CUE = new RegExp(`${CUE_START}(?:${oneOf(VERBS)})${SEP}(?:(?:${ADVERB})${SEP})?`, 'gu');
// (a second greeting after the first: "Estimada Sra. Martínez: Querida Carmen:", "Geachte mevrouw Jansen, Beste Fleur,")
const GREETING_CUE = new RegExp(`(?:^|(?<=[\\n.!?:;,]))[ \\t]*(?:${oneOf(GREETINGS)})[ \\t]*,?[ \\t]+`, 'giu');
// Dutch and German put the verb last: "dat hij Youssef heette", "dass er Dominik hieß"
// "er hat sich als Vogel vorgestellt", "sie hat sich mir als Frau Winter vorgestellt"
const ALS_VORGESTELLT = /(?<![\p{L}])als[ \t]+(\p{Lu}[\p{L}'’-]+)(?=[ \t]+(?:vorgestellt|ausgegeben)(?![\p{L}]))/dgu;
const NAME_BEFORE_VERB = new RegExp(`${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]+(?:heette|heet|hieß|heißt|hiess|heisst)(?![\\p{L}]))`, 'dgu');
// a given name as the subject of what staff said: "Brittany said to wait", "Nico meinte", "Óscar nos dijo"
const SAID = [
  ...['said', 'says', 'told', 'tells', 'explained', 'promised', 'assured', 'insisted', 'replied', 'answered', 'claimed', 'informed', 'advised', 'confirmed'],
  ...['sagte', 'sagt', 'meinte', 'meint', 'erklärte', 'versprach', 'behauptete', 'hat gesagt', 'hat mir', 'hat uns', 'hat mich', 'bat mich', 'hat angerufen', 'rief an'],
  ...['a dit', "m'a dit", 'nous a dit', 'a expliqué', 'a promis', 'a affirmé', 'a répondu', "m'a répondu", 'disait'],
  ...['dijo', 'me dijo', 'nos dijo', 'explicó', 'prometió', 'aseguró', 'insistió', 'respondió', 'contestó', 'dice'],
  ...['ha detto', 'mi ha detto', 'ci ha detto', 'ha spiegato', 'ha promesso', 'ha assicurato', 'ha risposto', 'diceva', 'dice'],
  ...['zei', 'zegt', 'beloofde', 'legde uit', 'antwoordde', 'heeft gezegd', 'verzekerde'],
];
// …or of what staff did for the writer: "Carmen nos atendió", "Alba ci ha servito", "Noor heeft ons geholpen"
SAID.push(
  ...['served us', 'served me', 'helped us', 'helped me', 'looked after us', 'looked after me', 'took care of us', 'took our order', 'checked us in'],
  ...['hat uns bedient', 'hat mich bedient', 'hat uns geholfen', 'hat mir geholfen', 'hat uns beraten', 'hat mich beraten', 'bediente uns', 'half uns', 'half mir'],
  ...['nous a servis', 'nous a servi', "m'a servi", 'nous a aidés', 'nous a aidé', "m'a aidé", "m'a aidée", "s'est occupé", "s'est occupée", 'nous a accueillis'],
  ...['nos atendió', 'me atendió', 'nos ayudó', 'me ayudó', 'nos sirvió', 'me sirvió', 'nos recibió', 'nos ha atendido', 'me ha atendido'],
  ...['ci ha servito', 'ci ha serviti', 'mi ha servito', 'ci ha aiutato', 'ci ha aiutati', 'mi ha aiutato', 'mi ha aiutata', 'ci ha accolto', 'ci ha accolti', 'ci ha seguito', 'ci ha seguiti'],
  ...['heeft ons geholpen', 'heeft mij geholpen', 'heeft me geholpen', 'hielp ons', 'hielp mij', 'bediende ons', 'heeft ons bediend'],
);
// …or of what staff did or were, in the words of a complaint: "Rob refunded us", "Crystal was off sick", "Fuchs hat aufgelegt"
SAID.push(
  ...['refunded', 'apologised', 'apologized', 'helped', 'fixed', 'sorted', 'phoned', 'rang', 'emailed', 'hung up', 'laughed', 'shouted', 'ignored', 'refused', 'offered', 'forgot', 'promised', 'insisted', 'admitted', 'agreed', 'denied', 'suggested', 'arranged', 'booked', 'cancelled', 'canceled', 'delivered', 'dropped', 'left us', 'left me', 'kept us', 'kept me', 'made us', 'made me', 'gave us', 'gave me', 'sent us', 'sent me', 'brought us', 'showed us', 'showed me', 'took our', 'took my', 'handled', 'dealt with', 'went above', 'went out of', 'was rude', 'was so rude', 'was very', 'was lovely', 'was helpful', 'was unhelpful', 'was brilliant', 'was amazing', 'was fantastic', 'was excellent', 'was great', 'was polite', 'was friendly', 'was kind', 'was patient', 'was off sick', 'was off', 'was on shift', 'was on duty', 'was the only', 'was dismissive', 'was aggressive'],
  ...['war unfreundlich', 'war freundlich', 'war sehr', 'war super', 'war unverschämt', 'hat aufgelegt', 'hat sich entschuldigt', 'hat gelacht', 'hat geholfen', 'hat versprochen', 'hat uns ignoriert', 'entschuldigte sich', 'legte auf'],
  ...["a raccroché", "s'est excusé", "s'est excusée", 'a été très', 'a été', 'était très', 'nous a ignorés', 'a refusé', 'a rigolé'],
  ...['se disculpó', 'colgó', 'fue muy', 'fue un', 'fue una', 'era muy', 'nos ignoró', 'se negó', 'se rió'],
  ...['ha riattaccato', 'si è scusato', 'si è scusata', 'è stato molto', 'è stata molto', 'era molto', 'ci ha ignorati', 'si è rifiutato', 'si è rifiutata'],
  ...['heeft opgehangen', 'hing op', 'was erg', 'was heel', 'was onbeleefd', 'was vriendelijk', 'bood excuses aan', 'heeft ons genegeerd'],
);
const NAME_BEFORE_SAID = new RegExp(`${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=["”“»]?[ \\t]+(?:${oneOf(SAID)})(?![\\p{L}]))`, 'dgu');
// feedback on staff by name, a dash and a verdict: "Stacey – thanks. Brandon – not so much."
const NAME_DASH_VERDICT = /(?<=(?:^|[.!?\n])[ \t]{0,12})(\p{Lu}\p{Ll}+)(?=[ \t]+[–—-][ \t]+\p{Ll})/dgu;
// a numbered list of people: "1) Carl Jenkins, 2) Bettina, 3) the security guard"
const NUMBERED_ITEM = /(?<![\p{L}\p{N}])\d{1,2}[).][ \t]+(?=\p{Lu})/gu;
// someone with the writer: "Mark and I", "Tom und ich", "Alba e io", "moi et Claire", "ik en Joost"
const NAME_AND_I = new RegExp(
  `(?:${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=(?:[ \\t]*,[ \\t]*(?:\\p{Lu}[\\p{L}'’-]+|\uE000+)){0,6}[ \\t]+(?:${oneOf(['and I', 'and me', 'and myself', 'und ich', 'et moi', 'y yo', 'e io', 'en ik'])})(?![\\p{L}]))|(?=\\p{Lu})(?<=${CUE_START}(?:${oneOf(['me and', 'ich und', 'moi et', 'yo y', 'io e', 'ik en'])})[ \\t]+)(\\p{Lu}[\\p{L}'’-]+)(?![\\p{L}]))`,
  'dgu',
);
// "I asked his name and he said Tony.": a given name closing the clause after "he said"
const HE_SAID_CUE = new RegExp(
  `${CUE_START}(?:${oneOf(['he', 'she', 'er', 'sie', 'il', 'elle', 'él', 'ella', 'lui', 'lei', 'hij', 'zij', 'ze'])})[ \\t]+(?:${oneOf(['said', 'replied', 'answered', 'sagte', 'meinte', 'antwortete', 'a dit', 'a répondu', 'dijo', 'contestó', 'respondió', 'ha detto', 'ha risposto', 'rispose', 'zei', 'antwoordde'])})[ \\t]+(?:(?:${oneOf(['it was', "it's", 'es sei', "c'était", 'era', 'dat het'])})[ \\t]+)?(?=\\p{Lu}[\\p{L}'’-]+[ \\t]*(?:[.,;!)]|$))`,
  'gu',
);
// a writer naming themself after "me": "call me back, Monika Wirth, on…", "Rückruf an mich, Monika Wirth"
const ME_COMMA_CUE = new RegExp(`${CUE_START}(?:${oneOf(['me', 'mich', 'mir', 'moi', 'mí', 'mij', 'me stesso', 'me stessa'])})[ \\t]*,[ \\t]+(?=\\p{Lu})`, 'gu');
// a list after "Passengers:" goes on after commas
const LIST_CUE = cue(LISTS);
const SIGN_OFF_CUE = new RegExp(
  `(?:^|(?<=[\\n.!?:;)]))[ \\t]*(?:${oneOf(SIGN_OFFS)})(?![\\p{L}])(?:[ \\t]+(?:from|aus|uit|de|desde|da|dal|dalla|van|vanuit)[ \\t]+\\p{Lu}[\\p{L}-]*(?:[ \\t]+\\p{Lu}[\\p{L}-]*)?)?[ \\t]*[,.!:;–—-]?[ \\t]*(?:\\r?\\n[ \\t]*)*(?:[-–—]+[ \\t]*)?(?:(?:eure|euer|dein|deine|votre|ton|ta|tu|vuestra|vuestro|la vostra|il vostro|la tua|il tuo|jullie|je|your)[ \\t]+(?=\\p{Lu}))?`,
  'giu',
);
// (particles may stand before the surname: "J.-B. de La Tour", "P.J. van der Berg")
const INITIALLED_NAME = /(?<![\p{L}\p{N}.])(?:\p{Lu}\.[ \t]?(?:-[ \t]?)?\p{Lu}\.|\p{Lu}\.[ \t]?\p{Lu}\.[ \t]?\p{Lu}\.)[ \t]?(?:(?:[Dd]e|[Ll]a|[Ll]e|[Vv]an|[Vv]on|der|den|[Dd]i|[Dd]a|[Dd]u|[Dd]el|[Dd]ella|[Dd]al|ten|ter|zu)[ \t]+){0,2}(\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?|\uE000+)(?![\p{L}\p{N}])/gu;
const DELIMITER_CUE = /(?:^|\n)[ \t]*(?:--|—|–|-|_{2,})[ \t]*(?:\r?\n[ \t]*)?/g;
const INLINE_DASH_CUE = /[ \t](?:--|—|–|-)[ \t]*/g;
const APPOSITION_COPULA = ['that is', "that's", 'who is', "who's", 'das ist', 'der ist', 'die ist', "c'est", 'qui est', 'que es', 'quien es', 'che è', 'dat is', 'die is'];
const APPOSITION_DETERMINERS = ['his', 'her', 'their', 'sa', 'son', 'su', 'sua', 'suo', 'zijn', 'haar', 'sein', 'seine', 'the', 'our', 'your', 'la', 'le', 'el', 'der', 'die', 'de', 'il', 'notre', 'votre', 'nuestra', 'nuestro', 'vostra', 'vostro', 'nostra', 'nostro', 'uw', 'onze', 'unser', 'unsere', 'ihr', 'ihre', 'Ihr', 'Ihre'];
const APPOSITION_POSSESSIVES = ['my', 'mon', 'ma', 'mi', 'mio', 'mia', 'mijn', 'mein', 'meine'];
const APPOSITION = new RegExp(
  `${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]*,?[ \\t]+(?:${oneOf(APPOSITION_DETERMINERS)})(?:[ \\t]+|(?<=['’]))(?:${oneOf(PEOPLE.filter((p) => p.length > 3))})(?![\\p{L}]))`,
  'dgu',
);
// After a comma the role may be capitalised (German nouns) and may follow "that's" or "my": "bei Kevin, das
// ist mein Chef", "Sarah, my manager, said"; not at a line's start, where "Dag, mijn zoon…" is a greeting.
const APPOSITION_COMMA = new RegExp(
  `(?<=[\\p{L}\\p{N},;:)][ \\t]+|\\()(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]*,[ \\t]+(?:(?:${oneOf(APPOSITION_COPULA)})[ \\t]+)?(?:${oneOf([...APPOSITION_DETERMINERS, ...APPOSITION_POSSESSIVES])})(?:[ \\t]+|(?<=['’]))(?:${oneOf(PEOPLE.filter((p) => p.length > 3))})(?![\\p{L}]))`,
  'dgiu',
);
// "Gwenaëlle, qui a retrouvé la bague", "Imogen, who found it": a given name before a relative pronoun
const BEFORE_RELATIVE = new RegExp(`${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=[ \\t]*,[ \\t]*(?:who|whom|qui|che|que|quien|die|der|welche|welcher)(?![\\p{L}]))`, 'dgu');
// (the role is looked up in a set, not a large case-insensitive alternation, which V8 is slow to compile natively)
const JOINED_BEFORE_DESCRIBED = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'’-]+)[ \t]+(?:and|&|und|et|y|e|en|i)[ \t]+(\uE000+|\p{Lu}[\p{L}'’-]+)[ \t]*,[ \t]*(\p{L}+(?:[ \t]+\p{L}+)?)[ \t]+(\p{L}[\p{L}-]*)/dgu;
const DESCRIBED_DETERMINERS = new Set(['my', 'our', 'mes', 'nos', 'mis', 'nuestros', 'nuestras', 'i miei', 'le mie', 'i nostri', 'le nostre', 'meine', 'unsere', 'mijn', 'onze', 'the', 'les', 'los', 'las', 'die', 'de']);
const POST_AFTER = new RegExp(`^[ \\t]*,?[ \\t]+(?:${oneOf(POSTS)})(?![\\p{L}])`, 'iu');
const NAME_BEFORE_ROLE_BRACKET = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?)[ \t]*\([ \t]*(?:(?:the|our|my|your|a|an|die|der|unser|unsere|mein|meine|ihr|ihre|la|le|l'|el|il|lo|de|het|onze|mijn|notre|votre|ma|mon|mi|nuestra|nuestro|su|mia|mio|vostra|vostro|a|o)[ \t]+)?(\p{L}[\p{L}-]*(?:[ \t]+\p{L}[\p{L}-]*)?)[ \t]*[),]/dgu;
const POSSESSIVE_RELATION = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)['’]s[ \t]+(\p{Ll}[\p{L}-]+)/dgu;
const POST_CUE = new RegExp(`${CUE_START}(\\p{Lu}[\\p{L}'’-]+)(?=["”“»']?[ \\t]*,?[ \\t]+(?:${oneOf(POSTS)})(?![\\p{L}]))`, 'dgiu');
// two given names joined by a hyphen are one: "Jean-Pierre", "Karl-Heinz", "Anne-Sophie" (not "Rolls-Royce", "Alsace-Lorraine")
const HYPHENATED_GIVEN = /(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}+)-(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}'’-])/dgu;
// A staff member named after a phrase: "la commessa del negozio di Torino, Federica, mi ha detto"
const DESCRIBED_CUE = new RegExp(
  `${CUE_START}(?:${oneOf(DETERMINERS)})(?:[ \\t]+|(?<=['’]))(?:${oneOf(PEOPLE.filter((p) => p.length > 3))}|${GERMAN_STAFF_SUFFIX})(?![\\p{L}])[^,.!?\\n]{3,40},[ \\t]*(?=\\p{L}[\\p{L}'’-]+[ \\t]*[,.;!?)])`,
  'gu', // on scan.folded(); the name's capital is checked on the text
);

/** Lines at the end that only carry contact details or a device footer, not the sign-off. */
const FOOTER_LINE = /^[ \t]*(?:[\uE000\s\d+().\-/:]*|\([\p{L}'’ -]{2,30}\)[ \t]*|\uE000[\uE000 \t,]*\p{Lu}[\p{L}'’-]*(?:[ \t-]+\p{Lu}[\p{L}'’-]*){0,2}[ \t]*|(?:sent from|envoyé de|gesendet von|enviado desde|inviato da|verzonden (?:vanaf|met)|get outlook).*|(?:tel|tél|phone|mobile|mob|cell|fax|e-?mail|mail|www|http|web)\b.*)$/iu;

function lastNameLine(scan: Scan): PiiSpan[] | null {
  const text = scan.masked;
  let end = text.length;
  // walk back over blank and footer lines
  for (;;) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(lineStart, end);
    if (lineStart === 0 || !FOOTER_LINE.test(line)) {
      // a name alone on the last line, or after the last sentence of a one-line message
      const solo = /[ \t]*[-–—]?[ \t]*(?=\S)/y;
      solo.lastIndex = lineStart;
      if (lineStart > 0 && solo.exec(text)) {
        const found = readNames(text, solo.lastIndex, 'medium', true);
        if (found && found[found.length - 1].end <= end) return found;
        // one or two capitalised words alone on the last line, after a finished sentence: "…\nGlenys"
        const bare = /^[ \t]*\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?[ \t]*$/u.test(line) && /[.!?][ \t]*\r?\n[ \t]*$/.test(text.slice(0, lineStart));
        const sure = bare ? readNames(text, solo.lastIndex, 'strong', true) : null;
        if (sure && sure[sure.length - 1].end <= end) return sure;
      }
      // a known given name and a surname, then a comma and the writer's role: "Marianne Vogt, Mieterin 3. OG"
      const withRole = /^[ \t]*[-–—]?[ \t]*(\p{Lu}\p{Ll}+)[ \t]+\p{Lu}[\p{L}'’-]+[ \t]*,[ \t]*\p{L}[^\n]{0,40}$/u.exec(line);
      if (withRole && isGivenName(withRole[1]) && !isPlace(withRole[1])) {
        const named = readName(text, solo.lastIndex, 'medium');
        if (named) return [named];
      }
      // (not the company after a role: "[NAME] – Head of Operations, Brightpath Logistics")
      const after = /[–—|]/.test(line) ? null : /[.!?,][ \t]+(?=\p{Lu}[^.!?,]*$)/u.exec(line);
      if (after) {
        const found = readNames(text, lineStart + after.index + after[0].length, 'medium', true);
        if (found) return found;
      }
      // "… Je suis joignable au [PHONE]. Isabelle Perrin, [ADDRESS], [POSTCODE] Villeurbanne."
      const last = /[.!?][ \t]+(?=\p{Lu}[^.!?]*,[ \t]*\uE000[^.!?]*[.!]?[ \t]*$)/u.exec(line);
      if (last) {
        const found = readNames(text, lineStart + last.index + last[0].length, 'medium', true);
        if (found) return found;
      }
      return null;
    }
    end = lineStart - 1;
    if (end <= 0) return null;
  }
}

/** Finds names by context and masks them, then every other occurrence of the words found. */
export function findContextNames(scan: Scan, words?: { isKnown: (word: string) => boolean; isCommon: (word: string) => boolean }): void {
  const isKnownWord = words?.isKnown ?? (() => false);
  const before = scan.spans.length;
  // a writer who does not capitalise (starts in lower case, or never capitalises a sentence): "ik ben kees, ik belde met joost"
  const lowerWriter = /^[^\p{L}]*\p{Ll}/u.test(scan.text) || !/(?:^|[.!?]\s+)\p{Lu}/u.test(scan.text);
  const names = (strength: Strength, opts: ReadOptions & { atLineEnd?: boolean } = {}) => (m: RegExpExecArray) =>
    readNames(scan.masked, m.index + m[0].length, strength, opts.atLineEnd, { lowerWriter, isCommon: words?.isCommon, ...opts });

  // initials before a surname: "J. P. Morgan-Smith", "M.-T. Rousseau", "K.-D. Brandt" (two initials, or a hyphenated pair)
  scan.pass(INITIALLED_NAME, (m) => {
    if (isNotAName(m[1])) return null;
    // a surname found already (the contact's): the initials alone join it
    if (!m[1].startsWith(MASK)) return [{ start: m.index, end: m.index + m[0].length, kind: 'name' }];
    const at = m.index + m[0].length - m[1].length;
    // (a name, not the postcode after "C.P.")
    return scan.spans.some((s) => s.start === at && s.kind === 'name') ? [{ start: m.index, end: m.index + m[0].slice(0, -m[1].length).trimEnd().length, kind: 'name' }] : null;
  });
  // a family signing, the word with its name: "Famille Roussel", "Familie Krause" at the end of a line
  scan.pass(FAMILY_SIGNING, (m) => (isNotAName(m[2]) ? null : groupSpan(m, 1, 'name')));
  scan.pass(HONORIFIC_CUE, names('strong', { particleFirst: true, allCaps: true }));
  // a title in lower case before a surname in lower case no word list knows: "mme leblanc", "herr schulze"
  scan.pass(HONORIFIC_CUE_CI, (m) => {
    const found = names('strong', { particleFirst: true, allCaps: true })(m);
    if (found || !words || !/^\p{Ll}/u.test(m[0])) return found;
    const w = wordAt(scan.masked, m.index + m[0].length);
    return w && /^\p{Ll}{3,}$/u.test(w.text) && !words.isCommon(w.text) && !isFunctionWord(w.text) && !isNotAName(w.text) ? [{ start: w.start, end: w.end, kind: 'name' }] : null;
  });
  scan.pass(INTRO_STRONG_CUE, names('strong', { lowercase: true, allCaps: true }), scan.folded());
  scan.pass(PEOPLE_CALLED_CUE, names('strong'), scan.folded());
  // "a certain X" is sure enough for a word that is no name in another language: "ene Vos" (French "vos")
  scan.pass(ONLY_NAMES_CUE, (m) => {
    const found = names('strong')(m);
    if (found) return found;
    const w = wordAt(scan.masked, skipBlank(scan.masked, m.index + m[0].length));
    return w && isCapitalised(w.text) && !isPlace(w.text) && !HONORIFICS.some((h) => h.toLowerCase() === w.text.toLowerCase()) && !MONTHS.includes(w.text.toLowerCase()) ? [{ start: w.start, end: w.end, kind: 'name' }] : null;
  }, scan.folded());
  // "my husband john", but not "the coach was late"
  // "the wife of X" reads a given name only: "the manager of Tesco" is no one
  scan.pass(PEOPLE_CUE, (m) => {
    // (after a possessive, a name's: "Gene's manager Austin", not "that's manager")
    if (/^[\p{L}\uE000]+['’]s[ \t]/u.test(m[0]) && !/^[\p{Lu}\uE000]/u.test(scan.masked.slice(m.index)) ) return null;
    const at = m.index + m[0].length;
    const found = readNames(scan.masked, at, m[2] ? 'medium' : 'strong', false, { lowercase: !m[1] && !m[2], lowerWriter });
    // "mein Mann, der Sepp", "mia cugina, la Giulia": an article before a known given name
    const article = found ? null : /^(?:der|die|la|il|el|lo|le|o|a)[ \t]+(?=\p{Lu})/u.exec(scan.masked.slice(at, at + 8));
    if (found || article) return found ?? readNames(scan.masked, at + article![0].length, 'medium');
    // a name in capitals that starts with a known given name: "your engineer ROB STEVENS" (not "my husband NEVER")
    const caps = readName(scan.masked, at, 'strong', { allCaps: true });
    const first = caps && wordAt(scan.masked, caps.start);
    return caps && first && ALL_CAPS_NAME.test(first.text) && isGivenName(first.text) ? [caps] : null;
  }, scan.folded());
  scan.pass(BOOKED_UNDER_CUE, names('strong'), scan.folded());
  scan.pass(DESCRIBED_CUE, (m) => (lowerWriter || /\p{Lu}/u.test(scan.masked.charAt(m.index + m[0].length)) ? names('strong')(m) : null), scan.folded());
  scan.pass(APPOSITION, (m) => (isNotAName(m[1]) || !isCapitalised(m[1]) ? null : groupSpan(m, 1, 'name')));
  scan.pass(APPOSITION_COMMA, (m) => (isNotAName(m[1]) || !isCapitalised(m[1]) ? null : groupSpan(m, 1, 'name')));
  // German capitalises every noun ("Kollege vom Kundendienst"): only a known given name stands before a post
  scan.pass(BEFORE_RELATIVE, (m) => (isGivenName(m[1]) && isCapitalised(m[1]) && !isPlace(m[1]) ? groupSpan(m, 1, 'name') : null));
  scan.pass(POST_CUE, (m) => {
    // (a given name may stand before a surname that is a word: "Kees Hoek van de planning")
    const given = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)[ \t]+$/u.exec(scan.masked.slice(Math.max(0, m.index - 24), m.index));
    if (given && isGivenName(given[1]) && !isPlace(given[1]) && isCapitalised(m[1]) && !isNotANameEvenAfterCue(m[1])) return [{ start: m.index - given[0].length, end: m.index + m[1].length, kind: 'name' }];
    // (not the role itself: "Die Dame an der Kasse")
    return (isGivenName(m[1]) || isWordName(m[1]) || isNameAndPlace(m[1])) && isCapitalised(m[1]) && (!isPlace(m[1]) || isNameAndPlace(m[1])) && !isPeopleWord(m[1]) ? groupSpan(m, 1, 'name') : null;
  });
  // a name and the role in brackets: "Hope (the receptionist) said", "Priya (team leader)", "Herr Sommer (Filialleiter)"
  scan.pass(NAME_BEFORE_ROLE_BRACKET, (m) => {
    const first = m[1].split(/[ \t]+/)[0];
    const role = m[2].split(/[ \t]+/).filter(Boolean);
    if (!(isGivenName(first) || isWordName(first) || isNameAndPlace(first)) || isNotANameEvenAfterCue(first) || m[1].split(/[ \t]+/).slice(1).some((w) => notAName(w, 'strong'))) return null;
    return role.some((w, i) => isPeopleWord(w) || (i > 0 && PEOPLE_PHRASES.has(`${role[i - 1]} ${w}`.toLowerCase()))) ? groupSpan(m, 1, 'name') : null;
  });
  // a given name before a relation of theirs: "Olivia's husband picked it up", "Trevor's manager"
  scan.pass(POSSESSIVE_RELATION, (m) => (isGivenName(m[1]) && !isPlace(m[1]) && !isNotAName(m[1]) && isPeopleWord(m[2]) ? groupSpan(m, 1, 'name') : null));
  // "Regards,\nAnn" is surely a name; "Thanks, Ryanair." at the end of a line only if a given name
  scan.pass(SIGN_OFF_CUE, (m) => readNames(scan.masked, m.index + m[0].length, m[0].includes('\n') ? 'strong' : 'medium', true, { lowercase: true, lowerWriter }));
  scan.pass(SIGN_OFF_LINE_END, names('strong', { atLineEnd: true }));
  scan.pass(DELIMITER_CUE, names('strong', { atLineEnd: true }));
  scan.pass(LIST_CUE, (m) => {
    const found: PiiSpan[] = [];
    let at = m.index + m[0].length;
    for (let name = readName(scan.masked, at, 'strong'); name && found.length < 10; name = readName(scan.masked, at, 'strong')) {
      found.push(name);
      const comma = /^(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*[,;/][ \t]*/.exec(scan.masked.slice(name.end, name.end + 50));
      if (!comma) break;
      at = name.end + comma[0].length;
    }
    return found;
  }, scan.folded());
  // given names alone in brackets, guessed or listed: "(Gemma? Gemma Prescott?)", "(Pam? Pamela?)", "(Jordi / Marta)"
  scan.pass(BRACKETED_NAMES, (m) => {
    // (a guess, a name found already or a full name: not "colour (Navy / Grey)")
    if (!/[?\uE000]|\p{Lu}\p{Ll}+[ \t]+\p{Lu}/u.test(m[1])) return null;
    const found: PiiSpan[] = [];
    let at = m.index + 1;
    for (const part of m[1].split(/([?,/]|[ \t]+or[ \t]+|[ \t]+oder[ \t]+|[ \t]+ou[ \t]+|[ \t]+o[ \t]+|[ \t]+of[ \t]+)/u)) {
      const piece = /^([ \t]*)(\p{Lu}\p{Ll}+)(?:[ \t]+(\p{Lu}[\p{L}'’-]+))?[ \t]*$/u.exec(part);
      if (piece) {
        const [, lead, given, surname] = piece;
        if (isGivenName(given) && !isPlace(given) && !isNotAName(given) && !(surname && notAName(surname, 'strong'))) found.push({ start: at + lead.length, end: at + lead.length + given.length + (surname ? part.trim().length - given.length : 0), kind: 'name' });
      } else if (!/^[ \t]*(?:\uE000+[ \t]*)?$/u.test(part) && !/^(?:[?,/]|[ \t]+(?:or|oder|ou|o|of)[ \t]+)$/u.test(part)) return null;
      at += part.length;
    }
    return found;
  });
  // (a word in quotes is what a badge or the writer called them: '"Kev" told me')
  scan.pass(NAME_BEFORE_SAID, (m) => (isWordName(m[1]) && /^["”“»]?[ \t]+(?:was|war|était|a été|fue|era|è)[ \t]/u.test(scan.masked.slice(m.index + m[1].length, m.index + m[1].length + 8)) ? null : (isGivenName(m[1]) || (/["“„«'‘][ \t]*$/u.test(scan.masked.slice(Math.max(0, m.index - 2), m.index)) && /^["”“»']/u.test(scan.masked.slice(m.index + m[1].length)))) && isCapitalised(m[1]) && !isPlace(m[1]) && !isNotAName(m[1]) ? groupSpan(m, 1, 'name') : null));
  scan.pass(NAME_DASH_VERDICT, (m) => (isGivenName(m[1]) && !isPlace(m[1]) && !isNotAName(m[1]) ? groupSpan(m, 1, 'name') : null));
  scan.pass(NUMBERED_ITEM, (m) => readNames(scan.masked, m.index + m[0].length, 'weak'));
  scan.pass(NAME_AND_I, (m) => {
    const g = m[1] ? 1 : 2;
    return isGivenName(m[g]) && isCapitalised(m[g]) && !isPlace(m[g]) && !isNotAName(m[g]) ? groupSpan(m, g, 'name') : null;
  });
  scan.pass(HE_SAID_CUE, (m) => readNames(scan.masked, m.index + m[0].length, 'weak'));
  scan.pass(ME_COMMA_CUE, (m) => {
    // a full name only: "me, Monika Wirth,", not "me, Paris was…"
    const found = readNames(scan.masked, m.index + m[0].length, 'strong');
    return found && found.every((f) => /[ \t]/.test(scan.masked.slice(f.start, f.end))) ? found : null;
  });
  // (a noun after its article is the subject: "Am Einlass hieß es", "Der Verkäufer hieß laut Beleg…")
  scan.pass(NAME_BEFORE_VERB, (m) => (isNotAName(m[1]) || !isCapitalised(m[1]) || GERMAN_DUTCH_ARTICLE.test(scan.text.slice(Math.max(0, m.index - 8), m.index)) ? null : groupSpan(m, 1, 'name')));
  scan.pass(ALS_VORGESTELLT, (m) => (isNotAName(m[1]) || !isCapitalised(m[1]) ? null : groupSpan(m, 1, 'name')));
  scan.pass(GREETING_CUE, names('medium'));
  scan.pass(CALLED_CUE, names('medium'), scan.folded());
  // (a name that is also a place or a word, when a post follows: "I messaged Georgia from customer care", "ik vroeg naar Bos van de planning")
  scan.pass(VERB_CUE, (m) => {
    const found = names('medium')(m);
    if (found) return found;
    const w = wordAt(scan.masked, skipBlank(scan.masked, m.index + m[0].length));
    return w && isCapitalised(w.text) && (isNameAndPlace(w.text) || !isNotAName(w.text)) && POST_AFTER.test(scan.masked.slice(w.end, w.end + 40)) ? [{ start: w.start, end: w.end, kind: 'name' }] : null;
  }, scan.folded());
  scan.pass(INTRO_WEAK_CUE, names('weak'), scan.folded());
  // (German "Im Ernst", "Im Mai": a capitalised "Im" before a known word is no "I'm")
  scan.pass(IM_CUE, (m) => {
    const next = wordAt(scan.masked, m.index + m[0].length);
    return scan.text[m.index] === 'I' && next && isKnownWord(next.text) ? null : names('weak')(m);
  }, scan.folded());
  scan.pass(WEAK_PREPOSITION_CUE, names('weak'), scan.folded());
  // a role as a label: "Driver: Lewis. Supervisor: Marguerite Blaine.", "Technicien : Marc"
  scan.pass(ROLE_COLON, (m) => (isPeopleWord(m[1]) ? readNames(scan.masked, m.index + m[0].length, 'medium') : null));
  scan.pass(WORD_BEFORE_CAPITAL, (m) => (isPeopleWord(m[1]) ? readNames(scan.masked, m.index + m[0].length, 'medium') : null));
  scan.pass(INLINE_DASH_CUE, (m) => {
    const found = readNames(scan.masked, m.index + m[0].length, 'medium', true);
    return found && found[found.length - 1].end >= scan.masked.trimEnd().length ? found : null;
  });
  scan.add(lastNameLine(scan) ?? []);
  scan.pass(AFTER_FOUND_NAME, names('medium'));
  scan.pass(NAME_LIST, (m) => {
    const words = [...m[0].matchAll(/\p{Lu}\p{Ll}+/gu)];
    return words.every((w) => isGivenName(w[0]) && !isPlace(w[0])) ? words.map((w) => ({ start: m.index + w.index, end: m.index + w.index + w[0].length, kind: 'name' as const })) : null;
  });

  scan.pass(HYPHENATED_GIVEN, (m) => ([m[1], m[2]].every((w) => isGivenName(w) && !isPlace(w) && !isNotAName(w) && !isWordName(w)) ? [{ start: m.index, end: m.index + m[0].length, kind: 'name' }] : null));
  // Two people named and then described together: "Victoria y [NAME], mis sobrinos", "June and [NAME], our neighbours"
  scan.pass(JOINED_BEFORE_DESCRIBED, (m) =>
    DESCRIBED_DETERMINERS.has(m[3].toLowerCase().replace(/[ \t]+/g, ' ')) && isPeopleWord(m[4]) ? [1, 2].flatMap((g) => (isCapitalised(m[g]) && !isNotANameEvenAfterCue(m[g]) ? groupSpan(m, g, 'name') : [])) : null,
  );
  joinNameParts(scan);

  // A name found once is a name everywhere in the text ("my daughter Amelia … Amelia is 19").
  const found = new Set<string>();
  for (const s of scan.spans.slice(before)) {
    if (s.kind !== 'name') continue;
    for (const w of scan.text.slice(s.start, s.end).split(/[\s]+/)) if (w.length >= 3 && !isNotAName(w) && !PARTICLES.has(w.toLowerCase())) found.add(w);
  }
  // a given name found in lower case is the same name capitalised ("la livreuse océane … Océane était pressée")
  for (const w of [...found]) if (/^\p{Ll}+$/u.test(w) && isGivenName(w)) found.add(w[0].toUpperCase() + w.slice(1));
  // and the other way round, when no list has it as a word ("the manager Derek … ask derek why"; not "Will" → "will")
  if (words) for (const w of [...found]) if (/^\p{Lu}\p{Ll}{2,}$/u.test(w) && isGivenName(w) && !words.isCommon(w) && !isFunctionWord(w)) found.add(w.toLowerCase());
  // and a German or Dutch genitive of it before a noun: "Ernsts Mutter", "Femkes collega"
  const genitives = new Set([...found].filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !/[sxzß]$/u.test(w)).map((w) => `${w}s`).filter((g) => !found.has(g)));
  // (not where the word stands as a noun after an article: "im Ernst", "the Frank report", "der Fuchs im
  // Garten" — known words only, and after der / die / das only a word that is no given name: "die Anna"
  // stays a name —, nor as an exclamation: "¡Bravo por la puntualidad!", "¡Jesús, qué desastre!")
  scan.literals([...found, ...genitives], 'name', true, (at, w) => {
    const before = scan.text.slice(Math.max(0, at - 8), at);
    if (/¡[ \t]*$/u.test(before)) return true;
    if (genitives.has(w)) return !/^[ \t]+\p{L}/u.test(scan.text.slice(at + w.length, at + w.length + 3)) || isKnownWord(w);
    return isKnownWord(w) && (NOUN_ARTICLE.test(before) || A_ARTICLE.test(before) || (DEFINITE_ARTICLE.test(before) && !isGivenName(w)));
  });
}

/** Given names (and an abbreviated one) right before or after a name already found join it: "Gerhard [Beck]", "[João] Pedro". */
export function joinNameParts(scan: Scan, isCommonWord?: (word: string) => boolean): void {
  const isCommon = isCommonWord ?? (() => false);
  // A given name right before a name already found is part of it: "Gerhard [Beck]", "Martina [Beck]", and
  // an abbreviated one too: "M.ª [José Navarro]", "M.ª da [Graça Santos]".
  const nameStarts = new Set(scan.spans.filter((s) => s.kind === 'name').map((s) => s.start));
  const nameEnds = new Set(scan.spans.filter((s) => s.kind === 'name').map((s) => s.end));
  // (not a word at a sentence's start: "Bel [Sjoerd] of mij")
  scan.pass(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'’-]+)(?=[ \t]\uE000)/dgu, (m) =>
    isGivenName(m[1]) && !(isCommon(m[1]) && /(?:^|[.!?:;\n])[ \t"«„“(]*$/u.test(scan.masked.slice(Math.max(0, m.index - 4), m.index))) && (isCapitalised(m[1]) || ALL_CAPS_NAME.test(m[1])) && !CUE_WORDS.has(m[1].toLowerCase()) && nameStarts.has(m.index + m[1].length + 1) ? groupSpan(m, 1, 'name') : null,
  );
  scan.pass(/(?<![\p{L}\p{N}])(\p{Lu}\.?[ªº](?:[ \t]+(?:da|de|do|dos|das|del))?)(?=[ \t]\uE000)/dgu, (m) => (nameStarts.has(m.index + m[1].length + 1) ? groupSpan(m, 1, 'name') : null));
  // …and right after one: "Obrigado ao [João] Pedro"
  scan.pass(/\uE000[ \t](\p{Lu}\p{Ll}+)(?![\p{L}\p{N}'’-])/dgu, (m) =>
    isGivenName(m[1]) && !CUE_WORDS.has(m[1].toLowerCase()) && nameEnds.has(m.index + 1) ? groupSpan(m, 1, 'name') : null,
  );
  if (!isCommonWord) return;
  // …and a surname no list has in lower case right after a given name found alone: "[Patricia] Lowe (Head of Sales)"
  const givenEnds = new Set(scan.spans.filter((s) => s.kind === 'name' && /^\p{Lu}\p{Ll}+$/u.test(scan.text.slice(s.start, s.end)) && isGivenName(scan.text.slice(s.start, s.end))).map((s) => s.end));
  scan.pass(/\uE000[ \t](\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}'’-])/dgu, (m) =>
    givenEnds.has(m.index + 1) && !isCommon(m[1]) && !isNotAName(m[1]) && !isPlace(m[1]) && !CUE_WORDS.has(m[1].toLowerCase()) ? groupSpan(m, 1, 'name') : null,
  );
}
