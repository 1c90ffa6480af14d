#!/usr/bin/env python3
"""Prints the SQL that seeds a migrated WorkflowHost PostgreSQL database for the SLA dashboard benchmark (issue 11):
N dossiers (default 1,000,000) over the 94 units valid from 2025-07-01 and three procedures, received over the last
400 days, in every portal status, with an instance and one open step for each unfinished dossier. Generated inside
PostgreSQL with generate_series; secondary indexes are dropped and rebuilt from their own definitions, then analysed.

    tests/WorkflowHost.LoadDriver/seed-sla.py [--dossiers N] | psql -v ON_ERROR_STOP=1 ...

Shape (deterministic: setseed): dossier i (0 = most recent) belongs to unit i % 94 (receiving = competent = return),
procedure i % 3 (marriage registration 1.000894, construction permit 9.900001, land registration), received
(i / 94) / (N / 94) * 400 days ago during office hours; appointment 1-15 days after receipt at +07:00. Received within
the last 20 days: in progress (70%), accepted, awaiting supplement or payment. Older: 2% still in progress (carried
over), 3% refused, 2% stopped, 3% withdrawn, the rest processed or returned between 4.5 days before and 1 day after the
appointment (about a fifth late). The SLA rollup's triggers stay quiet (replica role) and its state row is deleted,
so the next start of the server rebuilds it. Each unfinished dossier has one open step of marriage-registration v1 due between
3 days ago and 3 days ahead, so the overdue and due-soon lists and the bottleneck view have content.
"""
import csv
import os
import sys

def sql_text(s):
    return "'" + s.replace("'", "''") + "'"

def main():
    n = 1_000_000
    if "--dossiers" in sys.argv:
        n = int(sys.argv[sys.argv.index("--dossiers") + 1])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "workflows", "units", "units.csv"), encoding="utf-8") as f:
        units = [r for r in csv.DictReader(f) if r["valid_from"] == "2025-07-01" and r["kind"] != "province" and r["agency_code"]]
    assert len(units) == 94, len(units)
    per_unit = max(1, n // 94)
    p = print
    p("\\set ON_ERROR_STOP 1")
    p("\\timing on")
    p("BEGIN;")
    p("SELECT setseed(0.11);")
    p("CREATE TEMP TABLE seed_units (n int PRIMARY KEY, code text, agency text);")
    p("INSERT INTO seed_units VALUES " + ",".join(f"({i},{sql_text(u['code'])},{sql_text(u['agency_code'])})" for i, u in enumerate(units)) + ";")
    p("""CREATE TEMP TABLE seed_procedures (n int PRIMARY KEY, code text, name text);
INSERT INTO seed_procedures VALUES (0, '1.000894', 'Đăng ký kết hôn'), (1, '9.900001', 'Cấp giấy phép xây dựng nhà ở riêng lẻ'),
  (2, '9.900002', 'Đăng ký đất đai lần đầu');
CREATE TEMP TABLE seed_steps (s int PRIMARY KEY, element text, name text);
INSERT INTO seed_steps VALUES (0, 'appraise', 'Thẩm định hồ sơ (Appraise)'), (1, 'verify', 'Xác minh điều kiện (Verify conditions)'),
  (2, 'approve', 'Phê duyệt, ký (Approve and sign)'), (3, 'returnResult', 'Trả kết quả (Return result)');""")
    p("""CREATE TEMP TABLE seed_indexes AS
  SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('dossiers', 'instances', 'tasks') AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM seed_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;""")
    p("SET session_replication_role = replica;")
    p(f"""INSERT INTO dossiers ("Id", "Code", "ProcedureCode", "ProcedureVersion", "ProcedureName", "ReceivingUnit", "CompetentUnit",
  "ReturnUnit", "Channel", "Status", "ApplicantType", "ApplicantName", "ReceivedAt", "ReceivedBy", "AppointmentAt",
  "OriginalAppointmentAt", "AppointmentCalendar", "FinishedAt", "ReturnedAt", "InstanceId", "SearchText")
SELECT ('00000011-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
  u.agency || '-S' || lpad(i::text, 9, '0'), pr.code, 1, pr.name, u.code, u.code, u.code, 1 + i % 3, st.status, 'citizen',
  'Công dân ' || i, r.received, 'reception', a.appointment, a.appointment, 'vn-government', f.finished,
  CASE WHEN st.status = 10 THEN f.finished END,
  CASE WHEN f.finished IS NULL AND st.status NOT IN (1, 3) THEN ('00000013-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid END,
  'cong dan ' || i
FROM generate_series(0, {n - 1}) i
JOIN seed_units u ON u.n = i % 94
JOIN seed_procedures pr ON pr.n = i % 3
CROSS JOIN LATERAL (SELECT date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')
    - ((i / 94)::float8 / {per_unit} * 400)::int * interval '1 day' + interval '7 hours 30 minutes' + random() * interval '9 hours' AS local_at,
    (i / 94)::float8 / {per_unit} * 400 AS age_days, (i::bigint * 7919) % 100 AS h) b
CROSS JOIN LATERAL (SELECT b.local_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS received) r
CROSS JOIN LATERAL (SELECT (date_trunc('day', b.local_at) + (1 + i % 15) * interval '1 day' + interval '17 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS appointment) a
CROSS JOIN LATERAL (SELECT CASE WHEN b.age_days < 20 THEN CASE WHEN b.h < 70 THEN 4 WHEN b.h < 80 THEN 2 WHEN b.h < 92 THEN 5 ELSE 6 END
    ELSE CASE WHEN b.h < 2 THEN 4 WHEN b.h < 5 THEN 3 WHEN b.h < 7 THEN 8 WHEN b.h < 10 THEN 7 WHEN b.h < 55 THEN 9 ELSE 10 END END AS status) st
CROSS JOIN LATERAL (SELECT CASE WHEN st.status = 3 THEN r.received + interval '5 minutes'
    WHEN st.status IN (7, 8) THEN r.received + interval '3 days'
    WHEN st.status IN (9, 10) THEN greatest(r.received + interval '1 hour', a.appointment + (random() * 5.5 - 4.5) * interval '1 day') END AS finished) f;""")
    p("""INSERT INTO instances ("Id", "DefinitionKey", "DefinitionVersion", "BusinessKey", "Status", "StateJson", "StartedAt",
  "EndedAt", "UpdatedAt", "StartedBy", "DossierId", "Revision")
SELECT "InstanceId", 'marriage-registration', 1, "Code", 'active', '{}', "ReceivedAt", NULL, "ReceivedAt", "ReceivedBy", "Id", "InstanceId"
FROM dossiers WHERE "InstanceId" IS NOT NULL AND "Id"::text LIKE '00000011-%';""")
    p("""INSERT INTO tasks ("Id", "InstanceId", "EngineTaskId", "ElementId", "Name", "ElementType", "Assignee", "DueAt", "State",
  "CreatedAt", "EndedAt", "CompletedBy", "DossierId", "UnitCode")
SELECT ('00000012-0000-4000-8000-' || substr(d."Id"::text, 25))::uuid, d."InstanceId", 1, st.element, st.name, 'userTask', NULL,
  now() + (random() * 6 - 3) * interval '1 day', 'open', now() - random() * 5 * interval '1 day', NULL, NULL, d."Id", d."CompetentUnit"
FROM dossiers d JOIN seed_steps st ON st.s = abs(hashtext(d."Code")) % 4
WHERE d."InstanceId" IS NOT NULL AND d."Id"::text LIKE '00000011-%';""")
    p("SET session_replication_role = origin;")
    # The replica role kept the SLA rollup's triggers quiet (one upsert per dossier would triple the seed's time); without
    # its state row the server counts the report live and rebuilds the rollup at its next start (SlaRollup.cs).
    p("DELETE FROM sla_rollup_state;")
    p("""DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM seed_indexes LOOP EXECUTE r.def; END LOOP;
END $$;""")
    p("COMMIT;")
    p("VACUUM (ANALYZE) dossiers, instances, tasks;")
    p("""SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM tasks WHERE "State" = 'open') AS open_tasks,
  (SELECT count(*) FROM dossiers WHERE "FinishedAt" > "AppointmentAt") AS late, pg_size_pretty(pg_database_size(current_database())) AS size;""")

if __name__ == "__main__":
    main()
