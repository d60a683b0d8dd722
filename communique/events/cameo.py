"""Trigger lines from the open CAMEO verb dictionary, typed by the CAMEO->PLOVER table.

Why: the hand lexicon (``data/lexicon.tsv``) was written while reading the
sentences it is scored on, and it holds poorly on text never seen. The event-
data community's own vocabulary is the PETRARCH2 CAMEO verb dictionary
(``data/cameo/CAMEO.2.0.txt``: about 4,600 verb patterns in 400 synonym
blocks, MIT licence) and the PLOVER codebook's CAMEO->PLOVER conversion table
(``data/cameo/CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0); see
``data/cameo/SOURCES.md``. This module reads both and writes each verb pattern
as a line of the lexicon's own pattern language (:mod:`communique.events.lexicon`),
so the rule coder can use it beside (or instead of) the hand lexicon.

What is converted, and how:

* a verb block's default code codes the bare verb (``--- ACCUSE [112] ---``);
  a verb line's own code overrides it; ``[---]`` codes nothing;
* ``- * NOUN [code]`` becomes ``verb _ noun|nouns`` (up to three words between,
  since the dictionary names the head of a noun phrase), ``{A B}`` a run of
  words, ``(PREP X)`` ``prep _ x``, ``&SET`` the set's one-word members;
  ``+``/``$``/``%``/``^`` (actor and skip markers) are dropped, and a
  preposition in front of ``+`` becomes the line's ``to=`` preposition;
* patterns with nouns before the verb, and the verb-verb transformations
  (``~``), need a parse and are left out;
* a pattern coded ``[---]`` becomes a ``NONE`` line: where it matches, the
  longer match wins over the bare verb and then codes nothing, as in PETRARCH
  ("foil a plot" is no event while "foil" alone is a rejection);
* CAMEO 01 (public statements) has no PLOVER category and is left out; CAMEO 02
  (appeals) is REQUEST, which the PLOVER manual defines as "all requests,
  demands and orders" (the 2021 table lists only 03-20).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from communique.events.lexicon import Layered, Lexicon, build, load, parse_line

DIR = Path(__file__).parent / "data" / "cameo"
VERBS = DIR / "CAMEO.2.0.txt"
TABLE = DIR / "CAMEO2PLOVER-2021.txt"

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")


@lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from the codebook's conversion table."""
    out: dict[str, tuple[str, str]] = {}
    for raw in TABLE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,?\s*([^,]*)", line)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3).strip().replace(" ", ""))
    return out


def to_plover(code: str) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code, by the longest listed prefix; None: no event."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    if code.startswith("01"):
        return None  # public statements: no PLOVER category
    if code.startswith("02"):
        return ("REQUEST", "")  # appeals (see the module docstring)
    table = plover_table()
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


def _plural(noun: str) -> list[str]:
    if noun.endswith(("s", "x", "ch", "sh")):
        return [noun, noun + "es"] if not noun.endswith("s") else [noun]
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return [noun, noun[:-1] + "ies"]
    return [noun, noun + "s"]


def _verb_forms(word: str) -> list[str]:
    """Regular forms of a verb as PETRARCH makes them: -s/-es, -ed/-d, -ing."""
    w = word
    forms = {w}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "ch", "sh", "z")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
    return sorted(forms)


def _phrase_forms(spec: str) -> list[list[str]]:
    """Word lists for a verb written ``WORD``, ``+STIR_UP`` or ``WIRE_+TAP`` (regular forms)."""
    words = spec.lower().split("_")
    words = [w for w in words if w]
    k = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+") for w in words]
    return [words[:k] + [f] + words[k + 1 :] for f in _verb_forms(words[k])]


def _tokens(pat: str) -> list[str]:
    """Split a pattern on spaces, keeping ``{...}`` and ``(...)`` groups whole."""
    out, cur, depth = [], "", 0
    for ch in pat:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        if ch.isspace() and depth == 0:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


class _Reader:
    def __init__(self) -> None:
        self.sets: dict[str, list[str]] = {}
        self.lines: list[tuple[str, str, str, str, str]] = []  # (type, mode, flags, pattern, cameo code)
        self.skipped = 0

    # -- pattern pieces ------------------------------------------------
    def _word(self, w: str) -> str | None:
        """One dictionary word (maybe ``&SET``) as a pattern token; None: cannot be written."""
        if w.startswith("&"):
            members = self.sets.get(w)
            if not members:
                return None
            return "|".join(sorted(set(members)))
        w = w.lower().strip("_")
        if not re.fullmatch(r"[a-z][a-z'-]*", w):
            return None
        return "|".join(_plural(w))

    def _item(self, tok: str, to: list[str]) -> list[str] | None:
        """A pattern item after the verb as pattern tokens (with a leading gap)."""
        if tok in ("+", "$", "%", "^"):
            return []
        if tok.startswith("{"):
            raw = [w for w in tok[1:-1].split() if w not in ("+", "$", "%", "^")]
            words = [self._word(w) for w in raw]
            if not words or None in words:
                return None
            # only the head (the last word) takes a plural; a set keeps its members
            plain = [w if r.startswith("&") else w.split("|")[0] for r, w in zip(raw[:-1], words[:-1], strict=True)]  # type: ignore[union-attr]
            return ["_", *plain, words[-1]]  # type: ignore[list-item]
        if tok.startswith("("):
            inner = _tokens(tok[1:-1])
            if not inner:
                return None
            prep = inner[0].lower()
            if not re.fullmatch(r"[a-z]+", prep):
                return None
            rest: list[str] = []
            for t in inner[1:]:
                if t in ("+", "$", "%"):
                    if t == "+":
                        to.append(prep)
                    continue
                sub = self._item(t, to)
                if sub is None:
                    return None
                rest += sub
            return ["_", prep, *rest]
        w = self._word(tok)
        return None if w is None else ["_", w]

    # -- file ----------------------------------------------------------
    def read(self, text: str) -> None:
        lines = text.splitlines()
        i = 0
        # synonym sets, before the verb patterns
        cur: str | None = None
        while i < len(lines) and not lines[i].startswith("####### VERB PATTERNS"):
            line = lines[i].split("#", 1)[0].rstrip()
            i += 1
            if line.startswith("&"):
                cur = line.split()[0]
                self.sets[cur] = []
            elif line.startswith("+") and cur:
                w = line[1:].strip().lower()
                if w and "_" not in w.strip("_") and re.fullmatch(r"[a-z][a-z'-]*_?", w):
                    nopl = cur.endswith("_") or w.endswith("_")
                    w = w.strip("_")
                    self.sets[cur] += [w] if nopl else _plural(w)
        block_code = "---"
        verbs: list[tuple[list[list[str]], str]] = []  # (word lists, own code)
        for raw in lines[i:]:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            m = _HEADER.match(line)
            if m:
                self._flush(verbs, block_code)
                block_code, verbs = m.group(2).strip() or "---", []
                continue
            if line.startswith("~"):
                continue
            if line.startswith("-"):
                self._pattern(line[1:].strip(), verbs)
                continue
            self._verb(line.strip(), verbs)
        self._flush(verbs, block_code)

    def _verb(self, line: str, verbs: list) -> None:
        code = ""
        cm = _CODE.search(line)
        if cm:
            code = cm.group(1).strip()
            line = line[: cm.start()] + line[cm.end() :]
        irr = re.search(r"\{([^}]*)\}", line)
        head = line[: irr.start()].strip() if irr else line.strip()
        if not head or " " in head:
            self.skipped += 1
            return
        forms = _phrase_forms(head)
        if irr:
            base = [w.lstrip("+") for w in head.lower().split("_") if w]
            forms = [base] + [
                [w.lstrip("+") for w in f.lower().split("_") if w] for f in irr.group(1).split() if f.strip()
            ]
        verbs.append((forms, code))

    def _pattern(self, body: str, verbs: list) -> None:
        cm = _CODE.search(body)
        if not cm or not verbs:
            self.skipped += 1
            return
        code = cm.group(1).strip()
        toks = _tokens(body[: cm.start()].strip())
        if (
            "*" not in toks
            or toks.index("*") > 0
            and any(t not in ("+", "$", "%", "^") for t in toks[: toks.index("*")])
        ):
            self.skipped += 1  # nouns before the verb need a parse
            return
        to: list[str] = []
        tail: list[str] = []
        for t in toks[toks.index("*") + 1 :]:
            item = self._item(t, to)
            if item is None:
                self.skipped += 1
                return
            tail += item
        while tail and tail[-1] == "_":
            tail.pop()
        if not any(t != "_" for t in tail):
            if to:  # "* (WITH +)": the bare verb with a target preposition
                self._emit_verbs(verbs, code, [], to)
            return
        self._emit_verbs(verbs, code, tail, to)

    def _emit_verbs(self, verbs: list, code: str, tail: list[str], to: list[str]) -> None:
        plover = to_plover(code) if code != "---" else ("NONE", "")
        if plover is None:
            return
        typ, mode = plover
        flags = ",".join(f for f in (("to=" + "/".join(sorted(set(to)))) if to else "",) if f) or "-"
        for pat in _alternation([f for forms, _own in verbs for f in forms]):
            self.lines.append((typ, mode or "-", flags, " ".join([*pat, *_squeeze(tail)]), code))

    def _flush(self, verbs: list, block_code: str) -> None:
        """The bare verbs of a finished block, with the block's (or their own) code."""
        for forms, own in verbs:
            code = own or block_code
            plover = to_plover(code) if code != "---" else None
            if plover is None:
                continue
            typ, mode = plover
            for pat in _alternation(forms):
                self.lines.append((typ, mode or "-", "bare", " ".join(pat), code))


def _squeeze(tail: list[str]) -> list[str]:
    """Drop a gap repeated or put before a word that must follow directly (a compound's parts)."""
    out: list[str] = []
    for t in tail:
        if t == "_" and out and out[-1] == "_":
            continue
        out.append(t)
    return out


def _alternation(forms: list[list[str]]) -> list[list[str]]:
    """Verb forms as few pattern token lists: phrases differing in one word share a line.

    "stir up", "stirs up", "stirred up" become ``stir|stirred|stirs up``; one-word forms one line.
    """
    groups: dict[tuple, set[str]] = {}
    for f in forms:
        k = next(
            (
                i
                for i in range(len(f))
                if len(f) == 1
                or f[i]
                not in (
                    "up",
                    "out",
                    "off",
                    "down",
                    "on",
                    "in",
                    "to",
                    "back",
                    "over",
                    "away",
                    "with",
                    "for",
                    "into",
                    "from",
                    "at",
                    "by",
                    "as",
                )
            ),
            0,
        )
        key = (len(f), k, tuple(w for i, w in enumerate(f) if i != k))
        groups.setdefault(key, set()).add(f[k])
    out = []
    for (_n, k, rest), alts in sorted(groups.items()):
        toks = list(rest)
        toks.insert(k, "|".join(sorted(alts)))
        out.append(toks)
    return out


@lru_cache(maxsize=1)
def lexicon_lines() -> tuple[tuple[str, str, str, str, str], ...]:
    """Every converted line: (PLOVER type or NONE, mode or "-", flags, pattern, CAMEO code)."""
    r = _Reader()
    r.read(VERBS.read_text(encoding="utf-8"))
    seen: set[tuple[str, str]] = set()
    out = []
    for line in r.lines:
        k = (line[0], line[3])
        if k not in seen:
            seen.add(k)
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=4)
def lexicon(bare: bool = True, brief: bool = False) -> Lexicon:
    """The converted dictionary as a compiled lexicon (after the hand lexicon's lines in order).

    ``bare=False`` leaves out the bare verbs (a block's default code, "attack",
    "introduce"), keeping the patterns that name what the verb acts on
    ("launch _ assault", "recall _ ambassador"): the synonym blocks are wide
    (WordNet sets), so a bare verb alone is often another sense. ``brief=True``
    codes its lines in short texts only (a news sentence), not in long records,
    which mention far more actions than they report events.
    """
    # "low": a general dictionary word codes a clause only where no other trigger does
    extra = "low,brief" if brief else "low"
    lines = [
        (t, m, extra if f in ("-", "bare") else f + "," + extra, p)
        for t, m, f, p, _ in lexicon_lines()
        if bare or f != "bare"
    ]
    return build([parse_line("\t".join(line), 100_000 + n) for n, line in enumerate(lines)])


@lru_cache(maxsize=1)
def layered() -> Layered:
    """The hand lexicon first, then the CAMEO dictionary's verb patterns (not its bare verbs) in short texts."""
    return Layered(load(), lexicon(bare=False, brief=True), short_only=True)
