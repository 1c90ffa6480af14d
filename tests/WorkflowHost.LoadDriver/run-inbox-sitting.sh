#!/usr/bin/env bash
# Issue 9's benchmark sitting, as recorded in docs/benchmarks.md ("Inbox and receipt at 10 million tasks"): a throwaway
# PostgreSQL cluster, the server started once on a fresh database (migrations, demo users) and stopped, 2,000,000
# dossiers / 10,000,000 tasks seeded inside PostgreSQL (seed-inbox.py), the server started again, then
#   1. the inbox queries (my tasks, my unit's queue, due soon, search by code and by applicant name, in the inbox and in
#      the dossier search) as the demo staff of three wards, with 1 client and with 8 clients at once;
#   2. receipts (code + instance start) by 8 clients at the desks of the three wards, while pgbench runs beside them,
#      after a pgbench run alone as the reference; RECEIPT_RUNS times.
# Prints every figure; leaves nothing running.
#   tests/WorkflowHost.LoadDriver/run-inbox-sitting.sh [DOSSIERS]   (default 2000000; needs the postgresql package and
#                                                                    ~12 GB in /tmp; run as root or as a user who may run initdb)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
dossiers=${1:-2000000}
requests=${REQUESTS:-20}
receipt_runs=${RECEIPT_RUNS:-3}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/wfh-inbox-XXXXXX)
port=$((20000 + RANDOM % 20000))
http=$((port + 1))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"

server=""
pgbench_pid=""
cleanup() {
  local status=$?
  [ $status != 0 ] && [ -f "$work/server.log" ] && tail -n 30 "$work/server.log"
  [ -n "$pgbench_pid" ] && kill "$pgbench_pid" 2>/dev/null && wait "$pgbench_pid" 2>/dev/null || true
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), .NET $(dotnet --version)"
echo "Started $(date -u '+%F %T') UTC"
for project in src/WorkflowHost.Server tests/WorkflowHost.LoadDriver; do
  dotnet build -c Release "$project" -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done

as_pg "$bin/initdb" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -D "$work/data" >/dev/null
pg_start() { as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $work $*" -w start >/dev/null; }
pg_stop() { as_pg "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null; }
# Seeding only: more memory for index builds and fewer checkpoints. Measuring: default settings, as earlier sittings.
pg_start -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min
psql="$bin/psql -q -h 127.0.0.1 -p $port -U postgres"
$psql -c "create database bench" -c "create database workflow"
"$bin/pgbench" -q -i -s 10 -h 127.0.0.1 -p $port -U postgres bench >/dev/null 2>&1

start_server() {
  (cd src/WorkflowHost.Server/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Production WorkflowHost__SeedDemoUsers=true \
    WorkflowHost__DataDirectory="$work/data-dir" WorkflowHost__WorkflowsDirectory="$root/workflows" \
    "ConnectionStrings__Workflow=Host=127.0.0.1;Port=$port;Username=postgres;Database=workflow" \
    dotnet WorkflowHost.Server.dll --urls "http://127.0.0.1:$http" >> "$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 180); do curl -fs -o /dev/null "http://127.0.0.1:$http/health" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://127.0.0.1:$http/health" || { echo "the server did not become healthy"; exit 1; }
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

start_server   # migrations and demo users on the fresh database
stop_server
echo "== seeding $dossiers dossiers ($(date -u +%T) UTC)"
seed_start=$(date +%s.%N)
python3 tests/WorkflowHost.LoadDriver/seed-inbox.py --dossiers "$dossiers" | $psql workflow > "$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
seed_end=$(date +%s.%N)
grep -A3 "dossiers | instances" "$work/seed.log" || tail -n 5 "$work/seed.log"
python3 -c "print(f'seed time (rows, index rebuild, VACUUM ANALYZE): {$seed_end - $seed_start:.0f} s')"
$psql workflow -Atc "select 'table sizes: ' || string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ') from pg_class where relname in ('dossiers','instances','tasks','task_candidates')"
$psql -c "checkpoint"
pg_stop
pg_start
start_server

driver="dotnet run -c Release --no-build --project tests/WorkflowHost.LoadDriver -- --url http://127.0.0.1:$http"
echo "== inbox queries, 1 client ($(date -u +%T) UTC)"
$driver --mode queries --clients 1 --requests "$requests" --warmup 2
echo "== inbox queries, 8 clients ($(date -u +%T) UTC)"
$driver --mode queries --clients 8 --requests $((requests * 2)) --warmup 2

pgbench() { "$bin/pgbench" -h 127.0.0.1 -p $port -U postgres -c 4 -j 2 "$@" bench 2>&1; }
for i in $(seq "$receipt_runs"); do
  echo "== receipts, run $i ($(date -u +%T) UTC): pgbench -c 4 -j 2 -T 20 alone: tps = $(pgbench -T 20 | grep -oP '^tps = \K[0-9.]+')"
  # The driver signs in and warms up (not counted) first, then receives for 25 s while pgbench runs its 35 s.
  pgbench -T 35 > "$work/pgbench-beside.log" & pgbench_pid=$!
  $driver --mode receipts --clients 8 --seconds 25 --warmup $([ "$i" = 1 ] && echo 80 || echo 16)
  wait "$pgbench_pid"; pgbench_pid=""
  echo "pgbench -c 4 -j 2 -T 35 beside the receipts: tps = $(grep -oP '^tps = \K[0-9.]+' "$work/pgbench-beside.log")"
done
$psql workflow -Atc "select 'dossiers received today: ' || count(*) || ', codes ' || min(\"Code\") || ' .. ' || max(\"Code\") from dossiers where \"ReceivedAt\" > now() - interval '1 day' and \"ReceivedBy\" = 'reception.hai-chau' and \"Id\"::text not like '00000001-%'"
stop_server
echo "Finished $(date -u '+%F %T') UTC"
