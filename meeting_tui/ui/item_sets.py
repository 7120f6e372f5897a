"""Sets of agenda items as Python ints, for the palette's item search
(ui/item_search.py): made, combined and read back by C code, not item by item, so that
a key at 20,000 items looks at each item's text once or not at all.

A set of items as an int: item i is the bit (n - 1 - i), so that its binary digits
read in agenda order.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import TypeVar, cast

Mask = int
Result = TypeVar("Result")
Kept = TypeVar("Kept")

KEPT_QUERIES = 16  # the queries whose sets of items and passes are kept

_BITS = bytes.maketrans(b"\x00\x01", b"01")


def mask_of(flags: Iterable[object]) -> Mask:
    """The items whose flag is true, in agenda order."""
    digits = bytes(map(bool, flags)).translate(_BITS)
    return int(digits, 2) if digits else 0


def add_one(counter: list[Mask], mask: Mask) -> None:
    """Count one more for the items of ``mask``: ``counter`` holds each item's count in
    binary, one mask per bit (the lowest first)."""
    carry = mask
    for bit, plane in enumerate(counter):
        counter[bit], carry = plane ^ carry, plane & carry
        if not carry:
            return
    counter.append(carry)


def counted(counter: list[Mask], count: int, among: Mask) -> Mask:
    """The items of ``among`` whose count is ``count``."""
    if count >> len(counter):
        return 0
    for bit, plane in enumerate(counter):
        among &= plane if count >> bit & 1 else ~plane
    return among


def kept(cache: dict[str, Kept], query: str, value: Kept) -> Kept:
    """``value`` kept for ``query`` (the newest), the oldest of more than
    ``KEPT_QUERIES`` dropped."""
    cache.pop(query, None)
    cache[query] = value
    while len(cache) > KEPT_QUERIES:
        del cache[next(iter(cache))]
    return value


def finish(steps: Generator[None, None, Result]) -> Result:
    """The value of a search made of steps (a bare ``yield`` between two), run
    without pausing."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return cast(Result, stop.value)
