"""Dates as readers see them: ISO dates with their precision, written out in English."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def human_date(iso: str) -> str:
    """``2020-11-17`` as ``17 November 2020``, ``2022-01`` as ``January 2022``, ``2007`` as is.

    Anything that is not an ISO date of one of those precisions is returned unchanged.
    """
    parts = iso.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return iso
    if len(parts) == 1:
        return parts[0]
    month = int(parts[1])
    if not 1 <= month <= 12:
        return iso
    if len(parts) == 2:
        return f"{MONTHS[month - 1]} {parts[0]}"
    return f"{int(parts[2])} {MONTHS[month - 1]} {parts[0]}"
