"""The real corpus and bank: sources are verbatim, schemas are current, the bank checks.

Content rules (marked ``content``): they hold for any number of lessons and sources, and
check ``$FACTQUIZ_TEST_PROJECT`` when it is set (see conftest)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from factquiz.load import load_project
from factquiz.schema import stale_schemas
from factquiz.verify import check

pytestmark = pytest.mark.content

ORIGINALS = Path(__file__).resolve().parents[2] / "shared" / "sources"


def test_real_bank_passes_check(repo_root: Path) -> None:
    findings = check(load_project(repo_root))
    assert findings == [], "\n".join(f.format() for f in findings)


def test_bank_has_at_least_80_facts_in_every_lesson(repo_root: Path) -> None:
    project = load_project(repo_root)
    assert len(project.facts) >= 80
    assert {f.lesson for f in project.facts} == set(project.lessons)


def test_every_source_is_cited(repo_root: Path) -> None:
    project = load_project(repo_root)
    cited = {ev.source for f in project.facts for ev in f.evidence}
    assert cited == set(project.sources)


def test_sources_are_the_originals_byte_for_byte(repo_root: Path) -> None:
    project = load_project(repo_root)
    assert project.sources
    if not ORIGINALS.is_dir():
        pytest.skip(
            f"originals not beside the repository ({ORIGINALS}); checksums checked by `check`"
        )
    for source in project.sources.values():
        original = (ORIGINALS / source.meta.origin).read_bytes()
        assert source.body.encode("utf-8") == original, source.id
        assert hashlib.sha256(original).hexdigest() == source.meta.sha256


def test_committed_schemas_are_current(repo_root: Path) -> None:
    assert stale_schemas(repo_root / "schemas") == [], "run `factquiz schema`"


def test_yaml_files_reference_their_schema(repo_root: Path) -> None:
    for path in [*sorted((repo_root / "facts").glob("*.yml")), repo_root / "lessons.yml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: schema {target} missing"
