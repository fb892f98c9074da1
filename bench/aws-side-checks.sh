#!/usr/bin/env bash
# The AWS side's *Check setup* at scale (issue 16): GET /api/apps/{id}/checks for a guide instance whose Role,
# RoleSessionName, SourceIdentity and one session tag are mapped, with USERS users assigned (half directly, half
# through one group), without a connection (the static checks resolve every user's values). Times N calls with
# curl on one fresh server, after a warm-up, and prints the median and the slowest.
#
#   bench/aws-side-checks.sh [users] [calls]        (defaults 2000 and 20; H2; only 127.0.0.1)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
users="${1:-2000}"; calls="${2:-20}"
port="${PORT:-18193}"; token="bench-$(date +%s%N)"; data="$(mktemp -d)"; base="http://127.0.0.1:$port"
"$root/gatehouse" --version >/dev/null
pid=""
trap 'if [ -n "$pid" ]; then kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; fi; rm -rf "$data"' EXIT
GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$port" --data "$data" >> "$data/server.log" 2>&1 &
pid=$!
until curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done
echo "# machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); users: $users"
app=$(python3 - "$base" "$token" "$users" <<'PY'
import json, sys, urllib.request
base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        text = r.read()
        return json.loads(text) if text else None
ids = [api("POST", "/scim/v2/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": f"user{i}",
        "emails": [{"value": f"user{i}@example.com", "primary": True}], "active": True})["id"] for i in range(n)]
group = api("POST", "/scim/v2/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "half",
        "members": [{"value": i} for i in ids[n // 2:]]})["id"]
app = api("POST", "/api/apps", {"template": "external-aws-account", "displayName": "Checked"})["id"]
api("PUT", f"/api/apps/{app}/attribute-mappings", [
    {"attribute": "Subject", "value": "${user:subject}", "format": "persistent"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/Role", "value": "arn:aws:iam::123456789012:saml-provider/Gatehouse,arn:aws:iam::123456789012:role/Bench", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/RoleSessionName", "value": "${user:email}", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/SourceIdentity", "value": "${user:preferredUsername}", "format": "unspecified"},
    {"attribute": "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Email", "value": "${user:email}", "format": "unspecified"}])
for i in ids[: n // 2]:
    api("POST", f"/api/apps/{app}/assignments", {"principalType": "USER", "principalId": i})
api("POST", f"/api/apps/{app}/assignments", {"principalType": "GROUP", "principalId": group})
print(app)
PY
)
for _ in 1 2 3; do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/apps/$app/checks"; done
times=()
for _ in $(seq 1 "$calls"); do
  times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base/api/apps/$app/checks")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$calls" '{t[NR]=$1} END {printf "checks over %s users: median %.1f ms, slowest %.1f ms (%d calls)\n", users, t[int((n+1)/2)]*1000, t[n]*1000, n}' users="$users"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
