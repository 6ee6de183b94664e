// The public CSAT page behind the survey links: no sign-in, no JavaScript, strict CSP, branded and in
// the customer's language. A GET (what mail scanners do to every link) only shows the page, with the
// link's answer preselected — it reads the survey by a workflow query and records nothing. Only the
// person's POST answers, through the ticket workflow's csatAnswer update, which applies the
// second-answer policy (domain/csat.ts) and says what it stored; the page shows exactly that.
// The token in the path is the capability; cross-site form posts are refused (Origin / Sec-Fetch-Site).
import { WorkflowNotFoundError } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { csatOnRecord } from '../../db/csat';
import { readBranch } from '../../db/org';
import { liveEntries } from '../../db/taxonomies';
import type { CsatReceipt, CsatRefusal, CsatSurvey } from '../../domain/csat';
import { DomainError } from '../../domain/errors';
import { preferredLocale, translator, type Translator } from '../../domain/i18n';
import { isSafeText } from '../../domain/text';
import { withTemporalWorker } from '../outage';
import { ticketWorkflowId } from '../../domain/ticket';
import { SCALE_SCORES } from '../../domain/templates';
import { csatAnswerUpdate, csatSurveyQuery } from '../../workflows/ticket-messages';
import { answerLabel, heading, notice, para, scaleOf, subheading, surveyForm, tone, type FormState } from '../csat-page';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';
import { rateLimit } from '../rate-limit';
import { sha256 } from '../../platform/security';
import { readBranding, renderPublicPage, type PublicPage } from '../public-site';
import { toDomainError } from '../temporal-errors';

const TOKEN = /^(\d+)\.[0-9a-f]{32}$/;
const MAX_COMMENT = 2000;
/** Answers per minute one address, and one survey link, may post: a person needs a handful at most. */
export const CSAT_POSTS_PER_IP = 30;
export const CSAT_POSTS_PER_TOKEN = 10;
type C = Context<AppEnv>;

/** Everything a page needs besides its body: language (contact → Accept-Language → branch → English), branding, branch name. */
async function pageContext(c: C, survey: Pick<CsatSurvey, 'locale' | 'branch'> | null) {
  const { db } = c.get('deps');
  const branch = survey?.branch ? await readBranch(db, survey.branch) : null;
  const tr = translator(survey?.locale, preferredLocale(c.req.header('accept-language')), branch?.locale);
  const branding = await readBranding(db);
  return { tr, branding, branchName: branch?.name ?? branding.displayName };
}

async function page(c: C, survey: Pick<CsatSurvey, 'locale' | 'branch'> | null, build: (tr: Translator, branchName: string) => { main: string; status?: PublicPage['status']; headers?: Record<string, string> }) {
  const { tr, branding, branchName } = await pageContext(c, survey);
  return renderPublicPage({ tr, branding, title: tr.t('csat.pageTitle'), ...build(tr, branchName) });
}

const invalid = (c: C) => page(c, null, (tr) => ({ main: heading(tr.t('csat.invalid.title')) + para(tr.t('csat.invalid.body')), status: 404 }));
const unavailable = (c: C, survey: CsatSurvey | null = null) =>
  page(c, survey, (tr) => ({ main: heading(tr.t('csat.unavailable.title')) + para(tr.t('csat.unavailable.body')), status: 503, headers: { 'retry-after': '30' } }));

/** The survey behind a token by a workflow query (nothing enters history); null when there is none. */
async function readSurvey(c: C, token: string): Promise<CsatSurvey | null> {
  const number = Number(TOKEN.exec(token)![1]);
  try {
    const deps = c.get('deps');
    const survey = await withTemporalWorker(deps, () => deps.temporal.workflow.getHandle(ticketWorkflowId(number)).query(csatSurveyQuery, token));
    return survey.state === 'unknown' ? null : survey;
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return null;
    throw e;
  }
}

/** The survey of a well-formed token, or the page that says why there is none (404, or 503 in an outage). */
async function surveyOrPage(c: C, token: string): Promise<CsatSurvey | Response> {
  if (!TOKEN.test(token)) return invalid(c);
  try {
    return (await readSurvey(c, token)) ?? (await invalid(c));
  } catch {
    return unavailable(c);
  }
}

const reasonsOf = async (c: C) => (await liveEntries(c.get('deps').db, 'csat_reason')).map((r) => ({ id: r.id, name: r.name }));

/** The page of a survey in any state; `chosen` preselects an answer (from the link or the form). */
async function surveyPage(c: C, survey: CsatSurvey, opts: { chosen?: number | null; form?: Partial<FormState>; lead?: string; status?: PublicPage['status'] } = {}) {
  const reasons = await reasonsOf(c);
  const scale = scaleOf(survey.captureType);
  const now = Date.now();
  return page(c, survey, (tr, branchName) => {
    const intro = para(tr.t('csat.intro', { branchName, ticketNumber: String(survey.ticketNumber) }), 'lead');
    const lead = opts.lead ?? '';
    const form = (f: Partial<FormState> = {}) => surveyForm(tr, { scale, chosen: opts.chosen ?? survey.score, comment: '', reasonId: null, reasons, error: null, ...opts.form, ...f });
    if (survey.state === 'closed') return { main: heading(tr.t('csat.closed.title')) + para(tr.t('csat.closed.body', { count: survey.followUpDays })), status: 410 };
    if (survey.state === 'answered' && survey.score !== null) {
      const answer = answerLabel(tr, scale, survey.score);
      if (survey.changeUntil !== null && now < survey.changeUntil) {
        const minutes = Math.max(1, Math.ceil((survey.changeUntil - now) / 60_000));
        return { main: heading(tr.t(`csat.thanks.${tone(survey.score)}.title`)) + lead + notice(`${tr.t('csat.onRecord', { answer })} ${tr.t('csat.changeFor', { count: minutes })} ${tr.t('csat.changePrompt')}`) + form(), status: opts.status };
      }
      const more = survey.commentUntil > now ? subheading(tr.t('csat.addComment')) + form({ commentOnly: true, chosen: survey.score }) : '';
      return { main: heading(tr.t(`csat.thanks.${tone(survey.score)}.title`)) + lead + notice(tr.t('csat.onRecord', { answer })) + more, status: opts.status };
    }
    return { main: heading(tr.t('csat.pageTitle')) + intro + form(), status: opts.status };
  });
}

/** After an answer was stored: the wording fits the score, and says exactly what is on record. */
async function receiptPage(c: C, r: CsatReceipt) {
  const s = r.survey;
  const scale = scaleOf(s.captureType);
  return page(c, s, (tr) => {
    const answer = answerLabel(tr, scale, s.score!);
    if (r.outcome === 'commented') return { main: heading(tr.t('csat.commented.title')) + para(tr.t('csat.commented.body', { answer })) };
    const t = tone(s.score!);
    const changed = r.outcome === 'changed' ? notice(tr.t('csat.changed', { answer })) : '';
    const until = s.changeUntil !== null && Date.now() < s.changeUntil ? para(tr.t('csat.changeFor', { count: Math.max(1, Math.ceil((s.changeUntil - Date.now()) / 60_000)) }), 'muted') : '';
    return { main: heading(tr.t(`csat.thanks.${t}.title`)) + changed + para(tr.t(`csat.thanks.${t}.body`, { answer })) + until };
  });
}

/** A refused answer: what is on record (or why nothing could be). */
async function refusedPage(c: C, survey: CsatSurvey, why: CsatRefusal | 'gone', onRecord: { score: number | null; answeredAt: number | null }) {
  if (why === 'not_ready') return page(c, survey, (tr) => ({ main: heading(tr.t('csat.notReady.title')) + para(tr.t('csat.notReady.body')), status: 503, headers: { 'retry-after': '60' } }));
  if ((why === 'already_answered' || why === 'gone') && onRecord.score !== null && onRecord.answeredAt !== null) {
    const scale = scaleOf(survey.captureType);
    return page(c, survey, (tr) => ({
      main: heading(tr.t('csat.alreadyAnswered.title')) + para(tr.t('csat.alreadyAnswered.body', { answer: answerLabel(tr, scale, onRecord.score!), date: tr.date(onRecord.answeredAt!, { dateStyle: 'long' }) })),
      status: 409,
    }));
  }
  return page(c, survey, (tr) => ({ main: heading(tr.t('csat.closed.title')) + para(tr.t('csat.closed.body', { count: survey.followUpDays })), status: 410 }));
}

export function csatRoutes() {
  const app = new Hono<AppEnv>();

  // GET (and HEAD, which Hono answers from it): shows, never records.
  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const survey = await surveyOrPage(c, token);
    if (survey instanceof Response) return survey;
    const wanted = Number(c.req.query('score'));
    const chosen = SCALE_SCORES[scaleOf(survey.captureType)].includes(wanted) ? wanted : null;
    return surveyPage(c, survey, { chosen: chosen ?? survey.score });
  });

  // A form post from another site is refused: the browser says where it comes from (Origin or
  // Sec-Fetch-Site); a post without either (old clients, curl) relies on the token alone.
  const crossSite = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL(c.get('deps').config.publicUrl).origin, secFetchSite: ['same-origin'] });
  app.post('/:token', async (c, next) => {
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (!fetchSite && !origin) return next();
    try {
      return await crossSite(c, next);
    } catch (e) {
      if (!(e instanceof HTTPException) || e.status !== 403) throw e;
      return page(c, null, (tr) => ({ main: heading(tr.t('csat.crossSite.title')) + para(tr.t('csat.crossSite.body')), status: 403 }));
    }
  });

  // Rate limits before anything is read (the survey query costs a workflow round trip): per address,
  // then per link, each 429 with Retry-After and a page that says nothing was recorded.
  app.post('/:token', async (c, next) => {
    for (const [key, max] of [
      [`csat:ip:${clientIp(c)}`, CSAT_POSTS_PER_IP],
      [`csat:token:${sha256(c.req.param('token'))}`, CSAT_POSTS_PER_TOKEN],
    ] as const) {
      const r = await rateLimit(key, max, 60_000);
      if (!r.ok) return page(c, null, (tr) => ({ main: heading(tr.t('csat.rateLimited.title')) + para(tr.t('csat.rateLimited.body')), status: 429, headers: { 'retry-after': String(r.retryAfterSeconds) } }));
    }
    return next();
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const survey = await surveyOrPage(c, token);
    if (survey instanceof Response) return survey;
    const number = survey.ticketNumber;
    const body = await c.req.parseBody();
    const score = Number(body.score);
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, MAX_COMMENT) : '';
    const reasons = await reasonsOf(c);
    const reasonId = typeof body.reasonId === 'string' && reasons.some((r) => r.id === body.reasonId) ? body.reasonId : null;
    const form = { comment, reasonId };
    if (!SCALE_SCORES[scaleOf(survey.captureType)].includes(score) || !isSafeText(comment)) {
      const { tr } = await pageContext(c, survey);
      return surveyPage(c, survey, { chosen: null, form: { ...form, comment: isSafeText(comment) ? comment : '', error: tr.t('csat.chooseScore') }, status: 400 });
    }
    try {
      const deps = c.get('deps');
      const receipt = await withTemporalWorker(deps, () => deps.temporal.workflow.getHandle(ticketWorkflowId(number)).executeUpdate(csatAnswerUpdate, { args: [{ token, score, comment: comment || null, reasonId, answeredAt: Date.now() }] }));
      return receiptPage(c, receipt);
    } catch (e) {
      const err = toDomainError(e);
      if (!(err instanceof DomainError)) return unavailable(c, survey);
      if (err.code === 'NOT_FOUND') return invalid(c);
      const why = (err.details?.csat as CsatRefusal | undefined) ?? 'gone';
      const record = why === 'gone' ? await csatOnRecord(c.get('deps').db, number) : { score: (err.details?.score as number | null) ?? null, answeredAt: (err.details?.answeredAt as number | null) ?? null };
      return refusedPage(c, survey, why, record ?? { score: null, answeredAt: null });
    }
  });
  return app;
}
