"""The JSON Schema of the exchange bundle, shipped in the package (``SCHEMA_FILE``) so other
programs can validate a bundle without WatchDesk.

It is generated from :mod:`watchdesk.exchange.format` (and so from the database's own
rules); a test fails when the shipped file is out of date. Regenerate it with
``python -m watchdesk.exchange.schema``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from watchdesk.exchange.format import (
    DATE_SCHEMA,
    DATETIME_SCHEMA,
    FORMAT_NAME,
    FORMAT_VERSION,
    PROFILES,
    UUID_SCHEMA,
    entity_specs,
)

SCHEMA_FILE = Path(__file__).with_name(f"{FORMAT_NAME}-{FORMAT_VERSION}.schema.json")
FILE_NAME_PATTERN = "^[a-z_]+\\.json$"


def _manifest() -> dict[str, Any]:
    nullable_date = {**DATE_SCHEMA, "type": ["string", "null"]}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "format",
            "format_version",
            "program",
            "group",
            "period",
            "created_at",
            "profile",
            "files",
        ],
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"const": FORMAT_VERSION},
            "program": {"type": "string", "maxLength": 100},
            "group": {
                "type": "object",
                "additionalProperties": False,
                "required": ["uuid", "name"],
                "properties": {
                    "uuid": UUID_SCHEMA,
                    "name": {"type": "string", "maxLength": 200},
                },
            },
            "period": {
                "type": "object",
                "additionalProperties": False,
                "required": ["from", "to"],
                "properties": {"from": nullable_date, "to": nullable_date},
            },
            "created_at": DATETIME_SCHEMA,
            "profile": {"enum": list(PROFILES)},
            "notice": {"type": "string", "maxLength": 1000},
            "files": {
                "type": "object",
                "maxProperties": 64,
                "propertyNames": {"pattern": FILE_NAME_PATTERN, "maxLength": 69},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["records", "bytes", "sha256"],
                    "properties": {
                        "records": {"type": "integer", "minimum": 0},
                        "bytes": {"type": "integer", "minimum": 0},
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    },
                },
            },
        },
    }


def build_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {"manifest": _manifest()}
    for entity in entity_specs():
        definitions[entity.name] = {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in entity.fields],
            "properties": {f.name: f.schema() for f in entity.fields},
        }
        definitions[f"{entity.name}_file"] = {
            "type": "array",
            "items": {"$ref": f"#/definitions/{entity.name}"},
        }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"urn:watchdesk:{FORMAT_NAME}:{FORMAT_VERSION}",
        "title": f"WatchDesk exchange bundle, format version {FORMAT_VERSION}",
        "description": (
            "manifest.json validates against #/definitions/manifest; each entity file "
            "NAME.json against #/definitions/NAME_file. See docs/exchange-format.md."
        ),
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def shipped_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {SCHEMA_FILE}")
