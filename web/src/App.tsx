// Shell: sign-in, then a navigation bar and one screen per URL. Screens live in their own files and
// are listed in SCREENS with the roles that may open them (the API checks the roles again).
import { useEffect, useState, type ReactNode } from 'react';
import { Account } from './Account';
import { AvailabilityToggle } from './AvailabilityToggle';
import { IntakeKeysAdmin } from './admin/IntakeKeys';
import { BrandingAdmin } from './admin/Branding';
import { CalendarsAdmin } from './admin/Calendars';
import { CollectionPointsAdmin } from './admin/CollectionPoints';
import { DevMailbox } from './admin/DevMailbox';
import { OrganisationAdmin } from './admin/Organisation';
import { RulesAdmin } from './admin/Rules';
import { SettingsAdmin } from './admin/Settings';
import { TaxonomiesAdmin } from './admin/Taxonomies';
import { Templates } from './admin/Templates';
import { UsersAdmin } from './admin/Users';
import { WebhooksAdmin } from './admin/Webhooks';
import { GoogleIntegration } from './admin/GoogleIntegration';
import { api, ApiError, setCsrf, type Me, type Role, type SignInMethods } from './api';
import { Board } from './Board';
import { Dashboard } from './Dashboard';
import { SessionContext, useResource } from './data';
import { MacrosScreen } from './macros/MacrosScreen';
import { Link, navigate, useLocation } from './router';
import { ReportsPage } from './reports/ReportsPage';
import { TicketPage } from './TicketPage';
import { Screen } from './ui';

/** Sign-in: e-mail and password, and/or the identity provider (SSO); an SSO failure comes back as ?ssoError.
 * An account with an authenticator app is asked for its code as a second step (401 TOTP_REQUIRED). */
function Login({ done }: { done: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState<string | null>(null);
  const [error, setError] = useState(() => new URLSearchParams(window.location.search).get('ssoError') ?? '');
  const { data: methods } = useResource<SignInMethods>('/auth/methods');
  return (
    <form
      className="login"
      aria-label="Sign in"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          done(await api<Me>('POST', '/auth/login', { email, password, ...(totp !== null ? { totp } : {}) }));
        } catch (err) {
          if (err instanceof ApiError && err.details?.reason === 'TOTP_REQUIRED') {
            setTotp('');
            setError('');
          } else setError((err as Error).message);
        }
      }}
    >
      <h1>Closeloop</h1>
      {methods?.sso && (
        <a className="button primary" href={methods.sso.startUrl}>
          {methods.sso.label}
        </a>
      )}
      {methods?.passwords !== false && (
        <>
          <label>
            Email
            <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <label>
            Password
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          {totp !== null && (
            <label>
              Authenticator code
              <input
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                autoFocus
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
                required
              />
            </label>
          )}
        </>
      )}
      {error && <p role="alert">{error}</p>}
      {methods?.passwords !== false && <button type="submit">Sign in</button>}
    </form>
  );
}

interface ScreenEntry {
  path: string | RegExp;
  /** Shown in the navigation when set. */
  nav?: string;
  group?: 'main' | 'admin';
  roles?: Role[];
  render: (match: RegExpExecArray | null, me: Me) => ReactNode;
}

const ALL: Role[] = ['agent', 'manager', 'admin'];
const ADMIN: Role[] = ['admin'];

/** Every screen. Add one line per new screen (and its file); the navigation follows. */
const SCREENS: ScreenEntry[] = [
  { path: '/', nav: 'Dashboard', render: () => <Dashboard /> },
  { path: '/tickets', nav: 'Tickets', render: () => <Board /> },
  { path: /^\/tickets\/(\d+)$/, render: (m) => <TicketPage number={Number(m![1])} /> },
  { path: '/reports', nav: 'Reports', render: (_, me) => <ReportsPage me={me} /> },
  { path: '/macros', nav: 'Macros', render: () => <MacrosScreen /> },
  { path: '/account', render: () => <Account /> },
  { path: '/admin/users', nav: 'Users', group: 'admin', roles: ADMIN, render: () => <UsersAdmin /> },
  { path: '/admin/branches', nav: 'Branches & services', group: 'admin', roles: ADMIN, render: () => <OrganisationAdmin /> },
  { path: '/admin/calendars', nav: 'Business hours', group: 'admin', roles: ADMIN, render: () => <CalendarsAdmin /> },
  { path: '/admin/rules', nav: 'Rules', group: 'admin', roles: ADMIN, render: () => <RulesAdmin /> },
  { path: '/admin/taxonomies', nav: 'Taxonomies', group: 'admin', roles: ADMIN, render: () => <TaxonomiesAdmin /> },
  { path: '/admin/collection-points', nav: 'Collection points', group: 'admin', roles: ADMIN, render: () => <CollectionPointsAdmin /> },
  { path: /^\/admin\/collection-points\/([a-z0-9]+)$/, roles: ADMIN, render: (m) => <CollectionPointsAdmin id={m![1]} /> },
  { path: '/admin/intake-keys', nav: 'Channel keys', group: 'admin', roles: ADMIN, render: () => <IntakeKeysAdmin /> },
  { path: '/admin/webhooks', nav: 'Webhooks', group: 'admin', roles: ADMIN, render: () => <WebhooksAdmin /> },
  { path: '/admin/integrations', nav: 'Google', group: 'admin', roles: ADMIN, render: () => <GoogleIntegration /> },
  { path: '/admin/settings', nav: 'Settings', group: 'admin', roles: ADMIN, render: () => <SettingsAdmin /> },
  { path: '/admin/templates', nav: 'Templates', group: 'admin', roles: ADMIN, render: () => <Templates /> },
  { path: '/admin/branding', nav: 'Branding', group: 'admin', roles: ADMIN, render: () => <BrandingAdmin /> },
  { path: '/admin/mailbox', nav: 'Dev mailbox', group: 'admin', roles: ADMIN, render: () => <DevMailbox openTicket={(n) => navigate(`/tickets/${n}`)} /> },
];

function matchScreen(path: string): { screen: ScreenEntry; match: RegExpExecArray | null } | null {
  for (const screen of SCREENS) {
    if (typeof screen.path === 'string' ? screen.path === path : screen.path.test(path)) {
      return { screen, match: typeof screen.path === 'string' ? null : screen.path.exec(path) };
    }
  }
  return null;
}

function Nav({ me, path }: { me: Me; path: string }) {
  const allowed = SCREENS.filter((s) => s.nav && (s.roles ?? ALL).includes(me.role));
  const links = (group: ScreenEntry['group']) =>
    allowed
      .filter((s) => (s.group ?? 'main') === group)
      .map((s) => (
        <li key={String(s.path)}>
          <Link to={s.path as string} aria-current={path === s.path || (s.path !== '/' && path.startsWith(`${s.path}/`)) ? 'page' : undefined}>
            {s.nav}
          </Link>
        </li>
      ));
  const admin = links('admin');
  return (
    <nav aria-label="Main">
      <ul>{links('main')}</ul>
      {admin.length > 0 && (
        <ul aria-label="Admin">
          <li className="nav-group" aria-hidden="true">
            Admin
          </li>
          {admin}
        </ul>
      )}
    </nav>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const { path } = useLocation();

  useEffect(() => {
    api<Me>('GET', '/auth/me')
      .then((m) => (setCsrf(m.csrfToken), setMe(m)))
      .catch(() => setMe(null));
  }, []);

  if (me === undefined) return <p>Loading…</p>;
  if (me === null) return <Login done={(m) => (setCsrf(m.csrfToken), setMe(m))} />;
  const found = matchScreen(path);
  const allowed = found && (found.screen.roles ?? ALL).includes(me.role);
  return (
    <SessionContext.Provider value={{ me, setMe }}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <div className="app">
        <header>
          <Link to="/" className="brand">
            Closeloop
          </Link>
          <Nav me={me} path={path} />
          <div className="me">
            <AvailabilityToggle label="Available" className="availability" />
            <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
              {me.name} <span className="role">({me.role})</span>
            </Link>
            <button
              onClick={async () => {
                await api('POST', '/auth/logout');
                setMe(null);
                navigate('/');
              }}
            >
              Sign out
            </button>
          </div>
        </header>
        <main id="main">
          {found && allowed ? (
            found.screen.render(found.match, me)
          ) : (
            <Screen title={found ? 'Not allowed' : 'Not found'}>
              <p>{found ? `This screen needs the ${(found.screen.roles ?? []).join(' or ')} role.` : `Nothing at ${path}.`}</p>
              <Link to="/">Back to the dashboard</Link>
            </Screen>
          )}
        </main>
      </div>
    </SessionContext.Provider>
  );
}
