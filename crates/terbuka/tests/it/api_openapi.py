"""Check the OpenAPI document and real responses against it (spawned by api_openapi.rs).

Reads from standard input one JSON object:
    {"document": <the served /api/v1/openapi.json>,
     "cases": [{"name": str, "path": "/api/v1/regions/{code}", "method": "get",
                "status": 200, "body": <the JSON body the server answered>}, ...]}

1. The document must be a valid OpenAPI 3.1 document (openapi-spec-validator checks it
   against the OpenAPI 3.1 meta-schema, including every schema in it).
2. Each case's body must validate against the schema the document gives for that path,
   method, status and `application/json` (jsonschema, JSON Schema 2020-12, with formats
   such as `date-time` checked); `$ref`s resolve inside the document.

Prints one line per check; exits 1 when anything fails, 2 when the packages are missing.
"""

import json
import sys
from urllib.parse import quote

try:
    import jsonschema
    from openapi_spec_validator import validate as validate_spec
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as err:  # the Rust test checks for the packages before spawning us
    print(f"missing Python package: {err}", file=sys.stderr)
    sys.exit(2)

DOC_URI = "urn:terbuka:openapi"


def pointer(*parts):
    """A JSON pointer (RFC 6901) to parts, percent-encoded for use in a URI fragment."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return quote("/" + "/".join(escaped), safe="/~")


def main():
    data = json.load(sys.stdin)
    document = data["document"]
    failures = []

    try:
        validate_spec(document)
        print("ok: the document is valid OpenAPI 3.1")
    except Exception as err:  # noqa: BLE001 — report whatever the validator says
        failures.append(f"the document is not valid OpenAPI 3.1: {err}")

    registry = Registry().with_resource(
        DOC_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    for case in data["cases"]:
        name = case["name"]
        status = str(case["status"])
        operation = document.get("paths", {}).get(case["path"], {}).get(case["method"])
        if operation is None:
            failures.append(f"{name}: {case['method'].upper()} {case['path']} is not documented")
            continue
        response = operation.get("responses", {}).get(status)
        if response is None:
            failures.append(f"{name}: status {status} is not documented")
            continue
        # A response may itself be a reference to components/responses.
        response_ptr = pointer("paths", case["path"], case["method"], "responses", status)
        if "$ref" in response:
            response_ptr = quote(response["$ref"][1:], safe="/~")
            response = registry.resolver().lookup(f"{DOC_URI}#{response_ptr}").contents
        if "application/json" not in response.get("content", {}):
            failures.append(f"{name}: status {status} has no application/json schema")
            continue
        schema_ptr = response_ptr + pointer("content", "application/json", "schema")
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{DOC_URI}#{schema_ptr}"},
            registry=registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        errors = sorted(validator.iter_errors(case["body"]), key=lambda e: list(e.path))
        if errors:
            for error in errors[:10]:
                where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                failures.append(f"{name}: at {where}: {error.message}")
        else:
            print(f"ok: {name}")

    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
