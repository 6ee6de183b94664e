// The CSAT survey page's HTML: server-rendered, no script, no inline style (strict CSP), every word
// through the i18n layer, wording that fits the answer (an apology for a 1), faces for smile feedback.
import type { CsatSurvey } from '../domain/csat';
import type { Translator } from '../domain/i18n';
import { escapeHtml as esc, SCALE_SCORES, type SurveyScale } from '../domain/templates';

export const scaleOf = (captureType: CsatSurvey['captureType']): SurveyScale => (captureType === 'smile' ? 'smile' : 'five');

/** The answer as words: "4 of 5 – Happy", or the face's name. */
export function answerLabel(tr: Translator, scale: SurveyScale, score: number): string {
  if (scale === 'smile') return tr.t(`score.smile.${score}` as 'score.smile.1');
  return tr.t('score.outOfFive', { score: String(score), label: tr.t(`score.five.${score}` as 'score.five.1') });
}

/** Which thank-you fits a score: an apology for 1–2. */
export const tone = (score: number): 'unhappy' | 'neutral' | 'happy' => (score <= 2 ? 'unhappy' : score === 3 ? 'neutral' : 'happy');

// Three faces drawn with SVG presentation attributes (no style attribute, so CSP-clean); the label beside
// each is the accessible name.
const MOUTH: Record<number, string> = { 1: 'M15 33 Q24 25 33 33', 3: 'M15 31 L33 31', 5: 'M15 29 Q24 38 33 29' };
const face = (score: number) =>
  `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="21" fill="#fff4c2" stroke="#57606a" stroke-width="2"/><circle cx="17" cy="19" r="2.6" fill="#1f2328"/><circle cx="31" cy="19" r="2.6" fill="#1f2328"/><path d="${MOUTH[score]}" fill="none" stroke="#1f2328" stroke-width="2.6" stroke-linecap="round"/></svg>`;

export interface FormState {
  scale: SurveyScale;
  chosen: number | null;
  comment: string;
  reasonId: string | null;
  reasons: Array<{ id: string; name: string }>;
  error: string | null;
  /** Only a comment may still be added: the score travels hidden. */
  commentOnly?: boolean;
}

export function surveyForm(tr: Translator, f: FormState): string {
  const options = SCALE_SCORES[f.scale]
    .map((score) => {
      const id = `score-${score}`;
      const label = f.scale === 'smile' ? tr.t(`score.smile.${score}` as 'score.smile.1') : tr.t(`score.five.${score}` as 'score.five.1');
      const mark = f.scale === 'smile' ? face(score) : `<span class="num">${score}</span>`;
      return `<input type="radio" name="score" id="${id}" value="${score}"${f.chosen === score ? ' checked' : ''} required><label for="${id}">${mark} <span>${esc(label)}</span></label>`;
    })
    .join('');
  const error = f.error ? `<p class="notice bad" id="score-error" role="alert">${esc(f.error)}</p>` : '';
  const scale = f.commentOnly
    ? `<input type="hidden" name="score" value="${f.chosen}">`
    : `${error}<fieldset${f.error ? ' aria-describedby="score-error"' : ''}><legend>${esc(tr.t('csat.question'))}</legend><div class="scale${f.scale === 'smile' ? ' faces' : ''}">${options}</div></fieldset>`;
  const reasons = f.reasons.length
    ? `<label class="field"><span>${esc(tr.t('csat.reasonLabel'))}</span><select name="reasonId"><option value="">${esc(tr.t('csat.reasonNone'))}</option>${f.reasons.map((r) => `<option value="${esc(r.id)}"${r.id === f.reasonId ? ' selected' : ''}>${esc(r.name)}</option>`).join('')}</select></label>`
    : '';
  return (
    `<form method="post" class="card">${scale}${reasons}` +
    `<label class="field"><span>${esc(tr.t('csat.commentLabel'))}</span><textarea name="comment" rows="4" maxlength="2000" dir="auto">${esc(f.comment)}</textarea></label>` +
    `<button class="btn" type="submit">${esc(tr.t(f.commentOnly ? 'csat.submitComment' : 'csat.submit'))}</button></form>`
  );
}

export const heading = (title: string) => `<h1>${esc(title)}</h1>`;
export const subheading = (title: string) => `<h2>${esc(title)}</h2>`;
export const para = (text: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;
export const notice = (text: string, kind: '' | 'warn' | 'bad' = '') => `<p class="notice${kind ? ` ${kind}` : ''}" role="status">${esc(text)}</p>`;
