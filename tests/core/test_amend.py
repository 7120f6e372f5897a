"""Amending the agenda during the meeting: each amendment, its persistence, a changed
agenda file under amendments, the List of decisions and the report as amended."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

import pytest

from meeting_tui.core.amend import (
    ADDED,
    AFTER,
    MOVED,
    RENAMED,
    UNDER,
    AmendError,
    apply,
    following_number,
    propose_number,
)
from meeting_tui.core.decision_list import build_document
from meeting_tui.core.errors import InputError
from meeting_tui.core.export import render_md
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import build_report, report_json
from meeting_tui.core.session import Session
from meeting_tui.files.session_reading import build
from meeting_tui.files.session_toml import FORMAT_VERSION, agenda_hash, dumps

TEXT = """\
Committee meeting, 3-5 March 2025

1. Opening of the meeting [5 min]
2. Adoption of the agenda
3. Reports
3.1 Finance (10')
3.2 Audit
4. Budget [1h]
5. Any other business
6. Close
"""
AGENDA = parse_agenda(TEXT)
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def session() -> Session:
    return Session(AGENDA, now=lambda: T0)


def labels(s: Session) -> list[str]:
    return [item.label for item in s.order]


def reload(s: Session, agenda=AGENDA, text: str = TEXT, written_for: str | None = None):
    written = dumps(s, "agenda.txt", agenda_hash(written_for or text))
    loaded = build(tomllib.loads(written), agenda, "s.session.toml", lambda: T0,
                   agenda_hash(text))
    return loaded, written


# ------------------------------------------------------------------ each amendment


def test_add_after_goes_among_the_siblings_with_a_fresh_key():
    s = session()
    key = s.add_item("3.1", AFTER, "3.1bis", "  Treasurer's   report ")
    assert key == "+1"
    assert labels(s)[3:6] == ["3.1 Finance", "3.1bis Treasurer's report", "3.2 Audit"]
    assert s.parent(key) == "3"
    assert s.marks(key) == {ADDED}
    assert s.item(key).planned_minutes is None
    assert s.base_agenda is AGENDA and AGENDA.find(key) is None  # the parse is untouched


def test_add_under_is_the_last_sub_item():
    s = session()
    key = s.add_item("4", UNDER, "4.1", "Draft budget")
    assert [c.key for c in s.item("4").children] == [key]
    key2 = s.add_item("3", UNDER, None, "Questions")
    assert [c.label for c in s.item("3").children] == ["3.1 Finance", "3.2 Audit", "Questions"]
    assert s.item(key2).number is None
    # An added item can have items added under it.
    key3 = s.add_item(key, UNDER, "4.1.1", "Staff")
    assert s.parent(key3) == key


def test_added_items_never_reuse_a_key():
    s = session()
    first = s.add_item("1", AFTER, "1bis", "First")
    s.remove_item(first)
    assert s.add_item("1", AFTER, "1bis", "Second") == "+2"


def test_an_item_needs_a_title():
    s = session()
    with pytest.raises(AmendError):
        s.add_item("1", AFTER, "1bis", "  ")
    with pytest.raises(AmendError):
        s.rename_item("1", "1", "")
    assert not s.amendments and s.revision == 0


def test_numbers_proposed():
    assert propose_number(AGENDA, "3.1", AFTER) == "3.1bis"  # 3.2 is taken
    assert propose_number(AGENDA, "3.2", AFTER) == "3.3"
    assert propose_number(AGENDA, "6", AFTER) == "7"
    assert propose_number(AGENDA, "3", UNDER) == "3.3"  # after its last sub-item
    assert propose_number(AGENDA, "4", UNDER) == "4.1"
    assert propose_number(AGENDA, "4", AFTER) == "4bis"
    s = session()
    s.add_item("4", AFTER, "4bis", "Urgent")
    assert propose_number(s.agenda, "4", AFTER) == "4ter"
    assert following_number("b") == "c"
    assert following_number("I.2") == "I.3"
    assert following_number("4(b)") == "4(c)"
    assert following_number("IV") is None


def test_rename_changes_number_and_title_and_remembers_the_agenda_s():
    s = session()
    assert s.rename_item("4", "4.", "Budget 2026") is True
    assert s.item("4").label == "4 Budget 2026"
    assert s.marks("4") == {RENAMED}
    assert s.amended.was["4"] == ("4", "Budget")
    assert s.item("4").planned_minutes == 60  # the rest of the item stays
    assert s.rename_item("4", "4", "Budget 2026") is False  # nothing to change
    s.rename_item("4", "4", "Budget")  # back as the agenda has it: no mark
    assert s.marks("4") == frozenset() and "4" not in s.amended.was


def test_move_up_and_down_among_siblings_with_sub_items():
    s = session()
    assert s.move_item("3", -1)
    assert labels(s)[:5] == ["1 Opening of the meeting", "3 Reports", "3.1 Finance",
                             "3.2 Audit", "2 Adoption of the agenda"]
    assert s.marks("3") == {MOVED}
    assert s.move_item("3.2", -1)
    assert [c.key for c in s.item("3").children] == ["3.2", "3.1"]
    assert not s.can_move("3.2", -1) and not s.move_item("3.2", -1)  # first of its row
    assert not s.move_item("6", +1)
    assert len(s.amendments) == 2


def test_remove_an_item_without_decisions():
    s = session()
    s.select("5")
    s.take_up("1")
    s.take_up("4")
    s.take_up("2")  # 4 has been discussed, no decision
    s.select("4")
    assert s.removal_problem("4") is None
    assert s.remove_item("4") == ["4"]
    assert "4 Budget" not in labels(s) and not s.has("4")
    assert "4" not in s.states  # its clock went with it
    assert s.selected == "5"  # the cursor goes to the item after it
    assert s.total_planned_minutes() == 5 + 10  # and its plan


def test_remove_is_refused_with_decisions_or_under_discussion():
    s = session()
    s.add_decision("3.2", "Took note of the audit.")
    assert "Its sub-item 3.2 Audit has decisions" in s.removal_problem("3")
    with pytest.raises(AmendError):
        s.remove_item("3")
    with pytest.raises(AmendError):
        s.remove_item("3.2")
    s.take_up("4")
    assert "under discussion" in s.removal_problem("4")
    assert labels(s) == labels(session())
    one = Session(parse_agenda("1. Only\n"))
    assert one.removal_problem("1") == "It is the only item of the agenda"


def test_remove_a_parent_takes_its_sub_items():
    s = session()
    s.select("3.1")
    s.remove_item("3")
    assert labels(s) == ["1 Opening of the meeting", "2 Adoption of the agenda",
                         "4 Budget", "5 Any other business", "6 Close"]
    assert s.selected == "4"


def test_navigation_follows_the_amended_order():
    s = session()
    s.move_item("6", -1)
    added = s.add_item("1", AFTER, "1bis", "Welcome")
    s.take_up("1")
    assert s.take_up_next() == added
    s.take_up("4")
    assert s.take_up_next() == "6"
    assert s.take_up_next() == "5"
    assert s.take_up_next() is None


def test_apply_is_pure_and_leaves_untouched_items_as_parsed():
    s = session()
    s.rename_item("4", "4", "Budget 2026")
    amended = apply(AGENDA, s.amendments)
    assert amended.agenda == s.agenda
    assert amended.agenda.items[0] is AGENDA.items[0]
    assert apply(AGENDA, []).agenda is AGENDA


# ------------------------------------------------------------------ the session file


def amended_session() -> Session:
    s = session()
    urgent = s.add_item("4", AFTER, "4bis", "Urgent matter")
    s.add_item("3", UNDER, "3.3", "Questions")
    s.rename_item("5", "5", "Other business")
    s.move_item("6", -1)
    s.remove_item("2")
    s.add_decision(urgent, "Decided to act.")
    s.take_up(urgent)
    s.select("3.1")
    return s


def test_amendments_save_and_load_back_equal():
    s = amended_session()
    loaded, written = reload(s)
    again = loaded.session
    assert again.amendments == s.amendments
    assert again.agenda == s.agenda
    assert again.amended == s.amended
    assert again.states == s.states
    assert (again.current, again.selected) == (s.current, s.selected)
    assert not loaded.change.changed
    assert reload(again)[1] == written
    doc = tomllib.loads(written)
    assert doc["format"] == FORMAT_VERSION >= 3  # amendments came with format 3
    assert [a["op"] for a in doc["amendments"]] == ["add", "add", "rename", "move", "remove"]
    assert doc["amendments"][0] == {
        "op": "add", "key": "+1", "place": "after", "item": "4", "item_number": "4",
        "item_title": "Budget", "number": "4bis", "title": "Urgent matter", "at": T0}
    assert doc["amendments"][3]["direction"] == "up"
    assert doc["items"]["+1"]["title"] == "Urgent matter"


def test_a_format_2_file_loads_with_no_amendments():
    s = session()
    s.add_decision("1", "Opened.")
    doc = tomllib.loads(dumps(s, "agenda.txt", agenda_hash(TEXT)))
    doc["format"] = 2
    loaded = build(doc, AGENDA, "s.toml", lambda: T0, agenda_hash(TEXT))
    assert loaded.version == 2 and loaded.session.amendments == []


@pytest.mark.parametrize("bad, problem", [
    ({"op": "split", "item": "1"}, "unknown amendment 'split'"),
    ({"op": "rename", "title": "x"}, "missing 'item'"),
    ({"op": "move", "item": "1", "direction": "left"}, "'direction' must be"),
    ({"op": "add", "item": "1", "key": "+1", "title": "x", "place": "over"}, "'place' must be"),
    ({"op": "add", "item": "1", "title": "x"}, "missing 'key'"),
])
def test_a_bad_amendment_is_a_one_line_error(bad, problem):
    doc = tomllib.loads(dumps(session(), "agenda.txt", agenda_hash(TEXT)))
    doc["amendments"] = [bad]
    with pytest.raises(InputError) as raised:
        build(doc, AGENDA, "s.toml", lambda: T0, agenda_hash(TEXT))
    assert "amendments[0]" in str(raised.value) and problem in str(raised.value)


# The agenda file edited between two days: 2 removed, the rest renumbered.
CHANGED_TEXT = """\
Committee meeting, 3-5 March 2025

1. Opening of the meeting [5 min]
2. Reports
2.1 Finance (10')
2.2 Audit
3. Budget [1h]
4. Any other business
5. Close
"""
CHANGED = parse_agenda(CHANGED_TEXT)


def test_a_changed_agenda_file_finds_the_amended_items_again():
    s = session()
    urgent = s.add_item("4", AFTER, "4bis", "Urgent matter")
    s.add_decision(urgent, "Decided to act.")
    s.rename_item("5", "5", "Other business")
    s.move_item("6", -1)
    loaded, _ = reload(s, CHANGED, CHANGED_TEXT, written_for=TEXT)
    again = loaded.session
    assert [i.label for i in again.order] == [
        "1 Opening of the meeting", "2 Reports", "2.1 Finance", "2.2 Audit",
        "3 Budget", "4bis Urgent matter", "5 Close", "5 Other business"]
    assert again.state(urgent).decisions[0].text == "Decided to act."
    assert loaded.change.unapplied == 0 and not again.unmatched


def test_amendments_of_items_no_longer_in_the_agenda_do_nothing_and_lose_nothing():
    s = session()
    added = s.add_item("2", UNDER, "2.1", "Order of business")
    s.add_decision(added, "Adopted the order of business.")
    s.rename_item("2", "2", "Adoption of the agenda and order of business")
    s.move_item("2", +1)
    loaded, written = reload(s, CHANGED, CHANGED_TEXT, written_for=TEXT)
    again = loaded.session
    # Its anchor is gone: the added item goes at the end, with its decision.
    assert again.order[-1].label == "2.1 Order of business"
    assert again.state(added).decisions[0].text == "Adopted the order of business."
    assert loaded.change.unapplied == 2
    assert "2 amendments of the agenda no longer apply" in loaded.change.message()
    # They stay in the file, and a second load gives the same session.
    again_loaded, again_written = reload(again, CHANGED, CHANGED_TEXT)
    assert again_loaded.session.amendments == s.amendments
    assert again_loaded.session.agenda == again.agenda
    assert again_written == reload(again_loaded.session, CHANGED, CHANGED_TEXT)[1]


def test_an_unapplied_amendment_never_hits_another_item_with_its_key():
    s = session()
    s.rename_item("2", "2", "Adoption of the agenda (amended)")
    loaded, _ = reload(s, CHANGED, CHANGED_TEXT, written_for=TEXT)
    # Key "2" is now "Reports": the rename was for the item the file no longer has.
    assert loaded.session.item("2").title == "Reports"
    reloaded, _ = reload(loaded.session, CHANGED, CHANGED_TEXT)
    assert reloaded.session.item("2").title == "Reports"


# ------------------------------------------------------------------ what uses the agenda


def test_the_list_of_decisions_uses_the_agenda_as_amended():
    s = session()
    urgent = s.add_item("4", AFTER, "4bis", "Urgent matter")
    s.rename_item("3.2", "3.2", "Audit and accounts")
    s.move_item("6", -1)
    s.move_item("4", +1)
    s.add_decision("6", "Closed the meeting.")
    s.add_decision("3.2", "Took note of the accounts.")
    s.add_decision(urgent, "Decided to act.")
    s.add_decision("4", "Adopted the budget.")
    for key, state in s.states.items():
        for d in state.decisions:
            s.toggle_final(key, d.id)
    text = render_md(build_document(s))
    order = [text.index(h) for h in ("## 3. Reports", "### 3.2. Audit and accounts",
                                      "## 4bis. Urgent matter", "## 4. Budget", "## 6. Close")]
    assert order == sorted(order)
    assert "Audit\n" not in text
    assert text.index("1. Took note of the accounts.") < text.index("2. Decided to act.")
    assert text.index("3. Adopted the budget.") < text.index("4. Closed the meeting.")


def test_the_report_uses_the_agenda_as_amended():
    s = session()
    s.add_item("1", AFTER, "1bis", "Welcome")
    s.remove_item("6")
    s.rename_item("4", "4", "Budget 2026")
    items = report_json(build_report(s))["items"]
    assert [(i["number"], i["title"]) for i in items][:2] == [
        ("1", "Opening of the meeting"), ("1bis", "Welcome")]
    assert ("4", "Budget 2026") in [(i["number"], i["title"]) for i in items]
    assert "Close" not in [i["title"] for i in items]


def test_the_amendments_are_domain_core_without_textual():
    import subprocess
    import sys

    code = ("import sys, meeting_tui.core.amend, meeting_tui.core.session, "
            "meeting_tui.files.session_toml; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
