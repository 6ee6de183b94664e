// Reply to the customer (emailed, or on Google for a Google review) or add an internal note. The reply
// starts as the AI's draft (until a reply went out after it); a human reads, edits and sends it. Each
// mode keeps its own draft, so switching never loses text, and the drafts are kept per ticket in
// localStorage, each with its own idempotency key: a double click or a resend after a reload is
// recorded once (the API dedupes by it).
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../api';
import { submitOnModEnter, useShortcuts } from '../keyboard';
import { Alert } from '../ui';
import { MacroPicker } from './MacroPicker';

type Visibility = 'public' | 'internal';
type Drafts = Record<Visibility, string>;
interface Saved {
  drafts: Drafts;
  keys: Record<Visibility, string>;
}

/** getRandomValues, unlike randomUUID, also works on a plain-http intranet address. */
const newKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
const storageKey = (ticket: number) => `closeloop:draft:${ticket}`;
function loadSaved(ticket: number): Saved | null {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey(ticket)) ?? 'null') as Saved | null;
    return v && typeof v.drafts?.public === 'string' && typeof v.keys?.public === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function Composer({ ticket, send, onChanged }: { ticket: Ticket; send: (body: string, visibility: Visibility, idempotencyKey: string) => Promise<string | null>; onChanged?: () => void }) {
  // A Google review's ticket is answered on Google: the public reply becomes the owner's reply to the review.
  const onGoogle = ticket.channel === 'google';
  const canEmail = !!ticket.contact.email || onGoogle;
  const suggested = ticket.ai?.suggestedReply ?? '';
  // Once a reply went out after the analysis, its draft is spent: it does not come back ready to send.
  const analysedAt = ticket.ai ? Date.parse(ticket.ai.analysedAt) : Infinity;
  const spent = ticket.timeline.some((e) => e.type === 'comment' && e.data?.visibility === 'public' && e.at >= analysedAt);
  const aiDraft = spent ? '' : suggested;
  const [visibility, setVisibility] = useState<Visibility>(canEmail ? 'public' : 'internal');
  const [saved] = useState(() => loadSaved(ticket.number));
  const [drafts, setDrafts] = useState<Drafts>(saved?.drafts ?? { public: aiDraft, internal: '' });
  const [keys, setKeys] = useState(saved?.keys ?? { public: newKey(), internal: newKey() });
  useEffect(() => {
    const untouched = drafts.internal === '' && (drafts.public === '' || drafts.public === aiDraft);
    if (untouched) localStorage.removeItem(storageKey(ticket.number));
    else localStorage.setItem(storageKey(ticket.number), JSON.stringify({ drafts, keys } satisfies Saved));
  }, [drafts, keys, aiDraft, ticket.number]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const writeAs = (v: Visibility) => {
    setVisibility(v);
    textarea.current?.focus();
  };
  useShortcuts([
    { key: 'r', description: 'Reply to the customer', run: () => writeAs('public') },
    { key: 'n', description: 'Write an internal note', run: () => writeAs('internal') },
  ]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // A new AI draft (first analysis, Regenerate) replaces the reply only while the agent has not edited it.
  const lastDraft = useRef(aiDraft);
  useEffect(() => {
    if (aiDraft === lastDraft.current) return;
    setDrafts((d) => (d.public === lastDraft.current ? { ...d, public: aiDraft } : d));
    lastDraft.current = aiDraft;
  }, [aiDraft]);
  const body = drafts[visibility];
  const fromAi = visibility === 'public' && !!aiDraft && body === aiDraft;
  return (
    <form
      className="panel composer"
      aria-labelledby="composer-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy) return; // a second click (or Ctrl+Enter) while the first is on its way
        setBusy(true);
        const problem = await send(body, visibility, keys[visibility]);
        setBusy(false);
        setError(problem ?? '');
        if (!problem) {
          setDrafts((d) => ({ ...d, [visibility]: '' }));
          setKeys((k) => ({ ...k, [visibility]: newKey() }));
        }
      }}
    >
      <h2 id="composer-title">Write</h2>
      <fieldset className="toggle">
        <legend>Visibility</legend>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'public'} onChange={() => setVisibility('public')} /> {onGoogle ? 'Public reply (on Google)' : 'Public reply (emailed)'}
        </label>
        <label>
          <input type="radio" name="visibility" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} /> Internal note
        </label>
      </fieldset>
      {visibility === 'public' && !canEmail && <p className="hint">No email address on file: the reply is recorded on the ticket but not sent.</p>}
      {visibility === 'public' && onGoogle && <p className="hint">Posted as the owner's reply to the Google review; a later public reply replaces it.</p>}
      {/* A macro's text replaces an empty or untouched AI draft, else it is added below. */}
      <MacroPicker ticket={ticket.number} onApplied={() => onChanged?.()} onInsert={(text) => setDrafts((d) => ({ ...d, [visibility]: !d[visibility].trim() || (visibility === 'public' && d.public === aiDraft) ? text : `${d[visibility].trimEnd()}\n\n${text}` }))} />
      <label htmlFor="composer-body">Message</label>
      <textarea ref={textarea} id="composer-body" onKeyDown={submitOnModEnter} aria-keyshortcuts="Control+Enter Meta+Enter" value={body} onChange={(e) => setDrafts({ ...drafts, [visibility]: e.target.value })} rows={6} aria-describedby={fromAi ? 'draft-hint' : undefined} />
      {fromAi && (
        <p id="draft-hint" className="hint">
          Drafted by the AI — read and adjust before sending.
        </p>
      )}
      <Alert>{error}</Alert>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !body.trim()}>
          {visibility === 'public' ? 'Send reply' : 'Add note'}
        </button>
        {visibility === 'public' && suggested && body !== suggested && (
          <button type="button" onClick={() => setDrafts({ ...drafts, public: suggested })}>
            Use AI draft
          </button>
        )}
      </div>
    </form>
  );
}
