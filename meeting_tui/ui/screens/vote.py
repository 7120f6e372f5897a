"""The vote on a decision (`v`): a tally typed (`30-2-3`) or a roll call of the voting
members, the rule it is counted by, and the result as the List of decisions will write
it. The session is changed only when the vote is saved (enter); escape leaves it as it
was."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...core.printable import printable
from ...core.session import Session
from ...core.votes import Choice, Majority, Vote, VoteRule, parse_tally, vote_text
from ..display import plain
from ..widgets.plain_input import PlainInput
from .floor import FloorDialog, FloorList

# ------------------------------------------------------------------ the vote
RULES = (VoteRule(), VoteRule(abstentions_counted=True), VoteRule(Majority.TWO_THIRDS),
         VoteRule(Majority.TWO_THIRDS, abstentions_counted=True))
CHOICE_KEYS = {"y": Choice.FOR, "n": Choice.AGAINST, "a": Choice.ABSTAIN}
CHOICE_MARKS = {Choice.FOR: ("for", "green"), Choice.AGAINST: ("against", "red"),
                Choice.ABSTAIN: ("abstains", "yellow"), None: ("—", "dim")}


class VoteScreen(FloorDialog):
    """The vote of one decision: a tally (30-2-3) typed, or a roll call of the voting
    members (those present, when the day's attendance is taken); the rule (ctrl+r
    changes it) and the result as the List will write it. Enter saves; an empty tally
    removes the vote (taken by consensus). True when saved."""

    BINDINGS = [
        Binding("escape", "close", "Cancel"),
        Binding("ctrl+r", "rule", "Rule", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("y", "choose('y')", "For", show=False),
        Binding("n", "choose('n')", "Against", show=False),
        Binding("a", "choose('a')", "Abstains", show=False),
        Binding("delete,backspace", "choose('')", "Clear", show=False),
    ]
    LIST_ACTIONS = ("choose",)

    def __init__(self, session: Session, key: str, decision_id: int) -> None:
        super().__init__()
        self.session = session
        self.key = key
        self.decision_id = decision_id
        vote = session.decision(key, decision_id).vote
        self.rule = vote.rule if vote else session.vote_rule()
        self.choices: dict[str, Choice] = dict(vote.roll_call or {}) if vote else {}
        self.tally = vote.tally if vote and not vote.roll_call else ""
        self.members = self._members()

    def _members(self) -> list[str]:
        voting = [p.name for p in self.session.roll if p.voting]
        present = set(self.session.present())
        return [n for n in voting if n in present] if present else voting

    def compose(self) -> ComposeResult:
        decision = self.session.decision(self.key, self.decision_id)
        with Vertical(classes="dialog floor"):
            yield Label("The vote", classes="question")
            text = decision.text if len(decision.text) <= 160 else decision.text[:159] + "…"
            yield Label(plain(text or "(empty)"), id="vote-decision")
            yield Label(id="vote-rule")
            yield PlainInput(self.tally, placeholder="for-against-abstaining, e.g. 30-2-3 "
                             "(empty: consensus)", id="vote-tally")
            yield Label(id="vote-result")
            if self.members:
                yield FloorList(*[Option(self._row(n), id=str(i))
                                  for i, n in enumerate(self.members)], id="vote-roll")
            yield Label("enter saves · ctrl+r the rule · " + (
                "tab: the roll call (y for, n against, a abstains, delete clears) · "
                if self.members else "") + "escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#vote-tally", Input).focus()
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS:
            return isinstance(self.focused, FloorList)
        return True

    def _row(self, name: str) -> Text:
        words, colour = CHOICE_MARKS[self.choices.get(name)]
        return Text.assemble((f"{words:<9}", colour), printable(name))

    def vote(self) -> Vote | None:
        """The vote as the dialog holds it; ValueError for a tally that is not one."""
        if self.choices:
            return Vote.from_roll_call(dict(self.choices), self.rule)
        value = self.query_one("#vote-tally", Input).value
        return parse_tally(value, self.rule) if value.strip() else None

    def show(self) -> None:
        self.query_one("#vote-rule", Label).update(
            Text.assemble(("Rule: ", "bold"), self.rule.text()))
        result = self.query_one("#vote-result", Label)
        try:
            vote = self.vote()
        except ValueError as exc:
            result.update(Text(str(exc), style="red"))
            return
        if vote is None:
            result.update(Text("no vote: taken by consensus", style="dim"))
            return
        said = vote_text(vote, self.session.settings.language or "en")
        result.update(Text.assemble((f"{vote.tally}  ", "bold"), said))

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.choices:
            self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter in the roll call saves, as in the tally's field
        self.action_save()

    def action_rule(self) -> None:
        self.rule = RULES[(RULES.index(self.rule) + 1) % len(RULES)] if (
            self.rule in RULES) else RULES[0]
        self.show()

    def action_choose(self, letter: str) -> None:
        listing = self.query_one(FloorList)
        index = listing.highlighted
        if index is None:
            return
        name = self.members[index]
        if letter:
            self.choices[name] = CHOICE_KEYS[letter]
        else:
            self.choices.pop(name, None)
        listing.replace_option_prompt_at_index(index, self._row(name))
        if index + 1 < listing.option_count:
            listing.highlighted = index + 1
        field = self.query_one("#vote-tally", Input)
        field.value = self.vote().tally if self.choices else ""  # type: ignore[union-attr]
        self.show()

    def action_save(self) -> None:
        try:
            vote = self.vote()
        except ValueError:
            return  # the result line says why
        self.session.set_vote(self.key, self.decision_id, vote)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
