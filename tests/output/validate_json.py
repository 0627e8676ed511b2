"""Validates JSON documents against carecast's schemas (docs/schemas/):
validate_json.py SCHEMA_DIR SCHEMA DOCUMENT [SCHEMA DOCUMENT ...]
SCHEMA is a name such as `compare` (docs/schemas/compare.schema.json). Besides the
schema, a command's output must begin with schema_version, provenance and what it
describes, in that order (docs/outputs.md); a .meta.json record (schema `meta`) with
schema_version. Prints one line per document that fails, and exits 1 if any does."""
import json
import pathlib
import sys

import jsonschema

# What each output describes, right after its head.
SUBJECT = {
    "diff": ["a", "b"],
    "calibrate": ["history"],
    "validate": ["scenarios"],
    "batch": ["scenarios"],
    "meta": [],
}

schema_dir = pathlib.Path(sys.argv[1])
schemas = {
    path.name: json.loads(path.read_text()) for path in sorted(schema_dir.glob("*.schema.json"))
}
for schema in schemas.values():
    jsonschema.Draft202012Validator.check_schema(schema)


def inlined(schema):
    """`schema` with each reference to another file (`"$ref": "provenance.schema.json"`)
    replaced by that file's schema, so that no resolver is needed."""
    if isinstance(schema, list):
        return [inlined(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        referred = {k: v for k, v in schemas[schema["$ref"]].items() if k not in ("$schema", "$id")}
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return {**inlined(referred), **inlined(rest)}
    return {key: inlined(value) for key, value in schema.items()}


def problems(name, document_path):
    validator = jsonschema.Draft202012Validator(inlined(schemas[f"{name}.schema.json"]))
    try:
        document = json.loads(pathlib.Path(document_path).read_text())
    except ValueError as error:
        return [f"not JSON: {error}"]
    found = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]
    if isinstance(document, dict):
        head = ["schema_version"] if name == "meta" else ["schema_version", "provenance"]
        head += SUBJECT.get(name, ["scenario"])
        if list(document)[: len(head)] != head:
            found.append(f"begins with {list(document)[:len(head)]}, not {head}")
    return found


failed = 0
pairs = sys.argv[2:]
for name, document_path in zip(pairs[0::2], pairs[1::2]):
    for problem in problems(name, document_path)[:5]:
        print(f"{document_path} ({name}.schema.json): {problem}")
        failed = 1
sys.exit(failed)
