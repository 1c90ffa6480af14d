// The designer's calls: definitions and versions (DefinitionsApi), validation, drafts, publishing and history (DesignerApi).
import { request } from '../api/client';

export interface Problem { elementId: string | null; elementType: string | null; severity: 'error' | 'warning'; message: string }
export interface Budget { hours: number; limitHours: number | null; procedureCode: string | null; path: string[]; fits: boolean }
export interface Validation { key: string | null; problems: Problem[]; budget: Budget | null; canPublish: boolean }
export interface DefinitionSummary { key: string; version: number; name: string | null; status: string; createdAt: string; publishedAt: string | null }
export interface Draft { key: string; xml: string; updatedAt: string; updatedBy: string }
export interface DraftSummary { key: string; updatedAt: string; updatedBy: string }
export interface HistoryEntry {
  version: number; name: string | null; status: string; createdAt: string; createdBy: string | null;
  publishedAt: string | null; publishedBy: string | null; changeNote: string | null;
}

const enc = encodeURIComponent;

async function xmlOf(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.text();
}

export const designerApi = {
  definitions: () => request<DefinitionSummary[]>('GET', '/api/definitions'),
  drafts: () => request<DraftSummary[]>('GET', '/api/designer/drafts'),
  draft: (key: string) => request<Draft>('GET', `/api/designer/drafts/${enc(key)}`),
  saveDraft: (key: string, xml: string) => request<Draft>('PUT', `/api/designer/drafts/${enc(key)}`, xml),
  validate: (xml: string) => request<Validation>('POST', '/api/designer/validate', xml),
  publish: (key: string, xml: string, changeNote: string) =>
    request<DefinitionSummary>('POST', `/api/designer/drafts/${enc(key)}/publish`, { xml, changeNote }),
  history: (key: string) => request<HistoryEntry[]>('GET', `/api/designer/definitions/${enc(key)}/history`),
  versionXml: (key: string, version: number) => xmlOf(`/api/definitions/${enc(key)}/versions/${version}`),
};
