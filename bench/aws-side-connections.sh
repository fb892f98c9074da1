#!/usr/bin/env bash
# *Check setup* of one catalog account through its connection (issue 16): the account read with its own key, beside
# another account read through a role that the first account's key assumes (sts:AssumeRole, reused for 13 minutes),
# both emulated (`./gatehouse aws-emulator`) with the same provider and ROLES roles, 100 entitled users each.
# Calls are interleaved so the machine's load falls on both alike; the median of each and their ratio are printed.
#
#   bench/aws-side-connections.sh [calls] [roles]     (defaults 20 and 3; H2; only 127.0.0.1)
# Needs /usr/bin/aws (AWS CLI v2), curl and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
calls="${1:-20}"; roles="${2:-3}"
work="$(mktemp -d)"; emu=""; gh=""
cleanup() { for p in $emu $gh; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
eport="$(free_port)"; gport="$(free_port)"; token="bench-$(date +%s%N)"
a=111111111111; b=222222222222
akey=AKIABENCHCONNA000001; asecret=benchSecretKeyA/abcdefghijklmnopqrstuvwxyz1
bkey=AKIABENCHCONNB000001; bsecret=benchSecretKeyB/abcdefghijklmnopqrstuvwxyz1
emuurl="http://127.0.0.1:$eport"; base="http://127.0.0.1:$gport"
"$root/gatehouse" --version >/dev/null
GATEHOUSE_AWS_ROOT_CREDENTIALS="$a:$akey:$asecret,$b:$bkey:$bsecret" "$root/gatehouse" aws-emulator --port "$eport" \
  --data "$work/emulator" >"$work/emulator.log" 2>&1 &
emu=$!
GATEHOUSE_ADMIN_TOKEN="$token" "$root/gatehouse" serve --port "$gport" --data "$work/gatehouse" >"$work/gatehouse.log" 2>&1 &
gh=$!
until curl -sf "$emuurl/healthz" >/dev/null && curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done
echo "# machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); roles per account: $roles"

aws_as() { local k="$1" s="$2"; shift 2; env -u AWS_PROFILE AWS_ACCESS_KEY_ID="$k" AWS_SECRET_ACCESS_KEY="$s" AWS_CONFIG_FILE=/nonexistent \
  AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" \
  /usr/bin/aws "$@" --endpoint-url "$emuurl" --region us-east-1 >/dev/null; }

app=$(python3 - "$base" "$token" "$emuurl" "$a" "$b" "$roles" <<'PY'
import json, sys, urllib.request
base, token, emu, a, b, roles = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        text = r.read()
        return json.loads(text) if text else None
app = api("POST", "/api/apps", {"template": "aws-account-catalog", "displayName": "Bench"})["id"]
users = [api("POST", "/scim/v2/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": f"user{i}",
         "emails": [{"value": f"user{i}@example.com", "primary": True}], "active": True})["id"] for i in range(100)]
for acct in (a, b):
    api("PUT", f"/api/apps/{app}/accounts/{acct}", {"displayName": acct, "samlProviderName": "Gatehouse", "signInUrl": emu + "/saml"})
    for r in range(roles):
        api("PUT", f"/api/apps/{app}/accounts/{acct}/roles/Role{r}", {"description": "bench", "sessionDurationSeconds": 3600})
        for u in users:
            api("POST", f"/api/apps/{app}/entitlements", {"principalType": "USER", "principalId": u, "accountId": acct, "roleName": f"Role{r}"})
print(app)
PY
)
curl -sf "$base/api/apps/$app/saml-metadata" > "$work/metadata.xml"
for acct in $a $b; do
  if [ "$acct" = "$a" ]; then k=$akey; s=$asecret; else k=$bkey; s=$bsecret; fi
  aws_as "$k" "$s" iam create-saml-provider --name Gatehouse --saml-metadata-document "file://$work/metadata.xml"
  for r in $(seq 0 $((roles - 1))); do
    curl -sf -H "Authorization: Bearer $token" "$base/api/apps/$app/accounts/$acct/roles" \
      | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("roles", d) if isinstance(d, dict) else d; print(d[0]["trustPolicy"])' > "$work/trust.json"
    aws_as "$k" "$s" iam create-role --role-name "Role$r" --assume-role-policy-document "file://$work/trust.json"
    aws_as "$k" "$s" iam attach-role-policy --role-name "Role$r" --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
  done
done
aws_as "$bkey" "$bsecret" iam create-role --role-name GatehouseConnection --assume-role-policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$a:root\"},\"Action\":\"sts:AssumeRole\"}]}"
aws_as "$bkey" "$bsecret" iam attach-role-policy --role-name GatehouseConnection --policy-arn arn:aws:iam::aws:policy/IAMReadOnlyAccess
connect() { curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  "$base/api/apps/$app/aws-connection?account=$1" --data "{\"accessKeyId\":\"$akey\",\"secretAccessKey\":\"$asecret\",$2\"iamEndpoint\":\"$emuurl\",\"stsEndpoint\":\"$emuurl\",\"cloudTrailEndpoint\":\"$emuurl\"}"; }
connect "$a" ""
connect "$b" "\"roleArn\":\"arn:aws:iam::$b:role/GatehouseConnection\","
check() { curl -sf -o "$work/last.json" -w '%{time_total}' -H "Authorization: Bearer $token" "$base/api/apps/$app/checks?account=$1"; }
for _ in 1 2 3; do check "$a" >/dev/null; check "$b" >/dev/null; done
grep -q '"role-exists"' "$work/last.json" || { echo "the live checks did not run:" >&2; cat "$work/last.json" >&2; exit 1; }
for _ in $(seq "$calls"); do echo "own $(check "$a")"; echo "role $(check "$b")"; done > "$work/times"
python3 - "$work/times" "$roles" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    k, v = line.split(); t.setdefault(k, []).append(float(v) * 1000)
own, role = statistics.median(t["own"]), statistics.median(t["role"])
print(f"checks of an account with {sys.argv[2]} roles, 100 entitled users: own key median {own:.1f} ms; "
      f"through an assumed role median {role:.1f} ms; ratio {role / own:.2f}")
PY
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
