#!/usr/bin/env bash
# One benchmark sitting for issue 3, as recorded in docs/benchmarks.md: a throwaway PostgreSQL cluster with default
# settings, and the server measured by the load driver in both modes (a fresh process, then steady state after a
# warm-up). On a shared virtual machine both pgbench and the server move by a quarter within minutes, so the steady
# state is measured in pairs — pgbench, then the driver right after it — and the ratio of each pair is printed with
# the median over the pairs. Prints every figure; leaves nothing running.
#   tests/WorkflowHost.LoadDriver/run-sitting.sh [PAIRS]   (default 5; needs the postgresql package; run as root or
#                                                           as a user who may run initdb)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
pairs=${1:-5}
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

pgbench_tps() {
  "$bin/pgbench" -h 127.0.0.1 -p $port -U postgres -c 4 -j 2 -T 20 bench 2>&1 | grep -oP '^tps = \K[0-9.]+'
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
  local mode=$1 count=$2
  $psql -c "drop database if exists workflow" -c "create database workflow"
  (cd src/WorkflowHost.Server/bin/Release/net10.0 && exec env ASPNETCORE_ENVIRONMENT=Development WorkflowHost__SeedDemoUsers=true \
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
  local ratios="" i tps out cps before after
  for i in $(seq "$count"); do
    tps=$(pgbench_tps)
    before=$(cpu)
    echo "== mode $mode, steady state, pair $i: pgbench -c 4 -j 2 -T 20 ($(date -u +%T) UTC) tps = $tps; then 1,000 instances"
    out=$($driver --instances 1000 | grep -E "completions:|latency|CPU|memory")
    after=$(cpu)
    echo "$out"
    cps=$(echo "$out" | grep -oP 'completions: \d+ in [0-9.]+ s = \K[0-9.]+')
    python3 -c "b='$before'.split(); a='$after'.split(); print(f'CPU s over the run (1,000 starts + 5,000 completions): server {float(a[0])-float(b[0]):.2f}, PostgreSQL {float(a[1])-float(b[1]):.2f}')"
    echo "pair $i: $cps completions/s = $(python3 -c "print(round(100 * $cps / $tps))")% of pgbench's $tps TPS"
    ratios="$ratios $cps/$tps"
  done
  python3 -c "
import statistics, sys
pairs = [tuple(map(float, p.split('/'))) for p in sys.argv[1:]]
r = sorted(100 * c / t for c, t in pairs)
print(f'== mode $mode, {len(pairs)} pairs: completions/s as % of pgbench TPS: median {statistics.median(r):.0f}%, range {r[0]:.0f}-{r[-1]:.0f}%;'
      f' completions/s median {statistics.median(c for c, _ in pairs):.0f}, pgbench TPS median {statistics.median(t for _, t in pairs):.0f}')
" $ratios
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), .NET $(dotnet --version)"
sitting follow "$pairs"
sitting inbox 2
