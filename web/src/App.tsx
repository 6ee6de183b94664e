// Shell: sign-in, then a dashboard + board, ticket pages by URL (/tickets/<n>), sign-out.
import { useEffect, useState } from 'react';
import { AdminLinks, AdminScreen, adminScreenFromPath, type AdminScreenName } from './admin/AdminScreens';
import { api, setCsrf, type Me, type TicketRow } from './api';
import { Board } from './Board';
import { clockColour } from './SlaBar';
import { TicketPage } from './TicketPage';

function Login({ done }: { done: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="login"
      aria-label="Sign in"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          done(await api<Me>('POST', '/auth/login', { email, password }));
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h1>Closeloop</h1>
      <label>
        Email
        <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Sign in</button>
    </form>
  );
}

function Dashboard() {
  const [items, setItems] = useState<TicketRow[]>([]);
  useEffect(() => {
    api<{ items: TicketRow[] }>('GET', '/tickets?limit=500').then((r) => setItems(r.items)).catch(() => undefined);
  }, []);
  const open = items.filter((t) => t.status !== 'resolved' && t.status !== 'closed');
  const breached = items.filter((t) => t.breached).length;
  const now = Date.now();
  const atRisk = open.filter((t) => clockColour(t.sla.resolution, now, t.status === 'escalated') !== 'green').length;
  const compliance = items.length ? Math.round((100 * (items.length - breached)) / items.length) : 100;
  return (
    <section className="dashboard" aria-label="Dashboard">
      <div className="kpi">
        <strong>{open.length}</strong> open
      </div>
      <div className="kpi">
        <strong>{breached}</strong> breached
      </div>
      <div className="kpi">
        <strong>{atRisk}</strong> at risk
      </div>
      <div className="kpi">
        <strong>{compliance}%</strong> SLA compliance
      </div>
    </section>
  );
}

const ticketFromPath = () => {
  const m = /^\/tickets\/(\d+)/.exec(location.pathname);
  return m ? Number(m[1]) : null;
};

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ticket, setTicket] = useState<number | null>(ticketFromPath());
  const [adminScreen, setAdminScreen] = useState<AdminScreenName | null>(adminScreenFromPath());

  useEffect(() => {
    api<Me>('GET', '/auth/me')
      .then((m) => (setCsrf(m.csrfToken), setMe(m)))
      .catch(() => setMe(null));
    const onPop = () => (setTicket(ticketFromPath()), setAdminScreen(adminScreenFromPath()));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = (n: number | null) => {
    history.pushState(null, '', n === null ? '/' : `/tickets/${n}`);
    setTicket(n);
    setAdminScreen(null);
  };
  const goAdmin = (screen: AdminScreenName) => {
    history.pushState(null, '', `/admin/${screen}`);
    setAdminScreen(screen);
  };

  if (me === undefined) return <p>Loading…</p>;
  if (me === null) return <Login done={(m) => (setCsrf(m.csrfToken), setMe(m))} />;
  return (
    <div className="app">
      <header>
        <a href="/" onClick={(e) => (e.preventDefault(), go(null))}>
          <strong>Closeloop</strong>
        </a>
        {me.role === 'admin' && <AdminLinks go={goAdmin} />}
        <span>
          {me.name} ({me.role})
        </span>
        <button onClick={async () => (await api('POST', '/auth/logout'), setMe(null))}>Sign out</button>
      </header>
      <main>
        {adminScreen ? (
          <AdminScreen name={adminScreen} openTicket={go} />
        ) : ticket === null ? (
          <>
            <Dashboard />
            <Board open={go} />
          </>
        ) : (
          <TicketPage number={ticket} back={() => go(null)} />
        )}
      </main>
    </div>
  );
}
