"""The content-hash cache (``factquiz.cache``) is reused only while nothing changed."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_project import ONE_QUIZ

import factquiz.load
from factquiz import cache
from factquiz.checked import check_root


def _fact_file(root: Path) -> Path:
    return root / "facts" / "raa.yml"


@pytest.fixture
def project(make_project: Callable[..., Path], tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    return make_project(copy=ONE_QUIZ)


def _check_entry(root: Path) -> Path:
    """The file of the check's (shared) cache entry for the project's current files."""
    return cache.entry_path(root, "check", cache.project_digest(root), shared=True)


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> None:
        raise AssertionError("the project was loaded: the cache was not used")

    monkeypatch.setattr(factquiz.load, "load_project", refuse)


def test_an_unchanged_project_is_not_checked_again(project: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_root(project)
    assert first.facts > 0 and _check_entry(project).exists()
    _no_loading(monkeypatch)
    assert check_root(project) == first


def test_an_edit_to_the_bank_is_seen(project: Path) -> None:
    before = check_root(project)
    assert not [f for f in before.findings if f.severity == "error"]
    path = _fact_file(project)
    text = path.read_text(encoding="utf-8")
    quote_line = next(line for line in text.splitlines() if "quote:" in line)
    path.write_text(text.replace(quote_line, quote_line.split("quote:")[0]
                                 + "quote: words no source ever printed"), encoding="utf-8")
    after = check_root(project)
    assert [f.code for f in after.findings if f.severity == "error"], after.findings
    path.write_text(text, encoding="utf-8")
    assert check_root(project) == before


def test_a_corrupt_entry_is_ignored_and_rewritten(project: Path) -> None:
    expected = check_root(project)
    entry = _check_entry(project)
    digest = cache.project_digest(project)
    wrong_shape = json.dumps({"digest": digest, "value": {"facts": 1}})
    for garbage in ("{not json", wrong_shape, "[]"):
        entry.write_text(garbage, encoding="utf-8")
        assert check_root(project) == expected
        assert cache.load(project, "check", digest, shared=True) == expected.to_json()


def test_the_cache_can_be_turned_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    check_root(project)
    assert not Path(os.environ["FACTQUIZ_CACHE_DIR"]).exists()


def test_an_unwritable_project_is_checked_without_a_cache(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "mkdir", fail)
    assert check_root(project).facts > 0
    assert not Path(os.environ["FACTQUIZ_CACHE_DIR"]).exists()


def test_copies_at_two_paths_share_results_and_an_edit_stays_in_its_copy(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factquiz.generate import make_quiz_at

    first, variant = check_root(project), make_quiz_at(project, "raa", seed=5)
    copy = tmp_path / "elsewhere" / "clone"
    shutil.copytree(project, copy)
    assert cache.project_digest(copy) == cache.project_digest(project)
    assert cache.cache_dir(copy) != cache.cache_dir(project)  # per-project entries stay apart
    real_load = factquiz.load.load_project
    _no_loading(monkeypatch)
    assert check_root(copy) == first  # the copy reuses what the original computed
    assert make_quiz_at(copy, "raa", seed=5) == variant
    # An edit in the copy is seen there, and not in the original (which stays cached).
    path = _fact_file(copy)
    text = path.read_text(encoding="utf-8")
    quote_line = next(line for line in text.splitlines() if "quote:" in line)
    path.write_text(text.replace(quote_line, quote_line.split("quote:")[0]
                                 + "quote: words no source ever printed"), encoding="utf-8")
    monkeypatch.setattr(factquiz.load, "load_project", real_load)
    edited = check_root(copy)
    assert "quote-not-found" in {f.code for f in edited.findings}
    _no_loading(monkeypatch)
    assert check_root(project) == first


def test_a_folder_in_place_of_a_data_file_is_not_a_missing_file(project: Path) -> None:
    path = _fact_file(project)
    path.unlink()
    missing = cache.project_digest(project)
    path.mkdir()
    assert cache.project_digest(project) != missing
    assert "unreadable" in {f.code for f in check_root(project).findings}


def test_a_project_with_a_linked_folder_shares_nothing_with_another_path(
        project: Path, tmp_path: Path) -> None:
    """Files read through a linked folder are named by their absolute path, and the link's
    target is not hashed: two projects linking to different folders must not share."""
    for name in ("a", "b"):
        clone = tmp_path / name
        shutil.copytree(project, clone, ignore=shutil.ignore_patterns("facts"))
        shutil.copytree(project / "facts", tmp_path / f"{name}-facts")
        (clone / "facts").symlink_to(tmp_path / f"{name}-facts")
    (tmp_path / "b-facts" / "raa.yml").write_text("facts: []\n", encoding="utf-8")
    assert cache.project_digest(tmp_path / "a") != cache.project_digest(tmp_path / "b")
    assert check_root(tmp_path / "a").facts > check_root(tmp_path / "b").facts


def test_the_least_recently_used_shared_entries_go(project: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SHARED_KEPT", 2)
    a, b, c, d = ("a" * 64, "b" * 64, "c" * 64, "d" * 64)
    for second, digest in enumerate((a, b, c), start=1):
        cache.store(project, "x", digest, second, shared=True)  # the third prunes the oldest
        os.utime(cache.shared_dir(digest), ns=(second * 10**9, second * 10**9))
    assert [cache.shared_dir(x).exists() for x in (a, b, c)] == [False, True, True]
    assert cache.load(project, "x", b, shared=True) == 2  # b is now the most recently used
    cache.store(project, "x", d, 4, shared=True)
    assert [cache.shared_dir(x).exists() for x in (b, c, d)] == [True, False, True]
    assert cache.load(project, "x", b, shared=True) == 2


def test_a_quiz_variant_is_reused_until_the_bank_changes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factquiz.generate import make_quiz, make_quiz_at

    first = make_quiz(factquiz.load.load_project(project), "raa", seed=5)
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    assert make_quiz(factquiz.load.load_project(project), "raa", seed=5) == first
    monkeypatch.delenv("FACTQUIZ_NO_CACHE")
    real_load = factquiz.load.load_project
    _no_loading(monkeypatch)
    assert make_quiz_at(project, "raa", seed=5) == first
    # Reword every question of the lesson's facts: the cached variant must not be used.
    path = _fact_file(project)
    monkeypatch.setattr(factquiz.load, "load_project", real_load)
    path.write_text(path.read_text(encoding="utf-8").replace("question: ", "question: Reworded "),
                    encoding="utf-8")
    edited = make_quiz_at(project, "raa", seed=5)
    assert any("Reworded" in q.prompt for q in edited.questions)
    assert not any("Reworded" in q.prompt for q in first.questions)


def test_the_quiz_preview_is_reused_until_the_bank_changes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factquiz.cli.quiz import preview_lines

    first = [line.plain for line in preview_lines(project, "raa", 5, None, True)]
    assert any(line.strip().startswith("Answer:") for line in first)
    real_load = factquiz.load.load_project
    _no_loading(monkeypatch)
    assert [line.plain for line in preview_lines(project, "raa", 5, None, True)] == first
    path = _fact_file(project)
    monkeypatch.setattr(factquiz.load, "load_project", real_load)
    path.write_text(path.read_text(encoding="utf-8").replace("question: ", "question: Reworded "),
                    encoding="utf-8")
    edited = [line.plain for line in preview_lines(project, "raa", 5, None, True)]
    assert any("Reworded" in line for line in edited)
    assert not any("Reworded" in line for line in first)


def test_a_warm_check_and_quiz_import_neither_pydantic_nor_the_loader(
        project: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom factquiz.cli import main\nsys.argv = ['factquiz', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'factquiz.load', "
            "'factquiz.model', 'factquiz.generate'))))\n")
    env = {**os.environ, "FACTQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTQUIZ_NO_CACHE", None)
    for argv in (["check", "-C", str(project)], ["quiz", "raa", "--seed", "3", "-C", str(project)]):
        runs = [subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                               text=True, check=True, env=env).stdout for _ in range(2)]
        cold, warm = (out.strip().splitlines()[-1] for out in runs)
        assert "pydantic" in cold and warm == "[]", (argv, warm)
        assert runs[0].splitlines()[:-1] == runs[1].splitlines()[:-1]
