"""Names that are a country in the reference tables and something else in context.

"Atlanta, Georgia", "the state of Georgia" and "Georgia, U.S." are the US state,
not the country the tables know. Both places that put country names on text
(the gazetteer scan of the entities stage and the actor scan that follows it)
ask this module, so the two never disagree.
"""

from __future__ import annotations

import re

US_STATE_HOMONYMS = frozenset({"Georgia"})
_STATE_BEFORE = re.compile(r"(?:\b[A-Z][\w.'’-]*,\s*|\b[Ss]tate\s+of\s+)$")
_STATE_AFTER = re.compile(r",?\s+(?:U\.S\.|USA\b|United\s+States\b)")


def is_us_state(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a US state bearing a country's name, by its context."""
    if text[start:end] not in US_STATE_HOMONYMS:
        return False
    return bool(_STATE_BEFORE.search(text, max(0, start - 40), start) or _STATE_AFTER.match(text, end))
