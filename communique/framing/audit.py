"""Which entries of the framing lexicons were lifted from the development documents?

A cue or a loaded term earns its place by occurring across the bench corpus (records nobody tuned
on), not by matching one development or seed article. :func:`dev_only` splits every row into its
alternatives (a commentary cue is one alternation of many phrases) and returns those that match a
development or seed text and no bench text. ``benchmarks/framing_audit.py`` prints them; a test keeps
the lexicons free of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from communique.framing import lexicon


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` inside its outer ``\\b(?:…)\\b`` group, each still a
    regex; a pattern without such a group is one alternative."""
    m = re.fullmatch(r"(\\b)?\(\?:(.*)\)(\\b)?", pattern)
    if not m:
        return [pattern]
    body, out, depth, cur, esc = m.group(2), [], 0, "", False
    for ch in body:
        if esc:
            cur, esc = cur + ch, False
            continue
        if ch == "\\":
            cur, esc = cur + ch, True
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    if depth != 0:
        return [pattern]
    return [rf"\b(?:{a})\b" for a in out]


def entries() -> list[tuple[str, str, str]]:
    """``(file, row, alternative)`` for every alternative of every lexicon row."""
    out = [("loaded_terms.tsv", t.pattern, rf"(?<![\w-])(?:{t.pattern})(?![\w-])") for t in lexicon.terms()]
    for c in lexicon.cues():
        if lexicon.is_anchored(c) or lexicon.is_punctuation(c):
            continue
        out += [("commentary_cues.tsv", c.name, a) for a in alternatives(c.pattern)]
    return out


def dev_only(dev_texts: Iterable[str], bench_texts: Iterable[str]) -> list[tuple[str, str, str]]:
    """Entries matching a development text and no bench text."""
    dev = "\n\n".join(dev_texts)
    hits = []
    for f, row, alt in entries():
        pat = re.compile(alt, re.IGNORECASE)
        if pat.search(dev):
            hits.append((f, row, alt, pat))
    bench = "\n\n".join(bench_texts)
    return [(f, row, alt) for f, row, alt, pat in hits if not pat.search(bench)]
