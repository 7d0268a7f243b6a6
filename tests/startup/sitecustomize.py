"""Run first by every Python process of a test session (``tests/conftest.py`` and
``make test`` put this folder on ``PYTHONPATH``).

jsonschema, which pytest's nbval plugin (through nbformat), Jupyter Book, nbclient and the
Jupyter server import, imports ``rfc3987_syntax`` when it is installed, and that module
builds an Earley parser for RFC 3987 at import: 1.5 s of CPU in each of the thirty-odd
processes a test session starts (its workers, each book build, each nbval run, each
``factquiz notebooks``). It serves only jsonschema's ``iri`` and ``iri-reference`` format
checks, which nothing here uses (factquiz validates no JSON schema; nbformat, Jupyter Book
and the Jupyter server check no such format). Marked as absent, it is never imported: an
import of it raises ImportError, which jsonschema expects of an optional module.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
