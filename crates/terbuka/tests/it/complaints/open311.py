"""Drive Terbuka's Open311 GeoReport v2 endpoint with a real client (spawned by open311.rs).

Reads one JSON object from standard input:
    {"root": "http://127.0.0.1:PORT/open311/v2", "api_key": str,
     "public": code, "anonymous": code, "confidential": code, "personal": [str, ...]}

Reading goes through `georeport` (PyPI), a GeoReport v2 client, in both of its formats
(JSON and XML). No maintained PyPI client posts requests on Python 3 (`three` and `open311`
are Python 2 only), so the POSTs are plain form posts with `requests` — the same library
georeport itself uses — and are then read back through georeport.

Prints one line per check and, last, a JSON summary {"checks": n, "posted": {fmt: code}};
exits 1 when a check fails, 2 when the packages are missing.
"""

import json
import sys

try:
    import requests
    import xmltodict
    from georeport import GeoReport
except ImportError as err:  # the Rust test checks for the packages before spawning us
    print(f"missing Python package: {err}", file=sys.stderr)
    sys.exit(2)


def as_list(value):
    """xmltodict gives a dict for one repeated element and a list for several."""
    return value if isinstance(value, list) else [value]


def main():
    cfg = json.load(sys.stdin)
    root = cfg["root"]
    failures = []
    checks = 0
    posted = {}

    def check(ok, what):
        nonlocal checks
        checks += 1
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    for fmt in ("json", "xml"):
        client = GeoReport(root, output_format=fmt)

        services = as_list(client.get_service_list())
        codes = [s["service_code"] for s in services]
        check("jalan-jembatan" in codes, f"{fmt}: the services include jalan-jembatan: {codes}")

        definition = client.get_service_definition("jalan-jembatan")
        attributes = definition["attributes"]
        if fmt == "xml":
            attributes = as_list(attributes["attribute"])
        check(
            [a["code"] for a in attributes] == ["kind", "title", "region", "privacy"],
            f"{fmt}: the definition has kind, title, region, privacy",
        )

        found = as_list(client.get_service_requests(status="open"))
        ids = [r["service_request_id"] for r in found]
        check(
            cfg["public"] in ids and cfg["anonymous"] in ids and cfg["confidential"] not in ids,
            f"{fmt}: open requests list public and anonymous, not confidential: {ids}",
        )

        one = client.get_service_request(cfg["anonymous"])
        check(
            one["service_request_id"] == cfg["anonymous"] and one["status"] == "open",
            f"{fmt}: one request by id",
        )

        raw = ""
        for path in (f"requests.{fmt}", f"requests/{cfg['public']}.{fmt}"):
            raw += requests.get(f"{root}/{path}", timeout=30).text
        leaked = [p for p in cfg["personal"] if p in raw]
        check(not leaked, f"{fmt}: no personal data in the answers: {leaked}")

        form = {
            "api_key": cfg["api_key"],
            "service_code": "jalan-jembatan",
            "description": f"Lampu penerangan jalan mati sepanjang satu kilometer ({fmt}).",
            "lat": "-7.1502",
            "long": "111.8817",
            "address_string": "Jalan MH Thamrin",
            "attribute[region]": "35.22.15",
            "attribute[privacy]": "anonymous",
            "email": "pelapor.aplikasi@example.id",
        }
        response = requests.post(f"{root}/requests.{fmt}", data=form, timeout=30)
        if fmt == "json":
            answer = response.json()[0] if response.ok else {}
        else:
            answer = xmltodict.parse(response.content)["service_requests"]["request"] if response.ok else {}
        code = answer.get("service_request_id") or ""
        check(
            response.status_code == 200 and code.startswith("ADU-"),
            f"{fmt}: POST with the key answers a service_request_id: {response.status_code} {response.text[:200]}",
        )
        posted[fmt] = code

        if code:
            again = client.get_service_request(code)
            check(
                again["service_request_id"] == code and again["service_code"] == "jalan-jembatan",
                f"{fmt}: the posted request reads back through georeport",
            )
        else:
            check(False, f"{fmt}: the posted request reads back through georeport")

        response = requests.post(
            f"{root}/requests.{fmt}", data={**form, "api_key": "bukan-kunci"}, timeout=30
        )
        if fmt == "json":
            error = response.json()[0]
            code_403 = error.get("code") == 403
        else:
            error = xmltodict.parse(response.content)["errors"]["error"]
            code_403 = error.get("code") == "403"
        check(
            response.status_code == 403 and code_403 and error.get("description"),
            f"{fmt}: a wrong key is a 403 in the spec's error shape",
        )

    print(json.dumps({"checks": checks, "posted": posted, "failures": failures}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
