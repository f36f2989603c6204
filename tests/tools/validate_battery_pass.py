#!/usr/bin/env python3
"""Validates the "batteryPass" section of a PackGrade certificate against the Battery Pass JSON
Schemas v1.2.0 (jsonschema, Draft 2020-12). Usage: validate_battery_pass.py CERT.json SCHEMA_DIR

Each attribute is validated against the schema definition its parent entity points to, and every
attribute name must be one the entity defines (the schemas allow unknown names; we do not). The
condition and technical-property objects are partial (a bench does not measure energy throughput
or round-trip efficiency), so their "required" lists are not enforced. Prints one line per problem
and exits 1 when there is any."""
import json
import sys

import jsonschema

PARTS = [  # (path in batteryPass, schema file, entity whose properties name the attributes)
    (("performance", "batteryCondition"), "PerformanceAndDurability-schema.json", "BatteryConditionEntity"),
    (("performance", "batteryTechicalProperties"), "PerformanceAndDurability-schema.json", "BatteryTechnicalPropertiesEntity"),
    (("generalProductInformation",), "GeneralProductInformation-schema.json", None),
]


def validator(schema_doc, ref):
    schema = {"components": schema_doc["components"], "$ref": ref}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def check_part(part, schema_doc, entity, problems, where):
    props = schema_doc["components"]["schemas"][entity]["properties"] if entity else schema_doc["properties"]
    for name, value in part.items():
        if name not in props:
            problems.append(f"{where}.{name}: not an attribute of {entity or 'the aspect'}")
            continue
        for error in validator(schema_doc, props[name]["$ref"]).iter_errors(value):
            problems.append(f"{where}.{name}: {error.message}")


def main():
    cert = json.load(open(sys.argv[1], encoding="utf-8"))
    content = cert.get("certificate", cert)
    section = content["batteryPass"]
    problems = []
    for path, file, entity in PARTS:
        schema_doc = json.load(open(f"{sys.argv[2]}/{file}", encoding="utf-8"))
        part = section
        for key in path:
            part = part[key]
        check_part(part, schema_doc, entity, problems, ".".join(("batteryPass",) + path))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
