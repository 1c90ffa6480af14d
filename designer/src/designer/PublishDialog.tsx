// Asks for the change note that is stored with the version, then publishes.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { Dialog } from './Dialog';

export function PublishDialog({ busy, error, onPublish, onClose }: {
  busy: boolean; error: string | null; onPublish: (note: string) => void; onClose: () => void;
}) {
  const [note, setNote] = useState('');
  return (
    <Dialog title={t('designer.publish.title')} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); if (note.trim()) onPublish(note.trim()); }}>
        <div class="field field--wide">
          <label for="change-note">{t('designer.publish.note')}<span class="req" aria-hidden="true"> *</span></label>
          <textarea id="change-note" rows={4} required maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <div class="hint">{t('designer.publish.hint')}</div>
        </div>
        {error && <div class="notice notice--error" role="alert">{error}</div>}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy || !note.trim()} data-testid="confirm-publish">
            {busy ? t('common.saving') : t('designer.publish.confirm')}
          </button>
          <button type="button" class="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
