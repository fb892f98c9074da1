#!/usr/bin/env bash
# What `gatehouse aws credentials` adds to every AWS CLI command when it is the profile's credential_process and
# its credentials are cached: wall time of `aws sts get-caller-identity` with static keys in the environment, beside
# the same call through a profile whose credential_process is `./gatehouse aws credentials` (cached path), and
# the credential_process alone.
#
#   bench/cli-credentials.sh [runs]      (default 10; the median and mean of each are printed)
#
# The emulated AWS account (`./gatehouse aws-emulator`, H2 in a temporary directory) answers the calls; the cached
# credentials are its root key (the cached path never looks inside them). Only 127.0.0.1 is used.
# Needs /usr/bin/aws (AWS CLI v2), curl and python3. Raw results: target/bench/cli-credentials-TIMESTAMP.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
runs="${1:-10}"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || { echo "runs must be a positive integer" >&2; exit 2; }
work="$(mktemp -d)"; emu=""
cleanup() { [ -n "$emu" ] && kill "$emu" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
port="$(free_port)"; account=123456789012; akid=AKIABENCHCLI00000001; secret=benchSecretKey/abcdefghijklmnopqrstuvwxyz12

"$root/gatehouse" aws --help >/dev/null   # builds the jar and the client's class-data archive when missing
GATEHOUSE_AWS_ROOT_CREDENTIALS="$account:$akid:$secret" "$root/gatehouse" aws-emulator --port "$port" \
  --data "$work/emulator" >"$work/emulator.log" 2>&1 &
emu=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$emu" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }; sleep 0.05
done

mkdir -p "$work/home/.cache/gatehouse"
printf 'AccessKeyId=%s\nSecretAccessKey=%s\nExpiration=2999-01-01T00\\:00\\:00Z\nExpiresAtMillis=32472144000000\n' "$akid" "$secret" \
  > "$work/home/.cache/gatehouse/creds-any-$account-Bench.properties"
chmod 600 "$work/home/.cache/gatehouse/"*
printf '[profile bench]\ncredential_process = %s aws credentials --account %s --role Bench\nregion = us-east-1\n' \
  "$root/gatehouse" "$account" > "$work/config"

common=(env -u AWS_PROFILE HOME="$work/home" XDG_CACHE_HOME="$work/home/.cache" AWS_CONFIG_FILE="$work/config"
        AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_PAGER="")
static() { "${common[@]}" AWS_ACCESS_KEY_ID="$akid" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 \
  /usr/bin/aws sts get-caller-identity --endpoint-url "http://127.0.0.1:$port" >/dev/null; }
profile() { "${common[@]}" /usr/bin/aws sts get-caller-identity --profile bench --endpoint-url "http://127.0.0.1:$port" >/dev/null; }
alone() { "${common[@]}" "$root/gatehouse" aws credentials --account "$account" --role Bench >/dev/null; }
# The floor of any JVM-based credential_process: an empty JVM start with the same options.
floor() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms8m -Xmx64m -Xshare:auto -version 2>/dev/null; }

echo "# $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
static; profile; alone   # warm the file cache; each must work
ms() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for _ in $(seq "$runs"); do   # interleaved, so machine load falls on all three alike
  echo "static $(ms static)"; echo "profile $(ms profile)"; echo "alone $(ms alone)"; echo "floor $(ms floor)"
done > "$work/times"
mkdir -p "$root/target/bench"; out="$root/target/bench/cli-credentials-$(date -u +%Y%m%dT%H%M%SZ).txt"
cp "$work/times" "$out"
python3 - "$work/times" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    k, v = line.split(); t.setdefault(k, []).append(int(v))
med = {k: statistics.median(v) for k, v in t.items()}
for k, label in [("static", "aws sts get-caller-identity, static keys"),
                 ("profile", "same, credential_process = gatehouse aws credentials (cached)"),
                 ("alone", "gatehouse aws credentials alone (cached)"),
                 ("floor", "an empty JVM start, same options (java -version)")]:
    print(f"{label:64s} median {med[k]:6.0f} ms  mean {statistics.mean(t[k]):6.0f} ms  (n={len(t[k])})")
print(f"{'added by credential_process (median profile - median static)':64s} {med['profile'] - med['static']:6.0f} ms")
PY
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw: $out"
