"""Cluster person candidates into one entity per referent, within one document.

Order of evidence: reference-table identity (a KB id) first, then full names
joined by :func:`translit.names_compatible`, then single words (surnames after
a title, "President Assad") linked to the one cluster whose last name matches,
or to the one office holder of the KB with that short form. A word that fits
two clusters stays unlinked: the stage never guesses between two people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.entities import roles
from communique.entities.kb import KB, PersonRec
from communique.entities.people import PersonCand
from communique.entities.translit import VOWELS, name_key, names_compatible, skeleton, words_match

# short forms that are also common English words or very common surnames: never linked without a cue
COMMON_SHORTS = set(
    """
May Brown Rice Price Miller Harris Johnson Carter Austin Gates Park Moon Ban Hu Wen Abe Sharon Hadi Kirby Earnest
Bennett Powell Cameron Vance Waltz Sanders Michel Li Lee Kim Wang Mao Castro Khan Singh Hussein Abbas Carney Truss
Gallant Jiang Yang Tang Sullivan Clinton Bush Harper Morrison Wei Zhao Hua Qin Jill Melania Salman Hamad Tamim Farouk
Hafez Saddam Sharif Ghani Lula Milei Stubb Merz Akar Fidan Yoon Murmu Grossi Tedros Aoun Sisi Haitham Nawaf Qaboos Swaraj
""".split()
)


@dataclass
class Cluster:
    cands: list[PersonCand] = field(default_factory=list)
    kb: str | None = None
    full: list[list[str]] = field(default_factory=list)  # multi-word names seen
    speakers: list[str] = field(default_factory=list)
    eid: str | None = None

    def add(self, c: PersonCand) -> None:
        self.cands.append(c)
        if self._lw is not None:  # kept current, not rebuilt from every candidate of a large cluster
            new = c.words[-1] if len(c.words) >= 2 and c.words not in self.full else None
            new = c.words[0] if len(c.words) == 1 else new
            if new is not None and new not in self._lw:
                self._lw.append(new)
        if len(c.words) >= 2 and c.words not in self.full:
            self.full.append(c.words)
        if c.speaker and c.speaker not in self.speakers:
            self.speakers.append(c.speaker)
        if self._home is not None:
            self._home.note(self, c)

    _lw: list[str] | None = None
    _home: ClusterList | None = None  # the list that indexes this cluster's names (not a field: no part of ==)

    def last_words(self, kbp: PersonRec | None) -> list[str]:
        if self._lw is not None:
            return self._lw
        self._lw = list(dict.fromkeys(self._last_words(kbp)))
        return self._lw

    def _last_words(self, kbp: PersonRec | None) -> list[str]:
        out = [w[-1] for w in self.full]
        out += [c.words[0] for c in self.cands if len(c.words) == 1]
        if kbp:
            out += kbp.shorts or [kbp.name.split()[-1]]
        return out

    def firsts(self, kb: KB) -> list[list[str]]:
        out = [f for f in self.full if len(f) >= 2]
        if self.kb and self.kb in kb.people:
            out.append(kb.people[self.kb].name.split())
        return out

    def offices(self, kb: KB, date: str | None) -> set[tuple[str | None, str | None]]:
        out = {(c.office, c.country) for c in self.cands if c.office}
        if self.kb and self.kb in kb.people:
            for o in kb.people[self.kb].offices:
                if o.held_on(date):
                    out.add((roles.office_key(o.office), o.country))
        return out


def _bucket(word: str) -> str | None:
    """A key two words share whenever :func:`words_match` joins them (the first letter of the
    folded key; all vowels together), or None for a word that matches nothing."""
    k = name_key(word)
    if not k:
        return None
    return "a" if k[0] in VOWELS else k[0]


class ClusterList(list):
    """The clusters of one document, indexed by the words that can link a name to them.

    Why: a lone surname, a first name or a full name is compared with the clusters its words
    could match, not with every cluster of the document (which made long transcripts
    quadratic). Each index narrows by a condition the comparison itself requires, so the
    answers are those of a full scan: :func:`words_match` only joins words of one
    :func:`_bucket`, ``names_compatible`` needs matching last words, and ``_first_fits``
    needs equal keys or a shared four-letter start. Clusters join with ``append`` and their
    names grow through ``Cluster.add``; both keep the index current. Membership is by
    identity (a cluster is never equal to another it is not).
    """

    def __init__(self, kb: KB) -> None:
        super().__init__()
        self.kb = kb
        self._ids: set[int] = set()
        self._last: dict[str | None, dict[int, Cluster]] = {}
        self._full_last: dict[str | None, dict[int, Cluster]] = {}
        self._first: dict[tuple[str, str], dict[int, Cluster]] = {}

    def append(self, cl: Cluster) -> None:  # type: ignore[override]
        super().append(cl)
        self._ids.add(id(cl))
        cl._home = self
        kbp = self.kb.people.get(cl.kb or "")
        for w in cl.last_words(kbp):
            self._last.setdefault(_bucket(w), {})[id(cl)] = cl
        for f in cl.full:
            self._full_last.setdefault(_bucket(f[-1]), {})[id(cl)] = cl
        for f in cl.firsts(self.kb):
            self._note_first(cl, f[0])

    def __contains__(self, cl: object) -> bool:
        return id(cl) in self._ids

    def note(self, cl: Cluster, c: PersonCand) -> None:
        """``c`` joined ``cl``: index the names it brought."""
        if len(c.words) >= 2:
            self._last.setdefault(_bucket(c.words[-1]), {})[id(cl)] = cl
            self._full_last.setdefault(_bucket(c.words[-1]), {})[id(cl)] = cl
            self._note_first(cl, c.words[0])
        elif len(c.words) == 1:
            self._last.setdefault(_bucket(c.words[0]), {})[id(cl)] = cl

    def _note_first(self, cl: Cluster, first: str) -> None:
        self._first.setdefault(("k", name_key(first)), {})[id(cl)] = cl
        self._first.setdefault(("p", first[:4]), {})[id(cl)] = cl

    def by_last(self, word: str) -> list[Cluster]:
        """The clusters with a last word that may match ``word``."""
        return list(self._last.get(_bucket(word), {}).values())

    def by_full_last(self, word: str) -> list[Cluster]:
        """The clusters with a full name whose last word may match ``word``."""
        return list(self._full_last.get(_bucket(word), {}).values())

    def by_first(self, word: str) -> list[Cluster]:
        """The clusters with a first name that may be ``word`` or start with it."""
        out = dict(self._first.get(("k", name_key(word)), {}))
        if len(word) >= 4:
            out.update(self._first.get(("p", word[:4]), {}))
        return list(out.values())


class KBIndex:
    """KB people indexed by the skeleton of their last name and by their short forms."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.by_last: dict[str, list[tuple[list[str], str]]] = {}
        self.by_short: dict[str, list[str]] = {}
        from communique.entities.people import name_words

        for p in kb.people.values():
            for n in (p.name, *p.spellings):
                w = name_words(n)
                if len(w) >= 2:
                    self.by_last.setdefault(skeleton(w[-1]), []).append((w, p.id))
            for s in p.shorts or [p.name.split()[-1]]:
                ids = self.by_short.setdefault(name_key(s), [])
                if p.id not in ids:
                    ids.append(p.id)

    def full(self, words: list[str]) -> str | None:
        ids = {
            pid
            for w, pid in self.by_last.get(skeleton(words[-1]), [])
            if names_compatible(words, w) and (len(w) == len(words) or words_match(w[0], words[0]))
        }
        return ids.pop() if len(ids) == 1 else None

    def short(
        self,
        word: str,
        office: str | None = None,
        country: str | None = None,
        date: str | None = None,
        strict: bool = False,
        exact: bool = False,
    ) -> str | None:
        ids = self.by_short.get(name_key(word), [])
        if exact:
            ids = [i for i in ids if word in (self.kb.people[i].shorts or [self.kb.people[i].name.split()[-1]])]
        if office or country:
            fit = [
                i
                for i in ids
                if any(
                    (not office or roles.office_key(o.office) == office) and (not country or o.country == country)
                    for o in self.kb.people[i].offices
                )
            ]
            if fit:
                ids = fit
            elif strict:
                return None
        if len(ids) > 1 and date:
            now = [i for i in ids if any(o.held_on(date) for o in self.kb.people[i].offices)]
            ids = now or ids
        return ids[0] if len(ids) == 1 else None

    def holder(self, office: str, country: str, date: str | None) -> str | None:
        """The one person holding ``office`` of ``country`` on ``date`` (None without a date)."""
        if not date:
            return None
        ids = {
            p.id
            for p in self.kb.people.values()
            for o in p.offices
            if o.country == country and roles.office_key(o.office) == office and o.held_on(date)
        }
        return ids.pop() if len(ids) == 1 else None


def cluster(
    cands: list[PersonCand], kb: KB, idx: KBIndex, date: str | None
) -> tuple[list[Cluster], dict[int, Cluster | None]]:
    """Group candidates; returns the clusters and, per candidate (by id()), its cluster or None if ambiguous."""
    clusters = ClusterList(kb)
    by_kb: dict[str, Cluster] = {}
    where: dict[int, Cluster | None] = {}

    def kb_cluster(pid: str) -> Cluster:
        if pid not in by_kb:
            cl = Cluster(kb=pid)
            by_kb[pid] = cl
            clusters.append(cl)
        return by_kb[pid]

    def join(c: PersonCand, cl: Cluster | None) -> None:
        where[id(c)] = cl
        if cl is not None:
            cl.add(c)

    order = sorted(cands, key=lambda c: (c.kb is None, -len(c.words), c.source == "vocative", c.start))
    for c in order:
        if c.kb:
            join(c, kb_cluster(c.kb))
            continue
        if len(c.words) >= 2:
            fits = [
                cl for cl in clusters.by_full_last(c.words[-1]) if any(names_compatible(c.words, f) for f in cl.full)
            ]
            if len(fits) > 1:
                strict = [cl for cl in fits if any(words_match(c.words[0], f[0]) for f in cl.full)]
                fits = strict if strict else fits
            if len(fits) == 1:
                join(c, fits[0])
                continue
            if len(fits) > 1:
                join(c, None)
                continue
            pid = idx.full(c.words)
            if pid:
                c.kb = pid
                join(c, kb_cluster(pid))
                continue
            cl = Cluster()
            clusters.append(cl)
            join(c, cl)
            continue
        # a single word after a title or in a label; a first name said to someone
        if c.source == "vocative":
            cl = single(c.words[0], c, clusters, kb, idx, date, create=False, first_names=True)
            if cl is None:
                cl = single(c.words[0], c, clusters, kb, idx, date, create=False)
            join(c, cl or Cluster())
        else:
            join(c, single(c.words[0], c, clusters, kb, idx, date, create=True, by_kb=by_kb))
        if where[id(c)] is not None and where[id(c)] not in clusters:
            clusters.append(where[id(c)])
            if where[id(c)].kb:
                by_kb[where[id(c)].kb] = where[id(c)]
    return clusters, where


def _first_fits(word: str, first: str) -> bool:
    """A first name, or a familiar short form of it ("Yoshi" for "Yoshihide")."""
    if name_key(word) == name_key(first):
        return True
    return len(word) >= 4 and len(first) > len(word) and first.startswith(word)


def single(
    word: str,
    c: PersonCand | None,
    clusters: list[Cluster],
    kb: KB,
    idx: KBIndex,
    date: str | None,
    create: bool,
    by_kb: dict[str, Cluster] | None = None,
    first_names: bool = False,
) -> Cluster | None:
    """The cluster a lone name word refers to, or None when none or several fit."""
    pool = clusters.by_last(word) if isinstance(clusters, ClusterList) else clusters
    fits = [cl for cl in pool if any(words_match(word, w) for w in cl.last_words(kb.people.get(cl.kb or "")))]
    if len(fits) > 1 and c is not None and (c.office or c.country):
        fit2 = [
            cl
            for cl in fits
            if any(
                (not c.office or o == c.office) and (not c.country or k == c.country) for o, k in cl.offices(kb, date)
            )
        ]
        fits = fit2 or fits
    if len(fits) > 1 and c is not None and c.honorific:
        # "Mrs. Biden" beside Joe and Jill Biden: the one the record also calls Mrs./Ms. (or Mr.)
        female = c.honorific in ("mrs", "ms", "madam")
        fit3 = [cl for cl in fits if any(x.honorific in ("mrs", "ms", "madam") for x in cl.cands) == female]
        fits = fit3 if len(fit3) == 1 else fits
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        return None
    if first_names:
        pool = clusters.by_first(word) if isinstance(clusters, ClusterList) else clusters
        if c is not None:
            fits = [cl for cl in pool if any(_first_fits(word, f[0]) for f in cl.firsts(kb))]
            return fits[0] if len(fits) == 1 else None
        fits = [cl for cl in pool if any(_first_fits(word, f[0]) for f in cl.firsts(kb))]
        return fits[0] if len(fits) == 1 else None
    if not create:
        return None
    pid = idx.short(
        word, c.office if c else None, c.country if c else None, date, strict=c is not None and bool(c.office)
    )
    if pid:
        if by_kb is not None and pid in by_kb:
            return by_kb[pid]
        return Cluster(kb=pid)
    if c is not None and c.source in ("cue", "label", "speaker"):
        return Cluster()
    return None
