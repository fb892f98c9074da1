#!/usr/bin/env bash
# The AWS accounts catalog at scale (issue 14), in one run on one fresh server:
#   1. the portal's AWS accounts view for a user entitled to 500 (account, role) pairs: latency at c=1 over
#      loopback after a warm-up (wrk --latency; loopback adds well under 0.1 ms, so this is the server time);
#   2. catalog launches/s beside guide-template launches/s, alternated A B A B at c=8 (wrk);
#   3. PostgreSQL only: ENTITLEMENTS rows (default 1,000,000: 1,000 users x 1,000 accounts) bulk-loaded beside
#      them, pg_total_relation_size of catalog_entitlements, extrapolated to 10 million, and step 2 again.
#
#   bench/catalog.sh [h2|postgres] [seconds-per-level]      (ENTITLEMENTS=10000000 to load 10 M for real)
#
# Needs curl, wrk, python3, psql (postgres); uses ../shared/bench/keycloak/load.py to sign in. Only 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
store="${1:-h2}"; secs="${2:-15}"; rows="${ENTITLEMENTS:-1000000}"
load="$root/../shared/bench/keycloak/load.py"
[ -f "$load" ] || { echo "needs $load (the shared Keycloak harness)"; exit 1; }
port="${PORT:-18191}"; token="bench-$(date +%s%N)"; data="$(mktemp -d)"; base="http://127.0.0.1:$port"
"$root/gatehouse" --version >/dev/null
db=()
if [ "$store" = postgres ]; then
  schema="bench_catalog_$(date +%s)"
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
  db=(--db "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema")
fi
pid=""
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; fi; if [ "$store" = postgres ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1; fi; rm -rf "$data"' EXIT
GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$port" --data "$data" "${db[@]}" >> "$data/server.log" 2>&1 &
pid=$!
until curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done
echo "# machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); store: $store"

# Seed through the API: one guide instance and one catalog of 50 accounts x 10 roles, all 500 pairs entitled to
# the user (250 directly, 250 through a group), so both launches sign for the same user.
password="bench-password-$(date +%s)"
read -r app_id catalog_id < <(python3 - "$base" "$token" "$password" <<'PY'
import json, sys, urllib.request
base, token, password = sys.argv[1:4]
def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        text = r.read()
        return json.loads(text) if text else None
user = api("POST", "/scim/v2/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bench",
       "password": password, "emails": [{"value": "bench@example.com", "primary": True}], "active": True})["id"]
group = api("POST", "/scim/v2/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "bench",
        "members": [{"value": user}]})["id"]
guide = api("POST", "/api/apps", {"template": "external-aws-account", "displayName": "Guide"})["id"]
api("PUT", f"/api/apps/{guide}/attribute-mappings", [
    {"attribute": "Subject", "value": "${user:subject}", "format": "persistent"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/Role", "value": "arn:aws:iam::123456789012:saml-provider/Gatehouse,arn:aws:iam::123456789012:role/Bench", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/RoleSessionName", "value": "${user:preferredUsername}", "format": "unspecified"}])
api("POST", f"/api/apps/{guide}/assignments", {"principalType": "USER", "principalId": user})
catalog = api("POST", "/api/apps", {"template": "aws-account-catalog", "displayName": "Catalog"})["id"]
api("PUT", f"/api/apps/{catalog}/attribute-mappings", [
    {"attribute": "Subject", "value": "${user:subject}", "format": "persistent"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/RoleSessionName", "value": "${user:preferredUsername}", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/SourceIdentity", "value": "${user:preferredUsername}", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Email", "value": "${user:email}", "format": "unspecified"}])
for a in range(50):
    account = f"{100000000000 + a:012d}"
    api("PUT", f"/api/apps/{catalog}/accounts/{account}", {"displayName": f"Account {a:02d}", "samlProviderName": "Gatehouse"})
    for r in range(10):
        api("PUT", f"/api/apps/{catalog}/accounts/{account}/roles/Role{r:02d}", {"description": f"Role {r} of account {a}"})
        principal = ("USER", user) if (a * 10 + r) % 2 == 0 else ("GROUP", group)
        api("POST", f"/api/apps/{catalog}/entitlements", {"principalType": principal[0], "principalId": principal[1],
            "accountId": account, "roleName": f"Role{r:02d}"})
print(guide, catalog)
PY
)
python3 "$load" --base "$base" --path "/launch/$app_id" --user bench --password "$password" --mode cookies \
  --count 16 --out "$data/cookies.txt" >/dev/null
catalog_path="/launch/$catalog_id/100000000025/Role05"

measure() {  # label url mark c seconds → one line "label c rate p50 p99 bad"
  local label=$1 url=$2 mark=$3 c=$4 s=$5 threads=$(( $4 < 2 ? 1 : 2 ))
  COOKIES="$data/cookies.txt" MARK="$mark" wrk -t$threads -c$c -d"${s}s" --latency -s "$here/cookie-get.lua" "$url" > "$data/wrk.txt"
  python3 - "$data/wrk.txt" "$label" "$c" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); n = float(m.group(1))
    return round(n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n, 2)
p = {q: ms(re.search(r"^\s+%s%%\s+(\S+)" % q, text, re.M).group(1)) for q in ("50", "99")}
bad = sum(int(x) for x in re.findall(r"bad responses \(last thread\): (\d+)", text))
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{sys.argv[2]:34} c={sys.argv[3]:<2} {rate:8.1f}/s  p50 {p['50']} ms  p99 {p['99']} ms  bad {bad}")
PY
}

echo "# warm-up (JIT): launches of both kinds and the portal view, unmeasured"
for url in "$base/launch/$app_id" "$base$catalog_path"; do measure warm-up "$url" SAMLResponse 8 "${PRIME:-10}" >/dev/null; done
measure warm-up "$base/aws-accounts" "Management console" 2 "${PRIME:-10}" >/dev/null
echo "# 1. portal AWS accounts view, 500 pairs (page: $(curl -s -H "Cookie: $(head -1 "$data/cookies.txt")" "$base/aws-accounts" | grep -c 'class="role"') roles)"
measure "portal /aws-accounts (500 pairs)" "$base/aws-accounts" "Management console" 1 "$secs"
launches() {
  for round in 1 2; do
    measure "guide launch /launch/{app}" "$base/launch/$app_id" SAMLResponse 8 "$secs"
    measure "catalog launch /launch/{app}/{acct}/{role}" "$base$catalog_path" SAMLResponse 8 "$secs"
  done
}
echo "# 2. launches, alternated"
launches

if [ "$store" = postgres ]; then
  users=$(( rows / 1000 ))
  echo "# 3. $rows entitlements ($users users x 1,000 accounts, one role each) bulk-loaded beside the catalog"
  t0=$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test <<SQL
SET search_path TO $schema;
INSERT INTO catalog_accounts (app_id, account_id, display_name, saml_provider_name, sign_in_url, created_at, updated_at)
  SELECT '$catalog_id', lpad((200000000000 + a)::text, 12, '0'), 'Bulk ' || a, 'Gatehouse', 'https://signin.aws.amazon.com/saml', now(), now()
  FROM generate_series(0, 999) a;
INSERT INTO catalog_roles (app_id, account_id, role_name, session_duration_seconds, created_at, updated_at)
  SELECT '$catalog_id', lpad((200000000000 + a)::text, 12, '0'), 'ReadOnly', 3600, now(), now() FROM generate_series(0, 999) a;
INSERT INTO catalog_entitlements (principal_id, principal_type, app_id, account_id, role_name, created_at)
  SELECT 'u-bulk-' || lpad(u::text, 24, '0'), 'USER', '$catalog_id', lpad((200000000000 + a)::text, 12, '0'), 'ReadOnly', now()
  FROM generate_series(0, $users - 1) u, generate_series(0, 999) a;
ANALYZE catalog_entitlements;
SQL
  echo "loaded in $(( $(date +%s) - t0 )) s"
  psql -At -h 127.0.0.1 -U postgres -d test -c "SELECT count(*), pg_size_pretty(pg_relation_size('$schema.catalog_entitlements')), pg_size_pretty(pg_indexes_size('$schema.catalog_entitlements')), pg_size_pretty(pg_total_relation_size('$schema.catalog_entitlements')), pg_total_relation_size('$schema.catalog_entitlements') FROM $schema.catalog_entitlements" \
    | awk -F'|' -v rows="$rows" '{printf "rows %s: heap %s, indexes %s, total %s; %.0f bytes/row; 10 M rows ~ %.2f GiB\n", $1, $2, $3, $4, $5/$1, $5/$1*10000000/1073741824}'
  echo "# 2 again, with them"
  launches
  measure "portal /aws-accounts (500 pairs)" "$base/aws-accounts" "Management console" 1 "$secs"
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
