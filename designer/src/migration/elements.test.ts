import { describe, expect, it } from 'vitest';
import { defaultMap, explicitMap } from './elements';

// flowElements needs the browser's DOMParser; the browser test's migration screen covers it.
const el = (id: string) => ({ id, name: '', kind: 'userTask' });

describe('element map', () => {
  it('maps same ids by default and sends only the renamed ones', () => {
    const map = defaultMap(['start', 'first', 'second', 'end'].map(el), ['start', 'receive', 'end'].map(el));
    expect(map).toEqual({ start: 'start', first: '', second: '', end: 'end' });
    expect(explicitMap({ ...map, first: 'receive' })).toEqual({ first: 'receive' });
  });
});
