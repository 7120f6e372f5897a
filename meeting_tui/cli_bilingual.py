"""`decisions --lang en,fr --side-by-side`: the List of decisions with its languages
side by side in one document (``core.bilingual``), and `--lang` read with the rule of
every command: a language we do not have is one line and exit 2.

Apart from ``cli`` to keep ``cmd_decisions`` a few lines; it shares that module's
writers (``to_file``, ``to_stdout``) and its rendering in the Word template.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .core.errors import InputError

if TYPE_CHECKING:
    from .core.session import Session


def lang_option(args: argparse.Namespace) -> list[str]:
    """--lang as codes (none given: []); InputError names a code we do not have."""
    from .core.languages import parse_languages

    if args.lang is None:
        return []
    try:
        return parse_languages(args.lang)
    except ValueError as exc:
        raise InputError("--lang", str(exc)) from None


def side_by_side(args: argparse.Namespace, session: Session, languages: list[str],
                 fmt: str, template: tuple[str, bytes] | None) -> int:
    """One document, a column per language (the first as given is the first column);
    to -o FILE, stdout or the clipboard as a list in one language goes."""
    from . import clipboard
    from .cli import EXIT_INPUT, to_file, to_stdout
    from .core.bilingual import missing_warning, render, translated
    from .core.decision_list import count_phrase
    from .core.docx_template import TemplateError
    from .core.export_docx import DocxUnavailable
    from .core.printable import printable
    from .files.pdf_export import PdfFailed, PdfUnavailable

    if len(languages) < 2:
        raise InputError("--side-by-side", "two languages or more side by side: give "
                                           "--lang en,fr")
    results = [translated(session, language, column=True, include_drafts=args.include_drafts,
                          all_items=args.all_items, number_per_item=args.number_per_item,
                          preamble=args.preamble, body=args.body, meeting=args.meeting)
               for language in languages]
    docs = [result.document for result in results]
    try:
        if fmt in ("docx", "pdf"):
            from .core.bilingual_docx import render_docx

            try:
                made = render_docx(docs, template[1] if template else None)
            except TemplateError as exc:
                assert template is not None
                raise InputError(template[0], str(exc)) from None
            if made.added_styles and template:
                print(printable(f"meeting-tui: warning: {template[0]} has no style "
                                f"{', '.join(made.added_styles)}: added from the default "
                                "template"), file=sys.stderr)
            data: str | bytes = made.data
            if fmt == "pdf":
                from .files.pdf_export import docx_to_pdf

                data = docx_to_pdf(made.data)
        else:
            data = render(docs, fmt)
    except (DocxUnavailable, PdfUnavailable) as exc:
        print(f"meeting-tui: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except PdfFailed as exc:
        print(f"meeting-tui: no PDF: {exc}", file=sys.stderr)
        return 1
    for result in results:
        warning = missing_warning(result)
        if warning:
            print(f"meeting-tui: warning: {warning}", file=sys.stderr)
    what = count_phrase(docs[0].count)
    if args.output:
        to_file(args.output, data, what)
    if args.copy:
        assert isinstance(data, str)
        try:
            mechanism = clipboard.copy(data)
        except clipboard.ClipboardUnavailable as exc:
            if not args.output:
                to_stdout(data)
            print(f"meeting-tui: not copied ({exc}); {clipboard.OTHER_WAYS}", file=sys.stderr)
            return 1
        print(f"meeting-tui: {what} copied to the clipboard ({mechanism})", file=sys.stderr)
    elif not args.output:
        to_stdout(data)
    return 0
