// What mail clients write around a reply, in the languages Closeloop's customers write in: attribution
// lines ("On … wrote:"), header blocks of the quoted mail, separator lines, forward labels and mobile
// footers. Every pattern here is tested against one line (or a few joined lines) of bounded length, so
// none can backtrack over the whole mail.

/** The verb (or phrase) of an attribution: "wrote", "schrieb", "a écrit", "写道", … */
const WROTE =
  /(?:\bwrote|\bsent|\bschrieb|\bgeschrieben|\bfolgendes geschrieben|a écrit|\bescribió|\bha escrito|\bha scritto|\bscritto|\bescreveu|\bschreef|\bgeschreven|\bskrev|\bskriver|\bnapisał(?:\(a\)|a)?|\bpisze|написал(?:\(а\)|а)?|пишет|yazdı|kirjoitti|đã viết|írta|napsal|a scris|写道|寫道|のメール|のメッセージ)\s*[:：]?$/u;

const VERBS_BEFORE_NAME = [' schrieb ', ' schreef ', ' skrev ', ' skriver ', ' escribió ', ' escreveu ', ' ha scritto ', ' a écrit ', ' wrote ', ' napisał', ' написал', ' kirjoitti '];

/** A date or time somewhere in the line: 23.11.2026, 2026/11/23, 10:00, 9.00, 2026年, "Nov 23, 2026". */
const DATEISH = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[:.]\d{2}|\d{4}年|\b(?:19|20)\d{2}\b/u;
// Bounded repetition: an unbounded [\w.]+@ backtracks quadratically over a long word without '@'.
const ADDRESS = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/u;
const ADDRESS_AT_END = /[<(]?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+[>)]?\s*[:：]$/u;
const BRACKETED_ADDRESS_AT_END = /<[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+>\s*[:：]?$/u;

/** Starts an attribution that carries no verb: Gmail's date-first forms, Russian and Japanese Gmail. */
const DATE_FIRST = /^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}年\d{1,2}月\d{1,2}日)/u;

const ON_PREFIX = /^(?:On|Am|Le|El|Il|In data|Em|Op|Den|På|W dniu|Dnia|Wiadomość napisana przez|Vào|Ve|\d)/iu;

/**
 * Whether `s` (one line, or a few lines joined by spaces) is the attribution line of a quote.
 * A verb, a colon and a date or address; or a date-first line naming an address (Gmail's "2026/11/20 Ann <ann@…>").
 */
export function isAttribution(s: string): boolean {
  const t = s.trim().replace(/^-+\s*/, '').replace(/\s*-+$/, '');
  if (t.length < 8 || t.length > 400) return false;
  const at = t.includes('@');
  const tail = t.slice(-200);
  const hasDate = DATEISH.test(t);
  if (!/[:：]$/.test(t)) {
    // "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote", "---- John Smith wrote ----", "2026/11/20 Ann <ann@x>"
    if (/wrote$/i.test(t)) return (ON_PREFIX.test(t) && hasDate) || /^-{2,}.{1,100}wrote\s*-{2,}$/i.test(s.trim());
    return at && DATE_FIRST.test(t) && BRACKETED_ADDRESS_AT_END.test(tail);
  }
  const hasAddress = (at && ADDRESS.test(t)) || /<\s*$|^\S+\s*>/.test(t);
  // The verb ends the line: only its tail is searched (lower-cased here: a case-insensitive Unicode
  // alternation is many times slower in V8).
  const lower = t.toLowerCase();
  if (WROTE.test(lower.slice(-60))) return hasDate || hasAddress || /^(?:On|Am|Le|El|Il|Em|Op|Den|På|W dniu)\b/iu.test(t);
  // "Am 23.11.26 um 10:00 schrieb Closeloop Support:" — the verb before the name (Thunderbird, Gmail in de/nl/da/no).
  if (hasDate && (ON_PREFIX.test(t) || DATE_FIRST.test(t)) && VERBS_BEFORE_NAME.some((v) => lower.includes(v))) return true;
  // Verbless: "пн, 23 нояб. 2026 г. в 09:00, Ann <ann@x>:", "30.09.2017, 18.30, "Ann" <ann@x>:".
  return at && hasDate && (ADDRESS_AT_END.test(tail) || (DATE_FIRST.test(t) && BRACKETED_ADDRESS_AT_END.test(tail)));
}

/** Could this line begin an attribution (so joining it with the next lines is worth trying)? */
export const mayStartAttribution = (line: string) => /\d/.test(line) || ON_PREFIX.test(line.trim()) || /^-{2,}|<$/.test(line.trim()) || /^Sent from/i.test(line.trim());

// ---- Outlook-style header blocks of the quoted mail: "From: …", "Sent: …", "To: …", "Subject: …" ----

const FROM = 'From|Von|De|Da|Van|Från|Fra|Od|От|Kimden|差出人|发件人|寄件者|Lähettäjä|Feladó|Expéditeur|Remitente|Mittente|Afzender|Avsändare|Nadawca|Отправитель|Gönderen';
const SENT = 'Sent|Date|Gesendet|Datum|Envoyé|Enviado el|Enviado|Fecha|Inviato|Data|Verzonden|Verstuurd|Skickat|Sendt|Dato|Wysłano|Wysłane|Отправлено|Дата|Gönderildi|Tarih|送信日時|日付|发送时间|日期|Lähetetty|Päivämäärä|Elküldve';
const OTHER = 'To|An|À|A|Para|Aan|Till|Til|Do|Кому|Kime|宛先|收件人|Vastaanottaja|Pour|Cc|CC|Kopie|Kopia|Копия|Bilgi|Subject|Betreff|Objet|Sujet|Asunto|Oggetto|Assunto|Onderwerp|Ämne|Emne|Temat|Тема|Konu|件名|主题|Aihe|Tárgy|Reply-To|Antwort an|Importance|Wichtigkeit|Priorité';
const label = (names: string) => new RegExp(`^\\s*[*_]{0,2}(?:${names})[*_]{0,2}\\s*[:：][*_]{0,2}(?:\\s|$)`, 'iu');
export const HEADER_FROM = label(FROM);
export const HEADER_SENT = label(SENT);
export const HEADER_ANY = label(`${FROM}|${SENT}|${OTHER}`);

/** Outlook's rule above the header block. */
export const OUTLOOK_RULE = /^\s*_{10,}\s*$/;

// ---- separator lines: "-----Original Message-----" in the languages, and forward labels ----

const ORIGINAL =
  /^\s*-{2,}\s*(?:Original Message|Original message|Reply Message|Ursprüngliche Nachricht|Antwort Nachricht|Message d'origine|Message d’origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Origineel bericht|Ursprungligt meddelande|Oprindelig meddelelse|Oprindelig besked|Opprinnelig melding|Wiadomość oryginalna|Oryginalna wiadomość|Исходное сообщение|Özgün İleti|Orijinal Mesaj|Orijinal ileti|元のメッセージ|原始邮件|原始郵件|Alkuperäinen viesti|Eredeti üzenet|Původní zpráva)\s*-{2,}\s*$/iu;
export const isOriginalMessageSeparator = (line: string) => ORIGINAL.test(line);

const FORWARD_WORDS =
  'Forwarded message|Forwarded Message|Weitergeleitete Nachricht|Message transféré|Message transfere|Mensaje reenviado|Messaggio inoltrato|Mensagem encaminhada|Mensagem reencaminhada|Doorgestuurd bericht|Vidarebefordrat meddelande|Videresendt meddelelse|Videresendt melding|Przekazana wiadomość|Wiadomość przekazana|Пересылаемое сообщение|Пересланное сообщение|İletilen Mesaj|İletilmiş ileti|転送されたメッセージ|转发的邮件|轉寄的郵件|Välitetty viesti';
const FORWARD_SEPARATOR = new RegExp(`^\\s*-{2,}\\s*(?:${FORWARD_WORDS})\\s*-{2,}\\s*$`, 'iu');
const FORWARD_INTRO =
  /^\s*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Début du message transféré|Inicio del mensaje reenviado|Comienzo del mensaje reenviado|Inizio messaggio inoltrato|Início da mensagem reencaminhada|Início da mensagem encaminhada|Begin doorgestuurd bericht|Vidarebefordrat brev|Videresendt besked|Videresendt melding|Początek przekazywanej wiadomości|Начало переадресованного сообщения|İletilen ileti başlangıcı|転送されたメッセージ|以下为转发的邮件|以下是转发的邮件)\s*[:：]\s*$/iu;
export const isForwardMarker = (line: string) => FORWARD_SEPARATOR.test(line) || FORWARD_INTRO.test(line);
const FORWARD_LABEL = new RegExp(`^\\s*(?:-{2,}\\s*(?:${FORWARD_WORDS})\\s*-{2,}|Begin forwarded message:)`, 'iu');
/** A forward label at the start of a block's text (Gmail's div.gmail_attr has no line breaks in its text). */
export const startsWithForwardLabel = (text: string) => FORWARD_LABEL.test(text.slice(0, 200));

/** Subject prefixes of a forward in the clients' languages: Fwd, FW, WG, TR, RV, I, Doorst, VB, VS, PD, ENC, İLT, Пересл, 转发, 転送. */
export const FORWARD_SUBJECT = /^\s*(?:\[[^\]]*\]\s*)?(?:fwd?|fw|wg|tr|rv|enc|i|doorst|vb|vs|vl|pd|ilt|i̇lt|пересл|转发|轉寄|転送)\s*[:：]/iu;

// ---- signatures ----

/** RFC 3676 "-- " (clients that trim trailing space leave "--"). */
export const SIGNATURE_DELIMITER = /^-- ?$/;

const MOBILE = [
  /^Sent (?:from|with|via|using) (?:my )?[\p{L}\p{N}'’&.+-]+(?: [\p{L}\p{N}'’&.+-]+){0,6}\.?\s*(?:<[^>\s]*>)?$/u,
  /^(?:Get|Download) Outlook for (?:iOS|Android)/i,
  /^(?:Outlook für (?:iOS|Android) herunterladen|Holen Sie sich Outlook für|Télécharger Outlook pour|Obtenir Outlook pour|Obtener Outlook para|Descargar Outlook para|Scarica Outlook per|Ottieni Outlook per|Baixe o Outlook para|Obter o Outlook para|Outlook voor (?:iOS|Android) downloaden|Download Outlook voor|Hämta Outlook för|Skaffa Outlook för|Hent Outlook til|Få Outlook til|Pobierz aplikację Outlook|Pobierz program Outlook|Получите Outlook для|Скачать Outlook для|(?:iOS|Android) için Outlook|Outlook for (?:iOS|Android) を入手|获取 Outlook for|獲取 Outlook for)/iu,
  /^(?:Gesendet von (?:meinem|Outlook|Mail|Yahoo|der)|Von meinem [\p{L}\p{N} ]{1,30} gesendet|Gesendet mit der [\p{L}.]+ Mail App|Gesendet mit [\p{L}.]+ Mail)/iu,
  /^(?:Envoyé de(?:puis)? mon [\p{L}\p{N} ]{1,30}|Envoyé de (?:Yahoo Mail|Outlook|mon)|Enviado desde mi [\p{L}\p{N} ]{1,30}|Enviado desde (?:Yahoo Mail|Outlook|Correo)|Enviado do meu [\p{L}\p{N} ]{1,30}|Enviado de meu|Inviato da(?: il mio| iPhone| iPad| Yahoo| Outlook)|Inviato dal mio|Verstuurd vanaf mijn|Verzonden vanaf mijn|Verzonden met|Skickat från min|Skickat från (?:Outlook|Yahoo|E-post)|Sendt fra min|Sendt fra (?:Outlook|Yahoo|Mail)|Wysłane z (?:mojego|iPhone|Outlook|aplikacji)|Wysłano z (?:mojego|iPhone|Outlook)|Отправлено с(?: моего)? [\p{L}\p{N} ]{1,30}|Отправлено из (?:мобильной|Почты|приложения)|[\p{L}\p{N}]+'(?:umdan|imden|dan|den) gönderildi|[\p{L}\p{N}]+から送信|发自我的|發自我的|從我的 [\p{L}\p{N} ]+傳送|Lähetetty (?:iPhonesta|Outlookista|laitteesta))/iu,
];
export function isMobileFooter(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 90 || t.includes(',')) return false;
  const words = t.replace(/<[^>]*>/g, '').split(/\s+/).length;
  return words <= 9 && MOBILE.some((re) => re.test(t));
}

/** Outlook mobile's "Get Outlook for iOS<https://aka.ms/…>": what follows it is the quoted original. */
export const isOutlookMobileSeparator = (line: string) => /aka\.ms\//i.test(line) && isMobileFooter(line);
