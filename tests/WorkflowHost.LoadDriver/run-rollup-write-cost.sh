#!/usr/bin/env bash
# What the SLA rollup's triggers cost a dossier write (docs/benchmarks.md, "SLA dashboard at 1 million dossiers"): a
# throwaway PostgreSQL cluster migrated by the server (started once and stopped), DOSSIERS dossiers seeded by
# seed-sla.py and the rollup recounted, then pgbench with 4 clients for SECONDS s per run, the triggers on and off in
# turn (ALTER TABLE ... DISABLE TRIGGER), twice each:
#   receipt — an INSERT of a dossier at one unit and procedure today, so every receipt updates the same rollup row
#             (the worst case: the dashboard's busiest row);
#   pause   — an open dossier paused or resumed (status 4 <-> 5), which moves one count of its receipt day's row;
#   note    — an UPDATE that moves no count (the trigger's WHEN clause skips it).
#   tests/WorkflowHost.LoadDriver/run-rollup-write-cost.sh [DOSSIERS]   (default 100000; needs postgresql)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
dossiers=${1:-100000}
seconds=${SECONDS_PER_RUN:-20}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/wfh-rollup-XXXXXX)
port=$((20000 + RANDOM % 20000))
http=$((port + 1))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Started $(date -u '+%F %T') UTC"
dotnet build -c Release src/WorkflowHost.Server -p:SkipDesigner=true -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
as_pg "$bin/initdb" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -D "$work/data" >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $work" -w start >/dev/null
psql="$bin/psql -q -h 127.0.0.1 -p $port -U postgres"
$psql -c "create database workflow"
(cd src/WorkflowHost.Server/bin/Release/net10.0 && exec env WorkflowHost__DataDirectory="$work/data-dir" WorkflowHost__WorkflowsDirectory="$root/workflows" \
  "ConnectionStrings__Workflow=Host=127.0.0.1;Port=$port;Username=postgres;Database=workflow" \
  dotnet WorkflowHost.Server.dll --urls "http://127.0.0.1:$http" >> "$work/server.log" 2>&1) &
server=$!
for _ in $(seq 600); do curl -fs -o /dev/null "http://127.0.0.1:$http/health" && break; sleep 0.5; done
kill "$server"; wait "$server" 2>/dev/null || true; server=""
python3 tests/WorkflowHost.LoadDriver/seed-sla.py --dossiers "$dossiers" | $psql workflow > "$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
$psql workflow -c "INSERT INTO sla_rollup_state VALUES (1, 'Asia/Ho_Chi_Minh', 420, now());
  INSERT INTO sla_daily SELECT p.\"UnitCode\", p.\"ProcedureCode\", p.\"Day\", sum(p.\"Received\"), sum(p.\"Open\"), sum(p.\"Paused\"), sum(p.\"Finished\"),
    sum(p.\"Early\"), sum(p.\"OnTime\"), sum(p.\"Late\"), sum(p.\"Stopped\")
  FROM dossiers d CROSS JOIN LATERAL sla_dossier_parts(d, 'Asia/Ho_Chi_Minh') p GROUP BY 1, 2, 3;"
open=$($psql workflow -At -c "SELECT count(*) FROM dossiers WHERE \"FinishedAt\" IS NULL AND \"Status\" IN (4, 5)")
cat > "$work/receipt.sql" <<'SQL'
INSERT INTO dossiers ("Id", "Code", "ProcedureCode", "ProcedureVersion", "ProcedureName", "ReceivingUnit", "CompetentUnit", "ReturnUnit",
  "Channel", "Status", "ApplicantType", "ApplicantName", "ReceivedAt", "AppointmentAt", "SearchText")
VALUES (gen_random_uuid(), 'BENCH-' || gen_random_uuid(), '1.000894', 1, 'Đăng ký kết hôn', '20242', '20242', '20242', 1, 2, 'citizen', 'Công dân',
  now(), now() + interval '3 days', 'cong dan');
SQL
$psql workflow -c "CREATE TABLE bench_open AS SELECT row_number() OVER () AS n, \"Id\" FROM dossiers WHERE \"FinishedAt\" IS NULL AND \"Status\" IN (4, 5); CREATE UNIQUE INDEX ON bench_open (n);"
cat > "$work/pause.sql" <<SQL
\set n random(1, $open)
UPDATE dossiers SET "Status" = CASE "Status" WHEN 5 THEN 4 ELSE 5 END WHERE "Id" = (SELECT "Id" FROM bench_open WHERE n = :n);
SQL
cat > "$work/note.sql" <<SQL
\set n random(1, $open)
UPDATE dossiers SET "Note" = 'ghi chú ' || :n WHERE "Id" = (SELECT "Id" FROM bench_open WHERE n = :n);
SQL
echo "dossiers: $dossiers ($open open), pgbench -c 4 -j 2 -T $seconds per run"
printf '%-8s %-9s %10s %14s\n' write triggers tps "latency avg ms"
for round in 1 2; do
  for kind in receipt pause note; do
    for triggers in on off; do
      if [ $triggers = on ]; then
        $psql workflow -c "ALTER TABLE dossiers ENABLE TRIGGER sla_daily_track; ALTER TABLE dossiers ENABLE TRIGGER sla_daily_track_update"
      else
        $psql workflow -c "ALTER TABLE dossiers DISABLE TRIGGER sla_daily_track; ALTER TABLE dossiers DISABLE TRIGGER sla_daily_track_update"
      fi
      out=$(as_pg "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -c 4 -j 2 -T "$seconds" -f "$work/$kind.sql" workflow 2>&1)
      printf '%-8s %-9s %10s %14s\n' "$kind" "$triggers" "$(echo "$out" | awk '/^tps/ {printf "%.0f", $3}')" "$(echo "$out" | awk '/latency average/ {print $4}')"
    done
  done
done
$psql workflow -c "ALTER TABLE dossiers ENABLE TRIGGER sla_daily_track; ALTER TABLE dossiers ENABLE TRIGGER sla_daily_track_update"
echo "Finished $(date -u '+%F %T') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
