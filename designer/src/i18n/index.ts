// Message files (vi.json, en.json): Vietnamese by default; the choice is kept in localStorage.
import vi from './vi.json';
import en from './en.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const catalogs: Record<Lang, Record<string, string>> = { vi, en };
const STORAGE_KEY = 'workflowhost.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // Storage blocked: the default.
  }
  return 'vi';
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();
// No document under vitest (node): modules that only read messages (the API client, the problem texts) stay testable.
if (typeof document !== 'undefined') document.documentElement.lang = current;

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; still switched for this page.
  }
  listeners.forEach((l) => l(next));
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[current][key] ?? catalogs.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A message in Vietnamese whatever the UI language (printed slips are official Vietnamese forms). */
export function tvi(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
