// Report periods as local dates (yyyy-MM-dd, both inclusive), the presets the picker offers.
import type { Period } from './types';

function iso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export type Preset = 'month' | 'last30' | 'quarter' | 'year';

export function preset(kind: Preset, today = new Date()): Period {
  const y = today.getFullYear();
  const m = today.getMonth();
  switch (kind) {
    case 'month': return { from: iso(new Date(y, m, 1)), to: iso(today) };
    case 'last30': return { from: iso(new Date(y, m, today.getDate() - 29)), to: iso(today) };
    case 'quarter': return { from: iso(new Date(y, m - (m % 3), 1)), to: iso(today) };
    case 'year': return { from: iso(new Date(y, 0, 1)), to: iso(today) };
  }
}

/** Days in the period, both ends included. */
export function days(p: Period): number {
  return Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
}
