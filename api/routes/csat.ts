// The public CSAT page behind the survey links: no sign-in, no JavaScript. The token names the ticket;
// the workflow checks it and accepts one score (a comment and, for unhappy answers, a reason may follow).
import { Hono } from 'hono';
import { liveEntries } from '../../db/taxonomies';
import { ticketWorkflowId } from '../../domain/ticket';
import { csatAnswerSignal, ticketStateQuery } from '../../workflows/ticket-messages';
import type { AppEnv } from '../deps';

const TOKEN = /^(\d+)\.[0-9a-f]{32}$/;
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const page = (body: string, status: 200 | 400 | 404 = 200) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Your feedback</title>` +
      `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:520px;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.4rem .9rem}textarea,select{font:inherit;width:100%}</style></head><body>${body}</body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );

export function csatRoutes() {
  const app = new Hono<AppEnv>();

  async function record(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, token: string, score: number, comment: string | null, reasonId: string | null) {
    const number = Number(TOKEN.exec(token)![1]);
    const handle = c.get('deps').temporal.workflow.getHandle(ticketWorkflowId(number));
    await handle.signal(csatAnswerSignal, { token, score, comment, reasonId, answeredAt: Date.now() });
    return number;
  }

  async function form(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, token: string, score: number) {
    const reasons = score <= 2 ? await liveEntries(c.get('deps').db, 'csat_reason') : [];
    const select = reasons.length
      ? `<label>What went wrong?<select name="reasonId"><option value="">—</option>${reasons.map((r) => `<option value="${esc(r.id)}">${esc(r.name)}</option>`).join('')}</select></label>`
      : '';
    return page(
      `<h1>Thank you!</h1><p>We recorded your answer: <strong>${score} / 5</strong>.</p>` +
        `<form method="post"><input type="hidden" name="score" value="${score}">${select}<label>Anything you would like to add?<textarea name="comment" rows="4" maxlength="2000"></textarea></label><p><button type="submit">Send</button></p></form>`,
    );
  }

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token)) return page('<h1>Link not valid</h1><p>This survey link is not valid.</p>', 404);
    const score = Number(c.req.query('score'));
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      const links = [1, 2, 3, 4, 5].map((s) => `<a href="?score=${s}">${s}</a>`).join(' · ');
      return page(`<h1>How did we do?</h1><p>1 = very unhappy, 5 = very happy</p><p style="font-size:1.6rem">${links}</p>`);
    }
    try {
      await record(c, token, score, null, null);
    } catch {
      return page('<h1>Survey closed</h1><p>This ticket is no longer open for answers.</p>', 404);
    }
    return form(c, token, score);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token)) return page('<h1>Link not valid</h1>', 404);
    const body = await c.req.parseBody();
    const score = Number(body.score);
    if (!Number.isInteger(score) || score < 1 || score > 5) return page('<h1>Please pick a score from 1 to 5</h1>', 400);
    const comment = String(body.comment ?? '').trim().slice(0, 2000) || null;
    const reasonId = String(body.reasonId ?? '') || null;
    try {
      const number = await record(c, token, score, comment, reasonId);
      await c.get('deps').temporal.workflow.getHandle(ticketWorkflowId(number)).query(ticketStateQuery);
    } catch {
      return page('<h1>Survey closed</h1><p>This ticket is no longer open for answers.</p>', 404);
    }
    return page('<h1>Thank you!</h1><p>Your comment reached the team.</p>');
  });
  return app;
}
