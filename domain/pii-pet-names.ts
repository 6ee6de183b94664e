// Pet forms of given names in English, German, French, Spanish, Italian, Dutch, Portuguese and Polish:
// the contact "William Hargreaves" signs "Bill", "José Ruiz" writes as "Pepe", "Cornelis Bakker" as
// "kees bakker". Hand-written: the name package the rules use (gender-detection-from-name) has no pet
// forms, and the nickname lists that exist are English only. A pet form is PII only as the contact's,
// so the table is read from the contact's given names, both ways ("Kees Bakker" may sign "Cornelis").
import { foldAccents } from './pii-scan';

// formal name: its pet forms (several formal names may share a line: "stephen|steven: steve")
const TABLE = `
  william: bill|billy|will|willy|liam|wil
  robert: bob|bobby|rob|robbie|bert|robin|robby
  richard: rick|ricky|dick|rich|richie
  elizabeth|elisabeth: liz|lizzie|lizzy|beth|betty|bess|bessie|eliza|libby|elsie|betsy|lisa|lies|liesl|lisbeth|elli|sissi|babette|zabeth|lili|liesbeth|els|elske
  margaret|margarete: maggie|meg|peggy|peg|madge|marge|margie|greta|rita|margo|grete|gretel|margit|gretchen
  katherine|catherine|kathryn|katharine|katharina|catharina|caterina: kate|katie|kathy|cathy|kat|kitty|kay|kathi|katja|kati|trina|ina|cath|toos|ineke|rina|tineke|cate
  james: jim|jimmy|jamie|jem
  john: jack|johnny|jon
  jonathan: jon|jonny|nathan
  michael: mike|mikey|mick|micky|mickey|michi|micha
  christopher|christoph|christophe: chris|kit|topher|stoffel|totophe
  christine|christina|cristina: chris|chrissie|tina|kirsty|cris
  thomas|tomasz: tom|tommy|tomek|tommi
  joseph|josef: joe|joey|sepp|seppi|jupp|beppo|joschi|josi
  josephine|josefa: josie|pepa|pepita
  charles: charlie|chuck|chas|chaz
  edward: eddie|ted|teddy|ned
  anthony|antonio|antónio|antônio|antonius: tony|toni|tonino|toño|toñito|totò|toon|ton|teun|tonico
  andrew|andreas: andy|drew|andi
  daniel: dan|danny|dani
  daniela: dani
  david: dave|davy
  stephen|steven|stéphane|stefano: steve|stevie|steph|ste
  stefanie|stephanie|stéphanie: steffi|steff|steph|fanny|stefi
  benjamin|benoît: ben|benny|benji
  samuel: sam|sammy
  alexander|alexandre|alessandro|alejandro|aleksander: alex|sandy|xander|alec|sasha|sascha|sandro|ale|álex|jandro|lex|sander|olek|alek
  alexandra|alessandra|alejandra|aleksandra: alex|alexa|sandra|sandy|lexi|ale|ola
  patricia: pat|patty|trish|tricia
  patrick: pat|paddy
  susan|susanne: sue|susie|suzy|susi|sanne
  jennifer: jen|jenny
  deborah: deb|debbie
  rebecca: becky|becca|bex
  victoria|wiktoria: vicky|tori|vic|wika
  jessica: jess|jessie
  abigail: abby|abi|gail
  nicholas|nicolas|nikolaus|nicolaas|nicola: nick|nicky|niko|nico|klaus|klaas|niek
  matthew|matthias: matt|matty|matze|hias
  timothy: tim|timmy
  gregory|gregorio|grzegorz: greg|goyo|grzesiek|grześ
  henry|harold|heinrich|hendrik|henri: harry|hal|hank|heinz|heini|henner|henk|hein|rik|henkie
  frances|françoise: fran|frankie|fanny|fanfan
  francis|françois: frank|frankie|fanfan|francky
  francesca: fran|frankie|cesca|chesca|franci|checca|fra
  francesco: franco|checco|cesco|ciccio
  francisco: paco|paquito|curro|pancho|fran|quico|cisco|chico|xico|kiko
  franziska: franzi|fanny
  mary|maria|marie|maría: molly|polly|mae|mamie|mimi|mies|mieke|marieke|ria|mariazinha
  sarah|sara: sally|sadie
  dorothy|dorota: dot|dottie|dolly|dorotka
  eleanor|eleonora: ellie|nell|nellie|nora|elle
  helen|helena|hélène: nell|nellie|lena
  theodore|theodorus: theo|ted|teddy|dorus
  gerald|gerard|gerardus|gerhard: gerry|jerry|gert|gerd|gerdi
  jacqueline: jackie|jacqui
  olivia: liv|livvy|ollie
  oliver: ollie|olly|olli
  kenneth: ken|kenny
  lawrence|laurence: larry|laurie
  leonard|leonardo: leo|len|lenny
  ronald: ron|ronnie
  donald: don|donnie
  raymond: ray
  albert|alberto|lambertus: bert|bertie|albi|berto
  alfred: alf|alfie|fred
  frederick|friedrich|frédéric|frederik|federico: fred|freddie|freddy|fritz|fredo|fede|chicco
  federica: fede
  philip|philippe|phillip: phil|pip|philou
  nathaniel: nate|nat
  zachary: zach|zack
  joshua: josh
  isabel|isabella|isabelle: izzy|bella|isa|chabela
  amanda: mandy
  cynthia: cindy
  barbara: barb|babs|babsi|bärbel|basia
  judith: judy|jude
  virginia: ginny
  jeffrey|geoffrey: jeff|geoff
  douglas: doug
  terence: terry
  bridget|brigid: bridie|biddy
  johannes|johann: hans|hansi|jo|jojo|hannes|jan|johan|joop
  johanna|joanna: hanna|hanne|joke|hanneke|asia|joasia
  ursula: uschi|ulla
  gabriele|gabriel|gabriela|gabrielle: gabi|gabri|lele
  christian: chris|christl
  maximilian|maximilien|massimo: max|maxi
  wolfgang: wolf|wolfi
  magdalena|magdalene: lena|leni|magda|madzia
  ulrich: uli
  rudolf: rudi|dolf
  bernhard|bernard: bernd|nanard
  reinhard: reini
  konstantin: konni
  cornelia: conny|nele
  florian: flo|flori
  tobias: tobi
  dominik|dominique: domi|dom
  manuela: manu
  veronika|véronique: vroni|veri|véro
  theresa|therese|teresa|thérèse: resi|thesi|tere|maite|teté
  monika: moni
  wilhelm|willem: willi|willy|helm|wim|pim|wil
  wilhelmina: mien|willy|wil
  georg: schorsch
  ludwig: lutz|luggi
  sebastian|sebastiaan|sébastien|sebastián: basti|bastian|bas|seb|sebas
  jean-pierre: jp
  jean-baptiste: jb
  jean-claude: jc
  jean-marc: jm
  emmanuelle|emmanuel|emanuele|manuel: manue|manu|manolo|lolo|lele|manel|manecas
  andré: dédé
  jean: jeannot
  nathalie: nat|nath
  natasha|natascha|natacha: tasha|tash|natti|tascha
  catherine: cathy|cath
  guillaume: guigui
  pierre: pierrot
  valérie: val
  caroline: caro
  mathilde: mathou
  josé: pepe|pepito|chema|zé|zeca|juca|joselu
  dolores: lola|loli
  ignacio: nacho|iñaki
  concepción: concha|conchita
  guadalupe: lupe|lupita
  rosario: charo|chari
  mercedes: merche|meche|mecha
  enrique: quique|kike
  jesús: chus|chuchi|chucho|suso
  pilar: pili|pilarín
  guillermo: guille|memo
  eduardo: edu|lalo|dudu
  fernando: nando|fer
  javier: javi
  consuelo: chelo
  ramón: moncho
  salvador|salvatore: salva|chava|totò|turi|salvo
  santiago: santi|yago
  rafael|raffaele: rafa|lele
  roberto: robe|beto|roby|berto
  beatriz|beatrice: bea|bia
  montserrat: montse
  asunción: asun
  inmaculada: inma
  encarnación: encarna
  remedios: reme
  giuseppe: beppe|peppe|pino|peppino|bepi
  luigi: gigi|gino
  elisabetta: betta|elisa|bettina
  giovanni: gianni|vanni|nanni
  giovanna: gianna|vanna
  antonella: anto|nella
  vincenzo: enzo|vince
  lorenzo: enzo|renzo
  domenico: mimmo|mimì
  margherita: rita|ghita
  maurizio: mauri
  valentina|valentino: vale
  giacomo: giacomino
  riccardo: ricky|dado
  michele: miki|lele
  benedetta: betta|bene
  cornelis: kees|cor|cees
  jacobus: koos|jaap|sjaak
  jacques: sjaak|jacky
  petrus|pieter|piotr: piet|piotrek
  adrianus: aad|arie|adrie
  geertruida: truus|trudy
  hendrika: riek|rieky|henny
  gustaaf: guus
  bartholomeus|bartłomiej: bart|bartek
  marinus: rinus|rien
  wouter: wout
  joaquim: quim|quinzinho
  joão: joãozinho
  małgorzata: gosia|małgosia|gośka
  katarzyna: kasia|kaśka
  stanisław: staszek|stasiek|stach
  agnieszka: aga|agusia
  krzysztof: krzyś|krzysiek
  wojciech: wojtek
  andrzej: jędrek
  jan: janek|jasiek
  paweł: pawełek
  michał: michałek
  anna: ania|anka|anneke|annie
  elżbieta: ela|elka
  zofia: zosia
  jadwiga: jadzia
  józef: józek|józio
  marta: martusia
  dariusz: darek
  mirosław: mirek
  zbigniew: zbyszek
  tadeusz: tadek
  kazimierz: kazik
  jerzy: jurek
`;

const key = (name: string) => foldAccents(name.toLowerCase());

// every name (formal or pet, accents folded) to the names it may stand for
const RELATED = new Map<string, Set<string>>();
for (const line of TABLE.split('\n')) {
  const [formal, pets] = line.split(':').map((s) => s?.trim());
  if (!formal || !pets) continue;
  const formals = formal.split('|');
  // (two letters only with an accent: "Zé", not "Jo", "Al")
  const petForms = pets.split('|').filter((p) => [...p].length >= 3 || /[^\0-\x7f]/.test(p));
  for (const f of formals) {
    const related = RELATED.get(key(f)) ?? new Set<string>();
    for (const p of petForms) related.add(p);
    RELATED.set(key(f), related);
    // a pet form leads back to the formal names only, not to the other pet forms ("Pat" is Patrick's and Patricia's)
    for (const p of petForms) RELATED.set(key(p), (RELATED.get(key(p)) ?? new Set<string>()).add(f));
  }
}

/** The pet forms of a contact's given name, or the formal names of a pet form ("Bill" → "William"). */
export function petForms(givenName: string): string[] {
  return [...(RELATED.get(key(givenName)) ?? [])].filter((p) => key(p) !== key(givenName));
}
