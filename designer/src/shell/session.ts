import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from '../api/types';

export interface Session {
  me: Me;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function hasRole(me: Me | null | undefined, ...roles: string[]): boolean {
  if (!me) return false;
  return me.roles.some((r) => r === 'admin' || roles.includes(r));
}

/** Staff who work tasks (managers read their unit's). */
export function isStaff(me: Me | null | undefined): boolean {
  return hasRole(me, 'reception', 'officer', 'leader', 'manager');
}

export function isReception(me: Me | null | undefined): boolean {
  return hasRole(me, 'reception');
}
