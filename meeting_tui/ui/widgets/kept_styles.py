"""Component styles kept from one drawing to the next, until the widget's styles change.

Widget drops its cache of component styles on every refresh, and each style asked for
afterwards is made again from the stylesheet and the widget's ancestors. The widgets
drawn on every `n` and every clock tick (the agenda tree: five or six styles a line;
the top bar: one per coloured part) spent a good part of each drawing on it. A kept
style is used while the component styles it was made from are still the widget's:
Textual makes them anew whenever it applies the stylesheet to the widget (focus,
hover, a class, the theme; an ancestor's change too, which it applies to the
descendants), and announces a change of the widget's own styles with
``notify_style_update``. The app sets no inline style on these widgets.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style


class KeptStyles:
    """Mixed in before the Textual widget class: ``get_component_rich_style`` kept."""

    def get_component_rich_style(self, *names: str, partial: bool = False,
                                 default: Style | None = None) -> Style:
        kept: dict[tuple[Any, ...], tuple[Style, tuple[object, ...]]] = (
            self.__dict__.setdefault("_kept_styles", {}))
        sources: dict[str, object] = self._component_styles  # type: ignore[attr-defined]
        key = (names, partial, default)
        entry = kept.get(key)
        if entry is not None:
            style, made_from = entry
            if all(sources.get(name) is source
                   for name, source in zip(names, made_from, strict=True)):
                return style
        style = super().get_component_rich_style(  # type: ignore[misc]
            *names, partial=partial, default=default)
        kept[key] = (style, tuple(sources.get(name) for name in names))
        return style

    def forget_styles(self) -> None:
        self.__dict__.pop("_kept_styles", None)

    def notify_style_update(self) -> None:
        self.forget_styles()
        super().notify_style_update()  # type: ignore[misc]
