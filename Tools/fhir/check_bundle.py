#!/usr/bin/env python3
"""Validates a Myotrace FHIR export against the FHIR R4 (4.0.1) models of fhir.resources 6.4.x.

    python Tools/fhir/check_bundle.py bundle.json

Exit status 0 when the bundle parses as an R4 Bundle with every resource valid and every
reference resolving to an entry's fullUrl; 1 with the problems on standard error otherwise;
2 when fhir.resources (the 6.x line, FHIR R4) is not installed.
"""
import json
import sys

try:
    import fhir.resources
    from fhir.resources.bundle import Bundle
except ImportError as error:  # the Swift test skips on status 2
    print(f"fhir.resources is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def references(value):
    """Every 'reference' string anywhere in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 1
    if getattr(fhir.resources, "__fhir_version__", "") != "4.0.1":
        print(f"fhir.resources {fhir.resources.__version__} models FHIR {fhir.resources.__fhir_version__}, not R4 4.0.1",
              file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    problems = []
    try:
        Bundle.parse_obj(data)
    except Exception as error:  # pydantic's ValidationError lists every field at fault
        problems.append(f"not a valid FHIR R4 Bundle: {error}")
    urls = {entry.get("fullUrl") for entry in data.get("entry", [])}
    for ref in references(data):
        if ref not in urls:
            problems.append(f"reference {ref} does not resolve to an entry of the bundle")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"valid FHIR R4 bundle: {len(data.get('entry', []))} entries, every reference resolves")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
