// Which signed-in screens a person's roles open. The header shows a link only where this says yes, and the shell shows
// a "not for your role" notice instead of a screen whose every data call would answer 403 (an officer who types
// #/dashboard saw English server messages and a page stuck loading). The server still decides: this only spares the
// person a screen they cannot use.
import type { Me } from '../api/types';
import type { Route } from './router';
import { hasRole, isReception, isStaff } from './session';

export type GuardedScreen = 'desk' | 'inbox' | 'instances' | 'migrations' | 'routing' | 'designer' | 'dashboard' | 'users';

export function canOpen(me: Me | null | undefined, screen: GuardedScreen): boolean {
  switch (screen) {
    case 'desk': return isReception(me);
    case 'inbox': return isStaff(me) || hasRole(me, 'admin');
    case 'instances': return hasRole(me, 'manager', 'process-owner');
    case 'migrations':
    case 'routing':
    case 'designer': return hasRole(me, 'process-owner');
    case 'dashboard': return hasRole(me, 'manager', 'leader');
    case 'users': return !!me && me.roles.includes('admin');
  }
}

/**
 * The guarded screen a route shows, or null for pages open to every signed-in person: a dossier, task or instance page
 * is scoped by the server (someone with a task on an instance may view it), so it answers for itself.
 */
export function guardedScreen(route: Route): GuardedScreen | null {
  switch (route.name) {
    case 'desk': case 'inbox': case 'migrations': case 'routing': case 'designer': case 'dashboard': case 'instances': return route.name;
    case 'users': case 'userNew': case 'user': return 'users';
    default: return null;
  }
}

/**
 * Whether dossier pages open for this person: the server shows a dossier to admins and to people of its receiving,
 * competent or return unit. A process owner has no unit, so a dossier link or the header's "open a dossier" box only
 * led them to "not found".
 */
export function canOpenDossiers(me: Me | null | undefined): boolean {
  return !!me && (hasRole(me, 'admin') || me.units.length > 0);
}
