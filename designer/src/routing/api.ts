// The routing endpoints (issue 13): the province's rule table, saving it, and routing a dossier before receipt.
import { request } from '../api/client';

export interface RoutingRule {
  id: string;
  procedureCodes: string[];
  fields: string[];
  subjectUnits: string[];
  applicantTypes: string[];
  channels: number[];
  receivingUnits: string[];
  from: string | null;
  to: string | null;
  competent: 'fixed' | 'subject' | 'subjectDistrict' | 'landBranch';
  competentUnit: string | null;
  /** receiving, competent, or a unit code. */
  returnUnit: string | null;
  receivableAnywhere: boolean | null;
  note: string | null;
}

export interface RoutingTable {
  province: string;
  version: number;
  note: string | null;
  rules: RoutingRule[];
  landBranches: { name: string; unit: string; serves: string[] }[];
  versionRules: VersionRule[];
}

/** Which process a new dossier of a procedure runs on, by receipt day and receiving or competent unit (issue 12). */
export interface VersionRule {
  id: string;
  procedureCode: string;
  from: string | null;
  to: string | null;
  receivingUnits: string[];
  competentUnits: string[];
  processKey: string;
  processVersion: number | null;
  note: string | null;
}

export interface RoutingProblem {
  path: string;
  rule: string | null;
  message: string;
  severity: 'error' | 'warning';
}

export interface RoutingTableView {
  table: RoutingTable;
  problems: RoutingProblem[];
}

export interface RoutingVersion {
  version: number;
  savedAt: string;
  savedBy: string;
  note: string | null;
}

export interface UnitRef {
  code: string;
  name: string | null;
}

export interface RoutingResolution {
  allowed: boolean;
  subjectUnit: UnitRef | null;
  via: UnitRef[];
  competentUnit: UnitRef | null;
  returnUnit: UnitRef | null;
  rule: { id: string; version: number } | null;
  process: { key: string; version: number | null; rule: string | null } | null;
  explanation: string[];
  refusal: { field: string; reason: string; competentCentre: UnitRef | null; candidates: { unit: UnitRef; partNote: string | null }[] | null } | null;
}

export interface RoutingQuery {
  procedureCode: string;
  subject: { unitCode?: string; unitName?: string; address?: string; parcel?: string };
  applicantType: string;
  channel: number;
  receivingUnit: string;
  at?: string;
  /** A draft table to route by instead of the saved one (the editor's "try it"). */
  table?: RoutingTable;
}

const enc = encodeURIComponent;

export const routingApi = {
  resolve: (q: RoutingQuery) => request<RoutingResolution>('POST', '/api/routing/resolve', q),
  table: (province: string) => request<RoutingTableView>('GET', `/api/routing/tables/${enc(province)}`),
  versions: (province: string) => request<RoutingVersion[]>('GET', `/api/routing/tables/${enc(province)}/versions`),
  check: (province: string, table: RoutingTable) => request<RoutingProblem[]>('POST', `/api/routing/tables/${enc(province)}/check`, table),
  save: (province: string, table: RoutingTable, note: string) =>
    request<{ province: string; version: number; warnings: RoutingProblem[] }>('PUT', `/api/routing/tables/${enc(province)}`, { table, note }),
};

/** "a, b ,c" → ["a","b","c"]; what a table cell holds for a list condition. */
export function splitList(text: string): string[] {
  return text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
}
