// HTML of the public collection pages, inside the shared branded shell (renderPublicPage: language and
// direction, logo, display name, accent colour, footer). No inline script or style: the look is one
// stylesheet of its own beside the shared ones, the kiosk's behaviour one script file. The QR,
// campaign-link and widget pages are plain forms that work without JavaScript.
import type { BrandingView } from '../../db/branding';
import type { CollectionPoint, CollectSurface } from '../../domain/collection-point';
import { asksEmail, asksPhone, scoreRange } from '../../domain/collection-point';
import type { MessageKey, Translator } from '../../domain/i18n';
import { tierOf, type Tier } from '../../domain/score-tiers';
import { escapeHtml as esc } from '../../domain/templates';
import { renderPublicPage, type PublicPage } from '../public-site';

/** What every page of one point needs: the point, the language, the branding, the asset URLs. */
export interface PageContext {
  point: CollectionPoint;
  tr: Translator;
  branding: BrandingView;
  assets: { css: string; kioskJs: string };
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

/** How the page may be framed and what else it needs from the response. */
export interface PageOptions {
  csp: string;
  status?: PublicPage['status'];
  headers?: Record<string, string>;
}

const texts = (ctx: PageContext) => ctx.point.texts[ctx.tr.locale] ?? {};
const org = (ctx: PageContext) => ({ org: ctx.branding.displayName });

export const questionOf = (ctx: PageContext) => texts(ctx).question || ctx.tr.t(`collect.question.${ctx.point.captureType}` as MessageKey, org(ctx));
export const thanksOf = (ctx: PageContext, tier: Tier) => texts(ctx).thankYou || ctx.tr.t(`collect.thanks.${tier}` as MessageKey);
const consentOf = (ctx: PageContext) => texts(ctx).consent || ctx.tr.t('collect.consent', org(ctx));

function page(ctx: PageContext, o: PageOptions & { title: string; main: string; surface: CollectSurface | 'kiosk'; script?: boolean }): Response {
  return renderPublicPage({
    tr: ctx.tr,
    branding: ctx.branding,
    title: o.title,
    main: o.main,
    status: o.status,
    headers: o.headers,
    csp: o.csp,
    stylesheets: [ctx.assets.css],
    scripts: o.script ? [ctx.assets.kioskJs] : [],
    manifest: o.surface === 'kiosk' ? `/c/${ctx.point.id}/kiosk.webmanifest` : undefined,
    bodyClass: `c-page c-page--${o.surface}`,
  });
}

function languageNav(ctx: PageContext): string {
  if (ctx.languages.length < 2) return '';
  const links = ctx.languages
    .map((l) => `<li><a href="${esc(l.href)}" lang="${esc(l.lang)}" hreflang="${esc(l.lang)}"${l.lang === ctx.tr.locale ? ' aria-current="true"' : ''}>${esc(l.label)}</a></li>`)
    .join('');
  return `<nav class="c-languages" aria-label="${esc(ctx.tr.t('collect.language'))}"><ul>${links}</ul></nav>`;
}

const SMILE_MOUTH = ['M11 23c2.5-3.5 7.5-3.5 10 0', 'M11 21.5h10', 'M11 20c2.5 3.5 7.5 3.5 10 0'];

/** A face for a smile score (0 unhappy, 1 neutral, 2 happy), decorative: its label says the same. */
function face(score: number): string {
  return (
    `<svg class="c-face" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="14"/>` +
    `<circle class="c-face__eye" cx="11.5" cy="12.5" r="1.8"/><circle class="c-face__eye" cx="20.5" cy="12.5" r="1.8"/><path d="${SMILE_MOUTH[score]}"/></svg>`
  );
}

interface ScoreOption {
  score: number;
  tier: Tier;
  /** The accessible name; shown when `showLabel`, else only the visible art (a star and its number) says it. */
  label: string;
  art: string;
  showLabel: boolean;
}

function scoreOptions(ctx: PageContext): ScoreOption[] {
  const { captureType } = ctx.point;
  const { min, max } = scoreRange(captureType);
  const out: ScoreOption[] = [];
  for (let s = min; s <= max; s++) {
    const tier = tierOf(captureType, s);
    if (captureType === 'smile') out.push({ score: s, tier, label: ctx.tr.t(`collect.smile.${s}` as MessageKey), art: face(s), showLabel: true });
    else if (captureType === 'star') out.push({ score: s, tier, label: ctx.tr.t('collect.starLabel', { score: s }), art: `<span class="c-star" aria-hidden="true">★</span><span class="c-num" aria-hidden="true">${s}</span>`, showLabel: false });
    else out.push({ score: s, tier, label: String(s), art: '', showLabel: true });
  }
  return out;
}

const optionLabel = (o: ScoreOption) => `${o.art}${o.showLabel ? `<span class="c-score__label">${esc(o.label)}</span>` : `<span class="sr-only">${esc(o.label)}</span>`}`;

function npsLegend(ctx: PageContext, id: string): string {
  if (ctx.point.captureType !== 'nps') return '';
  return `<p class="c-legend" id="${id}"><span>${esc(ctx.tr.t('collect.npsLow'))}</span><span>${esc(ctx.tr.t('collect.npsHigh'))}</span></p>`;
}

const fieldError = (id: string, message: string | undefined) => (message ? `<p class="c-error" id="${id}">${esc(message)}</p>` : '');
const invalid = (message: string | undefined, id: string) => (message ? ` aria-invalid="true" aria-describedby="${id}"` : '');

/** The field bots fill in and people never see (hidden by the stylesheet, skipped by keyboard and screen readers). */
function honeypot(ctx: PageContext, id: string): string {
  return `<div class="c-hp" aria-hidden="true"><label for="${id}">${esc(ctx.tr.t('collect.honeypot'))}</label><input id="${id}" name="website" type="text" tabindex="-1" autocomplete="off"></div>`;
}

/** The form of the QR page, the campaign link and the widget: a score, the point's optional steps, Send. */
export function formPage(ctx: PageContext, surface: CollectSurface, state: FormState, opts: PageOptions): Response {
  const { tr, point } = ctx;
  const e = state.errors ?? {};
  const question = questionOf(ctx);
  const options = scoreOptions(ctx)
    .map((o) => {
      const id = `score-${o.score}`;
      return `<input class="c-score__input" type="radio" id="${id}" name="score" value="${o.score}"${state.score === o.score ? ' checked' : ''}${e.score ? ' aria-invalid="true"' : ''}><label class="c-score c-score--${o.tier}" for="${id}">${optionLabel(o)}</label>`;
    })
    .join('');
  const firstScore = `score-${scoreRange(point.captureType).min}`;
  const summary = Object.keys(e).length
    ? `<div class="c-alert" role="alert"><h2>${esc(tr.t('collect.errors.title'))}</h2><ul>${Object.entries(e)
        .map(([field, msg]) => `<li>${field === 'form' ? esc(msg!) : `<a href="#${field === 'score' ? firstScore : field}">${esc(msg!)}</a>`}</li>`)
        .join('')}</ul></div>`
    : state.alert
      ? `<div class="c-alert" role="alert"><p>${esc(state.alert)}</p></div>`
      : '';
  const comment = point.commentStep
    ? `<div class="c-field"><label for="comment">${esc(tr.t('collect.comment'))}</label>` +
      `<textarea id="comment" name="comment" rows="3" maxlength="2000"${invalid(e.comment, 'comment-error')}>${esc(state.comment ?? '')}</textarea>${fieldError('comment-error', e.comment)}</div>`
    : '';
  const contactFields = [
    asksEmail(point.contactStep) &&
      `<div class="c-field"><label for="email">${esc(tr.t('collect.email'))}</label><input id="email" name="email" type="email" autocomplete="email" maxlength="320" value="${esc(state.email ?? '')}"${invalid(e.email, 'email-error')}>${fieldError('email-error', e.email)}</div>`,
    asksPhone(point.contactStep) &&
      `<div class="c-field"><label for="phone">${esc(tr.t('collect.phone'))}</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="40" value="${esc(state.phone ?? '')}"${invalid(e.phone, 'phone-error')}>${fieldError('phone-error', e.phone)}</div>`,
  ]
    .filter(Boolean)
    .join('');
  const contact = contactFields
    ? `<fieldset class="c-contact"><legend>${esc(tr.t('collect.contactLegend'))}</legend>${contactFields}` +
      `<div class="c-check"><input id="consent" name="consent" type="checkbox" value="yes"${state.consent ? ' checked' : ''}${invalid(e.consent, 'consent-error')}><label for="consent">${esc(consentOf(ctx))}</label></div>${fieldError('consent-error', e.consent)}</fieldset>`
    : '';
  const describedBy = [point.captureType === 'nps' && 'scale-legend', e.score && 'score-error'].filter(Boolean).join(' ');
  const main =
    summary +
    `<form method="post" novalidate>` +
    `<fieldset class="c-scale c-scale--${point.captureType}"${describedBy ? ` aria-describedby="${describedBy}"` : ''}>` +
    `<legend><h1>${esc(question)}</h1></legend><div class="c-scale__options">${options}</div>${npsLegend(ctx, 'scale-legend')}${fieldError('score-error', e.score)}</fieldset>` +
    comment +
    contact +
    honeypot(ctx, 'website') +
    `<input type="hidden" name="externalId" value="${esc(state.externalId)}"><input type="hidden" name="lang" value="${esc(tr.locale)}">` +
    `<button type="submit" class="btn c-send">${esc(tr.t('collect.send'))}</button></form>${languageNav(ctx)}`;
  return page(ctx, { ...opts, title: question, main, surface });
}

export function thanksPage(ctx: PageContext, surface: CollectSurface, tier: Tier, againHref: string, opts: PageOptions): Response {
  const main =
    `<h1>${esc(ctx.tr.t('collect.thanks.title'))}</h1><p class="c-thanks" role="status">${esc(thanksOf(ctx, tier))}</p>` +
    `<p><a href="${esc(againHref)}">${esc(ctx.tr.t('collect.again'))}</a></p>`;
  return page(ctx, { ...opts, title: ctx.tr.t('collect.thanks.title'), main, surface });
}

/**
 * The kiosk: every screen is rendered here and the script only shows one at a time, queues answers
 * and sends them. Texts the script needs come from the page, so the script itself holds no words.
 */
export function kioskPage(ctx: PageContext, apiPath: string, opts: PageOptions): Response {
  const { tr, point } = ctx;
  const question = questionOf(ctx);
  const buttons = scoreOptions(ctx)
    .map((o) => `<button type="button" class="c-score c-score--${o.tier}" data-score="${o.score}" data-tier="${o.tier}">${optionLabel(o)}</button>`)
    .join('');
  const email = asksEmail(point.contactStep)
    ? `<div class="c-field"><label for="k-email">${esc(tr.t('collect.email'))}</label><input id="k-email" type="email" autocomplete="off" maxlength="320" data-error="${esc(tr.t('collect.errors.email'))}"></div>`
    : '';
  const phone = asksPhone(point.contactStep)
    ? `<div class="c-field"><label for="k-phone">${esc(tr.t('collect.phone'))}</label><input id="k-phone" type="tel" autocomplete="off" maxlength="40" data-error="${esc(tr.t('collect.errors.phone'))}"></div>`
    : '';
  const actions = `<div class="c-actions"><button type="button" class="btn" data-action="next">${esc(tr.t('collect.send'))}</button><button type="button" class="c-secondary" data-action="skip">${esc(tr.t('collect.skip'))}</button></div>`;
  const steps = [
    point.commentStep &&
      `<section class="c-screen" id="kiosk-comment" hidden><div class="c-field"><label for="k-comment">${esc(tr.t('collect.comment'))}</label><textarea id="k-comment" rows="4" maxlength="2000"></textarea></div>${actions}</section>`,
    (email || phone) &&
      `<section class="c-screen" id="kiosk-contact" hidden aria-labelledby="k-contact-title"><h2 id="k-contact-title">${esc(tr.t('collect.contactLegend'))}</h2>${email}${phone}` +
        `<div class="c-check"><input id="k-consent" type="checkbox" data-error="${esc(tr.t('collect.errors.consent'))}"><label for="k-consent">${esc(consentOf(ctx))}</label></div>` +
        `<p class="c-error" id="k-contact-error" role="alert"></p>${actions}</section>`,
  ]
    .filter(Boolean)
    .join('');
  const thanks = (['detractor', 'passive', 'promoter'] as const).map((tier) => `<p class="c-thanks" data-tier="${tier}" hidden>${esc(thanksOf(ctx, tier))}</p>`).join('');
  const main =
    `<div class="c-kiosk" id="kiosk" data-point="${esc(point.id)}" data-api="${esc(apiPath)}" data-pair-api="/api/v1/collect/pair" data-reset-ms="5000" data-idle-ms="45000">` +
    `<noscript><p class="c-alert">${esc(tr.t('collect.kiosk.noscript'))}</p></noscript>` +
    `<section class="c-screen" id="kiosk-pair" hidden aria-labelledby="k-pair-title"><h1 id="k-pair-title">${esc(tr.t('collect.kiosk.pairTitle'))}</h1><p>${esc(tr.t('collect.kiosk.pairHelp'))}</p>` +
    `<form id="k-pair-form" class="c-pair"><div class="c-field"><label for="k-pair-code">${esc(tr.t('collect.kiosk.pairCode'))}</label><input id="k-pair-code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" required></div>` +
    `<button type="submit" class="btn">${esc(tr.t('collect.kiosk.pair'))}</button><p class="c-error" id="k-pair-error" role="alert" data-error="${esc(tr.t('collect.kiosk.pairFailed'))}"></p></form></section>` +
    `<section class="c-screen" id="kiosk-ask" hidden aria-labelledby="k-question"><h1 id="k-question">${esc(question)}</h1>` +
    `<div class="c-scale c-scale--${point.captureType}" role="group" aria-labelledby="k-question"${point.captureType === 'nps' ? ' aria-describedby="k-legend"' : ''}><div class="c-scale__options">${buttons}</div></div>${npsLegend(ctx, 'k-legend')}</section>` +
    steps +
    `<section class="c-screen" id="kiosk-thanks" hidden aria-labelledby="k-thanks-title"><h1 id="k-thanks-title" tabindex="-1">${esc(tr.t('collect.thanks.title'))}</h1>${thanks}</section>` +
    honeypot(ctx, 'k-website') +
    `<p class="c-offline" id="kiosk-offline" role="status" hidden>${esc(tr.t('collect.kiosk.offline'))}</p>${languageNav(ctx)}</div>`;
  return page(ctx, { ...opts, title: tr.t('collect.kiosk.title'), main, surface: 'kiosk', script: true });
}
