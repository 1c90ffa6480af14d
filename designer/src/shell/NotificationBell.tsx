// The bell of the shell: unread count, the latest notifications (unread first), mark read, a link to the dossier.
// Live: a SignalR connection to /hubs/notifications (session cookie) pushes 'notification'; on reconnect the list is
// read again, so a push missed while offline still shows. Keyboard: the bell is a button, Escape closes the panel.
import { useEffect, useRef, useState } from 'preact/hooks';
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { api } from '../api/client';
import type { NotificationItem } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { dateTime } from './format';

export function notificationText(n: NotificationItem): string {
  return t(`bell.kind.${n.kind}` as MessageKey, { step: n.step ?? '', code: n.dossierCode ?? '', due: dateTime(n.dueAt) });
}

export function NotificationBell() {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [live, setLive] = useState(false);
  const [announce, setAnnounce] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const reload = () => api.notifications(30).then((list) => { setItems(list.items); setUnread(list.unread); }, () => undefined);

  useEffect(() => {
    void reload();
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/notifications')
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connection.on('notification', (n: NotificationItem) => {
      setItems((current) => [n, ...current.filter((c) => c.id !== n.id)]);
      setUnread((count) => count + 1);
      setAnnounce(t('bell.announce', { text: notificationText(n) }));
    });
    connection.onreconnected(() => { setLive(true); void reload(); });
    connection.onreconnecting(() => setLive(false));
    connection.onclose(() => setLive(false));
    connection.start().then(() => setLive(connection.state === HubConnectionState.Connected), () => setLive(false));
    return () => { void connection.stop(); };
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { setOpen(false); button.current?.focus(); }
    };
    const onClick = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  // Another screen (a shortcut, the back button, the quick-open box) would leave the panel behind over the new page.
  // Listened to for the bell's whole life: an effect that starts only once the panel is open runs after the paint, so
  // a page change right after opening could slip past it.
  useEffect(() => {
    const onRoute = () => setOpen(false);
    window.addEventListener('hashchange', onRoute);
    return () => window.removeEventListener('hashchange', onRoute);
  }, []);

  const markRead = async (n: NotificationItem) => {
    if (n.readAt) return;
    const updated = await api.markNotificationRead(n.id).catch(() => null);
    if (!updated) return;
    setItems((current) => current.map((c) => (c.id === n.id ? updated : c)));
    setUnread((count) => Math.max(0, count - 1));
  };

  const markAll = async () => {
    await api.markAllNotificationsRead().catch(() => null);
    await reload();
  };

  return (
    <div class="bell">
      <button
        ref={button}
        type="button"
        class="icon-button bell-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={t('bell.open', { count: unread })}
        title={live ? t('bell.live') : t('bell.offline')}
        data-live={live ? 'true' : 'false'}
        onClick={() => { setOpen(!open); if (!open) void reload(); }}
      >
        {/* An outline bell drawn inline: the emoji is missing from the fonts of many office machines. */}
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread > 0 && <span class="bell-count" data-testid="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      <div class="sr-only" aria-live="polite">{announce}</div>
      {open && (
        <div id="bell-panel" class="bell-panel" ref={panel} role="region" aria-label={t('bell.title')}>
          <div class="bell-head">
            <strong>{t('bell.title')}</strong>
            {unread > 0 && <button type="button" class="button button--ghost button--small" onClick={markAll}>{t('bell.markAll')}</button>}
          </div>
          {items.length === 0 && <p class="bell-empty">{t('bell.empty')}</p>}
          <ul class="bell-list">
            {items.map((n) => (
              <li key={n.id} class={`bell-item bell-item--${n.kind}${n.readAt ? '' : ' bell-item--unread'}`}>
                <a
                  href={n.dossierCode ? `#/dossiers/${encodeURIComponent(n.dossierCode)}` : '#/inbox'}
                  onClick={() => { void markRead(n); setOpen(false); }}
                >
                  {!n.readAt && <span class="sr-only">{t('bell.unread')}: </span>}
                  {notificationText(n)}
                </a>
                <div class="bell-meta">
                  <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
                  {!n.readAt && (
                    <button type="button" class="link-button" onClick={() => markRead(n)}>{t('bell.markRead')}</button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
