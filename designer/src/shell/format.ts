// Dates and times are shown in Asia/Ho_Chi_Minh as dd/MM/yyyy HH:mm, whatever the browser's zone or language.
const ZONE = 'Asia/Ho_Chi_Minh';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function pieces(value: string | Date): Record<string, string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** dd/MM/yyyy HH:mm in Vietnam time; '—' for nothing. */
export function dateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = pieces(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : String(value);
}

/** dd/MM/yyyy in Vietnam time. A plain date (YYYY-MM-DD) is shown as it is, without a zone shift. */
export function date(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = pieces(value);
  return p ? `${p.day}/${p.month}/${p.year}` : String(value);
}

/** { hour, minute, day, month, year } in Vietnam time, for the slips' "…giờ…phút, ngày…tháng…năm". */
export function vnParts(value: string | Date): { hour: string; minute: string; day: string; month: string; year: string } | null {
  const p = pieces(value);
  return p ? { hour: p.hour!, minute: p.minute!, day: p.day!, month: p.month!, year: p.year! } : null;
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayIso(): string {
  const p = pieces(new Date())!;
  return `${p.year}-${p.month}-${p.day}`;
}

/** Hours from now until `value` (negative when past). */
export function hoursUntil(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : (at - now) / 3_600_000;
}

export type Urgency = 'overdue' | 'soon' | 'ok' | 'none';

/** Overdue (red), due within a day (amber), later, or no due date. */
export function urgency(dueAt: string | null | undefined, now = Date.now()): Urgency {
  const h = hoursUntil(dueAt, now);
  if (h === null) return 'none';
  if (h < 0) return 'overdue';
  if (h <= 24) return 'soon';
  return 'ok';
}

/** Lower case without diacritics (đ → d), for client-side matching of Vietnamese names. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

export function money(amount: number): string {
  return new Intl.NumberFormat('vi-VN').format(amount) + ' ₫';
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** A number with `digits` decimals as the UI language writes it: 0,5 in Vietnamese, 0.5 in English. */
export function decimal(value: number, digits: number, language: 'vi' | 'en'): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true }).format(value);
}

/** A rate (0..1) as a percentage with one decimal: "97,5%" / "97.5%". */
export function percent(rate: number, language: 'vi' | 'en'): string {
  return `${decimal(rate * 100, 1, language)}%`;
}

/** A plain date (YYYY-MM-DD) as dd/MM, for chart ticks. */
export function dayMonth(value: string): string {
  const [, m, d] = value.split('-');
  return d && m ? `${d}/${m}` : value;
}
