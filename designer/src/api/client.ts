// One typed client for the server's endpoints: cookie auth (same origin), JSON camelCase, problem+json errors.
import type {
  Appointment, CreatedDossier, DefinitionSummary, Dossier, DossierDocument, DossierListItem, DocumentKind, IncidentView, InstanceFilters,
  InstanceSummary, InstanceView, Me, Migration, MigrationPlan, MigrationSummary, MigrationRequest, NewDossier, NotificationItem, NotificationList, Page,
  Problem, Procedure, PublicDossier, Task, TaskCounts, TaskDetail, TaskView, Unit,
} from './types';
import { lang } from '../i18n';

/** A non-2xx answer; `problem` is the problem+json body when there was one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /**
   * Validation messages keyed by field path (`applicant.name`), empty when none. The server may send them as a map
   * (`{field: [messages]}`) or as a list (`[{field, message}]`); both read the same here.
   */
  get errors(): Record<string, string[]> {
    const raw = this.problem.errors as unknown;
    if (!raw) return {};
    if (Array.isArray(raw)) {
      const out: Record<string, string[]> = {};
      for (const item of raw as { field?: string | null; elementId?: string | null; message?: string }[]) {
        const key = item.field ?? item.elementId ?? '';
        (out[key] ??= []).push(item.message ?? '');
      }
      return out;
    }
    return raw as Record<string, string[]>;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a signed-in request answers 401 (the session expired): the shell goes back to sign-in. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** One request; a string body is sent as BPMN XML (application/xml), FormData as multipart, anything else as JSON. */
export async function request<T>(method: string, url: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  // The server answers its messages (field errors, routing explanations) in the language the user chose here.
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': lang() } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (typeof body === 'string') {
    init.body = body;
    (init.headers as Record<string, string>)['Content-Type'] = 'application/xml';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !opts.quiet401) unauthorizedListeners.forEach((l) => l());
    const problem: Problem = typeof json === 'object' && json !== null ? (json as Problem) : { title: response.statusText, detail: text || undefined };
    problem.status ??= response.status;
    throw new ApiError(response.status, problem);
  }
  return json as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export const api = {
  login: (userName: string, password: string) => request<Me>('POST', '/api/auth/login', { userName, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me', undefined, { quiet401: true }),

  units: (asOf?: string) => request<Unit[]>('GET', `/api/units${query({ asOf })}`),
  procedures: (q?: string) => request<Procedure[]>('GET', `/api/procedures${query({ q })}`),

  appointment: (procedureCode: string, receivingUnit: string, receivedAt?: string) =>
    request<Appointment>('POST', '/api/dossiers/appointment', { procedureCode, receivingUnit, receivedAt }),
  createDossier: (dossier: NewDossier) => request<CreatedDossier>('POST', '/api/dossiers', dossier),
  uploadDocument: (code: string, file: File, kind: DocumentKind, name: string, requiredDocumentCode?: string) => {
    const form = new FormData();
    form.append('file', file);
    form.append('kind', kind);
    form.append('name', name);
    if (requiredDocumentCode) form.append('requiredDocumentCode', requiredDocumentCode);
    return request<DossierDocument>('POST', `/api/dossiers/${enc(code)}/documents`, form);
  },
  documentUrl: (code: string, id: string) => `/api/dossiers/${enc(code)}/documents/${enc(id)}`,
  dossier: (code: string) => request<Dossier>('GET', `/api/dossiers/${enc(code)}`),
  dossiers: (p: { q?: string; unit?: string; status?: number; limit?: number; offset?: number }) =>
    request<Page<DossierListItem>>('GET', `/api/dossiers${query(p)}`),
  extend: (code: string, newAppointmentAt: string, reason: string) =>
    request<Dossier>('POST', `/api/dossiers/${enc(code)}/extension`, { newAppointmentAt, reason }),
  supplement: (code: string, note: string) => request<Dossier>('POST', `/api/dossiers/${enc(code)}/supplement`, { note }),
  publicDossier: (code: string) => request<PublicDossier>('GET', `/api/public/dossiers/${enc(code)}`, undefined, { quiet401: true }),

  tasks: (p: { view: TaskView; q?: string; sort?: string; limit?: number; offset?: number }) =>
    request<Task[]>('GET', `/api/tasks${query(p)}`),
  taskCounts: () => request<TaskCounts>('GET', '/api/tasks/counts'),
  task: async (id: string): Promise<TaskDetail> => {
    // The server answers { task, form }; a flat task with `form` is read as well.
    const body = await request<TaskDetail | { task: Task; form: TaskDetail['form'] }>('GET', `/api/tasks/${enc(id)}`);
    return 'task' in body && body.task ? { ...body.task, form: body.form ?? null } : (body as TaskDetail);
  },
  claim: (id: string) => request<unknown>('POST', `/api/tasks/${enc(id)}/claim`),
  unclaim: (id: string) => request<unknown>('POST', `/api/tasks/${enc(id)}/unclaim`),
  complete: (id: string, variables: Record<string, unknown>) => request<unknown>('POST', `/api/tasks/${enc(id)}/complete`, { variables }),
  transfer: (id: string, body: { toUnit?: string; toUser?: string; reason: string }) =>
    request<unknown>('POST', `/api/tasks/${enc(id)}/transfer`, body),
  returnForSupplement: (id: string, missing: string[], note: string) =>
    request<unknown>('POST', `/api/tasks/${enc(id)}/return-for-supplement`, { missing, note }),

  instances: (f: InstanceFilters) => request<InstanceSummary[]>('GET', `/api/instances${query({ ...f })}`),
  instance: (id: string) => request<InstanceView>('GET', `/api/instances/${enc(id)}`),
  incidents: (f: InstanceFilters & { instanceId?: string; includeResolved?: boolean }) =>
    request<IncidentView[]>('GET', `/api/incidents${query({ ...f, status: undefined, includeResolved: f.includeResolved ? 'true' : undefined })}`),
  retryIncident: (id: string, variables: Record<string, unknown> | null) =>
    request<unknown>('POST', `/api/incidents/${enc(id)}/retry`, { variables }),

  definitions: () => request<DefinitionSummary[]>('GET', '/api/definitions'),
  definitionVersions: (key: string) => request<DefinitionSummary[]>('GET', `/api/definitions/${enc(key)}/versions`),
  /** The BPMN XML exactly as deployed (served as a download; read here as text). */
  definitionXml: async (key: string, version: number): Promise<string> => {
    const response = await fetch(`/api/definitions/${enc(key)}/versions/${version}`, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, { title: response.statusText, status: response.status });
    return response.text();
  },

  planMigration: (body: MigrationRequest) => request<MigrationPlan>('POST', '/api/migrations/plan', body),
  startMigration: (body: MigrationRequest) => request<Migration>('POST', '/api/migrations', body),
  migrations: (definitionKey?: string) => request<MigrationSummary[]>('GET', `/api/migrations${query({ definitionKey, limit: 20 })}`),
  migration: (id: string, outcome?: string) => request<Migration>('GET', `/api/migrations/${enc(id)}${query({ outcome, limit: 500 })}`),
  notifications: (limit?: number) => request<NotificationList>('GET', `/api/notifications${query({ limit })}`),
  markNotificationRead: (id: number) => request<NotificationItem>('POST', `/api/notifications/${id}/read`),
  markAllNotificationsRead: () => request<{ count: number }>('POST', '/api/notifications/read-all'),
};
