#!/usr/bin/env bash
# Issue 11's dashboard benchmark, as recorded in docs/benchmarks.md ("SLA dashboard at 1 million dossiers"): a throwaway
# PostgreSQL cluster, the server started once on a fresh database (migrations, demo users, shipped procedures) and
# stopped, DOSSIERS dossiers seeded inside PostgreSQL (seed-sla.py), the server started again, then every dashboard
# query REQUESTS times by one client as manager.hai-chau and as admin (SlaBench.cs). Prints every figure; leaves
# nothing running. The second start rebuilds the SLA rollup (sla_daily; its time is printed), so the queries read it;
# with COMPARE_LIVE=1 the rollup's state row is then deleted and the queries run again on the same server and data,
# counted live over the dossiers as before the rollup (the A/B of docs/benchmarks.md). The server runs in Development: only there are the demo users (manager.hai-chau, admin) seeded.
#   tests/WorkflowHost.LoadDriver/run-sla-sitting.sh [DOSSIERS]   (default 1000000; needs the postgresql package)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
dossiers=${1:-1000000}
requests=${REQUESTS:-20}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/wfh-sla-XXXXXX)
port=$((20000 + RANDOM % 20000))
http=$((port + 1))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
server=""
cleanup() {
  local status=$?
  [ $status != 0 ] && [ -f "$work/server.log" ] && tail -n 30 "$work/server.log"
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), .NET $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Started $(date -u '+%F %T') UTC"
for project in src/WorkflowHost.Server tests/WorkflowHost.LoadDriver; do
  dotnet build -c Release "$project" -p:SkipDesigner=true -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
as_pg "$bin/initdb" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -D "$work/data" >/dev/null
pg_start() { as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $work $*" -w start >/dev/null; }
pg_stop() { as_pg "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null; }
pg_start -c maintenance_work_mem=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min
psql="$bin/psql -q -h 127.0.0.1 -p $port -U postgres"
$psql -c "create database workflow"
start_server() {
  (cd src/WorkflowHost.Server/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Development WorkflowHost__SeedDemoUsers=true \
    WorkflowHost__DataDirectory="$work/data-dir" WorkflowHost__WorkflowsDirectory="$root/workflows" \
    "ConnectionStrings__Workflow=Host=127.0.0.1;Port=$port;Username=postgres;Database=workflow" \
    dotnet WorkflowHost.Server.dll --urls "http://127.0.0.1:$http" >> "$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 600); do curl -fs -o /dev/null "http://127.0.0.1:$http/health" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://127.0.0.1:$http/health" || { echo "the server did not become healthy"; exit 1; }
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
start_server
stop_server
echo "== seeding $dossiers dossiers ($(date -u +%T) UTC)"
seed_start=$(date +%s)
python3 tests/WorkflowHost.LoadDriver/seed-sla.py --dossiers "$dossiers" | $psql workflow > "$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
echo "seed time: $(( $(date +%s) - seed_start )) s"
tail -n 4 "$work/seed.log"
$psql -c "checkpoint"
pg_stop
pg_start
start_server
echo "== dashboard queries ($(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
grep -o 'SLA rollup rebuilt.*' "$work/server.log" || true
$psql workflow -c "SELECT count(*) AS sla_daily_rows, pg_size_pretty(pg_total_relation_size('sla_daily')) AS size FROM sla_daily"
# The admin's province-wide answers, kept to compare with the live count below (COMPARE_LIVE).
dump() {
  curl -fs -c "$work/cookies" -H 'Content-Type: application/json' -d '{"userName":"admin","password":"admin"}' "http://127.0.0.1:$http/api/auth/login" > /dev/null
  local today; today=$(date -u -d '+7 hours' +%F)
  for days in 30 91 365; do
    curl -fs -b "$work/cookies" "http://127.0.0.1:$http/api/reports/sla?from=$(date -u -d "+7 hours -$days days" +%F)&to=$today" > "$work/$1-report-$days.json"
  done
  curl -fs -b "$work/cookies" "http://127.0.0.1:$http/api/reports/sla/trend?from=$(date -u -d '+7 hours -91 days' +%F)&to=$today&bucket=week" > "$work/$1-trend-91.json"
}
dump rollup
echo "-- from the rollup"
dotnet run -c Release --no-build --project tests/WorkflowHost.LoadDriver -- --mode sla --url "http://127.0.0.1:$http" --requests "$requests" --warmup 2
if [ -n "${COMPARE_LIVE:-}" ]; then
  $psql workflow -c "DELETE FROM sla_rollup_state"
  echo "== the same queries counted live over the dossiers ($(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet run -c Release --no-build --project tests/WorkflowHost.LoadDriver -- --mode sla --url "http://127.0.0.1:$http" --requests "$requests" --warmup 2
  dump live
  for answer in report-30 report-91 report-365 trend-91; do
    if cmp -s "$work/rollup-$answer.json" "$work/live-$answer.json"; then
      echo "admin $answer: rollup and live answers identical ($(wc -c < "$work/live-$answer.json") bytes)"
    else
      echo "admin $answer: rollup and live answers DIFFER"; diff <(tr '{' '\n' < "$work/rollup-$answer.json") <(tr '{' '\n' < "$work/live-$answer.json") | head -20
    fi
  done
fi
if [ -n "${EXPLAIN:-}" ]; then
  # The report's shape (SlaReports.ReportAsync) for one unit over the last 30 days: two ranges of IX_dossiers_sla.
  cols='SELECT d."CompetentUnit", d."ProcedureCode", d."ReceivedAt", d."FinishedAt", d."AppointmentAt", d."Status" FROM dossiers d'
  $psql workflow -c "EXPLAIN (ANALYZE, BUFFERS) SELECT d.\"CompetentUnit\", d.\"ProcedureCode\", count(*) FROM ($cols WHERE d.\"FinishedAt\" IS NULL AND d.\"Status\" NOT IN (1,3) AND d.\"ReceivedAt\" < now() AND d.\"CompetentUnit\" = ANY(ARRAY['20242']) UNION ALL $cols WHERE d.\"FinishedAt\" >= now() - interval '30 days' AND d.\"Status\" NOT IN (1,3) AND d.\"ReceivedAt\" < now() AND d.\"CompetentUnit\" = ANY(ARRAY['20242'])) d GROUP BY 1, 2"
  # The rollup's shape (SlaRollupReports.CountsAsync) for the admin over the last 365 days: the period's days and after,
  # plus older days that still hold an open dossier.
  $psql workflow -c "EXPLAIN (ANALYZE, BUFFERS) SELECT \"UnitCode\", \"ProcedureCode\", sum(CASE WHEN \"Day\" >= current_date - 365 THEN \"Received\" ELSE 0 END), sum(\"Open\"), sum(CASE WHEN \"Day\" >= current_date - 365 THEN \"Finished\" - \"Received\" ELSE 0 END), sum(\"Paused\") FROM sla_daily WHERE \"Day\" >= current_date - 365 OR \"Open\" <> 0 GROUP BY 1, 2"
  # The bottleneck view's shape (OpenStepsSql, PostgreSQL) for the admin: every open step of the version, counted per element.
  $psql workflow -c "EXPLAIN (ANALYZE, BUFFERS) SELECT t.\"ElementId\", max(t.\"Name\"), count(*)::int, count(*) FILTER (WHERE t.\"DueAt\" < now())::int, percentile_disc(0.5) WITHIN GROUP (ORDER BY t.\"CreatedAt\"), percentile_disc(0.5) WITHIN GROUP (ORDER BY t.\"CreatedAt\" DESC) FROM tasks t JOIN instances i ON i.\"Id\" = t.\"InstanceId\" WHERE t.\"State\" = 'open' AND i.\"DefinitionKey\" = 'marriage-registration' AND i.\"DefinitionVersion\" = 1 GROUP BY t.\"ElementId\""
fi
echo "Finished $(date -u '+%F %T') UTC"
