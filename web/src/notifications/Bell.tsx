// The notification centre in the header: a bell with the unread count, opening a list (newest first)
// with "mark read" per item and "mark all read". Re-read when the live stream says a notification
// arrived (web/src/live.tsx), never polled.
import { useEffect, useRef, useState } from 'react';
import { api, type NotificationList } from '../api';
import { useResource } from '../data';
import { useLiveReload } from '../live';
import { Link } from '../router';
import { fmtDate } from '../ui';

export function Bell() {
  const { data, reload } = useResource<NotificationList>('/notifications');
  useLiveReload(reload, (m) => m.type === 'notification');
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];

  // Escape or a click elsewhere closes the list.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !panel.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const markRead = async (id: string) => {
    await api('POST', `/notifications/${id}/read`);
    await reload();
  };

  return (
    <div className="bell" ref={panel}>
      <button type="button" aria-expanded={open} aria-controls="notification-list" aria-label={`Notifications, ${unread} unread`} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">🔔</span>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="unread-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notification-list" className="bell-panel" role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            <button
              type="button"
              disabled={unread === 0}
              onClick={async () => {
                await api('POST', '/notifications/read-all');
                await reload();
              }}
            >
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p>Nothing yet. Assignments, customer replies, SLA warnings and mentions of you will appear here.</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id} data-unread={n.readAt === null}>
                  {n.ticketNumber !== null ? (
                    <Link to={`/tickets/${n.ticketNumber}`} onClick={() => (n.readAt === null ? void markRead(n.id) : undefined, setOpen(false))}>
                      {n.title}
                    </Link>
                  ) : (
                    <span>{n.title}</span>
                  )}
                  <small> {fmtDate(n.createdAt)}</small>
                  {n.readAt === null && (
                    <button type="button" className="link" onClick={() => markRead(n.id)} aria-label={`Mark read: ${n.title}`}>
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <Link to="/account#notifications" onClick={() => setOpen(false)}>
            Notification settings
          </Link>
        </div>
      )}
    </div>
  );
}
