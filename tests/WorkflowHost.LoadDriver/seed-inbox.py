#!/usr/bin/env python3
"""Prints the SQL that seeds a migrated WorkflowHost PostgreSQL database for the inbox benchmark (issue 9):
2,000,000 dossiers over the 94 units valid from 2025-07-01, one instance row each, 10,000,000 tasks and one candidate
row per task. Everything is generated inside PostgreSQL with generate_series (no rows cross the wire); the secondary
indexes of the seeded tables are dropped first and rebuilt from their own definitions afterwards (bulk build instead
of 10 million random index inserts), then the tables are analysed.

    tests/WorkflowHost.LoadDriver/seed-inbox.py [--dossiers N] | psql -v ON_ERROR_STOP=1 ...

Shape of the data (all deterministic: setseed):
- dossier i (0 = most recent) belongs to unit i % 94 (receiving = competent = return unit) and was received on day
  today - 1 - (i / 94) / 30, as that unit's (i / 94) % 30 + 1-th dossier of the day: codes are the real format
  <agency code>-YYMMDD-NNNN and never collide with today's receipts;
- applicant names are Vietnamese: surname by its real frequency (Nguyễn ~38%), a middle name and a given name;
  SearchText is code + name folded exactly as VietnameseText.Fold does (lower case, no diacritics, đ -> d);
- the most recent 40% of dossiers (800,000) are in progress: their steps before the current one are completed and the
  current one is open (step uniform over the 6 steps); the others are returned with all 6 steps completed. That makes
  7,200,000 + 2,800,000 = 10,000,000 tasks, 800,000 (8%) of them open, ~8,500 per unit;
- steps and candidate groups: reception, officer, officer, leader, officer, reception; 30% of open tasks are claimed by
  one of 4 staff of their role in their unit (staff 1 of the demo wards is the demo user, e.g. officer.hai-chau);
- open tasks fall due between 10 days ago and 20 days ahead (uniform), so due-soon and overdue views have content.
Instance rows carry a minimal StateJson ('{}'): no inbox query or receipt reads another instance's state, but the
seeded tasks cannot be completed through the engine.
"""
import csv
import os
import sys
import unicodedata


def fold(text: str) -> str:
    """VietnameseText.Fold: NFD, drop non-spacing marks, đ/Đ -> d, lower case, single spaces."""
    out = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.category(c) == "Mn":
            continue
        out.append("d" if c in "đĐ" else c.lower())
    return " ".join("".join(out).split())


# Surnames with rough shares (per cent) of the Vietnamese population.
SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4), ("Vũ", 3),
            ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1),
            ("Trương", 1), ("Lương", 1), ("Mai", 1)]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân", "Hoàng", "Công", "Thành", "Kim",
          "Bảo", "Gia", "Anh", "Đình", "Mỹ", "Phương"]
GIVEN = ["An", "Anh", "Bảo", "Bình", "Châu", "Chi", "Cường", "Dũng", "Duy", "Dương", "Giang", "Hà", "Hải", "Hạnh",
         "Hằng", "Hiếu", "Hoa", "Hòa", "Huệ", "Hùng", "Hưng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh", "Loan",
         "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngân", "Nghĩa", "Ngọc", "Nhung", "Phong", "Phúc", "Phương",
         "Quang", "Quân", "Quyên", "Sơn", "Tâm", "Thắng", "Thảo", "Thành", "Thủy", "Tiến", "Trang", "Trí", "Trung",
         "Tú", "Tuấn", "Tùng", "Uyên", "Vân", "Việt", "Vinh", "Vy", "Xuân", "Yến", "Đạt", "Đông", "Đức", "Ánh"]
DEMO = {"20242": "hai-chau", "20209": "thanh-khe", "20285": "ngu-hanh-son"}
STEPS = [("receive", "Tiếp nhận hồ sơ", "reception"), ("review", "Thẩm định hồ sơ", "officer"),
         ("draft", "Dự thảo kết quả", "officer"), ("approve", "Phê duyệt", "leader"),
         ("issue", "Ban hành kết quả", "officer"), ("return", "Trả kết quả", "reception")]


def sql_text(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def sql_array(items) -> str:
    return "ARRAY[" + ",".join(sql_text(x) for x in items) + "]::text[]"


def main() -> None:
    dossiers = 2_000_000
    if "--dossiers" in sys.argv:
        dossiers = int(sys.argv[sys.argv.index("--dossiers") + 1])
    active = dossiers * 2 // 5
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "workflows", "units", "units.csv"), encoding="utf-8") as f:
        units = [r for r in csv.DictReader(f) if r["valid_from"] == "2025-07-01" and r["kind"] != "province" and r["agency_code"]]
    assert len(units) == 94, len(units)
    surnames = [s for s, share in SURNAMES for _ in range(share)]
    p = print
    p("\\set ON_ERROR_STOP 1")
    p("\\timing on")
    p("BEGIN;  -- all or nothing: a failure leaves the migrated database as it was, indexes included")
    p("SELECT setseed(0.42);")
    p("CREATE TEMP TABLE seed_units (n int PRIMARY KEY, code text, agency text, slug text);")
    p("INSERT INTO seed_units VALUES " + ",".join(
        f"({n},{sql_text(u['code'])},{sql_text(u['agency_code'])},{sql_text(DEMO.get(u['code'], 'u' + u['code']))})"
        for n, u in enumerate(units)) + ";")
    p("CREATE TEMP TABLE seed_steps (s int PRIMARY KEY, element text, name text, role text);")
    p("INSERT INTO seed_steps VALUES " + ",".join(
        f"({s},{sql_text(e)},{sql_text(n)},{sql_text(r)})" for s, (e, n, r) in enumerate(STEPS)) + ";")
    # Drop the secondary indexes of the seeded tables (kept: primary keys), remembering their definitions.
    p("""CREATE TEMP TABLE seed_indexes AS
  SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('dossiers', 'instances', 'tasks', 'task_candidates') AND NOT i.indisprimary
    AND t.relnamespace = 'public'::regnamespace;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM seed_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;""")
    p("SET session_replication_role = replica;  -- no FK checks or triggers while seeding rows consistent by construction")
    # Dossiers. Ids are sequential (as EF's generated keys are) and disjoint per table: 1..., 2..., 3... prefixes.
    p(f"""INSERT INTO dossiers ("Id", "Code", "ProcedureCode", "ProcedureVersion", "ProcedureName", "ReceivingUnit",
  "CompetentUnit", "ReturnUnit", "Channel", "Status", "ApplicantType", "ApplicantName", "ApplicantIdNumber",
  "ApplicantPhone", "SubjectUnit", "SubjectAddress", "ReceivedAt", "ReceivedBy", "AppointmentAt",
  "OriginalAppointmentAt", "AppointmentCalendar", "FinishedAt", "ReturnedAt", "InstanceId", "SearchText")
SELECT ('00000001-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, c.code, '1.000894', 2, 'Đăng ký kết hôn',
  u.code, u.code, u.code, 1 + (i % 3), CASE WHEN i < {active} THEN 4 ELSE 10 END, 'citizen', name,
  lpad((i::bigint * 7919 % 1000000000000)::text, 12, '0'), '09' || lpad((i::bigint * 104729 % 100000000)::text, 8, '0'), u.code,
  (1 + i % 200) || ' đường ' || sn, received, 'reception.' || u.slug, received + interval '5 days', received + interval '5 days',
  'vn-government', CASE WHEN i < {active} THEN NULL ELSE received + interval '4 days' END,
  CASE WHEN i < {active} THEN NULL ELSE received + interval '5 days' END,
  ('00000003-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, lower(c.code) || ' ' || folded
FROM generate_series(0, {dossiers - 1}) i
JOIN seed_units u ON u.n = i % 94
CROSS JOIN LATERAL (SELECT (current_date - 1 - (i / 94) / 30) + time '08:00' + ((i / 94) % 30) * interval '15 minutes' - interval '7 hours' AS day_at) d
CROSS JOIN LATERAL (SELECT (d.day_at AT TIME ZONE 'UTC') AS received,
  u.agency || '-' || to_char(d.day_at, 'YYMMDD') || '-' || lpad(((i / 94) % 30 + 1)::text, 4, '0') AS code) c
CROSS JOIN LATERAL (SELECT floor(random() * {len(surnames)})::int + 1 + 0 * i AS a, floor(random() * {len(MIDDLE)})::int + 1 AS b,
  floor(random() * {len(GIVEN)})::int + 1 AS g, floor(random() * {len(GIVEN)})::int + 1 AS st) r
CROSS JOIN LATERAL (SELECT ({sql_array(surnames)})[a] || ' ' || ({sql_array(MIDDLE)})[b] || ' ' || ({sql_array(GIVEN)})[g] AS name,
  ({sql_array([fold(s) for s in surnames])})[a] || ' ' || ({sql_array([fold(s) for s in MIDDLE])})[b] || ' ' || ({sql_array([fold(s) for s in GIVEN])})[g] AS folded,
  ({sql_array(GIVEN)})[st] AS sn) nm;""")
    p(f"""INSERT INTO instances ("Id", "DefinitionKey", "DefinitionVersion", "BusinessKey", "Status", "StateJson", "StartedAt",
  "EndedAt", "UpdatedAt", "StartedBy", "DossierId", "Revision")
SELECT "InstanceId", 'marriage-registration', 1, "Code", CASE WHEN "Status" = 4 THEN 'active' ELSE 'completed' END, '{{}}',
  "ReceivedAt", "ReturnedAt", coalesce("ReturnedAt", "ReceivedAt"), "ReceivedBy", "Id", "InstanceId"
FROM dossiers WHERE "Id"::text LIKE '00000001-%';""")
    # Tasks: 6 per returned dossier; an in-progress dossier has its current step open and the steps before it completed.
    p(f"""INSERT INTO tasks ("Id", "InstanceId", "EngineTaskId", "ElementId", "Name", "ElementType", "Assignee", "DueAt", "State",
  "CreatedAt", "EndedAt", "CompletedBy", "DossierId", "UnitCode")
SELECT ('00000002-0000-4000-8000-' || lpad(to_hex(i * 6 + st.s), 12, '0'))::uuid,
  ('00000003-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, st.s + 1, st.element, st.name, 'userTask',
  CASE WHEN NOT open THEN staff WHEN random() < 0.3 THEN staff END,
  CASE WHEN open THEN now() + (random() * 30 - 10) * interval '1 day' ELSE created + interval '1 day' END,
  CASE WHEN open THEN 'open' ELSE 'completed' END, created,
  CASE WHEN open THEN NULL ELSE created + interval '3 hours' END, CASE WHEN open THEN NULL ELSE staff END,
  ('00000001-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, u.code
FROM generate_series(0, {dossiers - 1}) i
JOIN seed_units u ON u.n = i % 94
CROSS JOIN LATERAL (SELECT CASE WHEN i < {active} THEN (i / 94 + i % 6) % 6 ELSE 5 END AS last) l
JOIN seed_steps st ON st.s <= l.last
CROSS JOIN LATERAL (SELECT i < {active} AND st.s = l.last AS open,
  ((current_date - 1 - (i / 94) / 30) + time '01:00' + st.s * interval '4 hours')::timestamp AT TIME ZONE 'UTC' AS created,
  CASE WHEN (i / 94 + st.s) % 4 = 0 THEN st.role ELSE st.role || ((i / 94 + st.s) % 4 + 1) END || '.' || u.slug AS staff) x;""")
    p("""INSERT INTO task_candidates ("TaskId", "Kind", "Name")
SELECT t."Id", 'group', st.role FROM tasks t JOIN seed_steps st ON st.s = t."EngineTaskId" - 1
WHERE t."Id"::text LIKE '00000002-%';""")
    p("SET session_replication_role = origin;")
    p("""DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM seed_indexes LOOP EXECUTE r.def; END LOOP;
END $$;""")
    p("COMMIT;")
    p("VACUUM (ANALYZE) dossiers, instances, tasks, task_candidates;")
    p("""SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM instances) AS instances,
  (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM tasks WHERE "State" = 'open') AS open_tasks,
  (SELECT count(*) FROM task_candidates) AS candidates, pg_size_pretty(pg_database_size(current_database())) AS size;""")


if __name__ == "__main__":
    main()
