"""The README, the manual in docs/ and the other documents link to files (and headings)
that exist: a page moved or a heading renamed must not leave a dead link behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.paths import ROOT

DOCUMENTS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md",
                    *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`[^`\n]*`")


def prose(path: Path) -> str:
    """The text without code blocks and code spans, where brackets are not links."""
    return CODE.sub("", FENCE.sub("", path.read_text(encoding="utf-8")))


def anchor(heading: str) -> str:
    """The anchor a heading gets on GitHub: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {anchor(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.MULTILINE)}


def links(path: Path) -> list[str]:
    return [m.group(1) for m in LINK.finditer(prose(path))
            if not m.group(1).startswith(("http://", "https://", "mailto:"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_points_to_a_file_and_heading_that_exist(document: Path) -> None:
    dead = []
    for target in links(document):
        name, _, fragment = target.partition("#")
        linked = (document.parent / name).resolve() if name else document
        if not linked.exists():
            dead.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            dead.append(f"{target}: no such heading in {linked.name}")
    assert not dead, dead


def test_the_readme_lists_every_page_and_each_page_links_back() -> None:
    readme = {(ROOT / target).resolve() for target in links(ROOT / "README.md")}
    for page in (ROOT / "docs").glob("*.md"):
        assert page.resolve() in readme, f"README.md does not link {page.name}"
        assert "../README.md" in links(page), f"{page.name} does not link back to README.md"
