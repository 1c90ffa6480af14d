// Live breaches: the notifications hub (/hubs/notifications, branch `reminders`) pushes `breach` to the group
// `unit:{code}` of the step's unit; the server puts a connection in its user's units' groups. The SignalR client is
// imported only when the dashboard opens, so the other screens do not load it.
import type { BreachEvent } from './types';

export type LiveState = 'connecting' | 'live' | 'offline';

// `onReconnected`: the hub does not replay what it pushed while the connection was down (its node restarted, the
// network dropped), so the caller reloads what it shows.
export function listenForBreaches(
  onBreach: (event: BreachEvent) => void,
  onState: (state: LiveState) => void,
  onReconnected: () => void = () => undefined,
): () => void {
  let stopped = false;
  let stop: (() => Promise<void>) | undefined;
  onState('connecting');
  void import('@microsoft/signalr').then(async (signalR) => {
    if (stopped) return;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/notifications')
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.None)
      .build();
    stop = () => connection.stop();
    connection.on('breach', (event: BreachEvent) => onBreach(event));
    connection.onreconnecting(() => onState('connecting'));
    connection.onreconnected(() => { onState('live'); onReconnected(); });
    connection.onclose(() => { if (!stopped) onState('offline'); });
    try {
      await connection.start();
      if (!stopped) onState('live');
    } catch {
      // No hub on this server (yet): the lists still refresh on their own.
      if (!stopped) onState('offline');
    }
  }, () => onState('offline'));
  return () => {
    stopped = true;
    void stop?.();
  };
}
