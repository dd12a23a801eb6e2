"""Validate a dataset's Frictionless Data Package with `frictionless` (PyPI): the descriptor,
its Table Schemas, and every row of its tabular resources read over HTTP from the server the
Rust test started. The descriptor's absolute addresses use the portal's public address; the
test maps them onto the test server first.

stdin: {"address": "http://127.0.0.1:PORT", "base": "<public_url>", "name": "..."}
stdout (last line): {"valid": bool, "errors": [...], "resources": {name: {"rows": n,
"first": {...}, "profile": "..."}}, "descriptor": {...}}
"""

import gzip
import json
import os
import sys
import tempfile
import urllib.request

from frictionless import Package, Resource, validate


def errors_of(report):
    out = [e.to_dict().get("note") for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            d = e.to_dict()
            out.append({k: d.get(k) for k in ("type", "note", "rowNumber", "fieldName")})
    return out[:20]


def main():
    args = json.load(sys.stdin)
    address, base = args["address"], args["base"]
    with urllib.request.urlopen(f"{address}/data/{args['name']}/datapackage.json") as r:
        descriptor = json.loads(r.read().decode("utf-8"))
    out = {"descriptor": descriptor}
    local = json.loads(json.dumps(descriptor))
    tmp = tempfile.mkdtemp(prefix="terbuka-datapackage-")
    for i, res in enumerate(local["resources"]):
        if res["path"].startswith(base):
            url = address + res["path"][len(base):]
            # Fetched here without compression and validated from a file: a gzip-encoded
            # download of a streamed export is checked separately ("gzip_download").
            with urllib.request.urlopen(url) as r:
                data = r.read()
            path = os.path.join(tmp, f"{i}.csv")
            with open(path, "wb") as f:
                f.write(data)
            res["path"] = f"{i}.csv"
            try:
                req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(req) as r:
                    body = r.read()
                    if r.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)
                out["gzip_download"] = body == data
            except Exception as e:  # reported, not fatal: see the Rust test
                out["gzip_download"] = repr(e)[:200]
    # Only the tabular resources are fetched (the others are links to elsewhere).
    tabular = dict(local, resources=[r for r in local["resources"] if r.get("profile") == "tabular-data-resource"])
    report = validate(tabular, basepath=tmp)
    out["valid"] = report.valid
    out["errors"] = errors_of(report)
    # The whole descriptor (links and files included) against the Data Package profile.
    whole = Package.validate_descriptor(descriptor)
    out["descriptor_valid"] = whole.valid
    out["descriptor_errors"] = errors_of(whole)
    resources = {}
    for res in tabular["resources"]:
        rows = Resource(res, basepath=tmp).read_rows()
        resources[res["name"]] = {
            "rows": len(rows),
            "first": {k: (v.isoformat() if hasattr(v, "isoformat") else (float(v) if type(v).__name__ == "Decimal" else v)) for k, v in rows[0].items()} if rows else None,
        }
    out["resources"] = resources
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
