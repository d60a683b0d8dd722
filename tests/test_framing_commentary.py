"""The commentary classifier: crafted hard cases, then the real documents with gold structure."""

from __future__ import annotations

import json

from communique.framing.commentary import commentary_spans
from communique.framing.score import score_paragraph
from communique.model import Document
from communique.textutil import paragraphs

NEUTRAL = (
    "MOSCOW, March 15 (Reuters) - The foreign ministers of the two countries held talks in Moscow on "
    "Wednesday, the ministry said in a statement. They discussed trade, energy projects and the "
    "situation in the region, according to the statement."
)
OPINION = (
    "We are not sure the talks will change anything: the so-called partners have betrayed every "
    "promise so far. Do they really believe anyone will trust their word again? Let's hope the "
    "thugs in charge finally understand that the world is watching."
)
MODERATE = (
    "The delegation clearly left Moscow without a timetable once again, and the hosts have yet to "
    "press for one before the next round."
)
READOUT = (
    "President Biden spoke today with Prime Minister Suga. The two leaders reaffirmed their strong "
    "commitment to the Alliance and discussed their shared vision of a free and open Indo-Pacific. "
    "They agreed to work closely on climate change and welcomed the historic progress of the Quad."
)
DONATION = (
    "Syria News is run by two volunteers: if you like our work and want us to stay online, you can "
    "help by chipping in a couple of Euros through PayPal or donate with cryptocurrencies. Thank you!"
)
PROMO = (
    "President Smith's landmark trade agreement is another critical step forward in the "
    "Administration's relentless pursuit of a policy that finally puts workers first — another "
    "historic win for farmers and manufacturers!"
)


def doc_of(*paras: str, kind: str = "news") -> tuple[Document, list[tuple[int, int]]]:
    doc = Document(text="\n\n".join(paras), kind=kind)
    return doc, paragraphs(doc.flat)


def texts(doc: Document, spans: list[tuple[int, int]]) -> list[str]:
    return [doc.text[s:e] for s, e in spans]


def test_opinion_is_commentary_and_neutral_news_is_not() -> None:
    doc, cands = doc_of(NEUTRAL, OPINION)
    assert texts(doc, commentary_spans(doc, cands)) == [OPINION]


def test_readout_diplomatic_language_is_not_commentary_even_when_kind_is_news() -> None:
    doc, cands = doc_of(READOUT, kind="news")
    assert commentary_spans(doc, cands) == []
    assert score_paragraph(doc.flat, *cands[0]).score < 0.2


def test_donation_footer_is_boilerplate_not_commentary() -> None:
    doc, cands = doc_of(NEUTRAL, DONATION)
    assert commentary_spans(doc, cands) == []


def test_quoted_opinion_is_the_speakers_not_the_writers() -> None:
    quoted = f"The minister told reporters: “{OPINION}”"
    doc, cands = doc_of(NEUTRAL, quoted)
    assert commentary_spans(doc, cands) == []


def test_promotional_intro_is_commentary() -> None:
    doc, cands = doc_of(PROMO, "**The deal was welcomed across industry:**", f"Farm Bureau: “{NEUTRAL}”")
    assert texts(doc, commentary_spans(doc, cands)) == [PROMO]


def test_a_moderate_paragraph_between_two_commentary_paragraphs_joins_the_run() -> None:
    doc, cands = doc_of(NEUTRAL, OPINION, MODERATE, OPINION)
    assert score_paragraph(doc.flat, *cands[2]).score < 0.5  # not commentary on its own…
    spans = commentary_spans(doc, cands)
    assert len(spans) == 1  # …but inside the run, merged into one span
    assert doc.text[spans[0][0] : spans[0][1]] == "\n\n".join([OPINION, MODERATE, OPINION])


def test_runs_are_not_bridged_across_non_candidate_text() -> None:
    doc = Document(text="\n\n".join([OPINION, NEUTRAL, OPINION]))
    paras = paragraphs(doc.flat)
    spans = commentary_spans(doc, [paras[0], paras[2]])
    assert texts(doc, spans) == [OPINION, OPINION]


def test_candidates_may_be_longer_than_a_paragraph() -> None:
    doc, _ = doc_of(NEUTRAL, OPINION)
    assert texts(doc, commentary_spans(doc, [(0, len(doc.text))])) == [OPINION]


def test_official_kinds_raise_the_bar() -> None:
    mild = "It seems the talks went well, and we must welcome the progress the two sides have made."
    doc, cands = doc_of(mild, kind="news")
    news_score = score_paragraph(doc.flat, *cands[0]).score
    doc.kind = "readout"
    assert commentary_spans(doc, cands) == []
    assert news_score > 0.0


# ---- the real documents, with candidates taken from the gold structure ----------------------------


def _gold_candidates(scorer, gold: dict, text: str) -> list[tuple[int, int]]:
    """Narrative (and commentary) gold segments, or the whole content of a record without a transcript."""
    segs = [scorer.span(text, s) for s in gold.get("segments", []) if s["kind"] in ("narrative", "commentary")]
    if segs or gold.get("segments"):
        return segs
    return [scorer.span(text, c) for c in gold.get("content", [])] if gold.get("kind") != "transcript" else []


def _cases(shared, scorer):
    for gold_dir, root in ((shared / "gold", shared), (shared / "corpus" / "dev" / "gold", shared / "corpus" / "dev")):
        for gf in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            text = (root / gold["file"]).read_text(encoding="utf-8")
            doc = Document(text=text, kind=gold.get("kind", "news"))
            yield gf.name, gold, doc, _gold_candidates(scorer, gold, doc.flat)


def test_commentary_on_real_documents_matches_gold(shared, scorer) -> None:
    f1s = []
    for name, gold, doc, cands in _cases(shared, scorer):
        pred = commentary_spans(doc, cands)
        gcom = [scorer.span(doc.flat, f) for f in gold.get("framing", []) if f["label"] == "commentary"]
        if gcom:
            g, p = scorer.char_set(gcom, doc.flat), scorer.char_set(pred, doc.flat)
            f1s.append(scorer.prf(len(g & p), len(p), len(g))[2])
        elif gold.get("kind") in ("transcript", "readout", "statement"):
            assert pred == [], f"{name}: commentary found in an official record"
    assert f1s and sum(f1s) / len(f1s) >= 0.85
