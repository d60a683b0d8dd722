"""Recognise people: title cues, appositions, speaker-label forms and KB names.

Each recogniser yields :class:`PersonCand` spans; :mod:`resolve` clusters them.
Nothing here decides identity. The patterns are built once from the titles in
:mod:`roles` and the country words of the knowledge base, and work on the
document's flat text with newlines read as spaces (same offsets), because
White House transcripts wrap lines inside names ("Jake\\nSullivan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from communique.entities import roles
from communique.entities.kb import KB
from communique.lexicon import MONTH_NAMES, WEEKDAY_NAMES
from communique.textutil import trie_pattern

_LO = "a-z\u00df-\u00ff\u0100-\u024f"
_UP = "A-Z\u00c0-\u00de"
CAP = rf"(?:(?:Mc|Mac|De|Le|La|Di|Da|Du|Van)?[{_UP}][{_LO}]+(?:-[{_UP}{_LO}][{_LO}]+)*|O['’][A-Z][{_LO}]+)"
PREFIXED = rf"(?:[Aa]l|[Ee]l|[Aa]d|[Aa]sh|[Aa]s)-{CAP}"
INITIAL = r"[A-Z]\."
NWORD = rf"(?:{PREFIXED}|{CAP}|{INITIAL})"
PARTICLE = r"(?:al|el|Al|El|bin|ibn|bint|de|da|di|del|van|von|der|den|le|La|dos|das|du|ben|Abu|Abdel|Abdul)"
NAME = rf"{NWORD}(?: (?:{PARTICLE} )*{NWORD}){{0,3}}(?:,? Jr\.)?"
UPWORD = r"(?:[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]*)*)"

# words that are never part of a personal name
STOP = set(
    """
The This That These Those There Their They Then Thank Thanks We Our Us You Your He His She Her It Its I In On At By For
From With And But Or Nor Not No Yes So As If When While Where What Which Who Whom Why How All Any Some Each Every Both
Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Sir Madam President Presidents Minister Ministers Prime Secretary General Ambassador Envoy
Vice Deputy Foreign Defense Defence Senator Governor Chancellor King Queen Prince Emir Sheikh Sultan Excellency Majesty
Ministry Council Union Republic Federation Government Committee Commission Bank Agency Forces Force Army Navy News House
Office Department State States Kingdom Nations Nation United National International Security Assembly Parliament
Organization Organisation Party Court Service Fund Group Institute Association Council Center Centre Corporation
Today Yesterday Tomorrow God Lord Allah Islam Islamic Muslim Muslims Christian Arab Arabs
Western Eastern Northern Southern West East North South Middle Central Gulf Sea Ocean River Lake Island Islands Mount
Q A Question Answer Press Transcript End Statement Readout Remarks Briefing Interview Meeting Summit Talks Conference
Spokesperson Spokesman Communist Democratic Democrats Republican Republicans Senate Congress Administration White
Kremlin Covid COVID Coronavirus Internet Twitter Facebook Please Okay OK Well Now Also Again Here Let Today's Great
Federal Supreme Chief Special Senior Joint Global World Road Street Avenue Square Hall Palace Tower Building Program
Programme Plan Initiative Agreement Treaty Accord Accords Declaration Charter Act Law Day Week Year Anniversary
Mister Lady Gentlemen Ladies Colleagues Friends Representative Representatives Congressman Congresswoman Leader
Before After During Ahead Following Amid Against Between Toward Towards Upon Regarding About Over Under Into Through
Without Within Across Behind Beyond Since Until Via Versus Mission Missions
""".split()
) | {*MONTH_NAMES, *WEEKDAY_NAMES}


def _given_names() -> set[str]:
    """Common first names (``data/given_names.txt``): the words a vocative can be ("Thank you, Jen")."""
    path = Path(__file__).with_name("data") / "given_names.txt"
    return {
        w for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#") for w in line.split()
    }


GIVEN = _given_names()


@dataclass
class PersonCand:
    start: int  # the mention: cue and name
    end: int
    name: str  # the name alone, as written
    words: list[str]
    role: str | None = None
    office: str | None = None
    country: str | None = None
    kb: str | None = None
    source: str = "cue"
    honorific: str | None = None  # "mrs", "ms", "mr": what a lone surname after it tells of the person
    speaker: str | None = None  # an entity id from the turns stage
    extra_aliases: list[str] = field(default_factory=list)


def name_words(name: str) -> list[str]:
    """The words of a name used to compare it: particles, initials' dots and "Jr." dropped."""
    name = re.sub(r",? Jr\.?$", "", name.strip())
    out = []
    for w in name.replace("\n", " ").split():
        if re.fullmatch(PARTICLE, w):
            continue
        out.append(w.strip(",."))
    return [w for w in out if w]


def titlecase(word: str) -> str:
    """'AL-KADHIMI' -> 'Al-Kadhimi', 'PSAKI' -> 'Psaki', 'MCHALE' -> 'Mchale'."""
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def good_name(words: list[str], kb: KB) -> bool:
    if not words:
        return False
    for w in words:
        base = re.sub(r"^(?:[Aa]l|[Ee]l)-", "", w)
        if w in STOP or base in STOP or w in kb.country_names or w in kb.demonyms or w in kb.capitals:
            return False
    return True


class Patterns:
    """The compiled recognisers for one knowledge base."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        countries = sorted({n for n in kb.country_names if " " in n or n.isalpha() or "." in n}, key=len, reverse=True)
        dems = sorted(kb.demonyms, key=len, reverse=True)
        country_alt = "|".join(re.escape(c) for c in countries)
        dem_alt = "|".join(re.escape(d) for d in dems)
        org_mods = [
            "Kremlin",
            "White House",
            "Presidential",
            "presidential",
            "State Department",
            "Foreign Ministry",
            "Defense Ministry",
            "Defence Ministry",
            "NATO",
            "UN",
            "U.N.",
            "EU",
            "Pentagon",
            "Chinese Foreign Ministry",
        ]
        mod = rf"(?:{dem_alt}|{country_alt}|{'|'.join(re.escape(m) for m in org_mods)})"
        titles = sorted(roles.TITLES, key=len, reverse=True)
        title_alt = "|".join(re.escape(t).replace(r"\ ", " ") for t in titles)
        minister_of = rf"(?:Deputy |First Deputy )?(?:Minister|Ministers) (?:of|for) (?:the )?(?:{roles.FUNCTION_RE})"
        title = rf"(?i:{minister_of}|{title_alt})"
        del mod
        of_tail = rf"(?: of (?:the )?(?P<of>{country_alt}|United Nations|NATO|the UN|UN))?"
        # the title is the anchor: patterns that open with a big alternation of modifiers are tried at
        # every word and cost ~10 ms per 1,000 words; modifiers before the title are read word by word instead
        self.title = re.compile(rf"(?P<title>{title})(?: (?P<title2>{title}))?{of_tail}(?![\w-])")
        self.name_after = re.compile(rf"(?P<sep>,? )(?P<name>{NAME})")
        self.mods = {m for m in [*kb.demonyms, *kb.country_names, *org_mods]}
        self.dets = {"the", "his", "her", "their", "its", "our", "your", "my"}
        self.title_first = {t.split()[0].lower() for t in roles.TITLES} | {"minister", "ministers", "deputy", "first"}
        self.prefixes = {"former", "then", "acting", "outgoing", "incoming", "late"}
        # only words that can open a title start a cue: the regex engine skips the rest in C
        firsts = {t.rstrip(".") for t in self.title_first if re.fullmatch(r"[a-z]+\.?", t)}
        self.title_start = re.compile(rf"(?<![\w.-])(?i:{trie_pattern(firsts)})(?![A-Za-z])")
        up_titles = r"MR\.|MS\.|MRS\.|DR\.|PRESIDENT|PRIME MINISTER|VICE PRESIDENT|SECRETARY|AMBASSADOR|GENERAL|ADMIRAL|SENATOR|GOVERNOR|FIRST LADY|CHANCELLOR|MINISTER|FOREIGN MINISTER|CROWN PRINCE|KING|QUEEN|EMIR|SPEAKER|LEADER|ADMINISTRATOR|DIRECTOR|CHAIRMAN|COMMISSIONER|MAYOR|DEPUTY SECRETARY|REPRESENTATIVE|CONGRESSMAN|CONGRESSWOMAN"
        self.up_label = re.compile(
            rf"(?m)^[ \t>*_]*(?P<cue>(?P<title>{up_titles}) (?P<name>{UPWORD}(?: {UPWORD}){{0,2}}))(?=\s*(?:\([^)\n]*\)\s*)?:)"
        )
        self.line_label = re.compile(rf"(?m)^[ \t>*_]*(?P<name>{NAME})(?=(?: \([^)\n]{{1,40}}\))?:)")
        self.appos = re.compile(
            rf"(?<![\w.])(?P<name>{NAME}), (?:(?:the|a|an|his|her) )?(?:(?:{dem_alt}|{country_alt}) )?"
            r"(?P<role>(?i:minister|deputy|first|special|presidential|president|vice|prime|secretary|assistant|aide|"
            r"adviser|advisor|ambassador|envoy|spokes\w+|press secretary|director|chair\w*|ceo|head|chief|commander|"
            r"governor|senator|representative|counterpart|executive|svp|vp|founder|co-founder|member|leader|general|"
            r"admiral|permanent representative|deputy)\b[^,.;:\n]{0,80})"
        )
        # an apposition needs ", … <role word>": found cheaply (literal ", " first), the full pattern
        # then runs only in windows around such places (textutil.anchored_windows)
        role_words = "minister deputy first special presidential president vice prime secretary assistant aide "
        role_words += "adviser advisor ambassador envoy spokes press director chair ceo head chief commander governor "
        role_words += "senator representative counterpart executive svp vp founder co-founder member leader general "
        role_words += "admiral permanent"
        self.appos_anchor = re.compile(rf", [^;:\n]{{0,60}}?(?<![\w-])(?i:{trie_pattern(role_words.split())})")
        # a first name said to someone: "Aamer, you have the first question", "Thank you, Jen.", "goes to Trevor of Reuters"
        self.vocative = re.compile(
            r"(?:(?<=^)|(?<=[\n.?!] )|(?<=[\n.?!]  )|(?<=, )|(?<=\bto )|(?<=\bThanks )|(?<=\bThank you ))(?P<name>[A-Z][a-z]+)"
            r"(?=[,.?!] | of [A-Z]|[.?!]?$|, )",
            re.M,
        )
        self.san = re.compile(rf"(?<![\w.])(?P<name>{CAP})-san\b")
        self.given_names = GIVEN | {g.replace("\\", "") for g in self._kb_given()}
        self.given = re.compile(rf"(?P<name>[A-Z][a-z]+ (?:{PARTICLE} )*{NWORD}(?: {NWORD})?)(?![\w])")

    def _kb_given(self) -> set[str]:
        out = set()
        for p in self.kb.people.values():
            w = p.name.split()
            if len(w) >= 2 and w[0][0].isupper() and w[0] not in STOP and len(w[0]) > 2:
                out.add(re.escape(w[0]))
        return out


def cue_country(kb: KB, m: re.Match) -> str | None:
    for g in ("of", "mod", "mod2"):
        v = m.groupdict().get(g)
        if v:
            v = v.removeprefix("the ")
            iso = kb.country_names.get(v) or kb.demonyms.get(v)
            if iso:
                return iso
            if v in ("UN", "United Nations", "NATO", "U.N."):
                return None
    t = (m.group("title") or "").lower()
    if t in roles.US_ONLY_TITLES:
        return "USA"
    return None


@dataclass
class Cue:
    """A title found in text, with the modifiers and determiner before it."""

    start: int  # of the modifiers (the determiner excluded)
    det_start: int
    title_start: int
    end: int  # end of the role phrase
    det: str | None
    mods: list[str]
    title: str
    title2: str | None
    of: str | None

    def groupdict(self) -> dict[str, str | None]:
        return {
            "of": self.of,
            "mod": self.mods[0] if self.mods else None,
            "mod2": self.mods[1] if len(self.mods) > 1 else None,
        }

    def group(self, g: str) -> str | None:
        return {"title": self.title, "det": self.det, "title2": self.title2, "of": self.of}.get(
            g
        ) or self.groupdict().get(g)


_PREV_WORD = re.compile(r"(\S+) $")
_TITLE_WORD = re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z]*\.?")


def find_cues(P: Patterns, text: str, s: int, e: int) -> list[Cue]:
    """Titles in ``text[s:e]`` with up to two modifiers ("Russian", "White House") and a determiner before them."""
    out = []
    for t in P.title_start.finditer(text, s, e):
        w = _TITLE_WORD.match(text, t.start(), e)
        if w is None:
            continue
        tw = w.group().lower()
        if tw not in P.title_first and tw.rstrip(".") not in P.title_first:
            continue
        m = P.title.match(text, w.start(), e)
        if m is None:
            continue
        ts = m.start()
        if ts > 0 and (text[ts - 1].isalnum() or text[ts - 1] in ".-"):
            continue
        start = ts
        mods: list[str] = []
        while len(mods) < 2 and start - 1 > s and text[start - 1] == " ":
            found = None
            k = start - 1
            for _ in range(5):  # multi-word modifiers: "United States", "White House"
                k = text.rfind(" ", max(s, start - 60), k)
                seg = k + 1 if k >= 0 else max(s, start - 60)
                base = text[seg : start - 1]
                if base.endswith(("'s", "’s")):
                    base = base[:-2]
                if base in P.mods:
                    found = (seg, base)
                if k < 0:
                    break
            if not found:
                break
            start = found[0]
            mods.insert(0, found[1])
        det = None
        det_start = start
        w = _PREV_WORD.search(text, max(s, start - 12), start)
        if w and w.group(1).lower() in P.prefixes:
            start2 = w.start(1)
            w2 = _PREV_WORD.search(text, max(s, start2 - 8), start2)
            det_start = start2
            if w2 and w2.group(1).lower() in P.dets:
                det, det_start = w2.group(1), w2.start(1)
        elif w and w.group(1).lower() in P.dets:
            det, det_start = w.group(1), w.start(1)
        out.append(Cue(start, det_start, ts, m.end(), det, mods, m.group("title"), m.group("title2"), m.group("of")))
    return out
