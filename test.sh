#!/usr/bin/env bash
# The one command that runs every test of WorkflowHost (benchmarks excluded) and ends with `N passed, N failed`.
#
#  1. As root, installs what the tests need from Debian packages when it is missing: the PostgreSQL server (the
#     tests start their own throwaway clusters; no system cluster is used or started), Chromium and its driver
#     (browser tests), fonts. Not root and something missing: says what to install, and fails.
#  2. designer/ (if it has a package.json): npm ci (npm install without a lockfile), npm test --if-present.
#  3. dotnet build WorkflowHost.sln -c Release, then dotnet test --no-build with TRX results, summed at the end.
#
# Exit status is non-zero when anything failed: an install, the designer's tests, the build, or a test.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

say() { printf '\n==> %s\n' "$*"; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------------------------------------------
# 1. System packages
# ---------------------------------------------------------------------------------------------------------------
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null \
  || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
pkg_installed chromium-driver || missing+=(chromium-driver)
pkg_installed fonts-noto-core || missing+=(fonts-noto-core)
pkg_installed fonts-liberation || missing+=(fonts-liberation)

if ((${#missing[@]})); then
  if is_root; then
    say "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Keep package scripts from starting services (the postgresql package would start a system cluster).
    made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      made_policy=1
    fi
    install_rc=0
    apt-get -o DPkg::Lock::Timeout=600 update -q || install_rc=$?
    if [ "$install_rc" -eq 0 ]; then
      apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" || install_rc=$?
    fi
    if [ "$made_policy" -eq 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
    if [ "$install_rc" -ne 0 ]; then
      echo "test.sh: installing ${missing[*]} failed (exit $install_rc)" >&2
      exit 1
    fi
  else
    {
      echo "test.sh: these Debian packages are missing: ${missing[*]}"
      echo "Install them as root, then run ./test.sh again:"
      echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
      echo "(or run ./test.sh as root: it installs them itself)"
    } >&2
    exit 1
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# Scratch space: TRX results and the throwaway PostgreSQL clusters (swept on exit, even after a test-host crash)
# ---------------------------------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/wfh-test.XXXXXX")
chmod 755 "$work" # the postgres OS user must reach the clusters' directories below it
results="$work/results"
export WORKFLOWHOST_PG_TMPDIR="$work/pg"
mkdir -p "$results" "$WORKFLOWHOST_PG_TMPDIR"
chmod 755 "$WORKFLOWHOST_PG_TMPDIR"

sweep_clusters() {
  local pidfile pid n
  for pidfile in "$WORKFLOWHOST_PG_TMPDIR"/*/data/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = postgres ] || continue
    echo "test.sh: stopping PostgreSQL cluster left running by a test host: ${pidfile%/data/postmaster.pid}" >&2
    kill -QUIT "$pid" 2>/dev/null || true # immediate shutdown
    for n in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

cleanup() {
  sweep_clusters
  rm -rf "$work"
  if [ "${CI:-}" = true ]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
skipped=0
broken=() # what failed outside the counted tests

# ---------------------------------------------------------------------------------------------------------------
# 2. designer/ (npm)
# ---------------------------------------------------------------------------------------------------------------
# Reads a test runner's summary from its output: node --test (TAP "# pass N" or spec "ℹ pass N"; cancelled counts as failed), vitest
# ("Tests  1 failed | 9 passed"), jest ("Tests: 1 failed, 9 passed, 10 total"), mocha ("9 passing").
# Prints "passed failed skipped found".
count_js_results() {
  awk '
    { gsub(/\033\[[0-9;?]*[A-Za-z]/, ""); gsub(/\r/, "") }
    /^(# |ℹ )(pass|fail|cancelled|skipped|todo) [0-9]+[ \t]*$/ {
      n = $3 + 0
      if ($2 == "pass") p += n; else if ($2 == "fail" || $2 == "cancelled") f += n; else s += n
      found = 1; next
    }
    /^[ \t]*Tests:?[ \t]+[0-9]/ {
      line = $0
      while (match(line, /[0-9]+ (passed|failed|skipped|todo|pending)/)) {
        item = substr(line, RSTART, RLENGTH); split(item, kv, " ")
        if (kv[2] == "passed") p += kv[1]; else if (kv[2] == "failed") f += kv[1]; else s += kv[1]
        line = substr(line, RSTART + RLENGTH); found = 1
      }
      next
    }
    /^[ \t]*[0-9]+ (passing|failing|pending)/ {
      if ($2 ~ /^passing/) p += $1; else if ($2 ~ /^failing/) f += $1; else s += $1
      found = 1
    }
    END { printf "%d %d %d %d\n", p, f, s, found }
  ' "$1"
}

if [ -f designer/package.json ]; then
  say "designer: installing npm packages"
  npm_ok=1
  if [ -f designer/package-lock.json ]; then
    (cd designer && npm ci --no-audit --no-fund) || npm_ok=0
  else
    (cd designer && npm install --no-audit --no-fund) || npm_ok=0
  fi
  if [ "$npm_ok" -eq 1 ]; then
    say "designer: npm test"
    npm_rc=0
    (cd designer && NO_COLOR=1 FORCE_COLOR=0 npm test --if-present) 2>&1 | tee "$work/designer-test.log" || npm_rc=$?
    read -r js_p js_f js_s js_found < <(count_js_results "$work/designer-test.log")
    passed=$((passed + js_p))
    failed=$((failed + js_f))
    skipped=$((skipped + js_s))
    if [ "$npm_rc" -ne 0 ]; then
      broken+=("designer npm test (exit $npm_rc)")
      if [ "$js_f" -eq 0 ]; then failed=$((failed + 1)); fi # a failure, even if no count could be read
    elif [ "$js_found" -eq 0 ]; then
      echo "test.sh: designer tests passed; no test count recognised in their output"
    fi
  else
    broken+=("designer npm install")
    failed=$((failed + 1))
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. .NET: build once, test everything
# ---------------------------------------------------------------------------------------------------------------
say "dotnet build WorkflowHost.sln -c Release"
build_ok=1
dotnet build WorkflowHost.sln -c Release -nodeReuse:false || build_ok=0

if [ "$build_ok" -eq 1 ]; then
  say "dotnet test WorkflowHost.sln -c Release --no-build"
  test_rc=0
  # -m:1 runs the test assemblies one after another: the timer and multi-process tests measure seconds, and
  # on 2 cores they must not compete with each other's servers and PostgreSQL clusters.
  dotnet test WorkflowHost.sln -c Release --no-build -m:1 \
    --logger "trx" --results-directory "$results" \
    --blame-hang-timeout 20m --blame-hang-dump-type none \
    || test_rc=$?

  # Sum the <Counters .../> of every TRX file (one per test assembly).
  mapfile -d '' trx < <(find "$results" -name '*.trx' -print0)
  trx_counts="0 0 0 0"
  if ((${#trx[@]})); then
    trx_counts=$(awk '
      BEGIN { RS = "<" }
      function attr(name,   m) {
        if (match($0, "[ \t\n]" name "=\"[0-9]+\"")) {
          m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0
        }
        return 0
      }
      /^Counters[ \t\n]/ {
        files++
        p += attr("passed")
        f += attr("failed") + attr("error") + attr("timeout") + attr("aborted") + attr("notRunnable")
        s += attr("notExecuted")
      }
      END { printf "%d %d %d %d\n", files, p, f, s }
    ' "${trx[@]}")
  fi
  read -r trx_files trx_p trx_f trx_s <<<"$trx_counts"
  trx_files=${trx_files:-0} trx_p=${trx_p:-0} trx_f=${trx_f:-0} trx_s=${trx_s:-0}
  echo "test.sh: $trx_files TRX result file(s) read"
  passed=$((passed + trx_p))
  failed=$((failed + trx_f))
  skipped=$((skipped + trx_s))
  if [ "$test_rc" -ne 0 ]; then
    broken+=("dotnet test (exit $test_rc)")
    if [ "$trx_f" -eq 0 ]; then
      echo "test.sh: dotnet test exited $test_rc but no TRX records a failed test (crashed or hung test host?)" >&2
      failed=$((failed + 1))
    fi
  fi
else
  echo "test.sh: BUILD FAILED - no .NET test was run (the build counts as 1 failure below)" >&2
  broken+=("dotnet build")
  failed=$((failed + 1))
fi

# ---------------------------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------------------------
echo
if ((${#broken[@]})); then
  echo "test.sh: FAILED: ${broken[*]}"
fi
summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary+=", $skipped skipped"; fi
echo "$summary"

if [ "$failed" -gt 0 ] || ((${#broken[@]})); then
  exit 1
fi
exit 0
