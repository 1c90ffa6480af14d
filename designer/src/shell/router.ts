// Hash routing: #/designer[/{key}[/v/{n}|/diff/{a}/{b}]], #/desk, #/dashboard, #/instances[?filters], #/instances/{id}, #/migrations[/{id}], #/inbox, #/tasks/{id}, #/dossiers/{code}, #/dossiers/{code}/print/{slip}, #/lookup[/{code}], #/users[/new|/{userName}], #/signin.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'signin'; next?: string }
  | { name: 'desk' }
  | { name: 'dashboard' }
  | { name: 'inbox'; view?: string }
  | { name: 'task'; id: string }
  | { name: 'dossier'; code: string }
  | { name: 'print'; code: string; slip: SlipKind }
  | { name: 'lookup'; code?: string }
  | { name: 'instances'; tab?: 'instances' | 'incidents'; filters?: Record<string, string> }
  | { name: 'instance'; id: string }
  | { name: 'migrations'; id?: string }
  | { name: 'routing' }
  | { name: 'users' }
  | { name: 'userNew' }
  | { name: 'user'; userName: string }
  | { name: 'designer'; key?: string; version?: number; compare?: [number, number] }
  | { name: 'notFound'; path: string };

export type SlipKind = 'receipt' | 'supplement' | 'refusal' | 'control' | 'apology';
const SLIPS: SlipKind[] = ['receipt', 'supplement', 'refusal', 'control', 'apology'];

export function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(queryPart);
  const [first, second, third, fourth, fifth] = segments;
  switch (first) {
    case undefined:
      return { name: 'home' };
    case 'signin':
      return { name: 'signin', next: params.get('next') ?? undefined };
    case 'desk':
      return { name: 'desk' };
    case 'dashboard':
      return { name: 'dashboard' };
    case 'inbox':
      return { name: 'inbox', view: second };
    case 'tasks':
      if (second) return { name: 'task', id: second };
      break;
    case 'dossiers':
      if (second && third === 'print' && fourth && (SLIPS as string[]).includes(fourth)) return { name: 'print', code: second, slip: fourth as SlipKind };
      if (second && !third) return { name: 'dossier', code: second };
      break;
    case 'lookup':
      return { name: 'lookup', code: second };
    case 'instances':
      if (second === 'incidents' || !second) return { name: 'instances', tab: second === 'incidents' ? 'incidents' : 'instances', filters: Object.fromEntries(params) };
      return { name: 'instance', id: second };
    case 'migrations':
      return { name: 'migrations', id: second };
    case 'routing':
      return { name: 'routing' };
    case 'users':
      if (!second) return { name: 'users' };
      if (!third) return second === 'new' ? { name: 'userNew' } : { name: 'user', userName: second };
      break;
    case 'designer': {
      if (!second) return { name: 'designer' };
      if (!third) return { name: 'designer', key: second };
      const n = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
      if (third === 'v' && n(fourth) !== undefined && !fifth) return { name: 'designer', key: second, version: n(fourth) };
      const a = n(fourth), b = n(fifth);
      if (third === 'diff' && a !== undefined && b !== undefined) return { name: 'designer', key: second, compare: [a, b] };
      break;
    }
  }
  return { name: 'notFound', path: raw };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home': return '#/';
    case 'signin': return route.next ? `#/signin?next=${e(route.next)}` : '#/signin';
    case 'desk': return '#/desk';
    case 'dashboard': return '#/dashboard';
    case 'inbox': return route.view ? `#/inbox/${e(route.view)}` : '#/inbox';
    case 'task': return `#/tasks/${e(route.id)}`;
    case 'dossier': return `#/dossiers/${e(route.code)}`;
    case 'print': return `#/dossiers/${e(route.code)}/print/${route.slip}`;
    case 'lookup': return route.code ? `#/lookup/${e(route.code)}` : '#/lookup';
    case 'instances': {
      const q = new URLSearchParams(Object.entries(route.filters ?? {}).filter(([, v]) => v !== '')).toString();
      return `#/instances${route.tab === 'incidents' ? '/incidents' : ''}${q ? `?${q}` : ''}`;
    }
    case 'instance': return `#/instances/${e(route.id)}`;
    case 'migrations': return route.id ? `#/migrations/${e(route.id)}` : '#/migrations';
    case 'routing': return '#/routing';
    case 'users': return '#/users';
    case 'userNew': return '#/users/new';
    case 'user': return `#/users/${e(route.userName)}`;
    case 'designer':
      if (!route.key) return '#/designer';
      if (route.compare) return `#/designer/${e(route.key)}/diff/${route.compare[0]}/${route.compare[1]}`;
      return route.version !== undefined ? `#/designer/${e(route.key)}/v/${route.version}` : `#/designer/${e(route.key)}`;
    case 'notFound': return `#/${route.path}`;
  }
}

export function navigate(route: Route, replace = false): void {
  const target = href(route);
  if (replace) history.replaceState(null, '', target);
  else if (location.hash !== target) location.hash = target;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
