"""Clause grammar for event coding: compound actors, subjects and targets found by position.

Why by position: the genre's sentences are formulaic ("X met Y", "X and Y
agreed to ...", "sanctions on X"), and a dependency parser would cost many
times the stage's budget; the few cues that matter — the preposition before
an actor, a list joined by "and", a place's appositive country — are read
straight from the text around the entities stage's mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.events.actors import Actor
from communique.events.lexicon import Trigger
from communique.events.scan import prev_word

PREPS = {
    "in", "at", "near", "from", "to", "for", "against", "with", "on", "into", "over", "between", "by",
    "across", "throughout", "under", "inside", "outside", "about", "toward", "towards", "among", "via",
    "within", "than", "like", "including", "upon", "along",
}  # fmt: skip


LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "along"}


JOIN = re.compile(r"^(?:\s*(?:,|and|&|or|as well as|-|–|/)\s*)+(?:the\s+)?$", re.IGNORECASE)


_ROLE_WORDS = re.compile(
    r"\b(?:President|Minister|Secretary|Chancellor|King|Queen|Emir|Prince|Leader|leader|government|Government|"
    r"people|leadership|army|forces|Ministry|ministry|parliament|Parliament|embassy|Embassy|Ambassador|ambassador|"
    r"Chairman|Premier|Prime Minister|citizens|authorities|state|State|Republic|head|Head|delegation|group|team|"
    r"members|number|[Tt]housands|[Hh]undreds|[Dd]ozens|[Tt]ens|[Mm]illions|[Ss]ome|[Mm]ost|[Mm]any|[Aa]ll|[Ss]cores|"
    r"deployment|contingent|units|batch|patch|wave|leaders|representatives|officials|troops|soldiers|police)\s*$"
)


@dataclass
class Group:
    actors: list[Actor]
    start: int
    end: int

    @property
    def head(self) -> Actor:
        return self.actors[0]


def actor_groups(text: str, actors: list[Actor], cuts: tuple[int, ...] = ()) -> list[Group]:
    """Consecutive actors joined by "and" or commas form one compound actor (never across a clause cut)."""
    out: list[Group] = []
    for a in actors:
        if a.members:  # "the two presidents", or "they" standing for them
            out.append(Group(list(a.members), a.start, a.end))
            continue
        near = bool(out) and a.start - out[-1].end < 12
        gap = text[out[-1].end : a.start] if near else ""
        if near and out[-1].head.kind == "PLACE" and gap.strip() == "," and a.code == out[-1].head.code:
            out[-1].end = a.end  # "Hangzhou, China": the place's country, part of the place
            continue
        if (
            near
            and JOIN.match(gap)
            and not any(out[-1].end <= c < a.start for c in cuts)
            and not (out[-1].head.kind == "PLACE" and gap.strip() in (",", ""))  # "in Hangzhou, China, X"
        ):
            g = out[-1]
            if all(x.key != a.key for x in g.actors):
                g.actors.append(a)
            g.end = a.end
            continue
        out.append(Group([a], a.start, a.end))
    return out


_COORD = re.compile(r"\b(?:and|or|as well as|both)\b|&|\w[-–/]\w", re.IGNORECASE)  # "Russian-Finnish"


_COMMA_ONLY = re.compile(r"\s*,?\s*(?:the\s+)?$", re.IGNORECASE)


def coordinated(text: str, g: Group) -> bool:
    """A true compound ("Russia and Syria", "the two presidents"), not actors a bare comma apart.

    "If Russia invades Ukraine, the United States will ..." puts "Ukraine" and
    "the United States" side by side with a comma between: no list without a
    coordinator, so only the first is the actor.
    """
    if len(g.actors) < 2 or g.start < 0 or _COORD.search(text, g.start, g.end):
        return True
    inside = [a for a in g.actors if g.start <= a.start and a.end <= g.end]
    if len(inside) < len(g.actors):
        return True  # "they", "the leaders": the members were named elsewhere
    return not all(_COMMA_ONLY.match(text, a.end, b.start) for a, b in zip(inside, inside[1:], strict=False))


def prep_before(text: str, pos: int, lo: int) -> str:
    """The word that introduces an actor, past a determiner: "from *the* Russian Federation" -> "from"."""
    w = prev_word(text, pos, lo).lower()
    if w in ("the", "its", "their", "his", "her"):
        w = prev_word(text, pos - len(w) - 1, lo).lower()
    return w


def eligible_subject(text: str, g: Group, lo: int) -> bool:
    """Not inside a prepositional phrase, except "President of X" (a title's country)."""
    w = prev_word(text, g.start, lo).lower()
    pos = g.start
    if w == "the":
        pos = text.rfind("the", lo, g.start)
        w = prev_word(text, pos, lo).lower() if pos > lo else ""
    if w == "of":
        return bool(_ROLE_WORDS.search(text[max(lo, pos - 40) : pos].rstrip().removesuffix("of")))
    return w not in PREPS


def attach_target(
    text: str,
    groups: list[Group],
    t: Trigger,
    lo: int,
    end: int,
    src_keys: set,
    preps: tuple[str, ...],
    record: bool = False,
) -> Group | None:
    """The first actor after the trigger's head word (or after one of ``preps``).

    Another side is preferred to the source's own (a self-directed act is the
    rarer reading), and in a long record a place ("met in Rome") is never a target.
    """
    after = [g for g in groups if g.start >= lo and g.start < end]
    cands = [g for g in after if any(a.key not in src_keys for a in g.actors)] or [
        g for g in after if any(a.role == "name" for a in g.actors)
    ]
    if record:  # a person of no known state is not a side of the record ("the Mansfield Program")
        cands = [g for g in cands if g.head.code or g.head.kind != "PERSON"]
    if not cands:
        return None

    def prep(g: Group) -> str:
        return prep_before(text, g.start, lo)

    if preps:
        for g in cands:
            if prep(g) in preps:
                return g
    for g in cands:
        if prep(g) not in LOCATIVE:
            return g
    return None if record else cands[0]
