#!/usr/bin/env bash
# SSO throughput of Gatehouse next to the physical limit (one RSA-2048 signature per launch), in one run.
#
#   bench/sso.sh [h2|postgres] [seconds-per-level]
#
# Prints, for one fresh server: start-up time to the first 200 of /healthz, resident memory at idle and under
# load, IdP-initiated launches/s for signed-in users at concurrency 1, 2, 8, 32 (p50/p99, driven by wrk), full sign-in +
# launch/s (load.py),
# and `openssl speed rsa2048` sign/s on one and two processes measured in the same run, with the ratios.
# Needs python3, openssl, curl, wrk (Debian package); uses ../shared/bench/keycloak/load.py (the same load generator as the Keycloak
# harness, so the two are comparable). Only 127.0.0.1 is used.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
store="${1:-h2}"; secs="${2:-15}"
load="$root/../shared/bench/keycloak/load.py"
[ -f "$load" ] || { echo "needs $load (the shared Keycloak harness)"; exit 1; }
port="${PORT:-18181}"; token="bench-$(date +%s%N)"; data="$(mktemp -d)"
out="$root/target/bench"; mkdir -p "$out"; json="$out/sso-$store-$(date +%Y%m%dT%H%M%S).jsonl"

# Build the jar and the start-up archive now, so neither lands inside the start-up time.
"$root/gatehouse" --version >/dev/null
db=()
if [ "$store" = postgres ]; then
  schema="bench_$(date +%s)"
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
  db=(--db "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema")
fi

pid=""
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; fi; if [ "$store" = postgres ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1; fi; rm -rf "$data"' EXIT
start() {  # starts the server; sets pid and elapsed_ms (launch to the first 200 of /healthz)
  local t0; t0=$(date +%s%N)
  GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$port" --data "$data" "${db[@]}" >> "$data/server.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
  elapsed_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
# First start on an empty store (creates the schema), then three restarts, the usual case; the median is reported.
start; first_ms=$elapsed_ms; stop
restarts=()
for i in 1 2 3; do start; restarts+=("$elapsed_ms"); [ $i -lt 3 ] && stop; done
startup_ms=$(printf '%s\n' "${restarts[@]}" | sort -n | sed -n 2p)
echo "# start-up to first /healthz 200: first start ${first_ms} ms; restarts ${restarts[*]} ms"
sleep 2; rss_idle=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status)

api() { curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
base="http://127.0.0.1:$port"
password="bench-password-$(date +%s)"
user_id=$(api -X POST "$base/scim/v2/Users" -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench\",\"password\":\"$password\",\"emails\":[{\"value\":\"bench@example.com\",\"primary\":true}],\"active\":true}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
app_id=$(api -X POST "$base/api/apps" -d '{"template":"external-aws-account","displayName":"Bench"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
api -X PUT "$base/api/apps/$app_id/attribute-mappings" -d '[{"attribute":"Subject","value":"${user:subject}","format":"persistent"},{"attribute":"https://aws.amazon.com/SAML/Attributes/Role","value":"arn:aws:iam::123456789012:saml-provider/Gatehouse,arn:aws:iam::123456789012:role/Bench","format":"unspecified"},{"attribute":"https://aws.amazon.com/SAML/Attributes/RoleSessionName","value":"${user:email}","format":"unspecified"}]' >/dev/null
api -X POST "$base/api/apps/$app_id/assignments" -d "{\"principalType\":\"USER\",\"principalId\":\"$user_id\"}" >/dev/null

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(grep -m1 'RSA signing provider' "$data/server.log" | sed 's/.*- //'); store: $store"
sign1=$(openssl speed -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6}')
sign2=$(openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6}')
echo "openssl speed rsa2048: $sign1 sign/s (1 process), $sign2 sign/s (2 processes)"

# SSO levels with wrk (C; far cheaper per request than a Python client, which would take one of the two cores).
python3 "$load" --base "$base" --path "/launch/$app_id" --user bench --password "$password" --mode cookies \
  --count 32 --out "$data/cookies.txt" >/dev/null
wrk_lua="$root/../shared/bench/keycloak/wrk-sso.lua"
# One unmeasured priming pass at c=8 (JIT warm-up), as the Keycloak harness gives Keycloak.
COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t2 -c8 -d"${PRIME:-15}s" -s "$wrk_lua" "$base/launch/$app_id" >/dev/null
for c in 1 2 8 32; do
  threads=$(( c < 2 ? 1 : 2 ))
  COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t$threads -c$c -d"${WARMUP:-5}s" -s "$wrk_lua" "$base/launch/$app_id" >/dev/null
  COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t$threads -c$c -d"${secs}s" --latency -s "$wrk_lua" \
    "$base/launch/$app_id" > "$data/wrk-$c.txt"
  python3 - "$data/wrk-$c.txt" "$c" "gatehouse-$store-sso" >> "$json" <<'PY2'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); n = float(m.group(1))
    return round(n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n, 2)
lat = {p: ms(re.search(r"^\s+%s%%\s+(\S+)" % p, text, re.M).group(1)) for p in ("50", "99")}
bad = sum(int(x) for x in re.findall(r"non-SAML/non-200 responses \(last thread\): (\d+)", text))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(json.dumps({"label": sys.argv[3], "mode": "sso", "concurrency": int(sys.argv[2]), "client": "wrk",
    "iter_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
    "lat_ms": {"p50": lat["50"], "p99": lat["99"]}, "errors": bad + (int(errors.group(1)) if errors else 0)}))
PY2
  tail -1 "$json"
done
rss_load=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status)
python3 "$load" --base "$base" --path "/launch/$app_id" --user bench --password "$password" --mode full \
  --concurrency 1,2,8 --warmup 5 --duration "$secs" --server-pid $pid --json "$json" --label "gatehouse-$store-full"

rss_full=$(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status)

python3 - "$json" "$sign1" "$sign2" "$startup_ms" "$rss_idle" "$rss_load" "$rss_full" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sign1, sign2 = float(sys.argv[2]), float(sys.argv[3])
print(f"\nstart-up to first /healthz 200 (median of three restarts): {sys.argv[4]} ms (target < 2000 ms: {'met' if float(sys.argv[4]) < 2000 else 'NOT met'})")
print(f"resident memory: idle {sys.argv[5]} MiB, after SSO load {sys.argv[6]} MiB, after sign-in load {sys.argv[7]} MiB (target < 256 MiB)")
for r in rows:
    mode, c = r.get("mode"), r.get("concurrency")
    rate = r["iter_per_s"]
    p50, p99 = r["lat_ms"]["p50"], r["lat_ms"]["p99"]
    line = f"{mode:4} c={c:<3} {rate:8.1f}/s p50 {p50} ms p99 {p99} ms"
    if mode == "sso":
        line += f"  = {rate/sign1:.0%} of 1-core sign/s, {rate/sign2:.0%} of 2-process sign/s"
        if c == 8:
            line += (f"  (target >= 60%: {'met' if rate >= 0.6*sign2 else 'NOT met'};"
                     f" p99 < 10 ms: {'met' if p99 < 10 else 'NOT met'})")
    if r.get("errors"):
        line += f"  ERRORS: {r['errors']}"
    print(line)
PY
echo "raw results: $json"
