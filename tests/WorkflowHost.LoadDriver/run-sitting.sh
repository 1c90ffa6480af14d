#!/usr/bin/env bash
# One benchmark sitting for issue 3, as recorded in docs/benchmarks.md: a throwaway PostgreSQL cluster with default
# settings, pgbench before/between/after, and the server measured by the load driver in both modes (a fresh process,
# then steady state after a warm-up). Prints every figure; leaves nothing running.
#   tests/WorkflowHost.LoadDriver/run-sitting.sh            (needs the postgresql package; run as root or as a user
#                                                            who may run initdb)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/wfh-sitting-XXXXXX)
port=$((20000 + RANDOM % 20000))
http=$((port + 1))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"

server=""
cleanup() {
  local status=$?
  [ $status != 0 ] && compgen -G "$work/server-*.log" >/dev/null && tail -n 30 "$work"/server-*.log
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_pg "$bin/initdb" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -D "$work/data" >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -o "-p $port -c listen_addresses=127.0.0.1 -k $work" -w start >/dev/null
psql="$bin/psql -q -h 127.0.0.1 -p $port -U postgres"
$psql -c "create database bench" -c "create database workflow"
"$bin/pgbench" -q -i -s 10 -h 127.0.0.1 -p $port -U postgres bench >/dev/null 2>&1

for project in src/WorkflowHost.Server tests/WorkflowHost.LoadDriver; do
  dotnet build -c Release "$project" -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done

pgbench() {
  echo "== pgbench -c 4 -j 2 -T 20 ($(date -u +%T) UTC)"
  "$bin/pgbench" -h 127.0.0.1 -p $port -U postgres -c 4 -j 2 -T 20 bench 2>&1 | grep -E "^tps|latency average"
}

# CPU seconds (utime + stime) of the server and of all PostgreSQL processes.
cpu() {
  python3 - "$server" <<'PY'
import os, sys
server, pg = 0.0, 0.0
for p in filter(str.isdigit, os.listdir('/proc')):
    try: s = open(f'/proc/{p}/stat').read()
    except OSError: continue
    f = s[s.rindex(')') + 2:].split()
    t = (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')
    if p == sys.argv[1]: server += t
    elif s[s.index('(') + 1:s.rindex(')')] == 'postgres': pg += t
print(f"{server:.2f} {pg:.2f}")
PY
}

sitting() {
  local mode=$1
  $psql -c "drop database if exists workflow" -c "create database workflow"
  (cd src/WorkflowHost.Server/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Production WorkflowHost__SeedDemoUsers=true \
    WorkflowHost__DataDirectory="$work/data-dir" WorkflowHost__WorkflowsDirectory="$root/workflows" \
    "ConnectionStrings__Workflow=Host=127.0.0.1;Port=$port;Username=postgres;Database=workflow" \
    dotnet WorkflowHost.Server.dll --urls "http://127.0.0.1:$http" > "$work/server-$mode.log" 2>&1) &
  server=$!
  for _ in $(seq 120); do curl -fs -o /dev/null "http://127.0.0.1:$http/health" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://127.0.0.1:$http/health" || { echo "the server did not become healthy"; exit 1; }
  local driver="dotnet run -c Release --no-build --project tests/WorkflowHost.LoadDriver -- --url http://127.0.0.1:$http --clients 8 --server-pid $server --mode $mode"
  echo "== mode $mode, fresh process: 400 instances"
  $driver --instances 400 | grep -E "completions:|latency|CPU|memory"
  $driver --instances 2000 > /dev/null
  local before after
  before=$(cpu)
  echo "== mode $mode, steady state (after 2,416 instances of warm-up): 1,000 instances"
  $driver --instances 1000 | grep -E "completions:|latency|CPU|memory"
  after=$(cpu)
  python3 -c "b='$before'.split(); a='$after'.split(); print(f'CPU s over the steady run (1,000 starts + 5,000 completions): server {float(a[0])-float(b[0]):.2f}, PostgreSQL {float(a[1])-float(b[1]):.2f}')"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), .NET $(dotnet --version)"
pgbench
sitting follow
pgbench
sitting inbox
pgbench
