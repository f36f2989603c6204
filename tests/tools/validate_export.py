#!/usr/bin/env python3
"""Independent checks of PackGrade's marketplace export (the tests run this; needs jsonschema).

  validate_export.py json SCHEMA FILE     validate an export JSON file against docs/export.schema.json
  validate_export.py upload SCHEMA LEDGER validate every record the test server kept (upload_record)
  validate_export.py csv FILE             read a CSV export with Python's csv module, print its rows
                                          as a JSON list of objects (header -> cell text)
Exit 0 when valid, 1 with one line per problem on stderr.
"""
import csv
import json
import sys


def validator(schema_path, definition=None):
    import jsonschema
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    if definition:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                  "$ref": "#/$defs/" + definition}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def report(errors, where):
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path)
        print(f"{where}: /{path}: {e.message}", file=sys.stderr)
    return 1 if errors else 0


def check_json(schema_path, path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    errors = list(validator(schema_path).iter_errors(doc))
    if doc.get("count") != len(doc.get("records", [])):
        print(f"{path}: count {doc.get('count')} != {len(doc.get('records', []))} records",
              file=sys.stderr)
        return 1
    return report(errors, path)


def check_upload(schema_path, ledger_path):
    with open(ledger_path, encoding="utf-8") as f:
        ledger = json.load(f)
    v = validator(schema_path, "upload_record")
    status = 0
    for key, body in ledger["bodies"].items():
        record = json.loads(body)
        status |= report(list(v.iter_errors(record)), f"{ledger_path}[{key}]")
        signed = record.get("signed_certificate", {})
        if signed.get("signature", {}).get("contentSha256") != record.get("certificate_sha256"):
            print(f"{ledger_path}[{key}]: certificate_sha256 is not the envelope's", file=sys.stderr)
            status = 1
    return status


def dump_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, strict=True))
    json.dump(rows, sys.stdout, ensure_ascii=False)
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "json":
        return check_json(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "upload":
        return check_upload(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "csv":
        return dump_csv(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
