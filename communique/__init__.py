"""communique: turn records of diplomatic encounters into structured, source-attributed data.

>>> import communique
>>> doc = communique.analyze("President of Russia Vladimir Putin: Welcome to Moscow.")
>>> doc.turns[0].label
'President of Russia Vladimir Putin'
"""

from communique.model import Document
from communique.pipeline import analyze

__version__ = "0.1.0"
__all__ = ["Document", "analyze", "__version__"]
