"""Transliteration-tolerant keys for personal names.

Names from Arabic, Russian, Persian, Chinese and Turkish reach English text in
many spellings (Mekdad/Mikdad/Miqdad, Sergey/Sergei, Zelensky/Zelenskyy,
al-Assad/Al Assad/Assad). Two name words are the same when their *keys* agree;
the key folds the usual romanisation variants and is documented in README.md:

1. ``anyascii`` to ASCII, lower case, apostrophes and dots dropped;
2. the Arabic article (``al-``, ``el-``, ``al ``, ``ad-``, ``ash-``...) is dropped;
3. digraphs are folded: kh→h, gh→g, q→k, ck→k, c→k, ph→f, dh→d, th→t, sh→s,
   zh→j, dzh/dj→j, ou/oo→u, w→v, y→i, ee/ie→i, x→ks;
4. doubled letters are collapsed.

:func:`skeleton` further drops the vowels after the first letter. Two words
match when their keys are equal, or their skeletons are equal and the keys are
similar (rapidfuzz ratio ≥ 70), or the keys are very similar (ratio ≥ 88 for
words of 6+ letters). Never across different skeleton *and* low similarity:
"Abbas" and "Araghchi" never meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.fuzz import ratio

ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)[- ](?=\w)")
_DIGRAPHS = [
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "c"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("y", "i"),
    ("x", "ks"),
]
_DOUBLE = re.compile(r"(\w)\1+")
_NONALPHA = re.compile(r"[^a-z ]+")
VOWELS = set("aeiou")

SKELETON_RATIO = 70
CLOSE_RATIO = 88


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """The folded key of one name word (or of a whole name, word by word)."""
    w = anyascii(word).lower().replace("'", "").replace(".", "")
    w = ARTICLE.sub("", w)
    w = _NONALPHA.sub(" ", w).strip()
    for a, b in _DIGRAPHS:
        if a in w:
            w = w.replace(a, b)
    return _DOUBLE.sub(r"\1", w)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    k = name_key(word)
    return k[:1] + "".join(ch for ch in k[1:] if ch not in VOWELS and ch != " ")


@lru_cache(maxsize=65536)
def words_match(a: str, b: str) -> bool:
    """Two name words are spellings of one name."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka[0] != kb[0] and not ({ka[0], kb[0]} <= VOWELS):
        return False
    r = ratio(ka, kb)
    if skeleton(a) == skeleton(b) and r >= SKELETON_RATIO:
        return True
    return min(len(ka), len(kb)) >= 6 and r >= CLOSE_RATIO


def is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def names_compatible(a: list[str], b: list[str]) -> bool:
    """Two multi-word names denote one person: same last word, same first word
    (or an initial of it), and the shorter one's words all found in the longer.
    "Ali Abbas" ~ "Ali Mahmoud Abbas"; "Mahmoud Abbas" !~ "Ali Mahmoud Abbas".
    """
    if not a or not b:
        return False
    if not words_match(a[-1], b[-1]):
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    fa, fb = a[0], b[0]
    if is_initial(fa) or is_initial(fb):
        if fa[0].lower() != fb[0].lower():
            return False
    elif not words_match(fa, fb):
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return all(
        any(words_match(w, x) or (is_initial(w) and x[:1].lower() == w[:1].lower()) for x in long_[1:-1])
        for w in short[1:-1]
    )
