// DEV ONLY: an in-memory stand-in for the server's API, for styling screens without a server (`MOCK=1 npm run dev`).
// It follows the issue-9 contract loosely; it is never built into the app, and the browser test drives the real server.
import type { Plugin } from 'vite';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Json = Record<string, unknown>;

const units = [
  { code: 'DN', name: 'Thành phố Đà Nẵng', kind: 'province', parentCode: null, validFrom: '1997-01-01', validTo: null },
  { code: 'W-HAI-CHAU', name: 'Phường Hải Châu', kind: 'ward', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
  { code: 'W-THANH-KHE', name: 'Phường Thanh Khê', kind: 'ward', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
  { code: 'W-NGU-HANH-SON', name: 'Phường Ngũ Hành Sơn', kind: 'ward', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
  { code: 'W-HOA-CUONG', name: 'Phường Hòa Cường', kind: 'ward', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
  { code: 'W-SON-TRA', name: 'Phường Sơn Trà', kind: 'ward', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
  { code: 'C-HOA-VANG', name: 'Xã Hòa Vang', kind: 'commune', parentCode: 'DN', validFrom: '2025-07-01', validTo: null },
];
const wards: Record<string, string> = { 'hai-chau': 'W-HAI-CHAU', 'thanh-khe': 'W-THANH-KHE', 'ngu-hanh-son': 'W-NGU-HANH-SON' };

const procedures = [
  {
    code: '1.000894', version: 1, name: 'Đăng ký kết hôn', nameEn: 'Marriage registration', field: 'Hộ tịch', competentLevel: 'Cấp xã',
    timeLimit: { kind: 'sameDay', value: 0, cutoff: '15:00' }, fees: [], boundaryIndependent: true, processKey: 'marriage-registration',
    requiredDocuments: [
      { code: 'TK', name: 'Tờ khai đăng ký kết hôn (theo mẫu)', copies: 1, required: true },
      { code: 'CCCD', name: 'Giấy tờ tùy thân của hai bên nam, nữ', copies: 1, required: true },
      { code: 'XNTTHN', name: 'Giấy xác nhận tình trạng hôn nhân', copies: 1, required: false },
    ],
  },
  {
    code: '1.001193', version: 1, name: 'Đăng ký khai sinh', nameEn: 'Birth registration', field: 'Hộ tịch', competentLevel: 'Cấp xã',
    timeLimit: { kind: 'sameDay', value: 0, cutoff: '15:00' }, fees: [], boundaryIndependent: true, processKey: 'birth-registration',
    requiredDocuments: [
      { code: 'TK', name: 'Tờ khai đăng ký khai sinh', copies: 1, required: true },
      { code: 'GCS', name: 'Giấy chứng sinh', copies: 1, required: true },
    ],
  },
  {
    code: '1.009994', version: 2, name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', nameEn: 'Construction permit, individual house', field: 'Xây dựng', competentLevel: 'Cấp xã',
    timeLimit: { kind: 'workingDays', value: 15, cutoff: null }, fees: [{ name: 'Lệ phí cấp giấy phép', amount: 75000, moment: 'receipt' }], boundaryIndependent: false, processKey: 'construction-permit',
    requiredDocuments: [
      { code: 'DON', name: 'Đơn đề nghị cấp giấy phép xây dựng', copies: 1, required: true },
      { code: 'QSDD', name: 'Giấy tờ về quyền sử dụng đất', copies: 1, required: true },
      { code: 'BV', name: 'Hai bộ bản vẽ thiết kế', copies: 2, required: true },
    ],
  },
  {
    code: '2.000720', version: 1, name: 'Đăng ký thành lập hộ kinh doanh', nameEn: 'Household business registration', field: 'Thành lập và hoạt động của hộ kinh doanh', competentLevel: 'Cấp xã',
    timeLimit: { kind: 'workingDays', value: 3, cutoff: null }, fees: [{ name: 'Lệ phí đăng ký', amount: 100000, moment: 'receipt' }], boundaryIndependent: true, processKey: 'household-business',
    requiredDocuments: [{ code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1, required: true }],
  },
];

const statusNames: Record<number, string> = {
  1: 'Mới đăng ký', 2: 'Được tiếp nhận', 3: 'Không được tiếp nhận', 4: 'Đang xử lý', 5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính', 7: 'Công dân yêu cầu rút hồ sơ', 8: 'Dừng xử lý', 9: 'Đã xử lý xong', 10: 'Đã trả kết quả',
};

interface MockTask {
  id: string; dossierCode: string; elementId: string; name: string; role: string; unitCode: string;
  assignee: string | null; dueAt: string; createdAt: string; state: string;
}

const H = 3_600_000;
const dossiers = new Map<string, Json>();
const tasks: MockTask[] = [];
let seq = 0;
let taskSeq = 0;

function unitName(code: string) { return units.find((u) => u.code === code)?.name ?? code; }
function ref(code: string) { return { code, name: unitName(code) }; }
function me(user: string) {
  if (user === 'admin' || user === 'owner') return { userName: user, displayName: user === 'admin' ? 'Quản trị hệ thống' : 'Chủ quy trình', roles: [user === 'admin' ? 'admin' : 'process-owner'], groups: [], units: [ref('W-HAI-CHAU')] };
  const [role, ward] = user.split('.') as [string, string];
  const names: Record<string, string> = { reception: 'Nguyễn Thị Lan', officer: 'Trần Văn Minh', leader: 'Lê Quốc Hùng', manager: 'Phạm Thu Hà' };
  return { userName: user, displayName: names[role] ?? user, roles: [role], groups: [role === 'officer' ? 'civil-status' : role], units: [ref(wards[ward]!)] };
}
const validUsers = new Set(['admin', 'owner', ...Object.keys(wards).flatMap((w) => ['reception', 'officer', 'leader', 'manager'].map((r) => `${r}.${w}`))]);

function newCode(unit: string, at: Date) {
  seq += 1;
  const yymmdd = at.toISOString().slice(2, 10).replace(/-/g, '');
  return `000.00.${unit === 'W-HAI-CHAU' ? '24' : unit === 'W-THANH-KHE' ? '25' : '26'}.H17-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

function appointmentFor(procCode: string, at: Date) {
  const p = procedures.find((x) => x.code === procCode)!;
  // Work on Vietnam wall-clock time held in UTC fields (+7 h), then shift back.
  at = new Date(at.getTime() + 7 * H);
  const due = new Date(at);
  const explanation: Json[] = [];
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (p.timeLimit.kind === 'sameDay') {
    const hour = at.getUTCHours();
    if (hour >= 15) {
      due.setUTCDate(due.getUTCDate() + 1);
      explanation.push({ day: iso(at), kind: 'cutoff', reason: 'Nhận sau 15:00: trả trong ngày làm việc tiếp theo' });
    } else explanation.push({ day: iso(at), kind: 'working', reason: 'Giải quyết trong ngày' });
    due.setUTCHours(16, 0, 0, 0);
    explanation.push({ day: iso(due), kind: 'working', reason: 'Ngày làm việc: trả kết quả lúc 16:00' });
  } else {
    let n = p.timeLimit.value;
    while (n > 0) {
      due.setUTCDate(due.getUTCDate() + 1);
      const wd = due.getUTCDay();
      if (wd === 0 || wd === 6) { explanation.push({ day: iso(due), kind: 'weekend', reason: wd === 6 ? 'Thứ Bảy: không tính' : 'Chủ nhật: không tính' }); continue; }
      n -= 1;
      explanation.push({ day: iso(due), kind: 'working', reason: `Ngày làm việc thứ ${p.timeLimit.value - n}` });
    }
    due.setUTCHours(16, 0, 0, 0);
  }
  return { appointmentAt: new Date(due.getTime() - 7 * H).toISOString(), calendar: 'Lịch làm việc Đà Nẵng 2026', explanation };
}

function addTask(d: Json, elementId: string, name: string, role: string, unitCode: string, dueIn: number, createdAgo = 0) {
  taskSeq += 1;
  const now = Date.now();
  tasks.push({ id: `t-${taskSeq}`, dossierCode: d.code as string, elementId, name, role, unitCode, assignee: null, dueAt: new Date(now + dueIn * H).toISOString(), createdAt: new Date(now - createdAgo * H).toISOString(), state: 'open' });
}

function createDossier(body: Json, user: string, at = new Date()) {
  const receivingUnit = body.receivingUnit as string;
  const subject = body.subject as Json;
  const competent = (subject?.unitCode as string) || receivingUnit;
  const returnUnit = (body.returnUnit as string) || receivingUnit;
  const code = newCode(receivingUnit, at);
  const p = procedures.find((x) => x.code === body.procedureCode)!;
  const decision = (body.decision as string) ?? 'accept';
  const status = decision === 'accept' ? 4 : decision === 'supplement' ? 5 : 3;
  const d: Json = {
    code, procedure: { code: p.code, version: p.version, name: p.name }, status, statusName: statusNames[status], channel: body.channel ?? 1,
    applicant: body.applicant, subject, receivingUnit: ref(receivingUnit), competentUnit: ref(competent), returnUnit: ref(returnUnit),
    receivedAt: at.toISOString(), receivedBy: me(user).displayName, appointmentAt: decision === 'accept' ? appointmentFor(p.code, at).appointmentAt : null,
    finishedAt: null, returnedAt: null, instanceId: `i-${code}`, documents: [],
    slip: decision === 'accept' ? [{ fromUnit: receivingUnit, fromUser: me(user).displayName, toUnit: competent, toUser: null, at: at.toISOString(), step: 'Tiếp nhận hồ sơ', grade: 'onTime', note: null }] : [],
    supplement: decision === 'supplement' ? { requestedAt: at.toISOString(), missing: body.missing ?? [], note: body.note ?? null, resumedAt: null } : null,
    refusalReason: decision === 'refuse' ? body.reason ?? null : null, tasks: [],
  };
  dossiers.set(code, d);
  if (decision === 'accept') addTask(d, 'appraise', 'Thẩm định hồ sơ, dự thảo kết quả', 'officer', competent, 4);
  return d;
}

// Seed: a few dossiers at Hải Châu in different stages and deadlines.
(function seed() {
  const people = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Cường', 'Phạm Minh Đức', 'Võ Thị Hạnh', 'Đặng Quốc Khánh', 'Huỳnh Thị Mai'];
  const now = Date.now();
  people.forEach((name, i) => {
    const at = new Date(now - (i + 1) * 26 * H);
    const p = procedures[i % procedures.length]!;
    const d = createDossier({ procedureCode: p.code, receivingUnit: 'W-HAI-CHAU', channel: 1 + (i % 3), applicant: { type: 'citizen', name, idNumber: `04809${i}001234`, phone: `0905 12${i} 45${i}`, email: '' }, subject: { unitCode: 'W-HAI-CHAU', address: `${12 + i} Lê Duẩn`, parcel: '' }, decision: 'accept' }, 'reception.hai-chau', at);
    const task = tasks[tasks.length - 1]!;
    task.dueAt = new Date(now + [-30, -3, 5, 20, 50, 90, 120][i]! * H).toISOString();
    task.createdAt = at.toISOString();
    if (i === 1 || i === 3) task.assignee = 'officer.hai-chau';
    (d.documents as Json[]).push({ id: `doc-${i}`, name: p.requiredDocuments[0]!.name, kind: 'original', contentType: 'application/pdf', size: 182_000 + i * 1000, sha256: 'a3f1c2d4e5b6978812ab34cd56ef7890aa11bb22cc33dd44ee55ff6677889900', uploadedAt: at.toISOString() });
    if (i === 4) {
      task.elementId = 'approve'; task.name = 'Phê duyệt, ký kết quả'; task.role = 'leader';
      (d.slip as Json[]).push({ fromUnit: 'W-HAI-CHAU', fromUser: 'Trần Văn Minh', toUnit: 'W-HAI-CHAU', toUser: null, at: new Date(at.getTime() + 5 * H).toISOString(), step: 'Thẩm định hồ sơ', grade: 'late', note: 'Chờ xác minh' });
    }
  });
})();

function viewTask(t: MockTask, user: string) {
  const d = dossiers.get(t.dossierCode)!;
  const m = me(user);
  const readOnly = m.roles.includes('manager');
  return {
    id: t.id, instanceId: d.instanceId, elementId: t.elementId, name: t.name, candidateGroups: [t.role], candidateUsers: [], assignee: t.assignee,
    dueAt: t.dueAt, state: t.state, formKey: null, createdAt: t.createdAt, businessKey: t.dossierCode, definitionKey: 'marriage-registration',
    dossierCode: t.dossierCode, applicantName: (d.applicant as Json).name, procedureName: (d.procedure as Json).name, unitCode: t.unitCode, readOnly,
  };
}

function visible(user: string) {
  const m = me(user);
  if (m.roles.includes('admin')) return tasks.filter((t) => t.state === 'open');
  const unit = m.units[0]!.code;
  return tasks.filter((t) => t.state === 'open' && t.unitCode === unit && (m.roles.includes(t.role) || m.roles.includes('manager')));
}

function inView(list: MockTask[], view: string, user: string) {
  const now = Date.now();
  switch (view) {
    case 'mine': return list.filter((t) => t.assignee === user);
    case 'queue': return list;
    case 'dueSoon': return list.filter((t) => { const h = (Date.parse(t.dueAt) - now) / H; return h >= 0 && h <= 24; });
    case 'overdue': return list.filter((t) => Date.parse(t.dueAt) < now);
    default: return [];
  }
}

function formFor(t: MockTask) {
  if (t.elementId === 'appraise') return { kind: 'fields', fields: [
    { id: 'verificationNeeded', label: 'Cần xác minh điều kiện kết hôn', type: 'boolean', required: false },
    { id: 'opinion', label: 'Ý kiến thẩm định', type: 'string', required: true },
  ] };
  if (t.elementId === 'approve') return { kind: 'formJs', schema: {
    type: 'default', id: 'approve-form', schemaVersion: 16, components: [
      { type: 'checkbox', key: 'approved', label: 'Đồng ý, ký kết quả', id: 'approvedField' },
      { type: 'textarea', key: 'comment', label: 'Ý kiến lãnh đạo', id: 'commentField', validate: { required: true } },
    ] },
    fields: [{ id: 'comment', label: 'Ý kiến lãnh đạo', type: 'string', required: true }] };
  if (t.elementId === 'approve-fields') return { kind: 'fields', fields: [
    { id: 'approved', label: 'Đồng ý, ký kết quả', type: 'boolean', required: false },
    { id: 'comment', label: 'Ý kiến lãnh đạo', type: 'string', required: false },
  ] };
  return { kind: 'fields', fields: [{ id: 'returnedTo', label: 'Người nhận kết quả', type: 'string', required: true }] };
}

function dossierView(d: Json) {
  return { ...d, tasks: tasks.filter((t) => t.dossierCode === d.code).map((t) => ({ id: t.id, name: t.name, unitCode: t.unitCode, assignee: t.assignee, dueAt: t.dueAt, state: t.state })) };
}

function send(res: ServerResponse, status: number, body?: unknown) {
  res.statusCode = status;
  if (body === undefined) { res.end(); return; }
  res.setHeader('Content-Type', status >= 400 ? 'application/problem+json' : 'application/json');
  res.end(JSON.stringify(body));
}
const problem = (status: number, title: string, detail?: string, errors?: Json) => ({ type: 'about:blank', title, status, detail, errors });

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json') && text) return JSON.parse(text) as Json;
  const name = /name="name"\r\n\r\n([^\r]*)/.exec(text)?.[1];
  const kind = /name="kind"\r\n\r\n([^\r]*)/.exec(text)?.[1];
  return { name, kind, size: text.length };
}

function userOf(req: IncomingMessage): string | null {
  const m = /mock-user=([^;]+)/.exec(req.headers.cookie ?? '');
  return m ? decodeURIComponent(m[1]!) : null;
}

function grade(t: MockTask) { return Date.now() > Date.parse(t.dueAt) ? 'late' : 'onTime'; }

export function mockApi(): Plugin {
  return {
    name: 'workflowhost-mock-api',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const path = url.pathname;
        if (!path.startsWith('/api/')) return next();
        const method = req.method ?? 'GET';
        try {
          if (path === '/api/auth/login' && method === 'POST') {
            const b = await readBody(req);
            if (!validUsers.has(b.userName as string) || b.password !== b.userName) return send(res, 401, problem(401, 'Sign-in failed', 'Wrong user name or password.'));
            res.setHeader('Set-Cookie', `mock-user=${encodeURIComponent(b.userName as string)}; Path=/; HttpOnly; SameSite=Strict`);
            return send(res, 200, me(b.userName as string));
          }
          if (path === '/api/auth/logout') { res.setHeader('Set-Cookie', 'mock-user=; Path=/; Max-Age=0'); return send(res, 204); }
          const pub = /^\/api\/public\/dossiers\/(.+)$/.exec(path);
          if (pub) {
            const d = dossiers.get(decodeURIComponent(pub[1]!));
            if (!d) return send(res, 404, problem(404, 'Not found'));
            return send(res, 200, { code: d.code, procedure: d.procedure, status: { code: d.status, name: d.statusName }, appointmentAt: d.appointmentAt });
          }
          const user = userOf(req);
          if (!user) return send(res, 401, problem(401, 'Unauthorized', 'Sign in first.'));
          if (path === '/api/auth/me') return send(res, 200, me(user));
          if (path === '/api/units') return send(res, 200, units);
          if (path === '/api/procedures') return send(res, 200, procedures);
          if (path === '/api/dossiers/appointment') { const b = await readBody(req); return send(res, 200, appointmentFor(b.procedureCode as string, new Date())); }
          if (path === '/api/dossiers' && method === 'POST') {
            const b = await readBody(req);
            const errors: Json = {};
            if (!(b.applicant as Json)?.name) errors['applicant.name'] = ['Họ tên người nộp là bắt buộc.'];
            if (!procedures.some((p) => p.code === b.procedureCode)) errors.procedureCode = ['Thủ tục không tồn tại.'];
            if (Object.keys(errors).length) return send(res, 422, problem(422, 'Validation failed', 'Hồ sơ chưa hợp lệ.', errors));
            const d = createDossier(b, user);
            return send(res, 201, { code: d.code, status: d.status, receivingUnit: (d.receivingUnit as Json).code, competentUnit: (d.competentUnit as Json).code, returnUnit: (d.returnUnit as Json).code, appointmentAt: d.appointmentAt, instanceId: d.instanceId });
          }
          const docs = /^\/api\/dossiers\/([^/]+)\/documents$/.exec(path);
          if (docs && method === 'POST') {
            const d = dossiers.get(decodeURIComponent(docs[1]!));
            if (!d) return send(res, 404, problem(404, 'Not found'));
            const b = await readBody(req);
            const doc = { id: `doc-${Date.now()}`, name: b.name, kind: b.kind, contentType: 'application/pdf', size: b.size, sha256: '0'.repeat(64), uploadedAt: new Date().toISOString() };
            (d.documents as Json[]).push(doc);
            return send(res, 201, doc);
          }
          const one = /^\/api\/dossiers\/([^/]+)$/.exec(path);
          if (one) {
            const d = dossiers.get(decodeURIComponent(one[1]!));
            return d ? send(res, 200, dossierView(d)) : send(res, 404, problem(404, 'Not found'));
          }
          if (path === '/api/dossiers') {
            const items = [...dossiers.values()].map((d) => ({ code: d.code, procedureName: (d.procedure as Json).name, applicantName: (d.applicant as Json).name, status: d.status, statusName: d.statusName, receivingUnit: (d.receivingUnit as Json).code, competentUnit: (d.competentUnit as Json).code, receivedAt: d.receivedAt, appointmentAt: d.appointmentAt }));
            return send(res, 200, { items, total: items.length });
          }
          if (path === '/api/tasks/counts') {
            const list = visible(user);
            return send(res, 200, Object.fromEntries(['mine', 'queue', 'dueSoon', 'overdue'].map((v) => [v, inView(list, v, user).length])));
          }
          if (path === '/api/tasks') {
            const q = (url.searchParams.get('q') ?? '').toLowerCase();
            let list = inView(visible(user), url.searchParams.get('view') ?? 'mine', user);
            if (q) list = list.filter((t) => t.dossierCode.toLowerCase().includes(q) || String((dossiers.get(t.dossierCode)!.applicant as Json).name).toLowerCase().includes(q));
            list.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
            const offset = Number(url.searchParams.get('offset') ?? 0);
            const limit = Number(url.searchParams.get('limit') ?? 50);
            return send(res, 200, list.slice(offset, offset + limit).map((t) => viewTask(t, user)));
          }
          const action = /^\/api\/tasks\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
          if (action) {
            const t = visible(user).find((x) => x.id === action[1]) ?? tasks.find((x) => x.id === action[1] && x.state !== 'open');
            if (!t) return send(res, 404, problem(404, 'Not found'));
            const d = dossiers.get(t.dossierCode)!;
            const who = me(user).displayName;
            switch (action[2]) {
              case undefined: return send(res, 200, { ...viewTask(t, user), form: formFor(t) });
              case 'claim': t.assignee = user; return send(res, 204);
              case 'unclaim': t.assignee = null; return send(res, 204);
              case 'complete': {
                const b = await readBody(req);
                const v = (b.variables ?? {}) as Json;
                const required = (formFor(t).fields as Json[]).filter((f) => f.required && !v[f.id as string]);
                if (required.length) return send(res, 422, problem(422, 'Validation failed', 'Some values are missing.', Object.fromEntries(required.map((f) => [f.id, ['Bắt buộc nhập.']]))));
                t.state = 'completed';
                const slip = d.slip as Json[];
                if (t.elementId === 'appraise') {
                  slip.push({ fromUnit: t.unitCode, fromUser: who, toUnit: t.unitCode, toUser: null, at: new Date().toISOString(), step: 'Thẩm định hồ sơ', grade: grade(t), note: v.opinion ?? null });
                  addTask(d, 'approve', 'Phê duyệt, ký kết quả', 'leader', t.unitCode, 8);
                } else if (t.elementId === 'approve') {
                  slip.push({ fromUnit: t.unitCode, fromUser: who, toUnit: (d.returnUnit as Json).code, toUser: null, at: new Date().toISOString(), step: 'Phê duyệt kết quả', grade: grade(t), note: null });
                  d.status = 9; d.statusName = statusNames[9]; d.finishedAt = new Date().toISOString();
                  addTask(d, 'returnResult', 'Trả kết quả cho công dân', 'reception', (d.returnUnit as Json).code as string, 8);
                } else {
                  slip.push({ fromUnit: t.unitCode, fromUser: who, toUnit: null, toUser: (d.applicant as Json).name, at: new Date().toISOString(), step: 'Trả kết quả', grade: grade(t), note: null });
                  d.status = 10; d.statusName = statusNames[10]; d.returnedAt = new Date().toISOString();
                }
                return send(res, 204);
              }
              case 'transfer': {
                const b = await readBody(req);
                if (!b.reason) return send(res, 422, problem(422, 'Validation failed', undefined, { reason: ['Reason is required.'] }));
                (d.slip as Json[]).push({ fromUnit: t.unitCode, fromUser: who, toUnit: b.toUnit ?? t.unitCode, toUser: b.toUser ?? null, at: new Date().toISOString(), step: `Chuyển xử lý: ${t.name}`, grade: grade(t), note: b.reason });
                t.unitCode = (b.toUnit as string) ?? t.unitCode; t.assignee = (b.toUser as string) ?? null;
                return send(res, 204);
              }
              case 'return-for-supplement': {
                const b = await readBody(req);
                d.status = 5; d.statusName = statusNames[5];
                d.supplement = { requestedAt: new Date().toISOString(), missing: b.missing, note: b.note, resumedAt: null };
                t.state = 'suspended';
                return send(res, 204);
              }
            }
          }
          return send(res, 404, problem(404, 'Not found', `${method} ${path} is not in the mock.`));
        } catch (e) {
          return send(res, 500, problem(500, 'Mock error', String(e)));
        }
      });
    },
  };
}
