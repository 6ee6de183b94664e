// HTML of the public collection pages. Server-rendered, no inline script or style (a strict CSP holds):
// the look is one stylesheet, the kiosk's behaviour one script file. The QR, campaign-link and widget
// pages are plain forms that work without JavaScript.
import type { CollectionPoint, CollectSurface } from '../../domain/collection-point';
import { asksEmail, asksPhone, scoreRange } from '../../domain/collection-point';
import { tierOf, type Tier } from '../../domain/score-tiers';
import type { MessageKey, Translator } from '../../domain/i18n';

export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What every page of one point needs: the point, the language and its texts, the organisation, the asset URLs. */
export interface PageContext {
  point: CollectionPoint;
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translator['t'];
  org: { name: string; logoUrl: string | null };
  assets: { css: string[]; kioskJs: string };
  /** Languages offered in the switcher, with the URL of this page in each. */
  languages: Array<{ lang: string; label: string; href: string }>;
}

/** What the form pages show again after a refused answer. */
export interface FormState {
  externalId: string;
  score?: number;
  comment?: string;
  email?: string;
  phone?: string;
  consent?: boolean;
  errors?: Partial<Record<'score' | 'comment' | 'email' | 'phone' | 'consent' | 'form', string>>;
  /** A message for the whole page (rate limit, outage) shown above the form. */
  alert?: string;
}

const texts = (ctx: PageContext) => ctx.point.texts[ctx.lang] ?? {};

export function questionOf(ctx: PageContext): string {
  return texts(ctx).question || ctx.t(`collect.question.${ctx.point.captureType}` as MessageKey, { org: ctx.org.name });
}

export function thanksOf(ctx: PageContext, tier: Tier): string {
  return texts(ctx).thankYou || ctx.t(`collect.thanks.${tier}` as MessageKey);
}

const consentOf = (ctx: PageContext) => texts(ctx).consent || ctx.t('collect.consent', { org: ctx.org.name });

export function shell(ctx: PageContext, o: { title: string; surface: CollectSurface | 'kiosk-page'; body: string; script?: boolean }): string {
  const css = ctx.assets.css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('');
  const manifest = o.surface === 'kiosk-page' ? `<link rel="manifest" href="/c/${esc(ctx.point.id)}/kiosk.webmanifest">` : '';
  const script = o.script ? `<script type="module" src="${esc(ctx.assets.kioskJs)}"></script>` : '';
  return (
    `<!doctype html><html lang="${esc(ctx.lang)}" dir="${ctx.dir}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>${esc(o.title)}</title>${css}${manifest}${script}</head>` +
    `<body class="collect collect--${o.surface === 'kiosk-page' ? 'kiosk' : o.surface}">${o.body}</body></html>`
  );
}

function brandHeader(ctx: PageContext): string {
  const logo = ctx.org.logoUrl ? `<img class="brand__logo" src="${esc(ctx.org.logoUrl)}" alt="">` : '';
  return `<header class="brand">${logo}<span class="brand__name">${esc(ctx.org.name)}</span></header>`;
}

function languageNav(ctx: PageContext): string {
  if (ctx.languages.length < 2) return '';
  const links = ctx.languages
    .map((l) => `<li><a href="${esc(l.href)}" lang="${esc(l.lang)}" hreflang="${esc(l.lang)}"${l.lang === ctx.lang ? ' aria-current="true"' : ''}>${esc(l.label)}</a></li>`)
    .join('');
  return `<nav class="languages" aria-label="${esc(ctx.t('collect.language'))}"><ul>${links}</ul></nav>`;
}

const SMILE_MOUTH = ['M11 23c2.5-3.5 7.5-3.5 10 0', 'M11 21.5h10', 'M11 20c2.5 3.5 7.5 3.5 10 0'];

/** A face for a smile score (0 unhappy, 1 neutral, 2 happy), decorative: its label says the same. */
function face(score: number): string {
  return (
    `<svg class="face" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="14"/>` +
    `<circle class="face__eye" cx="11.5" cy="12.5" r="1.8"/><circle class="face__eye" cx="20.5" cy="12.5" r="1.8"/><path d="${SMILE_MOUTH[score]}"/></svg>`
  );
}

export interface ScoreOption {
  score: number;
  label: string;
  tier: Tier;
  /** Visible content besides the label (a face, a star). */
  art: string;
  /** True when the visible label is only the number and the accessible name says more. */
  showLabel: boolean;
}

export function scoreOptions(ctx: PageContext): ScoreOption[] {
  const { captureType } = ctx.point;
  const { min, max } = scoreRange(captureType);
  const out: ScoreOption[] = [];
  for (let s = min; s <= max; s++) {
    const tier = tierOf(captureType, s);
    if (captureType === 'smile') out.push({ score: s, tier, label: ctx.t(`collect.smile.${s}` as MessageKey), art: face(s), showLabel: true });
    else if (captureType === 'star') out.push({ score: s, tier, label: ctx.t('collect.starLabel', { score: s }), art: `<span class="star" aria-hidden="true">★</span><span class="num" aria-hidden="true">${s}</span>`, showLabel: false });
    else out.push({ score: s, tier, label: String(s), art: '', showLabel: true });
  }
  return out;
}

function npsLegend(ctx: PageContext, id: string): string {
  if (ctx.point.captureType !== 'nps') return '';
  return `<p class="scale__legend" id="${id}"><span>${esc(ctx.t('collect.npsLow'))}</span><span>${esc(ctx.t('collect.npsHigh'))}</span></p>`;
}

const fieldError = (id: string, message: string | undefined) => (message ? `<p class="field-error" id="${id}">${esc(message)}</p>` : '');
const describedBy = (...ids: Array<string | false | undefined>) => {
  const list = ids.filter(Boolean).join(' ');
  return list ? ` aria-describedby="${list}"` : '';
};

/** The form of the QR page, the campaign link and the widget: a score, the point's optional steps, Send. */
export function formPage(ctx: PageContext, surface: CollectSurface, state: FormState): string {
  const { t, point } = ctx;
  const e = state.errors ?? {};
  const question = questionOf(ctx);
  const options = scoreOptions(ctx)
    .map((o) => {
      const id = `score-${o.score}`;
      const checked = state.score === o.score ? ' checked' : '';
      const label = o.showLabel ? `<span class="score__label">${esc(o.label)}</span>` : `<span class="sr-only">${esc(o.label)}</span>`;
      return `<input class="score__input" type="radio" id="${id}" name="score" value="${o.score}"${checked}${e.score ? ' aria-invalid="true"' : ''}><label class="score score--${o.tier}" for="${id}">${o.art}${label}</label>`;
    })
    .join('');
  const summary = Object.entries(e).length
    ? `<div class="alert" role="alert" tabindex="-1" id="errors"><h2>${esc(t('collect.errors.title'))}</h2><ul>${Object.entries(e)
        .map(([field, msg]) => `<li>${field === 'form' ? esc(msg!) : `<a href="#${field === 'score' ? 'score-' + scoreRange(point.captureType).min : field}">${esc(msg!)}</a>`}</li>`)
        .join('')}</ul></div>`
    : state.alert
      ? `<div class="alert" role="alert" id="errors"><p>${esc(state.alert)}</p></div>`
      : '';
  const comment = point.commentStep
    ? `<div class="field"><label for="comment">${esc(t('collect.comment'))}</label>` +
      `<textarea id="comment" name="comment" rows="3" maxlength="2000"${e.comment ? ' aria-invalid="true"' : ''}${describedBy(e.comment && 'comment-error')}>${esc(state.comment ?? '')}</textarea>${fieldError('comment-error', e.comment)}</div>`
    : '';
  const contactFields = [
    asksEmail(point.contactStep) &&
      `<div class="field"><label for="email">${esc(t('collect.email'))}</label><input id="email" name="email" type="email" autocomplete="email" maxlength="320" value="${esc(state.email ?? '')}"${e.email ? ' aria-invalid="true"' : ''}${describedBy(e.email && 'email-error')}>${fieldError('email-error', e.email)}</div>`,
    asksPhone(point.contactStep) &&
      `<div class="field"><label for="phone">${esc(t('collect.phone'))}</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="40" value="${esc(state.phone ?? '')}"${e.phone ? ' aria-invalid="true"' : ''}${describedBy(e.phone && 'phone-error')}>${fieldError('phone-error', e.phone)}</div>`,
  ]
    .filter(Boolean)
    .join('');
  const contact = contactFields
    ? `<fieldset class="contact"><legend>${esc(t('collect.contactLegend'))}</legend>${contactFields}` +
      `<div class="check"><input id="consent" name="consent" type="checkbox" value="yes"${state.consent ? ' checked' : ''}${e.consent ? ' aria-invalid="true"' : ''}${describedBy(e.consent && 'consent-error')}><label for="consent">${esc(consentOf(ctx))}</label></div>${fieldError('consent-error', e.consent)}</fieldset>`
    : '';
  const body =
    `<main class="card">${brandHeader(ctx)}${summary}` +
    `<form method="post" novalidate>` +
    `<fieldset class="scale scale--${point.captureType}"${describedBy(point.captureType === 'nps' && 'scale-legend', e.score && 'score-error')}>` +
    `<legend><h1>${esc(question)}</h1></legend><div class="scale__options">${options}</div>${npsLegend(ctx, 'scale-legend')}${fieldError('score-error', e.score)}</fieldset>` +
    comment +
    contact +
    honeypot(ctx) +
    `<input type="hidden" name="externalId" value="${esc(state.externalId)}"><input type="hidden" name="lang" value="${esc(ctx.lang)}">` +
    `<button type="submit" class="primary">${esc(t('collect.send'))}</button></form>${languageNav(ctx)}</main>`;
  return shell(ctx, { title: question, surface, body });
}

/** The field bots fill in and people never see (hidden by the stylesheet, skipped by keyboard and screen readers). */
function honeypot(ctx: PageContext, id = 'website'): string {
  return `<div class="hp" aria-hidden="true"><label for="${id}">${esc(ctx.t('collect.honeypot'))}</label><input id="${id}" name="website" type="text" tabindex="-1" autocomplete="off"></div>`;
}

export function thanksPage(ctx: PageContext, surface: CollectSurface, tier: Tier, againHref: string): string {
  const text = thanksOf(ctx, tier);
  const body =
    `<main class="card thanks">${brandHeader(ctx)}<h1>${esc(ctx.t('collect.thanks.title'))}</h1><p class="thanks__text" role="status">${esc(text)}</p>` +
    `<p><a href="${esc(againHref)}">${esc(ctx.t('collect.again'))}</a></p></main>`;
  return shell(ctx, { title: ctx.t('collect.thanks.title'), surface, body });
}

/** A page with only a message: unknown or closed point. Needs no point. */
export function messagePage(o: { lang: string; dir: 'ltr' | 'rtl'; title: string; text: string; css: string[] }): string {
  const css = o.css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('');
  return (
    `<!doctype html><html lang="${esc(o.lang)}" dir="${o.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(o.title)}</title>${css}</head><body class="collect collect--qr"><main class="card"><h1>${esc(o.title)}</h1><p>${esc(o.text)}</p></main></body></html>`
  );
}

/**
 * The kiosk: every screen is rendered here and the script only shows one at a time, queues answers
 * and sends them. Texts the script needs come from the page, so the script itself holds no words.
 */
export function kioskPage(ctx: PageContext, apiPath: string): string {
  const { t, point } = ctx;
  const question = questionOf(ctx);
  const buttons = scoreOptions(ctx)
    .map((o) => {
      const label = o.showLabel ? `<span class="score__label">${esc(o.label)}</span>` : `<span class="sr-only">${esc(o.label)}</span>`;
      return `<button type="button" class="score score--${o.tier}" data-score="${o.score}" data-tier="${o.tier}">${o.art}${label}</button>`;
    })
    .join('');
  const email = asksEmail(point.contactStep)
    ? `<div class="field"><label for="k-email">${esc(t('collect.email'))}</label><input id="k-email" type="email" autocomplete="off" maxlength="320" data-error="${esc(t('collect.errors.email'))}"></div>`
    : '';
  const phone = asksPhone(point.contactStep)
    ? `<div class="field"><label for="k-phone">${esc(t('collect.phone'))}</label><input id="k-phone" type="tel" autocomplete="off" maxlength="40" data-error="${esc(t('collect.errors.phone'))}"></div>`
    : '';
  const steps = [
    point.commentStep &&
      `<section class="kiosk__screen" id="kiosk-comment" hidden><div class="field"><label for="k-comment">${esc(t('collect.comment'))}</label><textarea id="k-comment" rows="4" maxlength="2000"></textarea></div>` +
        `<div class="actions"><button type="button" class="primary" data-action="next">${esc(t('collect.send'))}</button><button type="button" data-action="skip">${esc(t('collect.skip'))}</button></div></section>`,
    (email || phone) &&
      `<section class="kiosk__screen" id="kiosk-contact" hidden aria-labelledby="k-contact-title"><h2 id="k-contact-title">${esc(t('collect.contactLegend'))}</h2>${email}${phone}` +
        `<div class="check"><input id="k-consent" type="checkbox" data-error="${esc(t('collect.errors.consent'))}"><label for="k-consent">${esc(consentOf(ctx))}</label></div>` +
        `<p class="field-error" id="k-contact-error" role="alert"></p>` +
        `<div class="actions"><button type="button" class="primary" data-action="next">${esc(t('collect.send'))}</button><button type="button" data-action="skip">${esc(t('collect.skip'))}</button></div></section>`,
  ]
    .filter(Boolean)
    .join('');
  const thanks = (['detractor', 'passive', 'promoter'] as const).map((tier) => `<p class="thanks__text" data-tier="${tier}" hidden>${esc(thanksOf(ctx, tier))}</p>`).join('');
  const body =
    `<main class="kiosk" id="kiosk" data-point="${esc(point.id)}" data-api="${esc(apiPath)}" data-pair-api="/api/v1/collect/pair" data-reset-ms="5000" data-idle-ms="45000">` +
    `${brandHeader(ctx)}<noscript><p class="alert">${esc(t('collect.kiosk.noscript'))}</p></noscript>` +
    `<section class="kiosk__screen" id="kiosk-pair" hidden aria-labelledby="k-pair-title"><h1 id="k-pair-title">${esc(t('collect.kiosk.pairTitle'))}</h1><p>${esc(t('collect.kiosk.pairHelp'))}</p>` +
    `<form id="k-pair-form" class="pair"><div class="field"><label for="k-pair-code">${esc(t('collect.kiosk.pairCode'))}</label><input id="k-pair-code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" required></div>` +
    `<button type="submit" class="primary">${esc(t('collect.kiosk.pair'))}</button><p class="field-error" id="k-pair-error" role="alert" data-error="${esc(t('collect.kiosk.pairFailed'))}"></p></form></section>` +
    `<section class="kiosk__screen" id="kiosk-ask" hidden aria-labelledby="k-question"><h1 id="k-question">${esc(question)}</h1>` +
    `<div class="scale scale--${point.captureType}" role="group" aria-labelledby="k-question"${describedBy(point.captureType === 'nps' && 'k-legend')}>${buttons}</div>${npsLegend(ctx, 'k-legend')}</section>` +
    steps +
    `<section class="kiosk__screen thanks" id="kiosk-thanks" hidden aria-labelledby="k-thanks-title"><h1 id="k-thanks-title" tabindex="-1">${esc(t('collect.thanks.title'))}</h1>${thanks}</section>` +
    honeypot(ctx, 'k-website') +
    `<p class="kiosk__offline" id="kiosk-offline" role="status" hidden>${esc(t('collect.kiosk.offline'))}</p>${languageNav(ctx)}</main>`;
  return shell(ctx, { title: t('collect.kiosk.title'), surface: 'kiosk-page', body, script: true });
}
