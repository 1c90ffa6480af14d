// The server's JSON shapes (camelCase), as the endpoints of issue 9 answer them.

export type Role = 'admin' | 'process-owner' | 'reception' | 'officer' | 'leader' | 'manager';

export interface UnitRef {
  code: string;
  name: string;
}

export interface Me {
  userName: string;
  displayName: string;
  roles: string[];
  groups: string[];
  units: UnitRef[];
  /** Signed in with a temporary password from an admin: nothing else works until they choose their own. */
  mustChangePassword?: boolean;
}

export type UnitKind = 'province' | 'district' | 'ward' | 'commune' | 'special-zone';

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface TimeLimit {
  kind: 'sameDay' | 'workingDays' | 'workingHours';
  value: number;
  cutoff: string | null;
}

export interface Fee {
  name: string;
  amount: number;
  moment: string;
}

export interface RequiredDocument {
  code: string;
  name: string;
  copies: number;
  required: boolean;
}

export interface Procedure {
  code: string;
  version: number | string;
  name: string;
  nameEn: string | null;
  field: string;
  competentLevel: string;
  timeLimit: TimeLimit;
  fees: Fee[];
  requiredDocuments: RequiredDocument[];
  boundaryIndependent: boolean;
  processKey: string;
}

export interface AppointmentDay {
  day: string;
  kind: string;
  reason: string;
}

export interface Appointment {
  appointmentAt: string;
  calendar: string;
  calendarVersion?: string;
  calendarLabel?: CalendarLabel | null;
  explanation: AppointmentDay[];
}

/** A business calendar as people read it (workflows/calendars/<name>/calendar.json), with the recorded name and version. */
export interface CalendarLabel {
  name: string;
  version: string;
  displayName: string;
  displayNameEn: string;
}

export type ApplicantType = 'citizen' | 'organisation' | 'householdBusiness';
export type Channel = 1 | 2 | 3;
export type Decision = 'accept' | 'supplement' | 'refuse';
export type DocumentKind = 'original' | 'copy' | 'electronic';

export interface Applicant {
  type: ApplicantType;
  name: string;
  idNumber: string;
  phone: string;
  email: string;
}

export interface Subject {
  unitCode?: string | null;
  address: string;
  parcel: string;
  /** The unit as the papers write it (an old ward name is routed to the ward that absorbed it). */
  unitName?: string | null;
}

export interface NewDossier {
  procedureCode: string;
  receivingUnit: string;
  channel: Channel;
  applicant: Applicant;
  subject: Subject;
  returnUnit?: string;
  decision?: Decision;
  missing?: string[];
  reason?: string;
  note?: string;
}

export interface CreatedDossier {
  code: string;
  status: number;
  receivingUnit: string;
  competentUnit: string;
  returnUnit: string;
  appointmentAt: string | null;
  instanceId: string | null;
}

export interface DossierDocument {
  id: string;
  name: string;
  kind: DocumentKind;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  requiredDocumentCode?: string | null;
}

export type Grade = 'early' | 'onTime' | 'late';

export interface SlipRow {
  fromUnit: string | null;
  fromUser: string | null;
  toUnit: string | null;
  toUser: string | null;
  at: string;
  step: string;
  grade: Grade | null;
  note: string | null;
  fromUserDisplayName?: string | null;
  toUserDisplayName?: string | null;
}

export interface Supplement {
  requestedAt: string;
  missing: string[];
  note: string | null;
  resumedAt: string | null;
}

export interface DossierTask {
  id: string;
  name: string;
  unitCode: string;
  assignee: string | null;
  assigneeDisplayName?: string | null;
  dueAt: string | null;
  state: string;
}

export interface Pause {
  reason: 'supplement' | 'payment';
  startedAt: string;
  endedAt: string | null;
}

export interface DeadlineChange {
  taskId: string | null;
  cause: 'pause' | 'extension' | 'calendar';
  oldDueAt: string | null;
  newDueAt: string;
  calendar: string | null;
  at: string;
  by: string | null;
  byDisplayName?: string | null;
}

export interface Extension {
  at: string;
  by: string | null;
  byDisplayName?: string | null;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
}

export interface Dossier {
  code: string;
  procedure: { code: string; version: number | string; name: string };
  status: number;
  statusName: string;
  channel: Channel;
  applicant: Applicant;
  subject: Subject;
  receivingUnit: UnitRef;
  competentUnit: UnitRef;
  returnUnit: UnitRef;
  receivedAt: string;
  receivedBy: string | null;
  receivedByDisplayName?: string | null;
  appointmentAt: string | null;
  originalAppointmentAt: string | null;
  appointmentCalendar: string | null;
  appointmentCalendarLabel?: CalendarLabel | null;
  extension: Extension | null;
  pauses: Pause[];
  deadlineChanges: DeadlineChange[];
  finishedAt: string | null;
  returnedAt: string | null;
  instanceId: string | null;
  documents: DossierDocument[];
  slip: SlipRow[];
  supplement: Supplement | null;
  refusalReason: string | null;
  tasks: DossierTask[];
  routing?: DossierRouting | null;
  custody?: CustodyEvent[];
}

/** How the dossier was routed at receipt (issue 13). */
export interface DossierRouting {
  subjectWritten: string | null;
  rule: string | null;
  tableVersion: number | null;
  explanation: string[];
  versionRule: string | null;
  processKey: string | null;
  processVersion: number | null;
}

/** Paper originals sent between centres by post, and their arrival. */
export interface CustodyEvent {
  kind: 'sent' | 'received';
  fromUnit: UnitRef;
  toUnit: UnitRef;
  trackingNumber: string | null;
  carrier: string | null;
  at: string;
  by: string | null;
  note: string | null;
}

export interface DossierListItem {
  code: string;
  procedureName: string;
  applicantName: string;
  status: number;
  statusName: string;
  receivingUnit: string;
  competentUnit: string;
  receivedAt: string;
  appointmentAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PublicDossier {
  code: string;
  procedure: string | { code: string; name: string };
  /** The procedure's English name from the catalogue; null when it has none. */
  procedureEn?: string | null;
  status: { code: number; name: string };
  appointmentAt: string | null;
}

export type TaskView = 'mine' | 'queue' | 'dueSoon' | 'overdue';

export interface Task {
  id: string;
  instanceId: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  /** The assignee's display name, when the account has one. */
  assigneeDisplayName?: string | null;
  dueAt: string | null;
  state: string;
  formKey: string | null;
  createdAt: string;
  businessKey: string | null;
  definitionKey: string;
  dossierCode: string | null;
  applicantName: string | null;
  procedureName: string | null;
  unitCode: string | null;
  readOnly: boolean;
}

export type TaskCounts = Record<TaskView, number>;

export interface FormField {
  id: string;
  label: string;
  type: 'string' | 'long' | 'boolean' | 'date' | 'enum';
  required: boolean;
  values?: { id: string; name: string }[];
  defaultValue?: unknown;
  readOnly?: boolean;
}

export type TaskForm =
  | { kind: 'formJs'; schema: Record<string, unknown> }
  | { kind: 'fields'; fields: FormField[] }
  | null;

export interface TaskDetail extends Task {
  form: TaskForm;
}

/** application/problem+json */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]> | { field?: string | null; elementId?: string | null; message?: string }[];
}

// ------------------------------------------------------------------ process instances, incidents, migration

export type InstanceStatus = 'active' | 'incident' | 'completed' | 'terminated';

export interface InstanceSummary {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  status: InstanceStatus;
  startedAt: string;
  endedAt: string | null;
  dossierCode: string | null;
}

export interface IncidentView {
  id: string;
  instanceId: string;
  elementId: string;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
  definitionKey?: string | null;
  version?: number | null;
  businessKey?: string | null;
}

export interface HistoryEntry {
  elementId: string;
  elementType: string;
  startedAt: string;
  endedAt: string | null;
  cancelled: boolean;
}

export interface InstanceView {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  status: InstanceStatus;
  variables: Record<string, unknown>;
  activeElementIds: string[];
  incidents: IncidentView[];
  history: HistoryEntry[];
  startedAt: string;
  endedAt: string | null;
  dossierCode: string | null;
}

export interface InstanceFilters {
  definitionKey?: string;
  version?: number;
  status?: InstanceStatus | '';
  unit?: string;
  businessKey?: string;
  limit?: number;
  offset?: number;
}

export interface DefinitionSummary {
  key: string;
  version: number;
  name: string | null;
  status: 'draft' | 'published' | 'retired';
  createdAt: string;
  publishedAt: string | null;
}

export interface MigrationRequest {
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  elementMap: Record<string, string>;
  instanceIds?: string[];
}

export interface TokenMove { fromElementId: string; toElementId: string; count: number }

export interface TaskMove { taskId: string; name: string | null; fromElementId: string; toElementId: string; assignee: string | null; dueAt: string | null }

export interface InstancePlan {
  instanceId: string;
  businessKey: string | null;
  canMigrate: boolean;
  problems: string[];
  tokens: TokenMove[];
  tasks: TaskMove[];
}

export interface MigrationPlan {
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  elementMap: Record<string, string>;
  movable: number;
  refused: number;
  instances: InstancePlan[];
}

export type MigrationOutcome = 'pending' | 'migrated' | 'refused' | 'failed';

export interface Migration {
  id: string;
  definitionKey: string;
  fromVersion: number;
  toVersion: number;
  elementMap: Record<string, string>;
  status: 'running' | 'completed';
  total: number;
  pending: number;
  migrated: number;
  refused: number;
  failed: number;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  instances: { instanceId: string; businessKey: string | null; outcome: MigrationOutcome; reason: string | null; doneAt: string | null }[];
}

export type MigrationSummary = Omit<Migration, 'elementMap' | 'pending' | 'migrated' | 'refused' | 'failed' | 'instances'>;
/** What a notification is about (server NotificationKind). */
export type NotificationKind = 'due-soon' | 'due-now' | 'breach';

/** A notification of the bell (GET /api/notifications, SignalR 'notification'); the app words it from kind and facts. */
export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  dossierCode: string | null;
  taskId: string | null;
  step: string | null;
  unitCode: string | null;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: NotificationItem[];
}
