"""The online book: it builds with warnings as errors, citations carry source and quote,
an unknown fact id fails the build at its line, and lesson pages stay light.

Tests of the real book are content rules (marked ``content``): the book is built from the
repository, or from ``$FACTQUIZ_TEST_PROJECT`` when it is set (see conftest)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from books import copy_small_book, real_book, small_book

from factquiz.book import (
    INPUTS_FILE,
    LOG_FILE,
    BookBuildFailed,
    build_book,
    failure_cause,
    inputs_digest,
    problems_in,
)
from factquiz.load import Project, load_project
from factquiz.normalize import answer_key
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.ordering import EVENT_KINDS
from factquiz.qtypes.static import script_aliases, script_path, scripts_for
from factquiz.sphinxext.timeline import timeline_events

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]

REFERENCE = ("timeline", "sources", "glossary", "how-checked", "instructor-guide")
GLOSSARY = ("RAA", "JDSC", "ADF", "JSDF", "SOFA", "ACSA", "FOIP", "Quad", "AUKUS", "ISR", "LNG",
            "JAXA", "MMX", "ASIS", "SSP", "COVID-19", "UN")


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_book(tmp_path_factory)


@pytest.fixture(scope="session")
def real_project(real: Path) -> Project:
    return load_project(real)


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_book(tmp_path_factory)


def page(root: Path, name: str) -> str:
    return (root / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


def lesson_pages(project: Project) -> list[str]:
    """Every lesson's page, as a built page name (``book/lessons/raa``)."""
    return [Path(lesson.page).with_suffix("").as_posix() for lesson in project.lessons.values()]


@pytest.mark.content
def test_every_page_of_the_book_is_built(real: Path, real_project: Project) -> None:
    site = real / "_build" / "html"
    expected = ["index", "search", "book/intro", *lesson_pages(real_project),
                *(f"book/reference/{name}" for name in REFERENCE)]
    missing = [name for name in expected if not (site / f"{name}.html").is_file()]
    assert missing == []
    assert (site / "searchindex.js").is_file()
    assert (site / "_static" / "factquiz.js").is_file()
    assert (site / "_static" / "factquiz-messages.js").is_file()
    aliased = script_aliases()  # graded by another type's script: no file of their own
    for name in REGISTRY:
        shipped = site / "_static" / f"factquiz-{name}.js"
        if name in aliased:
            assert not shipped.exists(), name
        else:
            assert shipped.read_bytes() == script_path(name).read_bytes()
    assert (site / "_static" / "factquiz.css").is_file()
    assert 'url=book/intro.html' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.content
def test_fact_check_notebook_is_executed_through_the_cache(real: Path) -> None:
    assert (real / "_build" / ".jupyter_cache" / "global.db").is_file()
    log = (real / "_build" / "book-build.log").read_text(encoding="utf-8")
    assert "fact-check.ipynb: Cached executed notebook" in log
    assert "all quotes found." in page(real, "notebooks/fact-check")


@pytest.mark.content
def test_book_title_author_and_repository(real: Path) -> None:
    text = page(real, "book/intro")
    assert "<title>Australia and Japan: a security partnership" in text
    assert "The factquiz authors" in text and "2026" in text
    assert 'href="https://github.com/factquiz/factquiz"' in text


def test_citations_number_each_fact_once_and_link_back(small: Path) -> None:
    text = page(small, "book/index")
    refs = re.findall(r'\u2060<a id="(fqr[\d-]+)" href="#(fqn\d+)" role="doc-noteref">'
                      r'\[(\d+)\]</a>', text)
    assert refs == [("fqr1-1", "fqn1", "1"), ("fqr2-1", "fqn2", "2"), ("fqr3-1", "fqn3", "3"),
                    ("fqr1-2", "fqn1", "1")]
    # Each source is cited by its short name on every page (no-break spaces), and listed
    # with that name linked to the sources page.
    assert ('<li id="fqn1"><q>its 1960 status of forces agreement with the United States</q> '
            '[Tokyo\u00a0report\u00a02020]'
            ' <a href="#fqr1-1" role="doc-backlink" aria-label="Back a">↩a</a>'
            ' <a href="#fqr1-2" role="doc-backlink" aria-label="Back b">↩b</a></li>') in text
    assert ('<li id="fqs-tokyo-raa-basic-agreement-2020"><a href="sources.html#source-tokyo-raa-'
            'basic-agreement-2020">[Tokyo\u00a0report\u00a02020]</a> '
            "<cite>Australia and Japan reach basic agreement on a defense pact (Tokyo wire report)"
            '</cite>, <span class="fq-date">17 November 2020</span>.</li>') in text
    assert ('<li id="fqs-jdsc-signed-perth-2022"><a href="sources.html#source-jdsc-signed-perth-'
            '2022">[JDSC\u00a0report\u00a02022]</a> <cite>Japan and Australia sign landmark '
            'security agreement to counter regional threats</cite>, <span class="fq-date">'
            "23 October 2022</span>.</li>") in text
    # A mark is joined to the word before it (U+2060 word joiner): never "1960 [1]".
    assert '1960\u2060<a id="fqr1-1" href="#fqn1"' in text


@pytest.mark.content
def test_lesson_citations_show_source_title_and_quote(real: Path, real_project: Project) -> None:
    project = real_project
    lesson = (real / "book" / "lessons" / "raa.md").read_text(encoding="utf-8")
    first = re.search(r"\{fact\}`([^`,]+)", lesson)
    assert first is not None
    fact = project.facts_by_id[first.group(1)]
    text = page(real, "book/lessons/raa")
    note = re.search(r'<li id="fqn1">(.*?)</li>', text)
    assert note is not None
    evidence = fact.evidence[0]
    meta = project.sources[evidence.source].meta
    key = f"[{html.escape(meta.short_name or '')}]".replace(" ", "\u00a0")
    assert f"{html.escape(evidence.quote, quote=False)}</q> {key}" in note.group(1)
    title = html.escape(meta.title, quote=False)
    assert (f'<li id="fqs-{evidence.source}"><a href="../reference/sources.html#source-'
            f'{evidence.source}">{key}</a> <cite>{title}</cite>') in text


@pytest.mark.content
def test_every_source_has_one_short_name_used_on_every_page(real: Path,
                                                           real_project: Project) -> None:
    names = [s.meta.short_name for s in real_project.sources.values()]
    assert None not in names and len(set(names)) == len(names)
    for path in (real / "_build" / "html" / "book").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for source in real_project.sources.values():
            keys = set(re.findall(rf'<li id="fqs-{source.id}"><a [^>]*>\[([^\]]+)\]', text))
            name = html.escape(source.meta.short_name or "").replace(" ", "\u00a0")
            assert keys <= {name}, (path, keys)


@pytest.mark.content
def test_marks_never_wrap_alone_and_quotes_are_never_doubled(real: Path) -> None:
    for path in (real / "_build" / "html" / "book").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # Every mark is joined to what precedes it by a word joiner, never a space.
        marks = re.findall(r'(.)<a id="fqr[\d-]+"', text)
        assert set(marks) <= {"\u2060"}, path
        # <q> adds its own marks: a quote that opens with one is marked fq-own instead.
        assert not re.search(r'<q>[“"‘\'„«]', text), path


def test_unknown_fact_or_quiz_id_fails_the_build_at_its_line(tmp_path: Path) -> None:
    root = copy_small_book(tmp_path / "book")
    page_md = root / "book" / "index.md"
    lines = page_md.read_text(encoding="utf-8").splitlines()
    lines += ["", "A slip in a citation{fact}`small-tokio`.", "", "```{quiz} no-such-quiz", "```"]
    page_md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Scaffold text left in a lesson page (hostile.md is the small book's lesson) fails the
    # strict build at its line; in another page the word is allowed.
    lesson_md = root / "book" / "hostile.md"
    lesson = lesson_md.read_text(encoding="utf-8").splitlines()
    lesson += ["", "TODO: one paragraph saying what this lesson is about."]
    lesson_md.write_text("\n".join(lesson) + "\n", encoding="utf-8")
    other = root / "book" / "timeline.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nTODO: a note.\n", encoding="utf-8")
    # The command line (one build: it prints what build_book raises) lists every problem
    # at its line, says where the full output is, and exits 1.
    result = subprocess.run([sys.executable, "-m", "factquiz", "book", "-C", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    said = result.stderr.splitlines()
    assert said[0] == "the book did not build (3 problem(s)):", result.stderr
    assert sorted(said[1:-1]) == sorted(f"  {problem}" for problem in [
        f"{lesson_md}:{len(lesson)}: WARNING: scaffold text left in the lesson: 'TODO: one "
        "paragraph saying what this lesson is about.'; replace every TODO with the lesson's "
        "own text (or build a draft with `factquiz book --no-strict`)",
        f"{page_md}:{len(lines) - 3}: WARNING: unknown fact id 'small-tokio'; "
        "did you mean 'small-tokyo', 'small-perth'?",
        f"{page_md}:{len(lines) - 1}: WARNING: cannot render the quiz: no quiz 'no-such-quiz': "
        "a quiz's id is a lesson id; lessons: hostile"])
    assert said[-1] == f"full output: {root / '_build' / 'book-build.log'}"


def test_an_uncited_factual_sentence_fails_the_build_at_its_line(tmp_path: Path) -> None:
    root = copy_small_book(tmp_path / "book")
    page_md = root / "book" / "hostile.md"
    lines = page_md.read_text(encoding="utf-8").splitlines()
    lines[2:2] = ["The leaders met in Tokyo{fact}`small-tokyo`. They met again",
                  "in Perth in 2022. A spacecraft is due back in 2029{fact}`small-mmx-2029`.",
                  "This page is about a quiz. Kim wrote it for the tests{nofact}`framing`.",
                  "", "- A list item naming Okinawa.", ""]
    page_md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A glossary definition is checked on any page, even one that is not a lesson.
    index_md = root / "book" / "index.md"
    glossary = ["", "```{glossary}", ":sorted:", "", "SOFA",
                "  A status of forces agreement; the Japanese one dates from 1960.", "```"]
    index_lines = index_md.read_text(encoding="utf-8").splitlines() + glossary
    index_md.write_text("\n".join(index_lines) + "\n", encoding="utf-8")
    with pytest.raises(BookBuildFailed) as caught:
        build_book(root)
    assert sorted(caught.value.problems) == sorted([
        f"{index_md}:{len(index_lines) - 1}: WARNING: uncited claim: 'A status of forces "
        "agreement; the Japanese one dates from 1960.' states a fact (the number '1960') but "
        "cites none; cite the fact with {fact}`id`, or end framing that is not a claim with "
        "{nofact}`reason`",
        f"{page_md}:3: WARNING: uncited claim: 'They met again in Perth in 2022.' states a fact "
        "(the number '2022') but cites none; cite the fact with {fact}`id`, or end framing that "
        "is not a claim with {nofact}`reason`",
        f"{page_md}:7: WARNING: uncited claim: 'A list item naming Okinawa.' states a fact (the "
        "name 'Okinawa') but cites none; cite the fact with {fact}`id`, or end framing that is "
        "not a claim with {nofact}`reason`"])


def test_a_fact_that_fails_its_check_fails_the_build(tmp_path: Path) -> None:
    root = copy_small_book(tmp_path / "book")
    facts = root / "facts" / "small.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("samples when it returns to Earth in 2029",
                                  "samples when it comes back to Earth in 2029"), encoding="utf-8")
    with pytest.raises(BookBuildFailed) as caught:
        build_book(root)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "samples when it returns" in row)
    assert caught.value.problems == [
        f"{facts}:{line}: WARNING: small-mmx-2029: quote not found in source "
        "'jdsc-perth-visit-2022' [quote-not-found]"]


def test_problems_are_read_from_the_output() -> None:
    output = ("\x1b[91m/x/a.md:3: WARNING: unknown fact id 'x'\x1b[39;49;00m\nreading sources\n"
              "/x/b.md:9: ERROR: Unknown directive type 'quizz'.\n")
    assert problems_in(output) == ["/x/a.md:3: WARNING: unknown fact id 'x'",
                                   "/x/b.md:9: ERROR: Unknown directive type 'quizz'."]


@pytest.mark.content
def test_every_lesson_page_has_its_quiz(real: Path, real_project: Project) -> None:
    # Page weight is a floor measured by benchmarks/bench_book.py, not asserted here.
    for name in lesson_pages(real_project):
        assert 'class="fq-quiz"' in page(real, name)


@pytest.mark.content
def test_the_quiz_script_is_only_on_pages_with_a_quiz(real: Path) -> None:
    raa = page(real, "book/lessons/raa")
    assert 'src="../../_static/factquiz.js' in raa
    assert "factquiz.js" not in page(real, "book/reference/glossary")
    # then the messages, then the scripts of the page's question types, each after the
    # ones it builds on, and no other type's
    used = re.findall(r'data-fq-type="(\w+)"', raa)
    scripts = re.findall(r'src="../../_static/(factquiz[\w-]*\.js)', raa)
    # and last the one that starts the quizzes without waiting for the theme's scripts
    assert scripts == ["factquiz.js", "factquiz-messages.js",
                       *(f"factquiz-{t}.js" for t in scripts_for(dict.fromkeys(used))),
                       "factquiz-start.js"]
    assert "factquiz-messages.js" not in page(real, "book/reference/glossary")
    assert 'href="../../_static/factquiz.css' in page(real, "book/reference/glossary")


@pytest.mark.content
def test_pages_load_nothing_from_other_hosts(real: Path) -> None:
    site = real / "_build" / "html"
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]+)"', text)
        remote = [u for u in loaded if re.match(r"(?:https?:)?//", u)]
        assert remote == [], path
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, path


@pytest.mark.content
def test_timeline_lists_each_event_once(real: Path, real_project: Project) -> None:
    events = timeline_events(real_project.facts_by_id.values())
    text = page(real, "book/reference/timeline")
    listing = text[text.index('class="fq-timeline-list'):]
    listing = listing[:listing.index("</ul>")]
    assert re.findall(r'<li class="fq-(day|month|year)">', listing) == [
        e.precision for e in events]
    assert listing.count('role="doc-noteref"') == sum(len(e.facts) for e in events)
    # Events only (no role labels, no claims), one entry per date and label.
    assert all(f.kind in EVENT_KINDS for e in events for f in e.facts)
    assert len({(e.when, answer_key(e.label)) for e in events}) == len(events)


def test_timeline_escapes_labels(small: Path) -> None:
    text = page(small, "book/timeline")
    assert ("Leaders meet in Tokyo &lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;\u2060"
            in text)
    assert "<img src=x" not in text


@pytest.mark.content
def test_sources_page_lists_each_source_and_the_facts_citing_it(real: Path,
                                                                real_project: Project) -> None:
    project = real_project
    text = page(real, "book/reference/sources")
    for source in project.sources.values():
        citing = {f.id for f in project.facts_by_id.values()
                  if any(e.source == source.id for e in f.evidence)}
        start = text.index(f'<section id="source-{source.id}">')
        end = text.find("<section id=\"source-", start + 1)
        block = text[start:end if end > 0 else len(text)]
        assert html.escape(source.meta.title, quote=False) in block
        assert source.meta.sha256 in block
        assert f"Facts that cite this source: {len(citing)}." in block
        assert set(re.findall(r'<span class="pre">([a-z0-9-]+)</span></code>: ', block)) == citing


@pytest.mark.content
def test_glossary_defines_every_acronym(real: Path) -> None:
    text = page(real, "book/reference/glossary")
    for term in GLOSSARY:
        assert f'<dt id="term-{term}">{term}' in text, term


def test_hostile_quiz_text_is_escaped(small: Path) -> None:
    text = page(small, "book/hostile")
    quiz = text[text.index('<section class="fq-quiz"'):]
    assert "<script>window" not in quiz and "<img src=x" not in quiz
    assert "Which city &lt;script&gt;window.__pwned = 3&lt;/script&gt; hosted" in quiz
    assert 'Tokyo &lt;img src=x onerror="window.__pwned = 4"&gt;' in quiz
    assert "Osaka &amp; \"Kobe\"" in quiz


def test_a_build_stopped_by_an_error_shows_its_cause() -> None:
    ruler = "=" * 79
    output = ("Running Jupyter-Book v1.0.4\nTraceback (most recent call last):\n"
              '  File "x.py", line 48, in _error\n    raise kind(box)\nRuntimeError: \n'
              f"{ruler}\n\nThe Table of Contents file is malformed: document file used "
              f"multiple times: 'book/lessons/quad'\nYou may need to migrate\n{ruler}\n")
    assert failure_cause(output) == ("The Table of Contents file is malformed: document file "
                                     "used multiple times: 'book/lessons/quad'")
    assert failure_cause("sphinx.errors.ExtensionError: no such thing\n") == "no such thing"
    assert failure_cause("all good\n") == ""


def test_a_table_of_contents_listing_a_page_twice_fails_with_the_real_cause(
        tmp_path: Path) -> None:
    root = copy_small_book(tmp_path / "book")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "  - file: book/hostile\n",
                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factquiz", "book", "-C", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert ("the book did not build: The Table of Contents file is malformed: document file "
            "used multiple times: 'book/hostile'") in result.stderr
    assert "0 problem(s)" not in result.stderr
    assert "`factquiz new-lesson` already lists a new lesson's page there" in result.stderr


def test_a_book_whose_inputs_did_not_change_is_not_built_again(small: Path,
                                                                tmp_path: Path) -> None:
    root = shutil.copytree(small, tmp_path / "book")  # built, with the inputs' hash
    (root / LOG_FILE).unlink()
    assert build_book(root) == root / "_build" / "html" / "index.html"
    assert not (root / LOG_FILE).exists()  # Jupyter Book did not run
    result = subprocess.run([sys.executable, "-m", "factquiz", "book", "-C", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("the book is up to date: nothing changed since it was built")
    assert not (root / LOG_FILE).exists()
    recorded = (root / INPUTS_FILE).read_text(encoding="utf-8").strip()
    assert inputs_digest(root, strict=True) == recorded
    assert inputs_digest(root, strict=False) != recorded
    page_md = root / "book" / "index.md"
    page_md.write_text(page_md.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    assert inputs_digest(root, strict=True) != recorded  # so the next build runs


def test_a_rebuild_shows_every_edit_of_the_data(small: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What the extension keeps between builds (the book's data, its quizzes, their HTML,
    the timeline and the sources page) is never stale: an edited fact or quiz shows on the
    next build, and an edited page is read again with the rest reused."""
    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    root = shutil.copytree(small, tmp_path / "book")
    build_book(root, force=True)  # fills this test's cache
    assert "Perth" in page(root, "book/sources")
    facts = root / "facts" / "small.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "was signed in Perth.", "was signed in the city of Perth."), encoding="utf-8")
    quiz = root / "quizzes" / "hostile.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace(
        "hosted the 2022 signing?", "hosted the 2022 signing of the declaration?"),
        encoding="utf-8")
    build_book(root)
    assert "was signed in the city of Perth." in page(root, "book/sources")
    assert "hosted the 2022 signing of the declaration?" in page(root, "book/hostile")
    index = root / "book" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_book(root)
    assert "One more line." in page(root, "book/index")
    assert "hosted the 2022 signing of the declaration?" in page(root, "book/hostile")
