"""User text shown to people never carries a terminal command or a hidden direction."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from meeting_tui.core.printable import is_safe, printable, printable_line, xml_safe

OSC52 = "1. Opening \x1b]52;c;cm0gLXJmIH4K\x07"


def test_escape_sequences_are_shown_not_sent():
    shown = printable(OSC52)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "1. Opening ␛]52;c;cm0gLXJmIH4K␇"
    assert printable("a\x7fb\x9bc\u202eevil\u2066x") == "a␡b�c�evil�x"


def test_text_as_people_write_it_is_unchanged():
    text = "Décidé :\n\t1. « Adopté » — 100 % [confidential] [/b] 日本語 עברית"
    assert printable(text) == text
    assert printable_line("two\nlines") == "two lines"


@given(st.text())
def test_property_nothing_unsafe_gets_through(text):
    shown = printable(text)
    assert is_safe(shown)
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")
    assert len(shown) == len(text)  # one sign a character: positions stay


@given(st.text())
def test_property_xml_holds_what_xml_safe_leaves(text):
    element = ElementTree.Element("t")
    element.text = xml_safe(text)
    back = ElementTree.fromstring(ElementTree.tostring(element, encoding="unicode"))
    assert is_safe(back.text or "")
