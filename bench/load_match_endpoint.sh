#!/usr/bin/env bash
# Load test (wrk, not a test): requests/s of GET /v1/people/{id}/matches?limit=10 beside GET /healthz
# on a demo server over a temp database, 127.0.0.1 only; prints both and their ratio (goal >= 50%).
# Matches are measured twice: the same person asked again and again (the reply kept for the
# graph's revision is reused: scope check and audit row still every time), and every request
# distinct (the coordinator's people in turn, each with a radius of its own beyond any travel
# limit, so each one is ranked afresh).
#
# Run:  cmake --build --preset release --target pathways && bash bench/load_match_endpoint.sh
# Knobs (environment): CONNECTIONS=64 WRK_THREADS=2 DURATION=10 (seconds per run).
# Each run also prints the CPU time per request of the server (from /proc) and of wrk: steadier
# than req/s when other work shares the machine, which moves req/s by 30-60%.
# Pass 1 uses config/pathways.toml as it is. When CONNECTIONS is above its server.threads, pass 2
# repeats both runs with a temp copy of the config whose server.threads equals CONNECTIONS, because
# cpp-httplib serves one keep-alive connection per pool thread and the extra connections wait.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary="$root/build/release/api/pathways"
stock_config="$root/config/pathways.toml"
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
duration=${DURATION:-10}

die() { echo "load_match_endpoint: $*" >&2; exit 1; }

[[ -x $binary ]] || die "no $binary; build it first: cmake --preset release && cmake --build --preset release --target pathways"
command -v curl >/dev/null || die "needs curl"
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing wrk (Debian package)..." >&2
    apt-get install -y --no-install-recommends wrk >/dev/null || die "apt-get install wrk failed"
  else
    die "needs wrk: apt-get install -y --no-install-recommends wrk"
  fi
fi
if command -v jq >/dev/null; then
  first_id() { jq -r '.contents[0].id // empty'; }
  all_ids() { jq -r '.contents[].id'; }
elif command -v python3 >/dev/null; then
  first_id() { python3 -c 'import json,sys; c=json.load(sys.stdin).get("contents") or [{}]; print(c[0].get("id",""))'; }
  all_ids() { python3 -c 'import json,sys; [print(p["id"]) for p in json.load(sys.stdin).get("contents") or []]'; }
else
  die "needs jq or python3 to read the people list"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pathways-load.XXXXXX")
server_pid=""

stop_server() {
  [[ -n $server_pid ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A copy of the config with server.threads set, the address pinned to 127.0.0.1 and the taxonomy
# path made absolute (it is relative to the config file, which now lives in the temp dir).
write_config() {
  local threads=$1 out=$2
  awk -v threads="$threads" -v taxonomy="$root/config/taxonomy.toml" '
    /^\[/ { section = $0 }
    section == "[server]" && /^threads[[:space:]]*=/ { print "threads = " threads; next }
    section == "[server]" && /^address[[:space:]]*=/ { print "address = \"127.0.0.1\""; next }
    section == "[taxonomy]" && /^path[[:space:]]*=/ { print "path = \"" taxonomy "\""; next }
    { print }
  ' "$stock_config" >"$out"
  grep -q "^threads = $threads\$" "$out" || die "could not set server.threads in $out"
}

configured_threads() {
  awk '/^\[/ { section = $0 } section == "[server]" && /^threads[[:space:]]*=/ { gsub(/[^0-9]/, "", $0); print; exit }' "$1"
}

# Starts the demo server on a free port (PATHWAYS_PORT=0: the kernel picks it; the server prints it).
# Sets port, key and person_id.
start_server() {
  local config=$1 tag=$2
  local out="$work/$tag.out" err="$work/$tag.err"
  rm -f "$work/$tag.db"*
  PATHWAYS_DB="$work/$tag.db" PATHWAYS_PORT=0 "$binary" --config "$config" serve --demo >"$out" 2>"$err" &
  server_pid=$!
  local line=""
  for _ in $(seq 1 600); do  # up to 60 s for the demo data to load
    line=$(grep -m1 'is listening on http://' "$out" || true)
    [[ -n $line ]] && break
    kill -0 "$server_pid" 2>/dev/null || { tail -5 "$err" >&2; die "the server exited at start"; }
    sleep 0.1
  done
  [[ -n $line ]] || die "the server did not start within 60 s"
  [[ $line =~ http://127\.0\.0\.1:([0-9]+) ]] || die "the server is not on 127.0.0.1: $line"
  port=${BASH_REMATCH[1]}
  key=$(sed -nE 's/^[[:space:]]*demo coordinator[[:space:]]+(pwdemo_[0-9a-f]+)[[:space:]]*$/\1/p' "$out" | head -1)
  [[ -n $key ]] || die "no demo coordinator key in the server's output"
  person_id=$(curl -sf --max-time 10 -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/people?per_page=1" | first_id)
  [[ -n $person_id ]] || die "GET /v1/people?per_page=1 gave no person"
  local status
  status=$(curl -s -o "$work/$tag.matches.json" -w '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/people/$person_id/matches?limit=10")
  [[ $status == 200 ]] || die "GET /v1/people/$person_id/matches answered $status: $(head -c 300 "$work/$tag.matches.json")"
  # A wrk script asking for a distinct request each time: the people in turn, radius 100 km and
  # up in steps of 1 m (beyond every travel limit, so the ranking's work is the plain request's).
  local ids
  ids=$(curl -sf --max-time 10 -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/people?per_page=100" | all_ids)
  [[ -n $ids ]] || die "GET /v1/people?per_page=100 gave no people"
  {
    printf 'local people = {'
    printf '"%s",' $ids
    printf '}\n'
    cat <<'LUA'
local threads = 0
function setup(thread)
  thread:set("offset", threads * 10000000)
  threads = threads + 1
end
function init(args)
  n = offset
end
function request()
  n = n + 1
  local path = string.format("/v1/people/%s/matches?limit=10&radius_km=%.3f",
                             people[(n % #people) + 1], 100 + (n % 400000) / 1000)
  return wrk.format("GET", path)
end
LUA
  } >"$work/distinct.lua"
  distinct_people=$(wc -w <<<"$ids")
}

# CPU time (user + system, in clock ticks) the server has used so far.
server_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"
}

# Context switches (voluntary and not) of all the server's threads so far: a request that waits for
# something (its audit row's commit, a lock) costs one more than /healthz, which waits only for its
# next request.
server_switches() {
  cat /proc/"$server_pid"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'
}

# Runs wrk; prints one summary line, the CPU and context switches each request took; sets rps.
run_wrk() {
  local name=$1 path=$2 log=$3
  shift 3
  local ticks_before server_ticks_used switches_before switches_used status=0 TIMEFORMAT='%U %S'  # `time` prints wrk's CPU seconds
  ticks_before=$(server_ticks)
  switches_before=$(server_switches)
  { time timeout $((duration + 30)) wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 5s \
    --latency "$@" "http://127.0.0.1:$port$path" >"$log" 2>&1; } 2>"$log.time" || status=$?
  [[ $status -eq 0 ]] || die "wrk failed on $path: $(tail -3 "$log")"
  server_ticks_used=$(($(server_ticks) - ticks_before))
  switches_used=$(($(server_switches) - switches_before))
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$log")
  [[ -n $rps ]] || die "no Requests/sec in wrk's output for $path"
  local p50 p99 max errors non2xx
  p50=$(awk '$1 == "50%" { print $2 }' "$log")
  p99=$(awk '$1 == "99%" { print $2 }' "$log")
  max=$(awk '$1 == "Latency" { print $4; exit }' "$log")
  errors=$(grep -m1 'Socket errors' "$log" | sed 's/^[[:space:]]*//' || true)
  non2xx=$(awk '/Non-2xx or 3xx responses/ { print $NF }' "$log")
  printf '  %-32s %10.0f req/s   p50 %-8s p99 %-8s max %-8s %s%s\n' "$name" "$rps" "$p50" "$p99" "$max" \
    "${errors:-no socket errors}" "${non2xx:+, non-2xx: $non2xx}"
  local requests
  requests=$(awk '/ requests in / { print $1 }' "$log")
  awk -v ticks="$server_ticks_used" -v hz="$(getconf CLK_TCK)" -v n="$requests" -v sw="$switches_used" '{
    if (n > 0) printf "  %-32s CPU a request: server %.0f us, wrk %.0f us; server context switches a request: %.2f\n", "", 1e6 * ticks / hz / n, 1e6 * ($1 + $2) / n, sw / n
  }' "$log.time"
}

# One pass: both endpoints against one server; prints the ratio.
run_pass() {
  local config=$1 tag=$2 threads
  threads=$(configured_threads "$config")
  start_server "$config" "$tag"
  echo "$tag: server.threads=${threads:-32 (default)}, wrk -t$wrk_threads -c$connections -d${duration}s, 127.0.0.1:$port, person $person_id"
  run_wrk "GET /healthz" /healthz "$work/$tag.healthz.wrk"
  local health=$rps
  run_wrk "GET /v1/people/{id}/matches" "/v1/people/$person_id/matches?limit=10" "$work/$tag.matches.wrk" \
    -H "Authorization: Bearer $key"
  local matches=$rps
  run_wrk "GET .../matches, each distinct" "/" "$work/$tag.distinct.wrk" \
    -H "Authorization: Bearer $key" -s "$work/distinct.lua"
  local distinct=$rps
  stop_server
  awk -v m="$matches" -v d="$distinct" -v h="$health" -v people="$distinct_people" 'BEGIN {
    r = 0; q = 0
    if (h > 0) { r = 100 * m / h; q = 100 * d / h }
    printf "  matches / healthz = %.1f%% asked again (goal >= 50%%: %s); %.1f%% each distinct (%d people)\n",
           r, (r >= 50) ? "met" : "missed", q, people }'
  local log
  for log in "$work/$tag.healthz.wrk" "$work/$tag.matches.wrk" "$work/$tag.distinct.wrk"; do
    grep -q 'Socket errors' "$log" ||
      awk '$1 == "Latency" && $4 ~ /[0-9](s|m)$/ { found = 1 } END { exit !found }' "$log" || continue
    if [[ $connections -gt ${threads:-32} ]]; then
      echo "  note: $(basename "$log" .wrk): socket errors or latencies in seconds with $connections connections" \
        "on ${threads:-32} threads: connections starve waiting for a free server thread"
    else
      echo "  note: $(basename "$log" .wrk): latencies in seconds with a thread per connection:" \
        "CPU saturation ($connections busy handler threads on $(nproc) CPUs), not starvation"
    fi
  done
}

echo "load_match_endpoint: $(nproc) CPUs here; wrk's own $wrk_threads threads share them with the server"
run_pass "$stock_config" stock
stock_threads=$(configured_threads "$stock_config")
if [[ -n $stock_threads && $connections -gt $stock_threads ]]; then
  write_config "$connections" "$work/pathways.toml"
  run_pass "$work/pathways.toml" "threads_$connections"
fi
