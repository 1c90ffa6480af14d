// Screen `designer` (process owners and admins), loaded on demand so other screens never download bpmn-js.
import { t } from '../i18n';
import { useSession, hasRole } from '../shell/session';
import { DefinitionList } from './DefinitionList';
import { Editor } from './Editor';
import { VersionView } from './VersionView';
import { DiffView } from './DiffView';
import './designer.css';

export interface DesignerRoute { key?: string; version?: number; compare?: [number, number] }

export default function DesignerScreen({ route }: { route: DesignerRoute }) {
  const { me } = useSession();
  if (!hasRole(me, 'process-owner')) return <section class="panel"><h1>{t('designer.forbidden')}</h1></section>;
  if (!route.key) return <DefinitionList />;
  if (route.compare) return <DiffView key={`${route.key}-${route.compare.join('-')}`} definitionKey={route.key} older={route.compare[0]} newer={route.compare[1]} />;
  if (route.version !== undefined) return <VersionView key={`${route.key}-${route.version}`} definitionKey={route.key} version={route.version} />;
  return <Editor key={route.key} definitionKey={route.key} />;
}
