// What a customer mail is dressed in, from the branding and the translator (pure: the activity and the
// template preview build it the same way).
import type { Translator } from './i18n';
import type { MailDress } from './templates';

export interface BrandingLike {
  displayName: string;
  accentColor: string;
  footer: string;
  logoPath: string | null;
}

export function mailDress(tr: Translator, b: BrandingLike, publicUrl: string): MailDress {
  return { locale: tr.locale, dir: tr.dir, displayName: b.displayName, accentColor: b.accentColor, footer: b.footer, logoUrl: b.logoPath ? `${publicUrl}${b.logoPath}` : null };
}
