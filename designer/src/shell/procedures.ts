// Procedure names in the UI language. Dossiers and tasks carry the procedure's Vietnamese name only; the catalogue
// (/api/procedures, loaded once per page load) also has the English one, so the English screens need not show
// "Đăng ký kết hôn" where "Marriage registration" exists. Without an English name the Vietnamese one stays.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Procedure } from '../api/types';
import { lang } from '../i18n';

let cache: Promise<Procedure[]> | null = null;

function loadProcedures(): Promise<Procedure[]> {
  cache ??= api.procedures().catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

export interface ProcedureNames {
  /** The name of the procedure with this code, or `fallback` (the name the record carries) when unknown. */
  byCode: (code: string, fallback: string) => string;
  /** The UI-language name for a Vietnamese procedure name as a task carries it. */
  byName: (vietnamese: string) => string;
}

export function useProcedureNames(): ProcedureNames {
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  useEffect(() => {
    let live = true;
    loadProcedures().then((p) => live && setProcedures(p), () => undefined);
    return () => { live = false; };
  }, []);
  const english = (p: Procedure | undefined) => (lang() === 'en' && p?.nameEn ? p.nameEn : undefined);
  return {
    byCode: (code, fallback) => english(procedures.find((p) => p.code === code)) ?? fallback,
    byName: (vietnamese) => english(procedures.find((p) => p.name === vietnamese)) ?? vietnamese,
  };
}
