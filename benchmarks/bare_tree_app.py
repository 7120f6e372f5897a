"""The baseline for bench_startup.py: a bare Textual app showing an agenda as a Tree.

    .venv/bin/python benchmarks/bare_tree_app.py AGENDA.json

AGENDA.json is the parsed agenda as `meeting-tui agenda --json` writes it. The app has
what the meeting screen has at its simplest: a Header with the agenda's title, a Tree
with one node per item ("number title", same nesting, every branch expanded), a
TextArea and a Footer. Nothing else: no session, no styling, no custom rendering.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, TextArea, Tree
from textual.widgets.tree import TreeNode


class BareTreeApp(App[None]):
    def __init__(self, agenda: dict[str, Any]) -> None:
        super().__init__()
        self.agenda = agenda
        header = agenda.get("header") or ["Agenda"]
        self.title = header[0]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Tree("Agenda", id="agenda")
            yield TextArea(id="editor")
        yield Footer()

    def on_mount(self) -> None:
        tree: Tree[None] = self.query_one(Tree)
        tree.show_root = False

        def add(parent: TreeNode[None], items: list[dict[str, Any]]) -> None:
            for item in items:
                label = f"{item['number']} {item['title']}" if item["number"] else item["title"]
                if item["children"]:
                    add(parent.add(label, expand=True), item["children"])
                else:
                    parent.add_leaf(label)

        add(tree.root, self.agenda["items"])
        tree.focus()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        agenda = json.load(handle)
    BareTreeApp(agenda).run()


if __name__ == "__main__":
    main()
