"""The suite's own parallel run: ``make test`` runs pytest-xdist with ``--dist loadgroup``,
which sends the tests of one ``xdist_group`` to one worker (they share a server, a build or
a kernel's order; see ``pin_to_groups`` in ``conftest.py``)."""

from __future__ import annotations

import pytest


@pytest.mark.xdist_group("pinned")
def test_a_grouped_test_carries_its_group_exactly_under_loadgroup(
        request: pytest.FixtureRequest) -> None:
    """xdist groups by the ``@group`` suffix of a test's id: present under loadgroup (else
    the group's tests spread over the workers, as they did silently with pytest 9.2),
    absent otherwise."""
    loadgroup = bool(request.config.getoption("loadgroup", default=False))
    assert request.node.nodeid.endswith("@pinned") == loadgroup, request.node.nodeid
