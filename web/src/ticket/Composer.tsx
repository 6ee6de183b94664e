// Reply to the customer (emailed, or on Google for a Google review) or add an internal note. The reply starts as the AI's draft; a human
// reads, edits and sends it. Each mode keeps its own draft, so switching never loses text.
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../api';
import { Alert } from '../ui';
import { MacroPicker } from './MacroPicker';

type Visibility = 'public' | 'internal';

export function Composer({ ticket, send, onChanged }: { ticket: Ticket; send: (body: string, visibility: Visibility) => Promise<string | null>; onChanged?: () => void }) {
  // A Google review's ticket is answered on Google: the public reply becomes the owner's reply to the review.
  const onGoogle = ticket.channel === 'google';
  const canEmail = !!ticket.contact.email || onGoogle;
  const aiDraft = ticket.ai?.suggestedReply ?? '';
  const [visibility, setVisibility] = useState<Visibility>(canEmail ? 'public' : 'internal');
  const [drafts, setDrafts] = useState({ public: aiDraft, internal: '' });
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
        setBusy(true);
        const problem = await send(body, visibility);
        setBusy(false);
        setError(problem ?? '');
        if (!problem) setDrafts({ ...drafts, [visibility]: '' });
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
      <textarea id="composer-body" value={body} onChange={(e) => setDrafts({ ...drafts, [visibility]: e.target.value })} rows={6} aria-describedby={fromAi ? 'draft-hint' : undefined} />
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
        {visibility === 'public' && aiDraft && body !== aiDraft && (
          <button type="button" onClick={() => setDrafts({ ...drafts, public: aiDraft })}>
            Use AI draft
          </button>
        )}
      </div>
    </form>
  );
}
