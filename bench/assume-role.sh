#!/usr/bin/env bash
# STS AssumeRoleWithSAML validations per second of the emulated AWS account, next to the physical limit (one
# RSA-2048 signature verification per validation), in one run.
#
#   bench/assume-role.sh [h2|postgres] [seconds-per-level]      (defaults: h2, 10)
#
# Environment: WARMUP (seconds per level, default 3), LEVELS (default "1 2 8 32"), EMULATOR_PORT, IDC_PORT
# (default: free ports), PROFILE=1 (record the measured levels with JFR, settings=profile, and print where the
# emulator's Java samples went), KEEP_LOGS=DIR (copy the servers' logs there at exit).
#
# What it does:
#   1. starts `./gatehouse aws-emulator` alone on a fresh H2 directory or a fresh PostgreSQL schema (dropped at exit)
#      with a root key from GATEHOUSE_AWS_ROOT_CREDENTIALS; measures start-up to the first 200 of /healthz and the
#      idle resident memory;
#   2. starts `./gatehouse serve` (the identity center, H2 in a temporary directory), seeds a user and an External
#      AWS Account instance through the SCIM and apps APIs, registers the instance's metadata in the emulator as a
#      SAML provider and creates a role trusting it (SAML:aud = https://signin.aws.amazon.com/saml) with /usr/bin/aws;
#   3. before each concurrency level, resumes the identity center, signs the user in and launches once
#      (../shared/bench/keycloak/load.py --mode once) for a freshly signed SAMLResponse, then stops the identity
#      center (SIGSTOP) so it uses no CPU while wrk POSTs AssumeRoleWithSAML with that assertion (the emulator has
#      no replay cache, as AWS has none, and the assertion is valid for 5 minutes);
#   4. prints req/s, p50, p99 per level beside `openssl speed rsa2048` verify/s on one and two processes, the ratios,
#      the emulator's CPU share, and its resident memory idle and under load.
# Needs wrk, openssl, curl, python3, /usr/bin/aws (AWS CLI v2) and psql for postgres. Only 127.0.0.1 is used.
# Raw results: target/bench/assume-role-STORE-TIMESTAMP.{jsonl,txt}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
store="${1:-h2}"; secs="${2:-10}"; warm="${WARMUP:-3}"; levels="${LEVELS:-1 2 8 32}"
case "$store" in h2|postgres) ;; *) echo "usage: $0 [h2|postgres] [seconds-per-level]" >&2; exit 2 ;; esac
[[ "$secs" =~ ^[0-9]+$ && "$secs" -ge 1 ]] || { echo "seconds-per-level must be a positive integer" >&2; exit 2; }
if [ $((secs + 2 * warm)) -gt 240 ]; then
  echo "a level (warm-up + measure) must fit in the assertion's 5-minute lifetime: use at most $((240 - 2 * warm)) s" >&2
  exit 2
fi
load="$root/../shared/bench/keycloak/load.py"; lua="$here/assume-role.lua"; aws=/usr/bin/aws
[ -f "$load" ] || { echo "needs $load (the shared Keycloak harness)" >&2; exit 1; }
for tool in wrk openssl curl python3 "$aws"; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
[ "$store" = h2 ] || command -v psql >/dev/null || { echo "needs psql for postgres" >&2; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
aport="${EMULATOR_PORT:-$(free_port)}"; iport="${IDC_PORT:-$(free_port)}"
emu="http://127.0.0.1:$aport"; idc="http://127.0.0.1:$iport"
tmp="$(mktemp -d)"; stamp="$(date +%Y%m%dT%H%M%S)"
out="$root/target/bench"; mkdir -p "$out"; json="$out/assume-role-$store-$stamp.jsonl"; raw="$out/assume-role-$store-$stamp.txt"
account=123456789012; token="bench-$(date +%s%N)"
read -r akid secret < <(python3 -c 'import secrets as s,string as t
print("AKIABENCH"+"".join(s.choice(t.ascii_uppercase+t.digits) for _ in range(11)), s.token_urlsafe(30).replace("-","A").replace("_","B"))')
emu_pid=""; idc_pid=""; schema=""

cleanup() {
  set +e
  [ -n "$idc_pid" ] && { kill -CONT "$idc_pid"; kill "$idc_pid"; } 2>/dev/null
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
  [ -n "$idc_pid" ] && wait "$idc_pid" 2>/dev/null
  [ -n "$emu_pid" ] && wait "$emu_pid" 2>/dev/null
  [ -n "$schema" ] && PGOPTIONS='-c client_min_messages=warning' psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${KEEP_LOGS:-}" ] && trap 'cp "$tmp"/*.log "$KEEP_LOGS"/ 2>/dev/null; cleanup' EXIT

# Build (or rebuild) outside the timed start-up.
"$root/gatehouse" --version >/dev/null

db=()
if [ "$store" = postgres ]; then
  schema="bench_sts_$(date +%s)_$$"
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
  db=(--db "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema")
fi

rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }                       # utime + stime of one process
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # all cores, not idle/iowait
pg_ticks() {                                                                   # every PostgreSQL process
  local t=0 p; for p in $(pgrep -x postgres || true); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"
}
child_ticks() {        # children's user + system time from a file written by `times` in the main shell (not $(...))
  tail -1 "$1" | awk -v hz="$hz" '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] } print int(s * hz) }'
}
wait_200() { until curl -sf "$1/healthz" >/dev/null; do kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }; sleep 0.01; done; }

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s%N)
GATEHOUSE_AWS_ROOT_CREDENTIALS="$account:$akid:$secret" "$root/gatehouse" aws-emulator --port "$aport" \
  --data "$tmp/emulator" "${db[@]}" > "$tmp/emulator.log" 2>&1 &
emu_pid=$!
wait_200 "$emu" "$emu_pid" "$tmp/emulator.log"
startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
sleep 2; rss_idle=$(rss "$emu_pid")
echo "# $(grep -m1 -i 'RSA .*provider' "$tmp/emulator.log" | sed 's/.*- //'); store: $store"

# The identity center, only to mint a real signed assertion.
GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$iport" --data "$tmp/idc" > "$tmp/idc.log" 2>&1 &
idc_pid=$!
wait_200 "$idc" "$idc_pid" "$tmp/idc.log"
api() { curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
jget() { python3 -c "import json,sys;print(json.load(sys.stdin)$1)"; }
password="bench-password-$(date +%s)"
user_id=$(api -X POST "$idc/scim/v2/Users" -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench\",\"password\":\"$password\",\"emails\":[{\"value\":\"bench@example.com\",\"primary\":true}],\"active\":true}" | jget '["id"]')
app_id=$(api -X POST "$idc/api/apps" -d '{"template":"external-aws-account","displayName":"Bench STS"}' | jget '["id"]')
curl -sf "$idc/api/apps/$app_id/saml-metadata" > "$tmp/metadata.xml"

export AWS_ACCESS_KEY_ID="$akid" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" \
  AWS_CONFIG_FILE="$tmp/aws-config" AWS_SHARED_CREDENTIALS_FILE="$tmp/aws-credentials"
provider_arn=$("$aws" --endpoint-url "$emu" iam create-saml-provider --name GatehouseBench \
  --saml-metadata-document "file://$tmp/metadata.xml" --query SAMLProviderArn --output text)
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}' \
  "$provider_arn" > "$tmp/trust.json"
role_arn=$("$aws" --endpoint-url "$emu" iam create-role --role-name BenchSts \
  --assume-role-policy-document "file://$tmp/trust.json" --query Role.Arn --output text)
api -X PUT "$idc/api/apps/$app_id/attribute-mappings" -d "[{\"attribute\":\"Subject\",\"value\":\"\${user:subject}\",\"format\":\"persistent\"},{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/Role\",\"value\":\"$provider_arn,$role_arn\",\"format\":\"unspecified\"},{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\",\"value\":\"\${user:email}\",\"format\":\"unspecified\"}]" >/dev/null
api -X POST "$idc/api/apps/$app_id/assignments" -d "{\"principalType\":\"USER\",\"principalId\":\"$user_id\"}" >/dev/null
echo "# emulator $emu: provider $provider_arn, role $role_arn"

# A fresh assertion: resume the identity center, sign in + launch once, stop it again; write the form body and
# check that the emulator accepts it.
fresh_assertion() {
  kill -CONT "$idc_pid"
  python3 "$load" --base "$idc" --path "/launch/$app_id" --user bench --password "$password" --mode once \
    --save-xml "$tmp/response.xml" 2>>"$tmp/load.log" || { tail -5 "$tmp/load.log" >&2; exit 1; }
  kill -STOP "$idc_pid"
  python3 - "$tmp/response.xml" "$role_arn" "$provider_arn" > "$tmp/body" <<'PY'
import base64, sys, urllib.parse
xml = open(sys.argv[1], "rb").read()
sys.stdout.write(urllib.parse.urlencode({"Action": "AssumeRoleWithSAML", "Version": "2011-06-15", "RoleArn": sys.argv[2],
                                         "PrincipalArn": sys.argv[3], "SAMLAssertion": base64.b64encode(xml).decode()}))
PY
  local code
  code=$(curl -s -o "$tmp/check.xml" -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "@$tmp/body" "$emu/")
  if [ "$code" != 200 ] || ! grep -q '<AssumeRoleWithSAMLResult>' "$tmp/check.xml"; then
    echo "AssumeRoleWithSAML refused the assertion (HTTP $code):" >&2; cat "$tmp/check.xml" >&2; exit 1
  fi
}
fresh_assertion
echo "# assumed: $(sed -n 's:.*<Arn>\(arn\:aws\:sts[^<]*\)</Arn>.*:\1:p' "$tmp/check.xml" | head -1); assertion $(stat -c %s "$tmp/response.xml") XML bytes, form body $(stat -c %s "$tmp/body") bytes"

# The physical limit, with the identity center stopped and the emulator idle.
speed1=$(openssl speed -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6, $7}')
speed2=$(openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6, $7}')
read -r sign1 verify1 <<<"$speed1"; read -r sign2 verify2 <<<"$speed2"
echo "openssl speed rsa2048: $verify1 verify/s (1 process), $verify2 verify/s (2 processes); sign/s $sign1 / $sign2"

jfr_file="$out/assume-role-$store-$stamp.jfr"
[ "${PROFILE:-0}" = 1 ] && jcmd "$emu_pid" JFR.start name=sts settings=profile >/dev/null
pct() { echo $(( $1 * 100 / hz / secs )); }
hz=$(getconf CLK_TCK); : > "$tmp/levels.jsonl"; : > "$tmp/extras"; rss_peak=0; first=1
for c in $levels; do
  fresh_assertion
  threads=$(( c < 2 ? c : 2 ))
  w=$warm; [ "$first" = 1 ] && w=$((2 * warm)); first=0
  BODY_FILE="$tmp/body" RESULT="" wrk -t"$threads" -c"$c" -d"${w}s" --timeout 10s -s "$lua" "$emu/" >/dev/null 2>>"$tmp/warmup.err"
  ( peak=0; while kill -0 "$emu_pid" 2>/dev/null; do r=$(rss "$emu_pid"); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$tmp/rss-peak-$c"; sleep 0.5; done ) &
  sampler=$!
  s0=$(cpu_ticks "$emu_pid"); b0=$(busy_ticks); p0=$(pg_ticks); times > "$tmp/times0"
  echo "== c=$c ==" >> "$raw"
  BODY_FILE="$tmp/body" RESULT="$tmp/levels.jsonl" LABEL="gatehouse-$store-assume-role" CONNECTIONS="$c" \
    wrk --latency -t"$threads" -c"$c" -d"${secs}s" --timeout 10s -s "$lua" "$emu/" >> "$raw" 2> "$tmp/wrk.err"
  s1=$(cpu_ticks "$emu_pid"); b1=$(busy_ticks); p1=$(pg_ticks); times > "$tmp/times1"
  w0=$(child_ticks "$tmp/times0"); w1=$(child_ticks "$tmp/times1")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  peak=$(cat "$tmp/rss-peak-$c" 2>/dev/null || echo 0); [ "$peak" -gt "$rss_peak" ] && rss_peak=$peak
  cat "$tmp/wrk.err" >> "$raw"; head -6 "$tmp/wrk.err" >&2
  echo "$c $(pct $((s1 - s0))) $(pct $((p1 - p0))) $(pct $((w1 - w0))) $(pct $((b1 - b0 - (s1 - s0) - (p1 - p0) - (w1 - w0))))" >> "$tmp/extras"
done
rss_load=$(rss "$emu_pid")
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$emu_pid" JFR.stop name=sts filename="$jfr_file" >/dev/null
  cat > "$tmp/jfr-summary.py" <<'PY'
import collections, re, sys
# Java execution samples of the emulator: inclusive share per component (a sample counts once for each component
# on its stack) and the hottest top frames.
parts = [("H2", "org.h2."), ("PostgreSQL JDBC", "org.postgresql."), ("HikariCP", "com.zaxxer.hikari."),
         ("Jdbi", "org.jdbi."), ("Santuario (xmlsec)", "org.apache.xml.security."),
         ("JDK XML (parse, DOM, serialize)", ("com.sun.org.apache.", "javax.xml.", "org.w3c.", "jdk.xml.")),
         ("ACCP", "com.amazon.corretto."), ("JDK security", ("java.security.", "sun.security.", "javax.crypto.")),
         ("Jetty", "org.eclipse.jetty."), ("Javalin", "io.javalin."), ("regex", "java.util.regex."),
         ("gatehouse STS", "dev.gatehouse.awsemulator.sts."), ("gatehouse IAM", "dev.gatehouse.awsemulator.iam."),
         ("gatehouse query API", "dev.gatehouse.awsemulator.query."), ("gatehouse samlxml", "dev.gatehouse.samlxml."),
         ("gatehouse storage", "dev.gatehouse.storage.")]
samples, inclusive, top, methods = 0, collections.Counter(), collections.Counter(), collections.Counter()
frames, in_stack = [], False
def flush():
    global samples
    if not frames:
        return
    samples += 1
    top[frames[0]] += 1
    for f in set(f.split("(")[0] for f in frames if f.startswith("dev.gatehouse.")):
        methods[f] += 1
    for name, prefix in parts:
        if any(f.startswith(prefix) for f in frames):
            inclusive[name] += 1
for line in sys.stdin:
    t = line.strip()
    if t.startswith("jdk.ExecutionSample"):
        flush(); frames, in_stack = [], False
    elif t.startswith("stackTrace = ["):
        in_stack = True
    elif in_stack and t.startswith("]"):
        in_stack = False
    elif in_stack and t and t != "...":
        frames.append(re.sub(r"\s+line:.*", "", t))
flush()
print(f"JFR: {samples} Java execution samples of the emulator during the measured levels (native RSA does not show)")
for name, n in inclusive.most_common():
    print(f"  {100 * n / max(samples, 1):5.1f} %  {name}")
print("gatehouse methods on the stack (inclusive):")
for f, n in methods.most_common(14):
    print(f"  {100 * n / max(samples, 1):5.1f} %  {f}")
print("hottest top frames:")
for f, n in top.most_common(8):
    print(f"  {100 * n / max(samples, 1):5.1f} %  {f}")
PY
  jfr print --events jdk.ExecutionSample --stack-depth 96 "$jfr_file" | python3 "$tmp/jfr-summary.py" > "$tmp/profile.txt" 2>&1 || true
fi
[ -s "$tmp/warmup.err" ] && { echo "warm-up errors:" >&2; head -3 "$tmp/warmup.err" >&2; }

status=0
python3 - "$tmp/levels.jsonl" "$tmp/extras" "$json" "$verify1" "$verify2" "$sign1" "$sign2" "$startup_ms" \
  "$rss_idle" "$rss_peak" "$rss_load" "$store" <<'PY' || status=1
import json, sys
levels = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
extras = [l.split() for l in open(sys.argv[2]) if l.strip()]
v1, v2, s1, s2 = (float(x) for x in sys.argv[4:8])
startup, idle, peak, after, store = int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11]), sys.argv[12]
print(f"\nstart-up to first /healthz 200: {startup} ms")
print(f"resident memory: idle {idle} MiB, peak under load {peak} MiB, after load {after} MiB")
print(f"{'conc':>4} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'emuCPU%':>7} {'pgCPU%':>6} {'wrkCPU%':>7} {'otherCPU%':>9}  ratio to verify/s")
with open(sys.argv[3], "a") as out:
    for r, (c, srv, pg, wrk, other) in zip(levels, extras):
        r.update(emulator_cpu_pct=int(srv), postgres_cpu_pct=int(pg), wrk_cpu_pct=int(wrk), other_cpu_pct=int(other),
                 verify1=v1, verify2=v2,
                 ratio_verify1=r["req_per_s"] / v1, ratio_verify2=r["req_per_s"] / v2)
        out.write(json.dumps(r) + "\n")
        errs = r["bad_responses"] + r["socket_errors"]
        print(f"{r['connections']:>4} {r['req_per_s']:8.1f} {r['p50_ms']:7.2f} {r['p99_ms']:7.2f} {errs:>6} {srv:>7} {pg:>6} {wrk:>7} {other:>9}"
              f"  {r['req_per_s'] / v1:6.2%} of 1-process, {r['req_per_s'] / v2:6.2%} of 2-process verify/s")
    out.write(json.dumps({"summary": True, "store": store, "startup_ms": startup, "rss_idle_mib": idle,
                          "rss_peak_mib": peak, "rss_after_mib": after, "openssl_verify1": v1, "openssl_verify2": v2,
                          "openssl_sign1": s1, "openssl_sign2": s2}) + "\n")
print("(CPU% of one core during the measured seconds: the emulator, every PostgreSQL process, wrk, everything else)")
other_max = max(int(e[4]) for e in extras)
if other_max > 30 or v2 < 1.5 * v1:
    print(f"WARNING: the machine was busy (otherCPU% up to {other_max}, openssl 2-process/1-process "
          f"verify/s = {v2 / v1:.2f}): the figures are disturbed; run again on a quieter machine")
bad = sum(r["bad_responses"] + r["socket_errors"] for r in levels)
if bad or len(levels) != len(extras):
    print(f"ERROR: {bad} responses were not 200 with <AssumeRoleWithSAMLResult> (or a level did not finish)")
    sys.exit(1)
PY
[ -s "$tmp/profile.txt" ] && { echo; cat "$tmp/profile.txt"; echo "profile: $jfr_file"; }
echo "raw results: $json, $raw"
exit "$status"
