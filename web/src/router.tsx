// A tiny client-side router: the URL (path + query) is the state of every screen, so a reload, the
// back button or a shared link show the same thing.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE = 'closeloop:navigate';

function subscribe(onChange: () => void) {
  addEventListener('popstate', onChange);
  addEventListener(NAVIGATE, onChange);
  return () => {
    removeEventListener('popstate', onChange);
    removeEventListener(NAVIGATE, onChange);
  };
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams };
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  dispatchEvent(new Event(NAVIGATE));
  if (!opts.replace) scrollTo(0, 0);
}

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  const current = location.pathname === to ? 'page' : undefined;
  return <a href={to} onClick={click} aria-current={current} {...rest} />;
}
