// Admin screens reached by path (/admin/<screen>) and their header links.
import { DevMailbox } from './DevMailbox';
import { Templates } from './Templates';

export const ADMIN_SCREENS = { templates: 'Templates', mailbox: 'Dev mailbox' } as const;
export type AdminScreenName = keyof typeof ADMIN_SCREENS;

export const adminScreenFromPath = (): AdminScreenName | null => {
  const m = /^\/admin\/(\w+)/.exec(location.pathname);
  return m && m[1] in ADMIN_SCREENS ? (m[1] as AdminScreenName) : null;
};

export function AdminLinks({ go }: { go: (screen: AdminScreenName) => void }) {
  return (
    <nav className="admin-links" aria-label="Administration">
      {(Object.keys(ADMIN_SCREENS) as AdminScreenName[]).map((k) => (
        <a key={k} href={`/admin/${k}`} onClick={(e) => (e.preventDefault(), go(k))}>
          {ADMIN_SCREENS[k]}
        </a>
      ))}
    </nav>
  );
}

export function AdminScreen({ name, openTicket }: { name: AdminScreenName; openTicket: (n: number) => void }) {
  return name === 'templates' ? <Templates /> : <DevMailbox openTicket={openTicket} />;
}
