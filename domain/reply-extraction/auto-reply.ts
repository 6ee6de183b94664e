// Machine mail — out-of-office replies and bounces — is recorded but never reopens or moves a ticket.
// Headers first (RFC 3834 Auto-Submitted, the de-facto X-Autoreply/X-Autorespond and Precedence, RFC 3464
// multipart/report), then the subjects auto-responders write in the languages of the reply rules.

export interface AutomaticMailHeaders {
  subject?: string | null;
  autoSubmitted?: string | null;
  precedence?: string | null;
  xAutoreply?: string | null;
  xAutorespond?: string | null;
  /** The top-level Content-Type, parameters included. */
  contentType?: string | null;
  /** The sender's address. */
  from?: string | null;
}

export type AutomaticMail = 'bounce' | 'auto_reply';

const OUT_OF_OFFICE = new RegExp(
  '^\\s*(?:(?:re|aw|sv|vs|odp|ynt|答复|回复)\\s*[:：]\\s*)*(?:\\[[^\\]]*\\]\\s*)?(?:' +
    [
      'auto(?:matic)?[ -]?reply',
      'auto(?:matic)? response',
      'autoresponder',
      'out of (?:the )?office',
      'away from (?:the )?office',
      'abwesenheit(?:snotiz)?',
      'automatische antwort',
      'abwesend',
      'réponse automatique',
      'absence du bureau',
      'absent(?:e)? du bureau',
      'respuesta automática',
      'fuera de la oficina',
      'risposta automatica',
      'fuori (?:sede|ufficio)',
      'resposta automática',
      '(?:ausente|fora) do escritório',
      'automatisch antwoord',
      'afwezig',
      'niet aanwezig',
      'automatiskt svar',
      'frånvar(?:o|ande)',
      'autosvar',
      'automatisk svar',
      'fravær',
      'ikke på kontoret',
      'odpowiedź automatyczna',
      'automatyczna odpowiedź',
      'poza biurem',
      'автоматический ответ',
      'автоответ',
      'нет на месте',
      'вне офиса',
      'otomatik (?:yanıt|cevap)',
      'ofis dışında',
      '自動応答',
      '自動返信',
      '不在',
      '自动回复',
      '自動回覆',
      '外出',
    ].join('|') +
    ')',
  'iu',
);

const BOUNCE_SUBJECT =
  /^\s*(?:undeliver(?:ed|able)|delivery (?:status notification|failure|has failed)|mail delivery (?:failed|failure|system)|returned mail|failure notice|unzustellbar|nicht zustellbar|non remis|échec de (?:la )?remise|no se puede entregar|no entregado|non recapitabile|impossibile recapitare|não entregue|onbestelbaar|kan inte levereras|kunne ikke leveres|kan ikke leveres|niedostarczalne|не доставлено|недоставленное|iletilemedi|配信不能|未送达|退信)/iu;

/** Whether a mail is a bounce or an auto-reply (null for a person's mail). */
export function automaticMail(h: AutomaticMailHeaders): AutomaticMail | null {
  const type = (h.contentType ?? '').toLowerCase();
  if (/multipart\/report/.test(type) && /report-type\s*=\s*"?delivery-status/.test(type)) return 'bounce';
  const from = (h.from ?? '').toLowerCase();
  if (/^(?:mailer-daemon|postmaster)@/.test(from) && BOUNCE_SUBJECT.test(h.subject ?? '')) return 'bounce';
  if (/multipart\/report/.test(type)) return 'auto_reply'; // read receipts (disposition-notification) and other reports
  const auto = (h.autoSubmitted ?? '').trim().toLowerCase();
  if (auto && auto !== 'no') return 'auto_reply';
  if (h.xAutoreply || h.xAutorespond) return 'auto_reply';
  if (/^(?:auto_reply|bulk|junk|list)$/i.test((h.precedence ?? '').trim())) return 'auto_reply';
  if (OUT_OF_OFFICE.test(h.subject ?? '')) return 'auto_reply';
  if (BOUNCE_SUBJECT.test(h.subject ?? '')) return 'bounce';
  return null;
}
