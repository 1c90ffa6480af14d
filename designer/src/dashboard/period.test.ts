import { describe, expect, it } from 'vitest';
import { days, preset } from './period';

describe('report periods', () => {
  it('start the month, the quarter and the year on their first day and end today', () => {
    const today = new Date(2026, 10, 20);
    expect(preset('month', today)).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(preset('quarter', today)).toEqual({ from: '2026-10-01', to: '2026-11-20' });
    expect(preset('year', today)).toEqual({ from: '2026-01-01', to: '2026-11-20' });
  });

  it('count thirty days back across a month end, both ends included', () => {
    const p = preset('last30', new Date(2026, 2, 5));
    expect(p).toEqual({ from: '2026-02-04', to: '2026-03-05' });
    expect(days(p)).toBe(30);
  });
});
