"""Loading a project: sources, lessons and the fact bank, with file positions.

Loading never raises for a user's mistake: each problem is a :class:`Finding`, and the
rest of the project still loads so that ``factquiz check`` can report everything at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import cache
from .findings import Finding
from .model import Fact, FactFile, Lesson, LessonsFile, Source
from .project import FACTS_DIR as FACTS_DIR
from .project import LESSONS_FILE as LESSONS_FILE
from .project import SCHEMA_DIR as SCHEMA_DIR
from .project import SOURCES_DIR as SOURCES_DIR
from .quizmodel import QUIZZES_DIR, LoadedQuiz, QuizFile
from .sources import read_source
from .yamlio import display_path, is_fatal, position, read_yaml, validate


class FactFileText:
    """The text of a fact file as loaded, parsed again with positions (once) only when a
    finding needs a line and column: facts are loaded as plain data, which is faster and
    keeps no per-node positions for a bank of 100k facts."""

    __slots__ = ("_data", "shown", "text")

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.text = text
        self._data: Any = None

    def data(self) -> Any:
        """The file's data as commented maps and seqs with positions."""
        if self._data is None:
            self._data, _ = read_yaml(Path(self.shown), self.shown, text=self.text)
        return self._data


class Located(NamedTuple):
    """A loaded fact with the file and entry it came from (for error positions); a named
    tuple, made fast and kept small for each of a large bank's facts."""

    path: str
    file: FactFileText
    index: int

    def at(self, *loc: str | int) -> tuple[int, int]:
        """Line and column of the field at ``loc`` inside this item."""
        return position(self.file.data(), ("facts", self.index, *loc))


@dataclass
class Project:
    """Everything loaded from one project directory."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    fact_locations: dict[str, list[Located]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)
    #: Data derived from the loaded files (the question bank, quiz plans), built on first
    #: use by the modules that own it; a project is not edited after loading.
    derived: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def facts_by_id(self) -> dict[str, Fact]:
        """Facts by id (the first, when an id is duplicated: ``check`` reports the rest).

        Built once, on first use after loading (citations look facts up many times).
        """
        by_id: dict[str, Fact] | None = self.derived.get("facts-by-id")
        if by_id is None:
            by_id = {}
            for fact in self.facts:
                by_id.setdefault(fact.id, fact)
            self.derived["facts-by-id"] = by_id
        return by_id

    def located(self, fact_id: str) -> Located:
        return self.fact_locations[fact_id][0]

    def shown(self, path: Path) -> str:
        """``path`` as findings name it (see :func:`~factquiz.yamlio.display_path`); each
        folder is resolved once per load, not once per file."""
        folders: dict[Path, str] = self.derived.setdefault("shown-folders", {})
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent / "_", self.root)[:-1]
        return folder + path.name


def load_sources(project: Project) -> None:
    """Read every ``sources/*.txt``; a duplicated source id or short name is a finding."""
    short_names: dict[str, str] = {}  # short name -> file of the source that has it
    for path in sorted((project.root / SOURCES_DIR).glob("*.txt")):
        shown = project.shown(path)
        source, findings = read_source(path, shown)
        project.findings.extend(findings)
        if source is None:
            continue
        if source.id in project.sources:
            other = project.sources[source.id].path
            project.findings.append(Finding(shown, 2, 1, "duplicate-id",
                                            f"source id '{source.id}' is also used by {other}",
                                            "give each source a unique id", item=source.id))
            continue
        name = source.meta.short_name
        if name is not None and name in short_names:
            project.findings.append(Finding(
                shown, source.short_name_line, 1, "duplicate-short-name",
                f"short name '{name}' is also used by {short_names[name]}",
                "give each source its own short_name: the book cites sources by it",
                item=source.id))
        elif name is not None:
            short_names[name] = shown
        project.sources[source.id] = source


def load_lessons(project: Project) -> None:
    """Read ``lessons.yml``, the list of lessons facts and quizzes may name."""
    path = project.root / LESSONS_FILE
    shown = project.shown(path)
    if not path.exists() and not path.is_symlink():
        project.findings.append(Finding(shown, 1, 1, "missing-file", "lessons.yml is missing",
                                        "create it with a `lessons:` list of {id, title, page}"))
        return
    data, findings = read_yaml(path, shown)
    project.findings.extend(findings)
    if is_fatal(findings):
        return
    parsed, findings = validate(LessonsFile, data, shown)
    project.findings.extend(findings)
    if parsed is not None:
        for i, lesson in enumerate(parsed.lessons):
            if lesson.id in project.lessons:
                line, col = position(data, ["lessons", i, "id"])
                project.findings.append(Finding(shown, line, col, "duplicate-id",
                                                f"lesson id '{lesson.id}' appears twice",
                                                "give each lesson a unique id", item=lesson.id))
            project.lessons.setdefault(lesson.id, lesson)


def fact_files(root: Path) -> list[Path]:
    """The fact files of a project, in a stable order."""
    return sorted((root / FACTS_DIR).glob("*.yml")) + sorted((root / FACTS_DIR).glob("*.yaml"))


def load_fact_file(project: Project, path: Path) -> None:
    """Read one fact file; each fact validates on its own so one bad fact hides no other."""
    shown = project.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None  # read_yaml reports it
    data, findings = read_yaml(path, shown, text=text, positions=False)
    project.findings.extend(findings)
    empty = isinstance(data, dict) and data.get("facts") is None and set(data) <= {"facts"}
    if is_fatal(findings) or data is None or text is None or empty:
        return  # an empty file, or one with an empty `facts:`, holds no facts
    file = FactFileText(shown, text)
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        _, findings = validate(FactFile, data, shown, node=file.data)
        project.findings.extend(findings or [Finding(shown, 1, 1, "schema",
                                                     "expected a mapping with a `facts:` list",
                                                     "start the file with `facts:`")])
        return
    extra = [k for k in data if k != "facts"]
    for key in extra:
        line, col = file.data().lc.key(key)
        project.findings.append(Finding(shown, line + 1, col + 1, "schema",
                                        f"{key}: unknown field", "a fact file has only `facts:`"))
    shared = project.derived.setdefault("fields-sets", {})
    facts, locations = project.facts, project.fact_locations
    valid = Fact.__pydantic_validator__.validate_python  # what model_validate calls
    for i, node in enumerate(data["facts"]):
        try:
            fact = valid(node)
        except ValidationError:  # validated again to locate each error
            _, findings = validate(Fact, node, shown, node=file.data, base=["facts", i])
            project.findings.extend(_name_item(findings, node))
            continue
        _share_fields_sets(fact, shared)
        facts.append(fact)
        located = Located(shown, file, i)
        places = locations.get(fact.id)
        if places is None:
            locations[fact.id] = [located]
        else:
            places.append(located)


def _share_fields_sets(model: BaseModel, shared: dict[frozenset[str], set[str]]) -> None:
    """Let ``model`` (and the models in its list fields) use one set of explicitly given
    field names with every model that was given the same fields.

    Pydantic keeps that set per instance (about 0.7 KB for a fact); a bank of 100k facts
    has a handful of distinct ones. Sharing is safe for these frozen models: pydantic only
    changes the set of a copy (``model_copy`` copies it first) or on assignment, which a
    frozen model refuses.
    """
    fields_set = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__",
                       shared.setdefault(frozenset(fields_set), fields_set))
    for name in _model_lists(type(model)):
        for item in getattr(model, name):
            _share_fields_sets(item, shared)


_MODEL_LISTS: dict[type, tuple[str, ...]] = {}


def _model_lists(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` that hold a list of models (a fact's ``evidence``), found once
    per class from its annotations."""
    names = _MODEL_LISTS.get(cls)
    if names is None:
        names = _MODEL_LISTS[cls] = tuple(
            name for name, info in cls.model_fields.items()
            if get_origin(info.annotation) is list
            and all(isinstance(arg, type) and issubclass(arg, BaseModel)
                    for arg in get_args(info.annotation)))
    return names


def _name_item(findings: list[Finding], node: Any) -> list[Finding]:
    """Attach the fact id (when the node has a usable one) to its schema findings."""
    ident = node.get("id") if isinstance(node, dict) else None
    if not isinstance(ident, str):
        return findings
    return [Finding(f.path, f.line, f.col, f.code, f.message, f.hint, ident) for f in findings]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Parsing (and checking) build many small containers and no reference cycles; the
    cyclic collector would rescan them over and over (loading 10k facts took twice as long
    with it on).

    On the way out, the objects made meanwhile (a loaded bank is long-lived) join the
    oldest generation directly (``gc.freeze`` then ``gc.unfreeze``, which moves lists, not
    objects): left in the youngest, the next collections would walk each of them three
    times over (young, middle, then oldest generation) before they settle. They are still
    collected by the next full collection if they become unreachable cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def load_project(root: Path) -> Project:
    """Load sources, lessons, facts and quiz files of the project at ``root``.

    The content digest of the files (see :mod:`factquiz.cache`), taken before they are
    read, is kept as ``derived["content-digest"]``: work cached under it (quizzes, check
    results) is reused only for these very files.
    """
    project = Project(root=root)
    if cache.enabled():
        project.derived["content-digest"] = cache.project_digest(root)
    with cyclic_gc_paused():
        load_sources(project)
        load_lessons(project)
        for path in fact_files(root):
            load_fact_file(project, path)

        load_quizzes(project)
    return project


_CURRENT: dict[Path, Project] = {}


def current_project(root: Path) -> Project:
    """The project at ``root``, loaded again only when its files (or factquiz) changed
    since the last call in this process: a notebook's second quiz reuses the first's
    loaded project, bank and quiz plans."""
    key = root.resolve()
    known = _CURRENT.get(key)
    if (known is not None and cache.enabled()
            and known.derived.get("content-digest") == cache.project_digest(root)):
        return known
    project = _CURRENT[key] = load_project(root)
    return project


def quiz_files(root: Path) -> list[Path]:
    """The quiz files of a project, in a stable order."""
    folder = root / QUIZZES_DIR
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))


def load_quizzes(project: Project) -> None:
    """Read every quiz file into ``project.quizzes``; problems become findings."""
    for path in quiz_files(project.root):
        shown = project.shown(path)
        data, findings = read_yaml(path, shown)
        if not findings and data is None:
            findings = [Finding(shown, 1, 1, "schema", "the quiz file is empty",
                                "add at least `title:` and `lesson:`")]
        project.findings.extend(findings)
        if is_fatal(findings):
            continue
        quiz, findings = validate(QuizFile, data, shown)
        project.findings.extend(Finding(f.path, f.line, f.col, f.code, f.message, f.hint,
                                        path.stem) for f in findings)
        if quiz is not None:
            project.quizzes[path.stem] = LoadedQuiz(path.stem, shown, data, quiz)
