// The SLA dashboard's answers (/api/reports/*), as the server sends them (camelCase JSON).

export interface SlaRow {
  unit: string;
  procedure: string;
  received: number;
  inProgress: number;
  paused: number;
  early: number;
  onTime: number;
  late: number;
  /** (early + onTime) / finished, 0..1; null when nothing finished. */
  onTimeRate: number | null;
  carriedOver: number;
}

export interface SlaReport {
  from: string;
  to: string;
  target: number;
  rows: SlaRow[];
}

export interface TrendPoint {
  start: string;
  received: number;
  finished: number;
  onTime: number;
  onTimeRate: number | null;
}

export interface SlaTrend {
  bucket: 'day' | 'week';
  points: TrendPoint[];
}

export interface DeadlineItem {
  taskId: string;
  dossierCode: string;
  step: string;
  elementId: string;
  unit: string | null;
  assignee: string | null;
  dueAt: string;
  appointmentAt: string | null;
  procedureCode: string;
  applicantName: string;
}

export interface DeadlineLists {
  now: string;
  dueSoonUntil: string;
  overdue: DeadlineItem[];
  dueSoon: DeadlineItem[];
}

export interface BottleneckElement {
  elementId: string;
  name: string | null;
  open: number;
  medianHoursSpent: number;
  overdue: number;
}

export interface Bottleneck {
  procedure: string;
  definitionKey: string;
  version: number;
  versions: number[];
  elements: BottleneckElement[];
}

/** What the notifications hub pushes to `unit:{code}` when a step passes its deadline (branch `reminders`). */
export interface BreachEvent {
  dossierCode: string;
  taskId: string;
  step: string;
  unitCode: string;
  dueAt: string;
}

export interface Period {
  from: string;
  to: string;
}
