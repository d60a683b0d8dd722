"""Turn a text and overlapping layer spans into escaped HTML whose pieces keep exact offsets.

Why minimal intervals rather than nested tags: the layers of a Document
overlap freely (a quote crosses a turn's end, a loaded phrase starts inside an
entity mention), so no tree of tags can hold them all. Instead the text is cut
at every span boundary into pieces no boundary falls inside; each piece is one
``<span data-s=OFFSET>`` carrying the CSS classes and item ids of every mark
covering it. Highlighting a span in the browser is then "add a class to the
pieces whose offsets fall in [start, end)". Labels (a quote's speaker, an
event's type) are empty elements drawn by CSS, so the text content of the
pieces, concatenated, is exactly the source text.

One sweep over the sorted boundaries: O(n log n) in the number of marks plus
the length of the text, so a long transcript with hundreds of mentions renders
in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One layer item's span as the renderer sees it.

    ``item`` is the side-panel id the covered pieces list in ``data-i``;
    ``cls`` the CSS classes they get; ``label`` text drawn (by CSS) just
    before the span begins, with ``label_cls`` saying which kind of label;
    ``href`` makes the covered text a link (entity mentions).
    """

    item: str
    start: int
    end: int
    cls: str
    label: str | None = None
    label_cls: str = ""
    href: str | None = None


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """The whole ``text`` as HTML pieces (see the module docstring); every character appears exactly once."""
    n = len(text)
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in marks:
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if e <= s:
            continue
        starts.setdefault(s, []).append(m)
        ends.setdefault(e, []).append(m)
    cuts = sorted({0, n, *starts, *ends})
    active: dict[int, Mark] = {}  # id(mark) -> mark, in the order they opened
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for m in ends.get(a, ()):
            active.pop(id(m), None)
        opening = starts.get(a, ())
        for m in opening:
            active[id(m)] = m
        for m in opening:
            if m.label:
                out.append(f'<span class="lab {m.label_cls}" data-l="{escape(m.label)}"></span>')
        out.append(_piece(text[a:b], a, active.values()))
    return Markup("".join(out))


def _piece(chunk: str, offset: int, covering: Iterable[Mark]) -> str:
    classes: list[str] = []
    items: list[str] = []
    href = None
    for m in covering:
        for c in m.cls.split():
            if c not in classes:
                classes.append(c)
        if m.item not in items:
            items.append(m.item)
        if m.href:
            href = m.href  # the latest-opened (innermost) link wins
    body = str(escape(chunk))
    if href:
        body = f'<a href="{escape(href)}">{body}</a>'
    attrs = f' data-s="{offset}"'
    if classes:
        attrs = f' class="{escape(" ".join(classes))}"' + attrs
    if items:
        attrs += f' data-i="{escape(" ".join(items))}"'
    return f"<span{attrs}>{body}</span>"
