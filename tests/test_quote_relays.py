"""Crafted hard cases for relayed speech: nested quote marks and reported speech inside a quote."""

from __future__ import annotations

from communique.model import Document
from communique.pipeline import analyze
from communique.speech.marks import quote_spans
from communique.textutil import paragraphs


def test_one_closing_mark_ends_an_inner_and_an_outer_quote() -> None:
    text = "Sen. Ann Lee: “He won the night. “The Golden Age has only just begun.”"
    spans = quote_spans(text, paragraphs(text))
    inner = (text.index("“The"), text.rindex("”"))
    outer = (text.index("“He"), text.rindex("”"))
    assert inner in spans and outer in spans


def test_a_stray_opener_mid_paragraph_is_not_closed_by_a_later_quote() -> None:
    text = "He said “yes and later “no” to them, twice."
    spans = quote_spans(text, paragraphs(text))
    assert spans == [(text.index("“no"), text.index("” to"))]


def test_reported_speech_inside_a_round_up_quote_is_relayed_by_the_quoted_speaker() -> None:
    text = (
        "President Donald J. Trump addressed Congress.\n\n"
        "**Sen. Ann Lee**: “Tonight, the president said the Secret Service has made him an agent. "
        "A great night.”\n"
    )
    doc = analyze(Document(text=text, publisher="The White House"))
    names = {e.id: e.name for e in doc.entities}
    relayed = [q for q in doc.quotes if "Secret Service" in text[q.start : q.end] and q.kind == "indirect"]
    assert relayed and "Trump" in names[relayed[0].speaker]
    assert names.get(relayed[0].via) == "Ann Lee"


def _speakers(doc: Document, needle: str) -> list[tuple[str, str, bool, bool]]:
    out = []
    for q in doc.quotes:
        if needle in doc.text[q.start : q.end]:
            ent = doc.entity(q.speaker)
            out.append((ent.type if ent else "", ent.name if ent else "", q.collective, q.joint))
    return out


def test_a_report_of_a_declaration_gives_the_parties_one_collective_voice() -> None:
    text = (
        "The Presidents of Russia and Mongolia signed the Ulan Bator Declaration\n\n"
        "Russian President Vladimir Putin and Mongolian President Natsagiyin Bagabandi met in Ulan Bator.\n\n"
        "The sides reaffirmed their commitment to the 1993 Treaty on Friendly Relations and Cooperation.\n\n"
        "Russia and Mongolia attach great importance to efforts to demarcate their border.\n"
    )
    doc = analyze(Document(text=text))
    for needle in ("reaffirmed their commitment", "attach great importance"):
        got = _speakers(doc, needle)
        assert got and got[0][0] == "GROUP" and got[0][2], (needle, got)
    groups = {q.speaker for q in doc.quotes if q.collective}
    assert len(groups) == 1  # one GROUP for the two states, however the text names them
    group = doc.entity(groups.pop())
    assert group.name == "Russia and Mongolia" and "The sides" in group.aliases


def test_a_joint_statement_speaking_in_its_own_voice_is_no_quote() -> None:
    text = (
        "Joint Statement of the United States and France\n\n"
        "President Joe Biden and President Emmanuel Macron met in Rome.\n\n"
        "The Presidents reaffirm their support for strengthening the NATO-EU strategic partnership.\n"
    )
    doc = analyze(Document(text=text))
    assert not _speakers(doc, "reaffirm their support")


def test_relay_chain_runs_from_the_speaker_through_the_relay_to_the_publisher() -> None:
    from communique.speech.queries import relay_chain

    assert relay_chain("Donald Trump", "Pete Ricketts", "The White House") == (
        "Donald Trump ← Pete Ricketts ← The White House"
    )
    assert relay_chain("Jake Sullivan", None, "The White House") == "Jake Sullivan ← The White House"
    assert relay_chain("The White House", None, "The White House") == "The White House"


def test_an_opinion_writers_own_voice_is_no_quote() -> None:
    text = (
        "Opinion: Why the sanctions failed\n\n"
        "By John Smith\n\n"
        "I have long argued that the sanctions would fail. In my view, Washington should reconsider. "
        "We must admit that the policy has run its course, and I believe the next summit is the place to say so.\n\n"
        "President Biden said on Monday that the sanctions would stay.\n"
    )
    doc = analyze(Document(text=text))
    names = [doc.entity(q.speaker).name if doc.entity(q.speaker) else None for q in doc.quotes]
    assert all("Smith" not in (n or "") for n in names), names
    assert not any(
        "In my view" in doc.text[q.start : q.end] or "I believe" in doc.text[q.start : q.end] for q in doc.quotes
    )
