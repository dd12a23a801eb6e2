"""Parse the portal's DCAT with rdflib (PyPI): the catalogue and one dataset, each in JSON-LD
and Turtle; both serialisations must be the same graph (rdflib.compare.isomorphic), and the
expected DCAT terms must be there.

stdin: {"address": "http://127.0.0.1:PORT", "base": "<public_url>", "dataset": "jumlah-sekolah"}
stdout (last line): {"catalog_isomorphic": bool, "dataset_isomorphic": bool, "triples": n,
"datasets": [...], "checks": {...}}
"""

import json
import sys
import urllib.request

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return r.headers.get("Content-Type"), r.read().decode("utf-8")


def parse(address, path, fmt):
    content_type, text = fetch(address + path)
    g = Graph()
    g.parse(data=text, format=fmt)
    return content_type, g


def main():
    args = json.load(sys.stdin)
    address, base, name = args["address"], args["base"], args["dataset"]
    out = {"checks": {}}

    ct_jsonld, cat_jsonld = parse(address, "/catalog.jsonld", "json-ld")
    ct_ttl, cat_ttl = parse(address, "/catalog.ttl", "turtle")
    out["content_types"] = [ct_jsonld, ct_ttl]
    out["catalog_isomorphic"] = isomorphic(cat_jsonld, cat_ttl)
    out["triples"] = len(cat_ttl)
    catalog = URIRef(base + "/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in cat_ttl
    out["datasets"] = sorted(str(d)[len(base) + len("/dataset/"):] for d in cat_ttl.objects(catalog, DCAT.dataset))

    _, ds_jsonld = parse(address, f"/dataset/{name}.jsonld", "json-ld")
    _, ds_ttl = parse(address, f"/dataset/{name}.ttl", "turtle")
    out["dataset_isomorphic"] = isomorphic(ds_jsonld, ds_ttl)
    g = ds_ttl
    ds = URIRef(f"{base}/dataset/{name}")
    checks = out["checks"]
    checks["type"] = (ds, RDF.type, DCAT.Dataset) in g
    checks["title"] = [(str(t), t.language) for t in g.objects(ds, DCTERMS.title)]
    checks["keywords"] = sorted(str(k) for k in g.objects(ds, DCAT.keyword))
    publisher = g.value(ds, DCTERMS.publisher)
    checks["publisher"] = str(g.value(publisher, FOAF.name))
    contact = g.value(ds, DCAT.contactPoint)
    checks["contact"] = [str(g.value(contact, VCARD.fn)), str(g.value(contact, VCARD.hasEmail))]
    checks["license"] = str(g.value(ds, DCTERMS.license))
    checks["periodicity"] = str(g.value(ds, DCTERMS.accrualPeriodicity))
    period = g.value(ds, DCTERMS.temporal)
    start = g.value(period, DCAT.startDate)
    checks["temporal"] = [str(start), str(start.datatype), str(g.value(period, DCAT.endDate))]
    checks["spatial"] = [str(s) for s in g.objects(ds, DCTERMS.spatial)]
    modified = g.value(ds, DCTERMS.modified)
    checks["modified_type"] = str(modified.datatype)
    checks["landing"] = str(g.value(ds, DCAT.landingPage))
    checks["themes"] = sorted(str(t) for t in g.objects(ds, DCAT.theme))
    dists = list(g.objects(ds, DCAT.distribution))
    checks["distributions"] = [
        {
            "format": str(g.value(d, DCTERMS.format)),
            "download": str(g.value(d, DCAT.downloadURL)),
            "media": str(g.value(d, DCAT.mediaType)),
            "license": str(g.value(d, DCTERMS.license)),
        }
        for d in dists
    ]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
