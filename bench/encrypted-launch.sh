#!/usr/bin/env bash
# What encrypting assertions costs a launch (issue 16): IdP-initiated launches/s of one External AWS Account
# instance, plaintext beside encrypted (sign, then AES-256-GCM under a fresh key sent with RSA-OAEP to an uploaded
# certificate), in alternating blocks of one run so the machine's load falls on both alike; and the size of the
# POST form's SAMLResponse each way.
#
#   bench/encrypted-launch.sh [seconds-per-block] [rounds]     (defaults 8 and 3; H2; only 127.0.0.1)
# Needs python3, openssl, curl, wrk and ../shared/bench/keycloak (load.py, wrk-sso.lua).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
secs="${1:-8}"; rounds="${2:-3}"
load="$root/../shared/bench/keycloak/load.py"; wrk_lua="$root/../shared/bench/keycloak/wrk-sso.lua"
[ -f "$load" ] && [ -f "$wrk_lua" ] || { echo "needs $load and $wrk_lua (the shared Keycloak harness)"; exit 1; }
port="${PORT:-18197}"; token="bench-$(date +%s%N)"; data="$(mktemp -d)"; base="http://127.0.0.1:$port"
"$root/gatehouse" --version >/dev/null
pid=""
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; fi; rm -rf "$data"' EXIT
GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$port" --data "$data/gh" >> "$data/server.log" 2>&1 &
pid=$!
until curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done
api() { curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
password="bench-password-$(date +%s)"
user_id=$(api -X POST "$base/scim/v2/Users" -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench\",\"password\":\"$password\",\"emails\":[{\"value\":\"bench@example.com\",\"primary\":true}],\"active\":true}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
app_id=$(api -X POST "$base/api/apps" -d '{"template":"external-aws-account","displayName":"Bench"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
api -X PUT "$base/api/apps/$app_id/attribute-mappings" -d '[{"attribute":"Subject","value":"${user:subject}","format":"persistent"},{"attribute":"https://aws.amazon.com/SAML/Attributes/Role","value":"arn:aws:iam::123456789012:saml-provider/Gatehouse,arn:aws:iam::123456789012:role/Bench","format":"unspecified"},{"attribute":"https://aws.amazon.com/SAML/Attributes/RoleSessionName","value":"${user:email}","format":"unspecified"}]' >/dev/null
api -X POST "$base/api/apps/$app_id/assignments" -d "{\"principalType\":\"USER\",\"principalId\":\"$user_id\"}" >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$data/enc.key" -out "$data/enc.pem" -days 30 -subj "/CN=bench-encryption" 2>/dev/null
cert_json=$(python3 -c 'import json,sys; print(json.dumps({"certificatePem": open(sys.argv[1]).read()}))' "$data/enc.pem")
python3 "$load" --base "$base" --path "/launch/$app_id" --user bench --password "$password" --mode cookies \
  --count 4 --out "$data/cookies.txt" >/dev/null
cookie=$(head -1 "$data/cookies.txt")
size() { curl -sf -H "Cookie: $cookie" "$base/launch/$app_id" | python3 -c 'import re,sys; m=re.search(r"name=\"SAMLResponse\" value=\"([^\"]+)\"", sys.stdin.read()); print(len(m.group(1)))'; }
plain() { curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$base/api/apps/$app_id/aws-encryption" || true; }
encrypted() { api -o /dev/null -X PUT "$base/api/apps/$app_id/aws-encryption" -d "$cert_json"; }
block() { COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t2 -c2 -d"${secs}s" -s "$wrk_lua" "$base/launch/$app_id" \
  | awk '/Requests\/sec/{print $2} /Non-2xx/ || (/non-SAML/ && $NF != 0) {print "ERR " $0 > "/dev/stderr"}'; }
echo "# machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
plain; COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t2 -c2 -d10s -s "$wrk_lua" "$base/launch/$app_id" >/dev/null   # JIT warm-up
encrypted; COOKIES="$data/cookies.txt" MAX_REQ=1000000 wrk -t2 -c2 -d5s -s "$wrk_lua" "$base/launch/$app_id" >/dev/null
sleep 6   # past the 5-second certificate cache, so each block below runs in one mode only
for _ in $(seq "$rounds"); do
  plain; sleep 6; echo "plain $(block)"
  encrypted; sleep 6; echo "encrypted $(block)"
done > "$data/rates"
plain; sleep 6; plain_size=$(size); encrypted; sleep 6; enc_size=$(size)
python3 - "$data/rates" "$plain_size" "$enc_size" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    k, v = line.split(); t.setdefault(k, []).append(float(v))
p, e = statistics.median(t["plain"]), statistics.median(t["encrypted"])
print(f"launches/s at c=2, median of {len(t['plain'])} blocks: plaintext {p:.0f}, encrypted {e:.0f}; encrypted/plaintext {e / p:.2f}")
print(f"SAMLResponse (base64): plaintext {sys.argv[2]} characters, encrypted {sys.argv[3]} characters")
PY
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
