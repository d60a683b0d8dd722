"""Organisations the reference table cannot list: ministries, state institutions, and
capitalised names ending in an organisation word ("National Grain and Feed Association").

Ministries get one canonical name per function and country ("Ministry of Foreign
Affairs of Russia") so that "the Russian foreign ministry", "Russian Ministry of
Foreign Affairs" and "[Russian] Foreign Ministry" become one entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.entities import roles
from communique.entities.kb import KB
from communique.textutil import anchored_windows, finditer_in, trie_pattern

FUNC1 = (
    r"Foreign|Defen[cs]e|Interior|Finance|Economy|Energy|Health|Trade|Justice|Emergencies|Emergency Situations|"
    r"Agriculture|Transport|Education|Culture|Oil|Information|Commerce"
)
INSTITUTIONS = {
    "presidency": "Presidency",
    "government": "Government",
    "parliament": "Parliament",
    "armed forces": "Armed Forces",
    "army": "Armed Forces",
    "military": "Armed Forces",
    "navy": "Navy",
    "air force": "Air Force",
    "central bank": "Central Bank",
    "embassy": "Embassy",
    "leadership": "Government",
    "regime": "Government",
    "authorities": "Government",
    "administration": "Government",
}
HEADS = (
    r"Association|Associations|Associates|Institute|Council|Federation|Bank|Agency|Commission|Corporation|Fund|"
    r"Organization|Organisation|Alliance|Service|Committee|Coalition|Consortium|Foundation|Forum|Society|Union|"
    r"Authority|Board|Company|Party|Center|Centre|University|Chamber|Court|Assembly|Parliament|Office|"
    r"Department|Administration|Command|Network|Newspaper|Institution|Partnership|Secretariat|Directorate"
)
# A title after the head noun starts the person the organisation's name introduces.
_TITLE_AFTER_HEAD = re.compile(
    r"(?<!\bof)(?<!\bthe)(?<!\bfor)(?<!\band)\s+(?:(?:Executive|Managing|General|Senior|Vice|Deputy|Acting|Interim)\s+)?(?:President|Director|"
    r"Chair(?:man|woman|person)?|CEO|Chief|Secretary|Founder|Head|Spokes(?:man|woman|person)|Counsel)\b"
)
_HEAD_WORD = re.compile(rf"\b{trie_pattern(HEADS.split('|'))}\b")
_REACH = 240  # characters an organisation name can reach from its head noun (8 words before, 7 after)
_W = r"(?:U\.S\.|[A-Z][\w&-]*(?:['’][a-rt-z]\w*)?)"


@dataclass
class OrgCand:
    start: int
    end: int
    name: str  # canonical name
    country: str | None
    key: str  # merge key
    type: str = "ORG"


class OrgPatterns:
    def __init__(self, kb: KB) -> None:
        self.kb = kb
        names = sorted([n for n in kb.country_names if n[:1].isupper()], key=len, reverse=True)
        dems = sorted(kb.demonyms, key=len, reverse=True)
        cw = "|".join(re.escape(x) for x in [*dems, *names])
        self.ministry = re.compile(
            rf"(?<![\w])(?:(?P<dem>{cw})(?:['’]s)? |\[(?P<bdem>{cw})\] )?(?:(?P<f1>(?i:{FUNC1})) (?i:ministry)"
            rf"|(?i:ministry) (?:of|for) (?:the )?(?P<f2>(?i:{roles.FUNCTION_RE}))(?: of (?:the )?(?P<of>{'|'.join(re.escape(n) for n in names)}))?)(?![\w])"
        )
        inst = "|".join(sorted(INSTITUTIONS, key=len, reverse=True))
        self.institution = re.compile(
            rf"(?<![\w-])(?P<dem>{'|'.join(re.escape(d) for d in dems)}) (?P<inst>(?i:{inst}))(?![\w-])"
        )
        self.generic = re.compile(
            rf"(?<![\w.])(?:The )?(?P<org>{_W}(?: (?:{_W}|and|of|for|the|&|on|de)){{0,7}}? (?:{HEADS})"
            rf"(?: (?:of|for|on) (?:the )?{_W}(?: (?:{_W}|of|the)){{0,5}}(?<! of)(?<! the))?)(?![\w])"
        )
        self.generic2 = re.compile(
            rf"(?<![\w.])(?P<org>(?:{HEADS}) (?:for|of|on) (?:the )?{_W}(?: (?:{_W}|and|of|the)){{0,4}}(?<! of)(?<! the)(?<! and))(?![\w])"
        )

    def country(self, word: str | None) -> str | None:
        if not word:
            return None
        return self.kb.demonyms.get(word) or self.kb.country_names.get(word)

    def ministries(self, text: str, s: int, e: int) -> list[OrgCand]:
        out: list[OrgCand] = []
        # the pattern opens with a long alternation: try it only in windows around the word "ministry"
        low = text[s:e].lower()
        wins: list[tuple[int, int]] = []
        i = low.find("ministry")
        while i >= 0:
            ws, we = max(s, s + i - 60), min(e, s + i + 90)
            if wins and ws <= wins[-1][1]:
                wins[-1] = (wins[-1][0], we)
            else:
                wins.append((ws, we))
            i = low.find("ministry", i + 8)
        seen: set[int] = set()
        for m in (m for ws, we in wins for m in self.ministry.finditer(text, ws, we)):
            if m.start() in seen:
                continue
            seen.add(m.start())
            func = roles.FUNCTIONS.get((m.group("f1") or m.group("f2") or "").lower())
            if not func:
                continue
            iso = self.country(m.group("dem") or m.group("bdem") or m.group("of"))
            cname = self.kb.countries[iso].name if iso else None
            name = f"Ministry of {func} of {cname}" if cname else f"Ministry of {func}"
            out.append(OrgCand(m.start(), m.end(), name, iso, f"ministry:{func}:{iso or ''}"))
        return out

    def institutions(self, text: str, s: int, e: int, starts: list[int] | None = None) -> list[OrgCand]:
        """ "Syrian Presidency", "Russian army": a demonym then an institution word.

        ``starts`` (where the gazetteer found demonyms) lets the pattern be tried only there."""
        out = []
        ms = (
            (self.institution.match(text, p) for p in starts)
            if starts is not None
            else self.institution.finditer(text, s, e)
        )
        for m in ms:
            if m is None:
                continue
            iso = self.country(m.group("dem"))
            if not iso:
                continue
            inst = INSTITUTIONS[m.group("inst").lower()]
            cname = self.kb.countries[iso].name
            out.append(OrgCand(m.start(), m.end(), f"{inst} of {cname}", iso, f"inst:{inst}:{iso}"))
        return out

    def generic_orgs(self, text: str, s: int, e: int) -> list[OrgCand]:
        out = []
        # both patterns need a head noun: they run only in windows around one (see textutil)
        wins = anchored_windows(_HEAD_WORD, text, s, e, _REACH, _REACH)
        for m in [*finditer_in(self.generic, text, wins), *finditer_in(self.generic2, text, wins)]:
            name = m.group("org")
            head_word = _HEAD_WORD.search(name)
            cut = _TITLE_AFTER_HEAD.search(name, head_word.end()) if head_word else None
            if cut:  # "Association for Competitive Technology President Morgan Reed": the org ends at the title
                name = name[: cut.start()]
            words = name.split()
            if len(words) < 2 or words[0] in {
                "The",
                "This",
                "That",
                "Our",
                "Your",
                "Their",
                "His",
                "Her",
                "In",
                "A",
                "An",
                "And",
                "Of",
            }:
                continue
            iso = None
            for w in words[:2]:
                iso = iso or self.kb.demonyms.get(w) or self.kb.country_names.get(w)
            oc = OrgCand(m.start("org"), m.start("org") + len(name), name, iso, "org:" + " ".join(name.lower().split()))
            head = re.match(rf".*?\b(?:{HEADS})(?= of )", name)
            oc.alias = head.group() if head and " " in head.group() else None  # type: ignore[attr-defined]
            out.append(oc)
        return out
