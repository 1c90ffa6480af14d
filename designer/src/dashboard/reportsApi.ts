// The dashboard's calls: the shared client's error handling, the report endpoints' query strings.
import { ApiError } from '../api/client';
import type { Bottleneck, DeadlineLists, Period, SlaReport, SlaTrend } from './types';

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, body ?? { title: response.statusText });
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

export const reportsApi = {
  sla: (p: Period, procedure?: string) => get<SlaReport>(`/api/reports/sla?${query({ ...p, procedure })}`),
  exportUrl: (p: Period, format: 'xlsx' | 'csv', procedure?: string) => `/api/reports/sla?${query({ ...p, procedure, format })}`,
  trend: (p: Period, bucket: 'day' | 'week', procedure?: string) => get<SlaTrend>(`/api/reports/sla/trend?${query({ ...p, bucket, procedure })}`),
  deadlines: () => get<DeadlineLists>('/api/reports/deadlines'),
  bottlenecks: (procedure: string, version?: number) => get<Bottleneck>(`/api/reports/bottlenecks?${query({ procedure, version })}`),
  definitionXml: async (key: string, version: number) => {
    const response = await fetch(`/api/definitions/${encodeURIComponent(key)}/versions/${version}`, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, { title: response.statusText });
    return response.text();
  },
};
