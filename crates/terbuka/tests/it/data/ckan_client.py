"""Harvest the portal with the real CKAN client, `ckanapi` (PyPI), the way a harvester of
the national Satu Data portal or another CKAN would: package_list then package_show for
each name, package_search paged with rows/start until every dataset has been seen, the
organisation, group and tag lists, resource_show, status_show, and the errors ckanapi turns
back into its exceptions.

stdin: {"address": "http://127.0.0.1:PORT"}
stdout (last line): {"harvested": [...], "paged": [...], "organizations": [...], ...}
"""

import json
import sys

import ckanapi


def main():
    args = json.load(sys.stdin)
    ckan = ckanapi.RemoteCKAN(args["address"], user_agent="terbuka-test-harvester/1.0")
    out = {}

    # 1. package_list → package_show for each name (ckanapi POSTs JSON to /api/action/…).
    harvested = []
    for name in ckan.action.package_list():
        package = ckan.action.package_show(id=name)
        assert package["name"] == name, package
        assert package["type"] == "dataset" and package["private"] is False
        assert package["num_resources"] == len(package["resources"])
        for resource in package["resources"]:
            assert resource["package_id"] == package["id"]
        harvested.append(name)
    out["harvested"] = sorted(harvested)

    # 2. package_search paged two at a time until the count is reached.
    seen, start = [], 0
    while True:
        page = ckan.action.package_search(q="*:*", rows=2, start=start, sort="name asc")
        seen.extend(p["name"] for p in page["results"])
        start += 2
        if start >= page["count"]:
            break
    out["paged"] = sorted(seen)

    # 3. The same through GET only (some harvesters never POST).
    getter = ckanapi.RemoteCKAN(args["address"], get_only=True)
    facets = getter.action.package_search(
        fq='res_format:"CSV"', **{"facet.field": json.dumps(["organization"])}
    )
    assert facets["count"] == 3, facets
    assert facets["facets"]["organization"] == {"disdik": 1, "distan": 2}, facets["facets"]

    out["organizations"] = ckan.action.organization_list()
    full = ckan.action.organization_list(all_fields=True)
    assert all("package_count" in o for o in full), full
    org = ckan.action.organization_show(id="distan", include_datasets=True)
    assert sorted(p["name"] for p in org["packages"]) == ["produksi-padi", "produksi-padi-kecamatan"], org
    out["groups"] = [g for g in ckan.action.group_list() if g in ("ekonomi", "lingkungan", "pendidikan", "pertanian")]
    out["tags_with_pe"] = ckan.action.tag_list(query="pe")

    package = ckan.action.package_show(id="produksi-padi")
    resource = ckan.action.resource_show(id=package["resources"][0]["id"])
    out["resource_format"] = resource["format"]
    out["status_ckan_version"] = ckan.action.status_show()["ckan_version"]

    listed = ckan.action.current_package_list_with_resources(limit=10)
    assert len(listed) == 4 and all("resources" in p for p in listed), listed

    # 4. The datastore through ckanapi: a filter, a sort, the fields and the total.
    rows = ckan.action.datastore_search(
        resource_id=args["resource_id"],
        filters={"tahun": 2024},
        sort="produksi desc",
        limit=1,
    )
    out["datastore"] = {
        "total": rows["total"],
        "first": rows["records"][0]["kecamatan"],
        "fields": [f["id"] for f in rows["fields"]],
    }

    # 5. Errors come back as ckanapi's exceptions.
    errors = {}
    try:
        ckan.action.package_show(id="tidak-ada")
    except ckanapi.NotFound:
        errors["not_found"] = "NotFound"
    try:
        ckan.action.package_search(fq="tags:a OR tags:b")
    except ckanapi.ValidationError as e:
        assert "fq" in e.error_dict, e.error_dict
        errors["validation"] = "ValidationError"
    try:
        ckan.action.package_create(name="baru", owner_org="disdik")
    except ckanapi.NotAuthorized:
        errors["authorization"] = "NotAuthorized"
    out["errors"] = errors

    print(json.dumps(out))


if __name__ == "__main__":
    main()
