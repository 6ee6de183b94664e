// PII redaction before any text leaves for an AI model. Pure; placeholders keep the sentence readable.
export interface RedactionResult {
  text: string;
  counts: Record<'email' | 'phone' | 'card' | 'name' | 'iban', number>;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
const CARD = /\b(?:\d[ -]?){13,19}\b/g;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces e-mails, IBANs, card numbers (Luhn-checked), phone numbers and the known contact names. */
export function redactPii(input: string, knownNames: Array<string | undefined | null> = []): RedactionResult {
  const counts: RedactionResult['counts'] = { email: 0, phone: 0, card: 0, name: 0, iban: 0 };
  let text = input.replace(EMAIL, () => (counts.email++, '[EMAIL]'));
  text = text.replace(IBAN, () => (counts.iban++, '[IBAN]'));
  text = text.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length >= 13 && luhn(digits)) return counts.card++, '[CARD]';
    return m;
  });
  text = text.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 7) return m;
    return counts.phone++, '[PHONE]';
  });
  const parts = knownNames
    .flatMap((n) => (n ? [n, ...n.split(/\s+/)] : []))
    .map((n) => n.trim())
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const name of new Set(parts)) {
    text = text.replace(new RegExp(`(?<![\\p{L}])${escapeRe(name)}(?![\\p{L}])`, 'giu'), () => (counts.name++, '[NAME]'));
  }
  return { text, counts };
}
