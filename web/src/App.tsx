// Shell: sign-in, then a dashboard + board, ticket pages by URL (/tickets/<n>), sign-out.
import { useEffect, useState } from 'react';
import { api, setCsrf, type Me } from './api';
import { Board } from './Board';
import { Dashboard } from './Dashboard';
import { ReportsPage } from './reports/ReportsPage';
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

const ticketFromPath = () => {
  const m = /^\/tickets\/(\d+)/.exec(location.pathname);
  return m ? Number(m[1]) : null;
};

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ticket, setTicket] = useState<number | null>(ticketFromPath());
  const [reports, setReports] = useState(location.pathname.startsWith('/reports'));

  useEffect(() => {
    api<Me>('GET', '/auth/me')
      .then((m) => (setCsrf(m.csrfToken), setMe(m)))
      .catch(() => setMe(null));
    const onPop = () => (setTicket(ticketFromPath()), setReports(location.pathname.startsWith('/reports')));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = (n: number | null) => {
    history.pushState(null, '', n === null ? '/' : `/tickets/${n}`);
    setTicket(n);
    setReports(false);
  };
  const openReports = () => (history.pushState(null, '', '/reports'), setReports(true), setTicket(null));

  if (me === undefined) return <p>Loading…</p>;
  if (me === null) return <Login done={(m) => (setCsrf(m.csrfToken), setMe(m))} />;
  return (
    <div className="app">
      <header>
        <a href="/" onClick={(e) => (e.preventDefault(), go(null))}>
          <strong>Closeloop</strong>
        </a>
        <a href="/reports" onClick={(e) => (e.preventDefault(), openReports())} aria-current={reports ? 'page' : undefined}>
          Reports
        </a>
        <span>
          {me.name} ({me.role})
        </span>
        <button onClick={async () => (await api('POST', '/auth/logout'), setMe(null))}>Sign out</button>
      </header>
      <main>
        {reports ? (
          <ReportsPage me={me} />
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
