"""Layout repairs for reading names: page markup blanked and tooltip repeats set apart, offsets kept.

Every repair replaces characters one for one, so an offset into the repaired text
is an offset into the source. Line breaks are left alone (readers that want wrapped names
whole, "Bret\\nBaier", read newlines as spaces themselves).

- Markdown: emphasis markers (``**``, ``__``) and a link's target (``](https://…)``) are
  blanked, with the link's opening bracket, so ``[**Fox News’s Bret\\nBaier**](url)**:**``
  reads "Fox News’s Bret Baier :" (an outlet, then a person).
- Kremlin pages follow a linked name with its tooltip, surname first and often glued to the
  person's title: "Obama Obama Barack", "Barack Obama Obama Barack", "Xi Jinping Xi Jinping",
  "Trump Trump DonaldPresident of the United States of America". The repeat is found in every
  order in which the site writes it and set apart from the name it repeats, so that it reads as
  a second mention of the same person (the entities stage links it), not as one long name.
"""

from __future__ import annotations

import re

_EMPHASIS = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
_LINK = re.compile(r"\[(?=[^\[\]]{0,300}\]\((?:https?:|mailto:|/))|\]\((?:https?:|mailto:|/)[^)\s]*\)")
_CAPWORD = r"[A-Z][\w'’-]*[a-z\u00e0-\u024f][\w'’-]*"
# a run of capitalised words; a word may carry a glued title ("DonaldPresident")
_RUN = re.compile(rf"(?<![\w'’-]){_CAPWORD}(?: {_CAPWORD}){{1,7}}")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def blank_markup(text: str) -> str:
    """Markdown emphasis and link targets as spaces (same length)."""
    if "*" not in text and "_" not in text and "](" not in text:
        return text
    blank = lambda m: " " * (m.end() - m.start())  # noqa: E731
    return _EMPHASIS.sub(blank, _LINK.sub(blank, text))


def tooltip_repeats(text: str) -> list[tuple[int, int]]:
    """Spans of tooltip repeats of a name just written (see the module's docstring)."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        words = []  # (start, end) of each word, a glued title cut off the word it sticks to
        for w in re.finditer(r"\S+", m.group()):
            s = m.start() + w.start()
            glue = _GLUE.search(w.group())
            words.append((s, s + glue.start() if glue else s + len(w.group()), bool(glue)))
            if glue:
                break
        toks = [text[s:e] for s, e, _ in words]
        rep = _repeat(toks)
        if rep:
            out.append((words[rep[0]][0], words[rep[1] - 1][1]))
    return out


def _repeat(toks: list[str]) -> tuple[int, int] | None:
    """Token range [i, j) of a tooltip repeat in a run of capitalised words, if any.

    Words compare by their transliteration key, as the tooltip may spell the name otherwise
    ("Sauli Niinisto Niinistö Sauli")."""
    from communique.entities.translit import name_key

    toks = [name_key(t) for t in toks]
    for k in range(1, len(toks) - 1):
        for n in (3, 2, 1):
            if k - n < 0:
                continue
            name = toks[k - n : k]
            if n >= 2 and toks[k : k + n] == name:
                return k, k + n  # "Xi Jinping Xi Jinping": written again in the same order
            if n >= 2 and toks[k : k + n] == [name[-1], *name[:-1]]:
                return k, k + n  # "Barack Obama Obama Barack": surname first
            if n == 1 and toks[k] == name[0] and toks[k + 1] != name[0]:
                return k, min(len(toks), k + 3)  # "Obama Obama Barack": a surname, then its tooltip
    return None


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts = []
    last = 0
    for s, e in sorted(spans):
        parts += [text[last:s], " " * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)


def names_layout(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with Markdown markup blanked and each tooltip repeat set apart from the name it
    repeats (the space before it becomes "|", so the two read as two names), and the repeats' spans.
    Same length as ``text``."""
    text = blank_markup(text)
    tips = tooltip_repeats(text)
    if not tips:
        return text, tips
    chars = list(text)
    for s, _ in tips:
        if s > 0 and chars[s - 1] == " ":
            chars[s - 1] = "|"
    return "".join(chars), tips
