"""JSON Schemas for the project's YAML files, generated from the pydantic models.

The schemas are committed in ``schemas/`` and referenced from each YAML file
(``# yaml-language-server: $schema=...``) so editors complete and validate fields.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .categories import CategoriesFile
from .model import FactFile, LessonsFile, SourceMeta
from .qtypes import REGISTRY
from .quizmodel import QuizFile
from .yamlio import atomic_write_text

#: file name in schemas/ -> (model, title)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "facts.schema.json": (FactFile, "factquiz fact file"),
    "lessons.schema.json": (LessonsFile, "factquiz lessons list"),
    "source.schema.json": (SourceMeta, "factquiz source front matter"),
    "quiz.schema.json": (QuizFile, "factquiz quiz file"),
    "categories.schema.json": (CategoriesFile, "factquiz answer categories"),
}


def with_question_types(schema: dict[str, Any]) -> dict[str, Any]:
    """A quiz file's schema with the registered types as ``mix``'s only keys and as the
    values of an instructor question's ``type`` (the model leaves the names to the
    registry, a layer above it)."""
    mix = schema["properties"]["mix"]
    weights = next(s for s in mix["anyOf"] if s.get("type") == "object")
    weight = weights.pop("additionalProperties")
    weights["properties"] = {name: {**weight, "description": qtype.title.capitalize() + "."}
                             for name, qtype in REGISTRY.items()}
    weights["additionalProperties"] = False
    kind = schema["$defs"]["InstructorQuestion"]["properties"]["type"]
    kind["enum"] = list(REGISTRY)
    return schema


def schema_text(model: type[BaseModel], title: str) -> str:
    """The JSON Schema of ``model`` as stable, pretty JSON text."""
    schema = model.model_json_schema()
    if model is QuizFile:
        schema = with_question_types(schema)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def expected_schemas() -> dict[str, str]:
    return {name: schema_text(model, title) for name, (model, title) in SCHEMAS.items()}


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files in ``directory`` that are missing or out of date."""
    return [name for name, text in expected_schemas().items()
            if not (directory / name).is_file()
            or (directory / name).read_text(encoding="utf-8") != text]


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema that changed; returns the paths written."""
    written = []
    for name in stale_schemas(directory):
        atomic_write_text(directory / name, expected_schemas()[name])
        written.append(directory / name)
    return written
