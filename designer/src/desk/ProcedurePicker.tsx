// Search the procedure catalogue by code or name (diacritics-insensitive) and pick one: a combobox with a listbox.
import { useMemo, useState } from 'preact/hooks';
import type { Procedure } from '../api/types';
import { lang, t } from '../i18n';
import { fold } from '../shell/format';

const MAX_SHOWN = 8;

export function procedureName(p: Procedure): string {
  return lang() === 'en' && p.nameEn ? p.nameEn : p.name;
}

export function ProcedurePicker(props: { procedures: Procedure[]; onPick: (p: Procedure) => void; error?: string[]; inputRef?: preact.Ref<HTMLInputElement> }) {
  const { procedures, onPick, error, inputRef } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  const matches = useMemo(() => {
    const q = fold(query.trim());
    const words = q.split(/\s+/).filter(Boolean);
    const hits = procedures.filter((p) => {
      const hay = fold(`${p.code} ${p.name} ${p.nameEn ?? ''} ${p.field}`);
      return words.every((w) => hay.includes(w));
    });
    return hits.slice(0, MAX_SHOWN);
  }, [procedures, query]);

  const pick = (p: Procedure | undefined) => {
    if (!p) return;
    onPick(p);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, matches.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (e.key === 'Enter') { if (open && matches.length) { e.preventDefault(); pick(matches[active]); } }
    else if (e.key === 'Escape') { setOpen(false); }
  };

  const listId = 'procedure-options';
  return (
    <div class={`field field--wide combobox${error?.length ? ' field--invalid' : ''}`}>
      <label for="procedure-search">{t('desk.procedureSearch')}<span class="req" aria-hidden="true"> *</span></label>
      <input
        id="procedure-search"
        ref={inputRef}
        type="search"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `procedure-option-${matches[active]!.code}` : undefined}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={error?.length ? 'procedure-search-error' : 'procedure-search-hint'}
        autoComplete="off"
        placeholder={t('desk.procedurePlaceholder')}
        value={query}
        onInput={(e) => { setQuery(e.currentTarget.value); setActive(0); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <div class="hint" id="procedure-search-hint">{t('desk.procedureHint', { count: procedures.length })}</div>
      {error?.length ? <div class="field-error" id="procedure-search-error" role="alert">{error.join(' ')}</div> : null}
      {open && (
        <ul class="listbox" id={listId} role="listbox" aria-label={t('desk.procedure')}>
          {matches.length === 0 && <li class="listbox-empty">{t('desk.noProcedure')}</li>}
          {matches.map((p, i) => (
            <li
              key={p.code}
              id={`procedure-option-${p.code}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); pick(p); }}
              onMouseEnter={() => setActive(i)}
            >
              <span class="mono">{p.code}</span> {procedureName(p)}
              <span class="muted"> · {p.field}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
