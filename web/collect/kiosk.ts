// The kiosk page's behaviour (served as /c/assets/kiosk.js; the page holds every text and screen).
// One tap answers; the answer goes into a queue in localStorage first and is sent from there, so a
// network drop loses nothing: each answer has an id made here, and the server accepts an id once, so
// sending it again after a lost response is harmless. The device token from pairing stays in
// localStorage too; without it the server refuses answers.

interface Pending {
  pointId: string;
  externalId: string;
  /** When the person answered, by this device's clock; sent as an age so a wrong clock does not matter. */
  answeredAt: number;
  body: { score: number; comment?: string; email?: string; phone?: string; consent?: boolean; website?: string; locale?: string };
}

const QUEUE_KEY = 'closeloop.kiosk.queue';
const tokenKey = (pointId: string) => `closeloop.kiosk.token.${pointId}`;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

const root = document.getElementById('kiosk') as HTMLElement;
const pointId = root.dataset.point!;
const answersApi = (id: string) => root.dataset.api!.replace(`/${pointId}/`, `/${encodeURIComponent(id)}/`);
const resetMs = Number(root.dataset.resetMs) || 5_000;
const idleMs = Number(root.dataset.idleMs) || 45_000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

// localStorage may be unavailable (private mode, disabled storage): the kiosk still works, in memory.
const memory = new Map<string, string>();
const store = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key: string, value: string) {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
};

function readQueue(): Pending[] {
  try {
    const q = JSON.parse(store.get(QUEUE_KEY) ?? '[]');
    return Array.isArray(q) ? q : [];
  } catch {
    return [];
  }
}
const writeQueue = (q: Pending[]) => store.set(QUEUE_KEY, JSON.stringify(q));
const removeFromQueue = (externalId: string) => writeQueue(readQueue().filter((p) => p.externalId !== externalId));

/** 128 random bits, base64url: crypto.getRandomValues works outside secure contexts too (a kiosk on plain http in a LAN). */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// --- sending -------------------------------------------------------------------------------------
let sending = false;
let sendAgain = false; // an answer was queued while a round was running
let retryTimer: number | undefined;
let retryDelay = RETRY_MIN_MS;

function scheduleRetry(ms: number) {
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(flush, ms);
}

async function flush(): Promise<void> {
  if (sending) {
    sendAgain = true;
    return;
  }
  sending = true;
  sendAgain = false;
  window.clearTimeout(retryTimer);
  let retryIn: number | null = null;
  try {
    for (const item of readQueue()) {
      const token = store.get(tokenKey(item.pointId));
      if (!token) continue; // its kiosk is not paired (any more): keep it until it is
      let res: Response;
      try {
        res = await fetch(answersApi(item.pointId), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-token': token },
          body: JSON.stringify({ ...item.body, externalId: item.externalId, ageMs: Math.max(0, Date.now() - item.answeredAt) }),
        });
      } catch {
        retryIn = retryDelay; // offline or the server is unreachable
        break;
      }
      if (res.ok) {
        removeFromQueue(item.externalId);
        retryDelay = RETRY_MIN_MS;
      } else if (res.status === 429 || res.status >= 500) {
        const after = Number(res.headers.get('retry-after'));
        retryIn = after > 0 ? after * 1000 : retryDelay;
        break;
      } else if (res.status === 401) {
        if (item.pointId === pointId) showPairing();
      } else {
        // Refused for good (the point was deleted, the answer is invalid): resending cannot help, and
        // keeping it would hold up every answer behind it.
        removeFromQueue(item.externalId);
      }
    }
  } finally {
    sending = false;
    showOffline(readQueue().length > 0 && retryIn !== null);
    if (retryIn !== null) {
      retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
      scheduleRetry(retryIn);
    } else if (sendAgain) void flush();
  }
}

function showOffline(on: boolean) {
  const banner = $('kiosk-offline');
  if (banner) banner.hidden = !on;
}

function enqueue(body: Pending['body']) {
  const honeypot = $<HTMLInputElement>('k-website')?.value;
  // The page's language is the one the customer answered in (they may have switched it on the kiosk).
  const locale = document.documentElement.lang || undefined;
  writeQueue([...readQueue(), { pointId, externalId: newId(), answeredAt: Date.now(), body: { ...body, locale, ...(honeypot ? { website: honeypot } : {}) } }]);
  void flush();
}

// --- screens -------------------------------------------------------------------------------------
const SCREENS = ['kiosk-pair', 'kiosk-ask', 'kiosk-comment', 'kiosk-contact', 'kiosk-thanks'] as const;
type ScreenId = (typeof SCREENS)[number];
let resetTimer: number | undefined;
let idleTimer: number | undefined;

function show(id: ScreenId) {
  for (const s of SCREENS) {
    const el = $(s);
    if (el) el.hidden = s !== id;
  }
  const focus = $(id)?.querySelector<HTMLElement>('h1[tabindex], textarea, input:not([type="checkbox"])');
  focus?.focus();
}

/** The answer being given: its score is kept whatever happens next (skip, send, walking away). */
let current: Pending['body'] | null = null;
const steps: ScreenId[] = (['kiosk-comment', 'kiosk-contact'] as const).filter((s) => $(s));

function startOver() {
  window.clearTimeout(resetTimer);
  window.clearTimeout(idleTimer);
  current = null;
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#kiosk-comment textarea, #kiosk-contact input')) {
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = false;
    else el.value = '';
  }
  const err = $('k-contact-error');
  if (err) err.textContent = '';
  show('kiosk-ask');
}

function finish() {
  if (!current) return;
  window.clearTimeout(idleTimer);
  const tier = root.querySelector<HTMLElement>(`[data-score="${current.score}"]`)?.dataset.tier;
  enqueue(current);
  current = null;
  for (const p of root.querySelectorAll<HTMLElement>('#kiosk-thanks [data-tier]')) p.hidden = p.dataset.tier !== tier;
  show('kiosk-thanks');
  resetTimer = window.setTimeout(startOver, resetMs);
}

/** A person who walks away in the middle still leaves their score. */
function armIdle() {
  window.clearTimeout(idleTimer);
  idleTimer = window.setTimeout(finish, idleMs);
}

function nextStep(after: ScreenId) {
  const i = after === 'kiosk-ask' ? 0 : steps.indexOf(after) + 1;
  if (i < steps.length) {
    show(steps[i]);
    armIdle();
  } else finish();
}

/** Same rules as the server: contact details only with consent, and they must look right. */
function readContact(): boolean {
  const email = $<HTMLInputElement>('k-email');
  const phone = $<HTMLInputElement>('k-phone');
  const consent = $<HTMLInputElement>('k-consent')!;
  const error = $('k-contact-error')!;
  const fail = (el: HTMLElement) => ((error.textContent = el.dataset.error ?? ''), el.focus(), false);
  const e = email?.value.trim() ?? '';
  const p = phone?.value.trim() ?? '';
  if (email && e && (!email.checkValidity() || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))) return fail(email);
  if (phone && p && (!/^\+?[\d\s().-]{6,40}$/.test(p) || p.replace(/\D/g, '').length < 6)) return fail(phone);
  if ((e || p) && !consent.checked) return fail(consent);
  error.textContent = '';
  if (current && (e || p)) Object.assign(current, { ...(e ? { email: e } : {}), ...(p ? { phone: p } : {}), consent: true });
  return true;
}

root.addEventListener('click', (ev) => {
  const target = (ev.target as HTMLElement).closest<HTMLElement>('button');
  if (!target) return;
  const score = target.dataset.score;
  if (score !== undefined && !$('kiosk-ask')!.hidden) {
    current = { score: Number(score) };
    nextStep('kiosk-ask');
    return;
  }
  const screen = target.closest('section')?.id as ScreenId | undefined;
  if (!screen || !current) return;
  if (target.dataset.action === 'skip') return nextStep(screen);
  if (target.dataset.action === 'next') {
    if (screen === 'kiosk-comment') {
      const comment = $<HTMLTextAreaElement>('k-comment')!.value.trim();
      if (comment) current.comment = comment;
    }
    if (screen === 'kiosk-contact' && !readContact()) return armIdle();
    nextStep(screen);
  }
});
root.addEventListener('input', (ev) => {
  if (!current) return;
  armIdle();
  // A correction clears the complaint; Send checks again.
  if ((ev.target as HTMLElement).closest('#kiosk-contact')) $('k-contact-error')!.textContent = '';
});

// --- pairing -------------------------------------------------------------------------------------
function showPairing() {
  show('kiosk-pair');
}

async function pair(code: string): Promise<boolean> {
  const res = await fetch(root.dataset.pairApi!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).catch(() => null);
  if (!res?.ok) return false;
  const body = (await res.json()) as { pointId: string; deviceToken: string };
  if (body.pointId !== pointId) return false; // a code of another point: this page cannot use it
  store.set(tokenKey(pointId), body.deviceToken);
  return true;
}

$('k-pair-form')?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $<HTMLInputElement>('k-pair-code')!;
  const error = $('k-pair-error')!;
  if (await pair(input.value)) {
    error.textContent = '';
    startOver();
    void flush();
  } else {
    error.textContent = error.dataset.error ?? '';
    input.focus();
  }
});

async function start() {
  // A pairing link (…/kiosk#pair=CODE) pairs at once; the code leaves the address bar either way.
  const fromLink = /^#pair=([A-Za-z0-9-]+)$/.exec(location.hash)?.[1];
  if (fromLink) {
    history.replaceState(null, '', location.pathname + location.search);
    await pair(fromLink);
  }
  if (store.get(tokenKey(pointId))) startOver();
  else showPairing();
  void flush();
}

window.addEventListener('online', () => {
  retryDelay = RETRY_MIN_MS;
  void flush();
});
void start();
