import { describe, expect, it } from 'vitest';
import { href, parse, type Route } from './router';

describe('hash routes', () => {
  it('reads every screen and writes it back the same', () => {
    const routes: Route[] = [
      { name: 'desk' },
      { name: 'inbox', view: 'overdue' },
      { name: 'task', id: 'fa69e13e-c38f-4fd5-88e1-d92fa55cc958' },
      { name: 'dossier', code: '000.02.42.H48-261203-0001' },
      { name: 'print', code: '000.02.42.H48-261203-0001', slip: 'receipt' },
      { name: 'lookup', code: '000.02.42.H48-261203-0001' },
      { name: 'lookup' },
      { name: 'instances', tab: 'instances', filters: { definitionKey: 'hk-dang-ky', version: '2', status: 'incident' } },
      { name: 'instances', tab: 'incidents', filters: {} },
      { name: 'instance', id: 'fa69e13e-c38f-4fd5-88e1-d92fa55cc958' },
      { name: 'migrations' },
      { name: 'migrations', id: 'fa69e13e-c38f-4fd5-88e1-d92fa55cc958' },
      { name: 'designer' },
      { name: 'designer', key: 'marriage-registration' },
      { name: 'designer', key: 'marriage-registration', version: 2 },
      { name: 'designer', key: 'marriage-registration', compare: [1, 3] },
      { name: 'users' },
      { name: 'userNew' },
      { name: 'user', userName: 'officer.thanh-khe' },
    ];
    for (const route of routes) expect(parse(href(route))).toEqual(route);
  });
  it('keeps where to go after signing in', () => {
    expect(parse('#/signin?next=%23%2Fdossiers%2FX')).toEqual({ name: 'signin', next: '#/dossiers/X' });
  });
  it('an unknown slip or path is not found, the empty hash is home', () => {
    expect(parse('#/dossiers/X/print/other').name).toBe('notFound');
    expect(parse('').name).toBe('home');
    expect(parse('#/designer/k/v/two').name).toBe('notFound');
    expect(parse('#/designer/k/diff/1').name).toBe('notFound');
    expect(parse('#/users/a/b').name).toBe('notFound');
  });
});
