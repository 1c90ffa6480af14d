import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { canOpen, guardedScreen, type GuardedScreen } from './access';
import { parse } from './router';

const person = (...roles: string[]): Me => ({ userName: roles.join('+'), displayName: '', roles, groups: [], units: [] });
const screens: GuardedScreen[] = ['desk', 'inbox', 'instances', 'migrations', 'routing', 'designer', 'dashboard'];
const opens = (me: Me) => screens.filter((s) => canOpen(me, s));

describe('which screens each demo role opens (the header links and the shell guard agree)', () => {
  it('gives each role its own screens only', () => {
    expect(opens(person('reception'))).toEqual(['desk', 'inbox']);
    expect(opens(person('officer'))).toEqual(['inbox']);
    expect(opens(person('leader'))).toEqual(['inbox', 'dashboard']);
    expect(opens(person('manager'))).toEqual(['inbox', 'instances', 'dashboard']);
    expect(opens(person('process-owner'))).toEqual(['instances', 'migrations', 'routing', 'designer']);
    expect(opens(person('admin'))).toEqual(screens);
  });
  it('opens nothing guarded when signed out', () => {
    expect(screens.some((s) => canOpen(null, s))).toBe(false);
  });
  it('guards list screens, not the pages the server scopes itself', () => {
    expect(guardedScreen(parse('#/dashboard'))).toBe('dashboard');
    expect(guardedScreen(parse('#/designer/marriage-registration/v/1'))).toBe('designer');
    expect(guardedScreen(parse('#/dossiers/000.02.42.H48-261205-0001'))).toBeNull();
    expect(guardedScreen(parse('#/instances/f3ee37d8-bacf-4571-9cde-7492c9eb9c46'))).toBeNull();
    expect(guardedScreen(parse('#/lookup'))).toBeNull();
  });
});
