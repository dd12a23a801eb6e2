"""Validate a year's Fiscal Data Package with the `frictionless` package (PyPI), reading
it over HTTP from the server the Rust test started.

frictionless checks the "fiscal-data-package" profile against the JSON Schema it downloads
from specs.frictionlessdata.io. Without network access (a sandboxed test machine) that
download fails; the package is then validated as a tabular data package — descriptor,
Table Schemas and every row of every resource — and "fdp_profile_checked" says so.

stdin: {"url": ".../anggaran/2026/datapackage.json"}
stdout (last line): {"valid": bool, "fdp_profile_checked": bool, "errors": [...],
"resources": {name: {"rows": n, "sums": {column: total}}}}
"""

import json
import sys

import requests
from frictionless import FrictionlessException, Package, validate


def errors_of(report):
    out = [e.to_dict().get("note") for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            d = e.to_dict()
            out.append({k: d.get(k) for k in ("type", "note", "rowNumber", "fieldName")})
    return out[:20]


def main():
    url = json.load(sys.stdin)["url"]
    basepath = url.rsplit("/", 1)[0]
    descriptor = requests.get(url, timeout=30).json()
    fdp_checked = True
    try:
        report = validate(url)
    except FrictionlessException as e:
        if "specs.frictionlessdata.io" not in str(e):
            raise
        fdp_checked = False
        offline = dict(descriptor, profile="tabular-data-package")
        report = Package(offline, basepath=basepath).validate()
    if report.stats.get("errors", 0) and "specs.frictionlessdata.io" in json.dumps(errors_of(report)):
        fdp_checked = False
        offline = dict(descriptor, profile="tabular-data-package")
        report = Package(offline, basepath=basepath).validate()
    package = Package(dict(descriptor, profile="tabular-data-package"), basepath=basepath)
    resources = {}
    for resource in package.resources:
        sums = {"approved": 0, "adjusted": 0, "executed": 0}
        rows = 0
        with resource:
            for row in resource.row_stream:
                rows += 1
                for column in sums:
                    if row[column] is not None:
                        sums[column] += row[column]
        resources[resource.name] = {"rows": rows, "sums": sums}
    print(json.dumps({
        "valid": report.valid,
        "fdp_profile_checked": fdp_checked,
        "errors": errors_of(report),
        "resources": resources,
    }))


if __name__ == "__main__":
    main()
