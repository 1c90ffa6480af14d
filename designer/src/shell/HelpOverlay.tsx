import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';

const shortcuts: [string, MessageKey][] = [
  ['?', 'help.keys.help'],
  ['/', 'help.keys.search'],
  ['1 – 4', 'help.keys.tabs'],
  ['r', 'help.keys.refresh'],
  ['r', 'help.keys.dashboard'],
  ['Alt + Enter', 'help.keys.submit'],
  ['Tab / Shift + Tab', 'help.keys.tab'],
  ['Enter', 'help.keys.enter'],
  ['Esc', 'help.keys.esc'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      } else if (e.key === 'Tab' && dialog.current) {
        // Keep focus inside the dialog.
        const focusable = dialog.current.querySelectorAll<HTMLElement>('button, a[href]');
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last?.focus(); }
        else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first?.focus(); }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => { window.removeEventListener('keydown', onKey); previous?.focus(); };
  }, [onClose]);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={dialog}>
        <h2 id="help-title">{t('help.title')}</h2>
        <table class="table shortcuts">
          <tbody>
            {shortcuts.map(([keys, label]) => (
              <tr key={keys}>
                <td><kbd>{keys}</kbd></td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">{t('help.note')}</p>
        <div class="actions">
          <button type="button" class="button" ref={closeButton} onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </div>
  );
}
