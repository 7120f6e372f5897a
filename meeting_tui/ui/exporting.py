"""The app's exports (x, and the palette's exports of the report and the actions): one
dialog (``screens/export.py``) for every format the command line writes, the List's
languages, the abridged report and the follow-up actions, written beside the session.

The files are those `decisions`, `report --minutes` and `actions` write: the List in
the meeting's language as `<name>.decisions.md`, in another as `<name>.decisions.fr.md`,
side by side as `<name>.decisions.en-fr.md`. A PDF is LibreOffice's work and takes
seconds, so it is made on a thread and said when written.

What only an export needs (the dialog, the report, the actions, the languages side by
side, the template's reader) is imported when one is made: not every start-up's cost.
Opening the dialog imports only what it shows (the file names, whether DOCX and PDF
can be made): the List itself, its renderers and the Word writer (some 20 million
instructions, a tenth of the dialog's first opening) come when a format is chosen.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..core.errors import InputError
from ..core.languages import words
from ..core.list_numbers import count_phrase
from ..core.translations import second_language
from ..files import pdf_export
from ..files.exports import export_path, language_path, read_template, template_path, write_file
from .host import Host

if TYPE_CHECKING:
    from .screens.export import ExportChoice, Languages


def docx_installed() -> bool:
    """Whether python-docx is there to import, without importing it (nor the Word
    writer): the dialog asks as it opens, and importing python-docx took some 0.1 s."""
    if "docx" in sys.modules:
        return sys.modules["docx"] is not None
    return importlib.util.find_spec("docx") is not None


def followup_path(session_path: Path, what: str, fmt: str) -> Path:
    """Beside the session, as the List of decisions: 'x.minutes.md', 'x.actions.md'."""
    path = export_path(session_path, fmt)
    return path.with_name(path.name.replace(".decisions.", f".{what}.", 1))


class Exporter:
    """Opens the dialog and writes what it chose; remembers the last choice."""

    def __init__(self, app: Host, session_path: Callable[[], Path],
                 docx: Callable[[], bool] | None = None) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path
        self.docx = docx or docx_installed
        self.last: ExportChoice | None = None

    def languages(self) -> list[Languages]:
        from .screens.export import Languages

        settings = self.session.settings
        own, other = settings.resolved_language(), second_language(settings)
        name = words(None).language_name
        return [
            Languages((own,), False, name(own)),
            Languages((other,), False, name(other)),
            Languages((own, other), False, f"{name(own)} and {name(other)}: a file each"),
            Languages((own, other), True, f"{name(own)} and {name(other)}, side by side"),
        ]

    def open(self, what: str = "decisions") -> None:
        from .screens.export import ExportScreen

        languages = self.languages()
        last = self.last
        fmt = last.fmt if last else "md"
        index = languages.index(last.languages) if last and last.languages in languages else 0
        self.app.push_screen(
            ExportScreen(self.names, languages=languages, what=what, fmt=fmt, language=index,
                         docx=self.docx(), pdf=pdf_export.soffice() is not None),
            self.chosen)

    # ------------------------------------------------------------ the files
    def paths(self, choice: ExportChoice) -> list[Path]:
        session_path = self.session_path()
        if choice.what != "decisions":
            return [followup_path(session_path, choice.what, choice.fmt)]
        base = export_path(session_path, choice.fmt)
        codes = choice.languages.codes
        if choice.languages.side_by_side:
            return [language_path(base, "-".join(codes))]
        if codes == (self.session.settings.resolved_language(),):
            return [base]
        return [language_path(base, code) for code in codes]

    def names(self, choice: ExportChoice) -> list[str]:
        return [path.name for path in self.paths(choice)]

    # ------------------------------------------------------------ writing
    def chosen(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from ..core.docx_template import TemplateError
        from ..core.export_docx import DocxUnavailable

        if choice.what == "decisions":
            self.last = choice
        try:
            made = self.make(choice)
        except (DocxUnavailable, InputError) as exc:
            self.app.notify(f"Not exported: {exc}", severity="error", timeout=10)
            return
        except TemplateError as exc:
            self.app.notify(f"Not exported: {self.session.settings.template}: {exc}",
                            severity="error", timeout=10)
            return
        if choice.fmt == "pdf":
            self.app.notify("Making the PDF (LibreOffice) …", timeout=5)
            self.app.run_worker(lambda: self._pdf(made), thread=True, group="export",
                                description="the PDF of the List of decisions")
            return
        self._write(made)

    def make(self, choice: ExportChoice) -> list[File]:
        """The files of ``choice``; a PDF's content is still the DOCX it is made from."""
        from ..core import action_list, bilingual, minutes
        from ..core.export import render
        from ..core.export_docx import make_docx

        session = self.session
        paths = self.paths(choice)
        if choice.what == "minutes":
            data = minutes.render(minutes.build_minutes(session), choice.fmt)
            return [File(paths[0], data, "The abridged report")]
        if choice.what == "actions":
            data = action_list.render(session, action_list.rows(session), choice.fmt)
            return [File(paths[0], data, "The open actions")]
        fmt = "docx" if choice.fmt == "pdf" else choice.fmt
        template = self._template() if fmt == "docx" else None
        codes = choice.languages.codes
        name = words(None).language_name
        if choice.languages.side_by_side:
            results = [bilingual.translated(session, code, column=True) for code in codes]
            docs = [result.document for result in results]
            if fmt == "docx":
                from ..core.bilingual_docx import render_docx

                content: str | bytes = render_docx(docs, template).data
            else:
                content = bilingual.render(docs, fmt)
            missing = tuple(name(r.document.language) for r in results if r.missing)
            return [File(paths[0], content, count_phrase(docs[0].count), docs[0].count,
                         missing)]
        out = []
        for path, code in zip(paths, codes, strict=True):
            result = bilingual.translated(session, code)
            doc = result.document
            content = make_docx(doc, template).data if fmt == "docx" else render(doc, fmt)
            out.append(File(path, content, count_phrase(doc.count), doc.count,
                            (name(code),) if result.missing else ()))
        return out

    def _template(self) -> bytes | None:
        template = self.session.settings.template
        if not template:
            return None
        return read_template(template_path(template, self.session_path()))

    def _pdf(self, made: list[File]) -> None:
        try:
            pdfs = []
            for file in made:
                assert isinstance(file.data, bytes)
                pdfs.append(file._replace(data=pdf_export.docx_to_pdf(file.data)))
        except (pdf_export.PdfUnavailable, pdf_export.PdfFailed) as exc:
            self.app.call_from_thread(self.app.notify, f"No PDF: {exc}", severity="error",
                                      timeout=10)
            return
        self.app.call_from_thread(self._write, pdfs)

    def _write(self, made: list[File]) -> None:
        for file in made:
            try:
                write_file(file.path, file.data)
            except OSError as exc:
                self.app.notify(f"Cannot write {file.path}: {exc.strerror or exc}",
                                severity="error", timeout=10)
                return
            self.app.notify(file.said(), timeout=10)


class File(NamedTuple):  # not a frozen dataclass: see screens/export.py
    """One file an export writes, and what its notification says of it."""

    path: Path
    data: str | bytes
    what: str  # "3 decisions", "The abridged report"
    decisions: int | None = None  # decisions in it (the List's)
    missing: tuple[str, ...] = ()  # the languages some of its decisions lack

    def said(self) -> str:
        text = f"{self.what} exported to {self.path}"
        if self.decisions == 0:
            text += " (no final decision yet)"
        if self.missing:
            text += (f"; translations missing ({', '.join(self.missing)}): marked in "
                     "the list")
        return text
