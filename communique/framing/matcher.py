"""A fast matcher for many small word patterns: index them by the letters they can start with.

Python's ``re`` tries every alternative of a big alternation at every position,
which made one lexicon pass cost tens of milliseconds per document. Here each
pattern is compiled on its own and indexed by the (lower-case) one- or
two-letter prefixes it can start with, read off its parse tree; a scan walks
the words of the text once and tries, at each word start, only the patterns
whose prefix fits. Matches never overlap: at a position the first pattern (in
lexicon order) that matches wins and the scan resumes after it, as an
alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from communique.textutil import trie_pattern

try:  # Python ≥ 3.11 keeps the parser here; older versions expose sre_parse
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_WORD_START = re.compile(r"\w+")
_N = 4  # prefix letters indexed: longer prefixes let the start regex skip more words


def _prefixes(items, n: int = _N) -> set[str] | None:
    """Lower-case prefixes (length ≤ n) a parsed pattern can start with; None if any letter may."""
    results = {""}
    for op, av in items:
        if all(len(r) >= n for r in results):
            break
        opts = _options(op, av, n)
        if opts is None:
            return None
        results = {(r + o)[:n] if len(r) < n else r for r in results for o in opts}
    return results


def _options(op, av, n: int) -> set[str] | None:
    if op is C.LITERAL:
        return {chr(av).lower()}
    if op is C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                chars.add(chr(iav).lower())
            elif iop is C.RANGE and iav[1] - iav[0] < 64:
                chars.update(chr(c).lower() for c in range(iav[0], iav[1] + 1))
            else:
                return None
        return chars
    if op is C.SUBPATTERN:
        return _prefixes(av[-1], n)
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _prefixes(branch, n)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, _hi, item = av
        sub = _prefixes(item, n)
        if sub is None:
            return None
        return sub | {""} if lo == 0 else sub
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}
    return None


class WordMatcher:
    """Scan a text for any of ``patterns`` (regex fragments), trying them only at word starts."""

    def __init__(self, patterns: Sequence[str], flags: int = re.IGNORECASE) -> None:
        self.compiled = [re.compile(p, flags) for p in patterns]
        self.always: list[int] = []
        self.index: dict[str, list[int]] = {}
        for i, p in enumerate(patterns):
            pre = _prefixes(P.parse(p, flags))
            if pre is None or "" in pre:
                self.always.append(i)
                continue
            for k in pre:
                self.index.setdefault(k, []).append(i)
        self._cache: dict[str, tuple[int, ...]] = {}
        # where no pattern can start anywhere, only words opening with an indexed prefix are
        # visited: the regex engine skips the rest without a Python-level step
        heads = trie_pattern(k for k in self.index if k[:1].isalnum() or k[:1] == "_")
        self.starts = re.compile(rf"(?<!\w)(?i:{heads})") if self.index and not self.always else _WORD_START

    def _candidates(self, head: str) -> tuple[int, ...]:
        """Patterns that may start at a word beginning with ``head`` (its first letters, any case)."""
        got = self._cache.get(head)
        if got is None:
            key = head.lower()
            found = set(self.always)
            for k in {key[:i] for i in range(1, _N + 1)}:
                found.update(self.index.get(k, ()))
            got = self._cache[head] = tuple(sorted(found))
        return got

    def scan(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern index, match) pairs, left to right, not overlapping."""
        end = len(text) if end is None else end
        resume = start
        for w in self.starts.finditer(text, start, end):
            pos = w.start()
            if pos < resume:
                continue
            for i in self._candidates(text[pos : pos + _N]):
                m = self.compiled[i].match(text, pos, end)
                if m and m.end() > pos:
                    yield i, m
                    resume = m.end()
                    break
