"""Each verification rule on a small bad fixture: the exact finding and its location."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factquiz.findings import Finding
from factquiz.load import load_project
from factquiz.verify import check

HEADER = "# yaml-language-server: $schema=../schemas/facts.schema.json\nfacts:\n"

GOOD = """\
  - id: raa-first-since-1960
    lesson: raa
    statement: The RAA is Japan's first pact of its kind since its 1960 status of forces agreement.
    question: Since which year is the RAA Japan's first pact of its kind?
    answer: "1960"
    kind: year
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: The deal is the first of its kind for Japan since its 1960 status of forces agreement
"""


def fact(
    ident: str = "f-one",
    *,
    lesson: str = "raa",
    statement: str = "Scott Morrison was Australia's prime minister at the Tokyo talks.",
    answer: str = "Scott Morrison",
    kind: str = "person",
    source: str = "tokyo-raa-basic-agreement-2020",
    quote: str = "Australian Prime Minister Scott Morrison and his Japanese counterpart",
    extra: str = "",
) -> str:
    lines = [
        f"- id: {ident}",
        f"  lesson: {lesson}",
        f'  statement: "{statement}"',
        "  question: Who was Australia's prime minister at the Tokyo talks?",
        f'  answer: "{answer}"',
        f"  kind: {kind}",
        *("  " + line for line in extra.splitlines()),
        "  evidence:",
        f"    - source: {source}",
        f"      quote: '{quote}'",
    ]
    return "".join(f"  {line}\n" for line in lines)


@pytest.fixture
def findings_for(make_project: Callable[..., Path]) -> Callable[..., list[Finding]]:
    def run(*facts: str, files: dict[str, str] | None = None) -> list[Finding]:
        root = make_project({"facts/raa.yml": HEADER + "".join(facts), **(files or {})})
        return check(load_project(root))

    return run


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, "\n".join(f.format() for f in findings)
    return findings[0]


def test_good_fact_has_no_findings(findings_for: Callable[..., list[Finding]]) -> None:
    assert findings_for(GOOD, fact()) == []


def test_quote_not_found_names_closest_passage(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(
        findings_for(
            fact(quote="Australian Prime Minister Scott Morrison and his Korean counterpart")
        )
    )
    assert (found.path, found.line, found.col) == ("facts/raa.yml", 11, 16)
    assert found.code == "quote-not-found"
    assert found.item == "f-one"
    assert found.message == "quote not found in source 'tokyo-raa-basic-agreement-2020'"
    assert found.suggestion.startswith("sources/tokyo-raa-basic-agreement-2020.txt:14:1: ")
    assert "Scott Morrison and his Japanese counterpart" in found.suggestion
    assert "copy the passage exactly" in found.hint


def test_quote_matches_despite_quotes_dashes_and_spacing(
    findings_for: Callable[..., list[Finding]],
) -> None:
    # The source has an em dash after TOKYO and single spaces; the quote an ASCII dash and runs.
    extra = fact(
        ident="f-tokyo",
        statement="The talks took place in Tokyo.",
        answer="Tokyo",
        kind="place",
        quote="TOKYO -   The leaders of Australia and Japan held in-person talks",
    )
    assert findings_for(extra) == []


def test_quote_from_page_furniture_is_not_citable(
    findings_for: Callable[..., list[Finding]],
) -> None:
    found = only(
        findings_for(
            fact(
                statement="The article had 911 words.",
                answer="911",
                kind="number",
                source="jdsc-perth-visit-2022",
                quote="Word count: 911",
            )
        )
    )
    assert found.code == "quote-not-citable"
    assert (found.line, found.col) == (11, 16)
    assert "(sources/jdsc-perth-visit-2022.txt:49)" in found.message


def test_unknown_source_lists_known_ones(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(source="no-such-source")))
    assert found.code == "unknown-source"
    assert (found.line, found.col) == (10, 17)
    assert found.message == "unknown source 'no-such-source'"
    assert "tokyo-raa-basic-agreement-2020" in found.hint


def test_unknown_lesson(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(lesson="history")))
    assert found.code == "unknown-lesson"
    assert (found.line, found.col) == (4, 13)
    assert found.message == "unknown lesson 'history'"
    assert "raa" in found.hint and "lessons.yml" in found.hint


def test_duplicate_fact_id_points_at_first(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(), fact()))
    assert found.code == "duplicate-id"
    assert (found.line, found.col) == (12, 9)
    assert found.message == "fact id 'f-one' is already used at facts/raa.yml:3"


def test_two_sources_with_one_short_name(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": HEADER + GOOD})
    path = root / "sources" / "tokyo-raa-basic-agreement-2020.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("short_name: Tokyo report 2020", "short_name: AA 2022"),
                    encoding="utf-8")
    found = only(check(load_project(root)))
    line = text.splitlines().index("short_name: Tokyo report 2020") + 1
    assert (found.path, found.line, found.col, found.code) == (
        "sources/tokyo-raa-basic-agreement-2020.txt", line, 1, "duplicate-short-name")
    assert found.message == ("short name 'AA 2022' is also used by "
                             "sources/aa-raa-to-be-signed-2022.txt")
    assert "own short_name" in found.hint


def test_duplicate_yaml_key_is_a_finding_not_a_traceback(
    findings_for: Callable[..., list[Finding]],
) -> None:
    found = only(findings_for(fact(extra="answer: Tony Abbott\n")))
    assert found.code == "duplicate-key"
    assert found.line == 9
    assert "answer" in found.message
    assert "YAML keeps only one" in found.hint


def test_malformed_yaml_is_a_finding(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(files={"facts/broken.yml": "facts:\n  - id: [unclosed\n"}))
    assert found.path == "facts/broken.yml"
    assert found.code == "yaml-syntax"
    assert found.message.startswith("invalid YAML:")


def test_schema_error_is_located(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(kind="animal")))
    assert found.code == "schema"
    assert (found.line, found.col) == (8, 11)
    assert found.message.startswith("kind: Input should be")
    assert found.item == "f-one"


def test_unknown_field_is_located(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(extra="anwser: typo\n")))
    assert (found.code, found.message, found.line) == ("schema", "anwser: unknown field", 9)


def test_answer_absent_from_every_quote(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(
        findings_for(
            fact(statement="Yoshihide Suga was Japan's prime minister.", answer="Yoshihide Suga")
        )
    )
    assert found.code == "answer-not-in-evidence"
    assert (found.line, found.col) == (7, 13)
    assert "'Yoshihide Suga'" in found.message


def test_alias_in_quote_is_enough(findings_for: Callable[..., list[Finding]]) -> None:
    extra = fact(
        statement="Japan's prime minister was Yoshihide Suga.",
        answer="Yoshihide Suga",
        quote="his Japanese counterpart, Yoshihide Suga, said",
        extra="aliases: [Suga]\n",
    )
    assert findings_for(extra) == []
    alias_only = fact(
        statement="Japan's leader was Prime Minister Suga.",
        answer="Prime Minister Suga",
        quote="his Japanese counterpart, Yoshihide Suga, said",
        extra="aliases: [Suga]\n",
    )
    assert findings_for(alias_only) == []


def test_number_in_answer_absent_from_quote(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(
        findings_for(
            fact(
                statement="About 60,000 American troops were based in Japan.",
                answer="60,000 American troops",
                kind="number",
                quote="about 50,000 American troops to operate in and around Japan",
                extra="aliases: [American troops]\n",
            )
        )
    )
    assert found.code == "number-not-in-evidence"
    assert found.message == "the number 60000 in the answer is in no evidence quote"


def test_derived_fact_skips_grounding_but_needs_note(
    findings_for: Callable[..., list[Finding]],
) -> None:
    derived = fact(
        statement="The talks were held in 2020.",
        answer="2020",
        kind="year",
        quote="held in-person talks on Tuesday",
        extra="derived: true\n",
    )
    found = only(findings_for(derived))
    assert found.code == "derived-without-note"
    noted = fact(
        statement="The talks were held in 2020.",
        answer="2020",
        kind="year",
        quote="held in-person talks on Tuesday",
        extra="derived: true\nnote: the Tuesday of the Tokyo visit, dated elsewhere\n",
    )
    assert findings_for(noted) == []


def test_statement_must_contain_answer(findings_for: Callable[..., list[Finding]]) -> None:
    found = only(findings_for(fact(statement="Australia's leader went to Tokyo.")))
    assert found.code == "statement-missing-answer"
    assert (found.line, found.col) == (5, 16)


def test_checksum_mismatch_when_body_edited(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": HEADER + GOOD})
    path = root / "sources" / "tokyo-raa-basic-agreement-2020.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Tuesday", "Wednesday"), encoding="utf-8"
    )
    found = only(check(load_project(root)))
    assert (found.path, found.line, found.code) == (
        "sources/tokyo-raa-basic-agreement-2020.txt",
        11,  # the sha256 line, after id, title, short_name, ...
        "checksum-mismatch",
    )
    assert "restore the article's text from 001_2db7ddb86090bf45.txt" in found.hint


def test_every_problem_is_reported_at_once(findings_for: Callable[..., list[Finding]]) -> None:
    found = findings_for(
        fact(lesson="history"),
        fact(ident="f-two", source="nowhere"),
        files={"facts/broken.yml": "facts: [\n"},
    )
    assert sorted(f.code for f in found) == ["unknown-lesson", "unknown-source", "yaml-syntax"]


def test_format_is_compiler_style() -> None:
    finding = Finding(
        "facts/raa.yml",
        12,
        16,
        "quote-not-found",
        "quote not found",
        "copy it",
        "f-one",
        suggestion='sources/x.txt:3:1: "text"',
    )
    assert finding.format() == (
        "facts/raa.yml:12:16: error[quote-not-found] f-one: quote not found\n"
        '    closest passage: sources/x.txt:3:1: "text"\n'
        "    fix: copy it"
    )
