"""Suggested ids for new facts and instructor questions (offered at the prompts)."""

from __future__ import annotations

import re
import unicodedata

from ..load import Project
from ..quizmodel import QuizFile


def slugify(text: str, limit: int = 40) -> str:
    """A lowercase ASCII slug of ``text``, whole words, at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def _free(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def suggest_fact_id(project: Project, lesson: str, answer: str) -> str:
    """A free id like the lesson's others: their usual prefix plus the answer's words."""
    prefixes = [f.id.split("-", 1)[0] for f in project.facts if f.lesson == lesson]
    prefix = max(sorted(set(prefixes)), key=prefixes.count) if prefixes else lesson
    base = "-".join(p for p in (prefix, slugify(answer, 40 - len(prefix))) if p)
    return _free(base if len(base) >= 2 else f"{lesson}-fact", set(project.fact_locations))


def suggest_question_id(quiz: QuizFile, prompt: str) -> str:
    """A free instructor-question id from the prompt's first words."""
    taken = {q.id for q in quiz.instructor_questions if q.id}
    taken |= {f"q{i + 1}" for i, q in enumerate(quiz.instructor_questions) if not q.id}
    base = slugify(prompt, 30)
    return _free(base if len(base) >= 2 else "question", taken)
