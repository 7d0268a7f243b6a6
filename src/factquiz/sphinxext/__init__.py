"""factquiz's Sphinx extension: fact citations, self-check quizzes, timeline and sources.

Add ``factquiz.sphinxext`` to the extensions (``sphinx: extra_extensions`` in a Jupyter
Book's ``_config.yml``). It provides

* the role ``{fact}`id``` — a citation with a numbered note giving the source and quote;
* the role ``{nofact}`reason``` — marks a lesson sentence as framing, not a claim (see
  ``lint``: a factual sentence without a citation is a warning);
* the directive ``{quiz} <lesson id>`` (``:seed:``) — a quiz graded in the browser;
* the directive ``{timeline}`` (``:lesson:``, ``:caption:``) — the events, earliest first;
* the directive ``{factsources}`` — every source with its metadata and citing facts;
* a warning at every line of a lesson page that still holds scaffold ``TODO`` text.

This module only wires things up; the parts live in ``roles``, ``directives``, ``nodes``,
``transforms``, ``expand`` (nodes made as a page is written), ``lint`` (uncited claims),
``todo`` (scaffold text left in a page),
``state`` (what a build reads of the project, kept by content hash so that a build of
unchanged data loads nothing), ``static_quiz`` (quiz HTML) and ``timeline``
(which facts are events). The CSS and the quiz script's core are in ``factquiz/static``;
each question type's script is in its folder (``qtypes/<type>/<type>.js``; a type whose
``static.py`` declares ``SCRIPT_AS`` has none and is graded by that type's).
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..digest import PACKAGE
from ..escape import html_text
from . import nodes as fq_nodes
from .directives import FactSourcesDirective, QuizDirective, TimelineDirective
from .expand import ExpandAtWrite, depart_source_entry_html, visit_source_entry_html
from .lint import LintUncitedClaims, NoFactRole
from .roles import FactRole
from .state import load, project_root, source_pages, type_scripts
from .todo import warn_about_todos
from .transforms import NumberFactCitations

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
#: Templates that override the theme's (``layout.html``: the head without fontawesome.js).
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CSS_FILE = "factquiz.css"
JS_FILE = "factquiz.js"
#: The messages every quiz shows (generated, see static_quiz.messages_script).
MESSAGES_FILE = "factquiz-messages.js"
#: Starts the page's quizzes once the core, its messages and the types' scripts are in.
START_FILE = "factquiz-start.js"
#: How the quiz script loads: after the page is parsed (``defer``), first of the deferred
#: scripts (its priority), and before the page is first drawn (``blocking="render"``), so
#: that the quiz is ready, without a layout shift, by the time the reader sees it.
JS_ATTRIBUTES = {"defer": "defer", "blocking": "render"}
JS_PRIORITY = 150
#: Script files a quiz page still loads in place: the page's inline scripts use them.
KEEP_BLOCKING = frozenset({"documentation_options.js"})


def _add_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: put factquiz's templates before the theme's (the page head
    without the theme's 1.5 MB icon script: ``factquiz.css`` draws the header's icons)."""
    config.templates_path.append(str(TEMPLATES_DIR))


def _add_static(app: Sphinx) -> None:
    """HTML builders only: ship the stylesheet on every page (citations use it)."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file(CSS_FILE)


def _quiz_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """Add the quiz script to the pages that hold a quiz, and to no other; after it, the
    messages and the scripts of the question types the page's quizzes use, each after
    those it builds on (see :func:`_copy_type_scripts`). On those pages the other scripts
    are deferred too (:func:`_defer_scripts`, ``layout.html``)."""
    blocks = list(doctree.findall(fq_nodes.quiz_block)) if doctree is not None else []
    if blocks:
        # Same priority, so they run in this order: the core, its messages, the types, and
        # the script that starts the quizzes (before the theme's deferred scripts).
        app.add_js_file(JS_FILE, priority=JS_PRIORITY, **JS_ATTRIBUTES)
        app.add_js_file(MESSAGES_FILE, priority=JS_PRIORITY, **JS_ATTRIBUTES)
        for name in dict.fromkeys(name for block in blocks for name in block["scripts"]):
            app.add_js_file(type_script_name(name), priority=JS_PRIORITY, **JS_ATTRIBUTES)
        app.add_js_file(START_FILE, priority=JS_PRIORITY, **JS_ATTRIBUTES)
        context["factquiz_defer_scripts"] = True


def type_script_name(question_type: str) -> str:
    """Where a question type's script is in the built site's ``_static``."""
    return f"factquiz-{question_type}.js"


def _copy_type_scripts(app: Sphinx, exception: Exception | None) -> None:
    """HTML builders only: copy every registered type's script into ``_static``, and write
    the messages script there."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    made = type_scripts(project_root(app))
    (static / MESSAGES_FILE).write_text(made["messages"], encoding="utf-8")
    for name, path in made["scripts"].items():
        shutil.copyfile(PACKAGE / path, static / type_script_name(name))


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """On a quiz page, every script file that would stop the parser (but those of
    :data:`KEEP_BLOCKING`) loads deferred instead, in the same order: the quiz, whose script
    runs first of them, is then ready as soon as the page is parsed, instead of after the
    theme's scripts have each been fetched and run in turn."""
    if not context.get("factquiz_defer_scripts"):
        return
    context["script_files"] = [
        _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
        if js.filename and Path(str(js.filename)).name not in KEEP_BLOCKING
        and not {"async", "defer"} & set(js.attributes) and "type" not in js.attributes
        else js for js in context["script_files"]]


def _page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    """A page titled like the book (its home page) gets no " — <book title>" suffix in the
    browser tab: the template adds it whenever ``docstitle`` is set, so the page gets none,
    and the sidebar's logo text, which falls back to ``docstitle``, gets the title itself."""
    title = context.get("docstitle")
    if title and context.get("title") == title:
        context["theme_logo"] = {**(context.get("theme_logo") or {}), "text": title}
        context["docstitle"] = ""


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    source_pages(env).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str],
           other: BuildEnvironment) -> None:
    source_pages(env).update(source_pages(other) & set(docnames))


def _escape_page_title(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    """sphinx-book-theme puts the page title's plain text into its print-only ``<h1>``
    unescaped (``{{ pagetitle }}``): a heading that reads ``<script>`` would run. Escape it
    after the theme has set it."""
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html_text(context["pagetitle"])


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the role, directives, nodes, transforms, config values and assets."""
    app.add_config_value("factquiz_root", "", "env", types=[str])
    app.add_config_value("factquiz_check", True, "env", types=[bool])
    for node, html in fq_nodes.HTML.items():
        plain = fq_nodes.PLAIN[node]
        app.add_node(node, html=html, latex=plain, text=plain, man=plain, texinfo=plain)
    # Made into its nodes before any writer but HTML's sees it (see .expand).
    app.add_node(fq_nodes.source_entry,
                 html=(visit_source_entry_html, depart_source_entry_html))
    app.add_role("fact", FactRole())
    app.add_directive("quiz", QuizDirective)
    app.add_directive("timeline", TimelineDirective)
    app.add_directive("factsources", FactSourcesDirective)
    app.add_transform(NumberFactCitations)
    app.add_post_transform(ExpandAtWrite)
    app.add_role("nofact", NoFactRole())
    app.add_transform(LintUncitedClaims)
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", load)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _quiz_script)
    app.connect("build-finished", _copy_type_scripts)
    app.connect("html-page-context", _page_title)
    app.connect("html-page-context", _escape_page_title, priority=900)
    app.connect("html-page-context", _defer_scripts, priority=900)
    app.connect("source-read", warn_about_todos)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    # env_version 3: a quiz_block holds the variant's JSON and its scripts (it held the Quiz),
    # so an environment saved by an older factquiz is read again, not reused.
    return {"version": version("factquiz"), "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 3}
