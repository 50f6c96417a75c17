"""Checks API answers against the OpenAPI document they came with.

Reads {"doc": <openapi.json>, "records": [{"template", "status", "body"}]} on stdin:
- the document must be valid OpenAPI 3.1 (openapi-spec-validator);
- every answer's status must be documented for its route, and its body must match that
  response's schema (jsonschema, draft 2020-12, dates checked), with no field the schema
  does not name;
- every documented route must have been answered 200 at least once.
Prints what is wrong and exits 1, or prints a summary.
"""

import copy
import json
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


def closed(schema):
    """The schema with `additionalProperties: false` on every object that lists properties."""
    if isinstance(schema, dict):
        out = {k: closed(v) for k, v in schema.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(v) for v in schema]
    return schema


def main():
    data = json.load(sys.stdin)
    doc = data["doc"]
    validate(doc)
    components = closed(copy.deepcopy(doc.get("components", {})))
    problems = []
    ok_routes = set()
    for r in data["records"]:
        op = doc["paths"].get(r["template"], {}).get("get")
        where = f'{r["template"]} ({r.get("url", "")}) {r["status"]}'
        if op is None:
            problems.append(f"{where}: route not documented")
            continue
        response = op.get("responses", {}).get(str(r["status"]))
        if response is None:
            problems.append(f"{where}: status not documented")
            continue
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            problems.append(f"{where}: no JSON schema documented")
            continue
        # Local references (#/components/...) resolve against this root.
        root = dict(closed(schema), components=components)
        validator = Draft202012Validator(
            root, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for e in validator.iter_errors(r["body"]):
            path = "/".join(str(p) for p in e.absolute_path)
            problems.append(f"{where}: at /{path}: {e.message}")
        if r["status"] == 200:
            ok_routes.add(r["template"])
    for template, item in doc["paths"].items():
        if "get" in item and template not in ok_routes:
            problems.append(f"{template}: never answered 200 in this check")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"{len(data['records'])} answers match the document's {len(doc['paths'])} routes")


if __name__ == "__main__":
    main()
