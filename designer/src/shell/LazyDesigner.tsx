// The designer screen is a separate chunk (bpmn-js, properties panel, form-js editor): imported on first visit only,
// so the desk and the inbox never download it.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { t } from '../i18n';
import { Loading } from './ui';
import type { DesignerRoute } from '../designer/DesignerScreen';

let loaded: ComponentType<{ route: DesignerRoute }> | null = null;

export function LazyDesigner({ route }: { route: DesignerRoute }) {
  const [Screen, setScreen] = useState(() => loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (Screen) return;
    import('../designer/DesignerScreen').then(
      (m) => { loaded = m.default; setScreen(() => m.default); },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [Screen]);
  if (error) return <div class="notice notice--error" role="alert">{t('common.loadFailed', { detail: error })}</div>;
  return Screen ? <Screen route={route} /> : <Loading />;
}
