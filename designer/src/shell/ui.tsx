// Small shared pieces: field wrapper with its error, status badge, deadline badge, notices.
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../i18n';
import { dateTime, urgency } from './format';
import type { Grade } from '../api/types';

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  error?: string[] | undefined;
  hint?: string;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const { id, label, required, error, hint, children, wide } = props;
  return (
    <div class={`field${error?.length ? ' field--invalid' : ''}${wide ? ' field--wide' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      {children}
      {hint && <div class="hint" id={`${id}-hint`}>{hint}</div>}
      {error?.length ? (
        <div class="field-error" id={`${id}-error`} role="alert">
          {error.join(' ')}
        </div>
      ) : null}
    </div>
  );
}

/** aria props for an input whose Field may show a hint and an error. */
export function describedBy(id: string, error?: string[], hint?: boolean) {
  const ids = [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean);
  return { 'aria-invalid': error?.length ? true : undefined, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
}

const statusKeys: Record<number, MessageKey> = {
  1: 'status.1', 2: 'status.2', 3: 'status.3', 4: 'status.4', 5: 'status.5',
  6: 'status.6', 7: 'status.7', 8: 'status.8', 9: 'status.9', 10: 'status.10',
};

export function statusName(code: number, serverName?: string | null): string {
  const key = statusKeys[code];
  return key ? t(key) : serverName ?? String(code);
}

export function StatusBadge({ code, name }: { code: number; name?: string | null }) {
  return (
    <span class={`badge status status-${code}`} data-status={code}>
      <span class="status-code">{code}</span> {statusName(code, name)}
    </span>
  );
}

export function DueBadge({ dueAt, now }: { dueAt: string | null | undefined; now?: number }) {
  const u = urgency(dueAt, now);
  if (u === 'none') return <span class="muted">—</span>;
  const label = u === 'overdue' ? t('due.overdue') : u === 'soon' ? t('due.soon') : '';
  return (
    <span class={`due due--${u}`} data-urgency={u}>
      {dateTime(dueAt)}
      {label && <span class="due-label"> · {label}</span>}
    </span>
  );
}

export function GradeBadge({ grade }: { grade: Grade | null }) {
  if (!grade) return <span class="muted">—</span>;
  const key: MessageKey = grade === 'early' ? 'grade.early' : grade === 'onTime' ? 'grade.onTime' : 'grade.late';
  return <span class={`grade grade--${grade}`} data-grade={grade}>{t(key)}</span>;
}

export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  return <p class="loading" role="status">{t('common.loading')}</p>;
}
