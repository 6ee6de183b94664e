// Inbound SMS answers: Twilio's request signature and the "<score> <comment>" reply format.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** X-Twilio-Signature: base64 HMAC-SHA1 of the full URL followed by the sorted POST params (key+value). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function validTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** "3 the queue was too long" → NPS 3 with a comment; null when the text does not start with 0–10. */
export function parseSmsAnswer(body: string): { score: number; comment: string | undefined } | null {
  const m = /^\s*(10|[0-9])(?![0-9])[\s.,:;!-]*(.*)$/s.exec(body);
  if (!m) return null;
  return { score: Number(m[1]), comment: m[2].trim() || undefined };
}
