// The administrative units in force today, loaded once per page load, and how to name them:
// "Phường Hải Châu" / "Hải Châu Ward" from { name: "Hải Châu", kind: "ward" }.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Unit, UnitKind } from '../api/types';
import { lang } from '../i18n';
import { todayIso } from './format';

let cache: Promise<Unit[]> | null = null;

export function loadUnits(): Promise<Unit[]> {
  cache ??= api.units(todayIso()).catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

const VI: Partial<Record<UnitKind, string>> = { ward: 'Phường', commune: 'Xã', 'special-zone': 'Đặc khu', district: 'Quận' };
const EN: Partial<Record<UnitKind, string>> = { ward: 'Ward', commune: 'Commune', 'special-zone': 'Special Zone', district: 'District' };

/** A unit's name with its kind, in Vietnamese (always, for printed slips) or the UI language. */
export function unitTitle(name: string, kind: UnitKind | undefined, vietnamese = false): string {
  if (!kind) return name;
  if (vietnamese || lang() === 'vi') {
    const prefix = VI[kind];
    return prefix && !name.startsWith(prefix) ? `${prefix} ${name}` : name;
  }
  const suffix = EN[kind];
  return suffix ? `${name} ${suffix}` : name;
}

export interface UnitNames {
  units: Unit[];
  /** Title of a unit by code ("Phường Hải Châu"); the code itself when unknown; '—' for none. */
  title: (code: string | null | undefined, fallbackName?: string, vietnamese?: boolean) => string;
}

/** `signedIn` false (the header of the sign-in and public lookup pages): nothing is asked, /api/units would answer 401. */
export function useUnitNames(signedIn = true): UnitNames {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    loadUnits().then((u) => live && setUnits(u), () => undefined);
    return () => { live = false; };
  }, [signedIn]);
  return {
    units,
    title: (code, fallbackName, vietnamese) => {
      if (!code) return '—';
      const u = units.find((x) => x.code === code);
      return u ? unitTitle(u.name, u.kind, vietnamese) : fallbackName ?? code;
    },
  };
}
