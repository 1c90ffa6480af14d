// The user-administration endpoints (admins only) and changing one's own password (everyone signed in).
import { request } from '../api/client';
import type { UnitRef } from '../api/types';

export const ROLES = ['reception', 'officer', 'leader', 'manager', 'process-owner', 'admin'] as const;

export interface UserSummary {
  userName: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  units: UnitRef[];
  active: boolean;
  mustChangePassword: boolean;
  deactivatedAt: string | null;
}

export interface UserPage {
  items: UserSummary[];
  total: number;
}

export interface UserFilter {
  unit?: string;
  role?: string;
  q?: string;
  status?: string;
  offset?: number;
}

export interface AccountInput {
  displayName: string;
  email: string;
  roles: string[];
  units: string[];
}

export interface UserWithPassword {
  user: UserSummary;
  temporaryPassword: string | null;
}

export interface AuditEntry {
  action: string;
  actor: string;
  at: string;
  details: string;
}

export const PAGE_SIZE = 50;

const enc = encodeURIComponent;

function query(filter: UserFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, limit: PAGE_SIZE })) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

export const usersApi = {
  list: (filter: UserFilter) => request<UserPage>('GET', `/api/users?${query(filter)}`),
  get: (userName: string) => request<UserSummary>('GET', `/api/users/${enc(userName)}`),
  create: (body: AccountInput & { userName: string }) => request<UserWithPassword>('POST', '/api/users', body),
  update: (userName: string, body: AccountInput) => request<UserSummary>('PUT', `/api/users/${enc(userName)}`, body),
  resetPassword: (userName: string) => request<UserWithPassword>('POST', `/api/users/${enc(userName)}/password`, {}),
  deactivate: (userName: string) => request<{ user: UserSummary; releasedTasks: number }>('POST', `/api/users/${enc(userName)}/deactivate`),
  reactivate: (userName: string) => request<UserSummary>('POST', `/api/users/${enc(userName)}/reactivate`),
  audit: (userName: string) => request<AuditEntry[]>('GET', `/api/users/${enc(userName)}/audit`),
  changeOwnPassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/me/password', { currentPassword, newPassword }),
};
