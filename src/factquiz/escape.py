"""Escaping text for each place factquiz writes it: one function per output context.

Every string that comes from data (a fact, a title typed at a prompt, a quiz id) and is
written into Markdown, YAML, HTML, XML, GIFT, CSV or a terminal goes through the function
for that context, here and nowhere else. Each function takes plain text and returns text
that the context's reader shows as exactly that text, never as markup or code.

Control characters: ``factquiz check`` refuses them in data (see
:func:`control_characters`); the escapers still make sure none reaches a file format that
forbids it or a terminal that would obey it.
"""

from __future__ import annotations

import html
import io
import json
import re

__all__ = [
    "control_characters",
    "csv_cell",
    "gift_text",
    "html_text",
    "markdown_text",
    "one_line",
    "terminal_text",
    "xml_text",
    "yaml_scalar",
]

# C0 controls but tab and line feed, DEL, and the C1 controls (ESC, CSI, ...).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 but tab, LF and CR;
# lone surrogates; U+FFFE and U+FFFF. C1 controls are allowed but discouraged: dropped too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Markdown/MyST: characters that start emphasis, code, links, roles and directives
# (`{role}`), substitutions (`{{ }}`), Jinja (`{% %}`), math, tables, entities and HTML
# anywhere in a line; and those that start a block (list, quote, comment, fence) at its start.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$~|]|&(?=[#\w]))")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d+)(?=[.)])|^(?=[-+=%:!])")
GIFT_SPECIAL = "\\~=#{}:"
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def control_characters(text: str) -> list[int]:
    """Offsets of the control characters in ``text`` (tab and line feed are not counted)."""
    return [m.start() for m in _CONTROL.finditer(text)]


def terminal_text(text: str) -> str:
    """Text safe to print on a terminal: escape sequences and other control characters
    removed (tab and line feed kept). Print the result as plain text (no Rich markup)."""
    return _CONTROL.sub("", text)


def html_text(text: str) -> str:
    """Plain text as HTML: ``&``, ``<`` and ``>`` escaped, quotes left as they are.

    Control characters, which HTML and XML forbid, are dropped. Fit for element content
    only; attribute values need ``html.escape(text)`` (quotes too).
    """
    return html.escape(xml_text(text), quote=False)


def xml_text(text: str) -> str:
    """Plain text fit for an XML 1.0 document (before the XML writer escapes ``<&>``).

    Characters XML 1.0 cannot carry at all are dropped, so the file always parses.
    """
    return _NOT_XML.sub("", text)


def markdown_text(text: str) -> str:
    """Plain text as one line of MyST Markdown that renders as exactly that text.

    Every character that could start markup (emphasis, code, links, roles, directives,
    HTML, MyST substitutions ``{{ }}`` and Jinja ``{% %}``) is backslash-escaped, and
    line breaks become spaces, so the text cannot open a block or run a template.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    return _MARKDOWN_BLOCK_START.sub(r"\1\\", escaped)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar (quoted when needed), on one line."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.width = 1 << 16
    yaml.default_flow_style = True
    stream = io.StringIO()
    yaml.dump([text], stream)
    dumped = stream.getvalue().strip()[1:-1]  # drop the brackets of the one-item flow list
    # A quoted scalar may fold onto several lines; JSON's string is one line of valid YAML.
    return dumped if "\n" not in dumped else json.dumps(text, ensure_ascii=False)


def gift_text(text: str) -> str:
    """Plain text for GIFT: ``~ = # { } :`` and the backslash escaped, line breaks ``\\n``."""
    out = "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in xml_text(text))
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def one_line(text: str) -> str:
    """Text for a one-line comment (GIFT ``//``, YAML ``#``): line breaks and runs of spaces
    become one space, control characters are dropped, so the text cannot leave the comment."""
    return " ".join(xml_text(text).split())


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP's advice:
    a cell starting with ``= + - @``, tab or carriage return gets a leading apostrophe).
    Control characters are dropped, as for XML."""
    text = xml_text(text)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text
