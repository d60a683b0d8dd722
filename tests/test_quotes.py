"""The quotes stage on crafted sentences: cues, speakers, relay chains, turns, and stray marks."""

from __future__ import annotations

import pytest

from communique.model import Document, Mention, Turn
from communique.speech import quotes


def _doc(text: str, people: dict[str, str] | None = None, orgs: dict[str, str] | None = None, **kw) -> Document:
    """A document with entity mentions for every occurrence of the given surface forms."""
    doc = Document(text=text, **kw)
    for typ, table in (("PERSON", people or {}), ("ORG", orgs or {})):
        made: dict[str, str] = {}
        for surface, name in table.items():
            if name not in made:
                made[name] = doc.new_entity(typ, name).id
            doc.entity(made[name]).add_alias(surface)
            start = 0
            while (i := text.find(surface, start)) >= 0:
                doc.mentions.append(Mention(i, i + len(surface), made[name]))
                start = i + len(surface)
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def _run(doc: Document) -> list[tuple[str | None, str, str | None, str]]:
    quotes.run(doc)
    name = lambda eid: doc.entity(eid).name if doc.entity(eid) else None  # noqa: E731
    return [(name(q.speaker), q.kind, name(q.via), doc.text[q.start : q.end]) for q in doc.quotes]


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov said: “We will keep working.”",
        "“We will keep working,” Lavrov said.",
        "“We will keep working,” said Lavrov.",
        "Lavrov told reporters that “we will keep working.”",
        "According to Lavrov, “we will keep working.”",
        "Lavrov stressed in a statement: “We will keep working.”",
    ],
)
def test_direct_quote_with_cue_before_or_after(text):
    got = _run(_doc(text, people={"Lavrov": "Sergey Lavrov"}))
    assert len(got) == 1
    speaker, kind, via, words = got[0]
    assert (speaker, kind, via) == ("Sergey Lavrov", "direct", None)
    assert "keep working" in words and "“" not in words


def test_scare_quotes_and_titles_are_not_quotes():
    text = "The so-called “garden” of Europe met in the “Astana format” today. Lavrov arrived."
    assert _run(_doc(text, people={"Lavrov": "Sergey Lavrov"})) == []


def test_unbalanced_single_and_double_marks_do_not_break_the_rest():
    text = (
        "The US-led cronies of the so-called ‘garden’ met. A stray “ opener here.\n\n"
        "Peskov said: “Relations will be at the forefront.”"
    )
    got = _run(_doc(text, people={"Peskov": "Dmitry Peskov"}))
    assert [(g[0], g[3]) for g in got] == [("Dmitry Peskov", "Relations will be at the forefront.")]


def test_quote_running_over_paragraphs():
    text = "Lavrov said: “First paragraph of the words.\n\n“Second paragraph of the same words.”\n\nEnd."
    got = _run(_doc(text, people={"Lavrov": "Sergey Lavrov"}))
    assert len(got) == 1
    assert got[0][3].startswith("First") and got[0][3].endswith("same words.")


def test_partial_quote_inside_a_sentence():
    text = "On his part, Syrian Foreign Minister Faisal Mekdad “expressed gratitude for Russia’s help.”"
    got = _run(_doc(text))  # no entities stage: the name is read off the text
    assert got[0][0] == "Faisal Mekdad" and got[0][3].startswith("expressed gratitude")


def test_relay_chain_ministry_quoting_its_minister():
    text = (
        "The Russian foreign ministry said in a statement: “The ministers discussed regional issues,” "
        "quoting the Russian foreign minister Lavrov:\n\n"
        "“We will continue to support this positive trend.”\n\n"
        "As per the statement, Lavrov added that “Russia has been working for many years.”"
    )
    got = _run(
        _doc(
            text,
            people={"Lavrov": "Sergey Lavrov"},
            orgs={"Russian foreign ministry": "Ministry of Foreign Affairs of Russia"},
        )
    )
    assert [(g[0], g[2]) for g in got] == [
        ("Ministry of Foreign Affairs of Russia", None),
        ("Sergey Lavrov", "Ministry of Foreign Affairs of Russia"),
        ("Sergey Lavrov", "Ministry of Foreign Affairs of Russia"),
    ]


def test_relay_chain_agency_quoted_spokesman_saying():
    text = "Russian Sputnik news agency quoted the Russian Presidential spokesman Dmitry Peskov just before the summit saying; “Relations will be at the forefront.”"
    got = _run(_doc(text, people={"Dmitry Peskov": "Dmitry Peskov"}, orgs={"Sputnik": "Sputnik"}))
    assert [(g[0], g[2]) for g in got] == [("Dmitry Peskov", "Sputnik")]


def test_stakeholder_label_form():
    text = "[U.S. Grains Council President and CEO Ryan\nLeGrand](https://example.org/a:b):\n“The Council commends the deal.”"
    got = _run(_doc(text))
    assert got[0][0] == "Ryan LeGrand"


@pytest.mark.parametrize(
    "sentence,cue",
    [
        ("President Biden reaffirmed the United States’ firm support for Ukraine’s sovereignty.", "reaffirmed"),
        ("President Biden made clear that the United States will act firmly.", "made clear"),
        ("In discussing the crisis, President Biden noted the need to end hostilities.", "noted"),
        ("President Biden stressed the importance of the agreement.", "stressed"),
        ("President Biden renewed his country’s position in support of the plan.", "renewed"),
        ("President Biden said that the talks were useful.", "said"),
    ],
)
def test_indirect_quotes_in_narrative(sentence, cue):
    got = _run(_doc(sentence, people={"President Biden": "Joe Biden"}))
    assert [(g[0], g[1]) for g in got] == [("Joe Biden", "indirect")]
    assert sentence.endswith(got[0][3]) and got[0][3].startswith("President Biden")


def test_indirect_pronoun_resolves_to_previous_speaker_and_plural_is_the_group():
    text = (
        "President Biden spoke with President Putin. President Biden reaffirmed support for Ukraine. "
        "He also raised the hacking. The two leaders stressed the value of contacts. "
        "President Biden reaffirmed his invitation to visit."
    )
    got = _run(_doc(text, people={"President Biden": "Joe Biden", "President Putin": "Vladimir Putin"}))
    assert [(g[0], g[3][:12]) for g in got] == [
        ("Joe Biden", "President Bi"),
        ("Joe Biden", "He also rais"),
        ("Joe Biden and Vladimir Putin", "The two lead"),  # several voices: one GROUP (see test_quote_relays)
    ]


def test_role_phrase_resolves_through_entity_aliases():
    text = "In discussing Syria, the President of Russia noted the need to end hostilities."
    doc = _doc(text)
    putin = doc.new_entity("PERSON", "Vladimir Putin")
    putin.add_alias("President of Russia")
    i = text.index("President of Russia")
    doc.mentions.append(Mention(i, i + len("President of Russia"), putin.id))
    assert _run(doc)[0][0] == "Vladimir Putin"


def _transcript(text: str, labels: list[tuple[str, str]]) -> Document:
    """Turns for 'Label: words' paragraphs; labels map label -> speaker name."""
    doc = Document(text=text)
    ids = {}
    for _label, name in labels:
        if name not in ids:
            ids[name] = doc.new_entity("PERSON", name).id
    spans = []
    pos = 0
    for label, name in labels:
        s = text.index(label + ":", pos)
        spans.append((s, label, name))
        pos = s + 1
    for k, (s, label, name) in enumerate(spans):
        e = spans[k + 1][0] - 2 if k + 1 < len(spans) else len(text)
        doc.turns.append(Turn(s, e, ids[name], label, body_start=s + len(label) + 2))
    return doc


def test_turns_are_not_quotes_but_reports_inside_them_are():
    text = (
        "Vladimir Putin: I am glad to see you. During our call, you noted that the decisions are not implemented. "
        "In particular, you said that charter flights have not resumed. We said that we would act.\n\n"
        "Recep Tayyip Erdogan: Thank you. We agree on trade."
    )
    doc = _transcript(text, [("Vladimir Putin", "Vladimir Putin"), ("Recep Tayyip Erdogan", "Recep Tayyip Erdogan")])
    got = _run(doc)
    assert len(got) == 1  # merged with its "In particular" continuation; the turns themselves are not quotes
    speaker, kind, via, words = got[0]
    assert (speaker, kind, via) == ("Recep Tayyip Erdogan", "indirect", "Vladimir Putin")
    assert words.startswith("you noted") and words.endswith("have not resumed.")


def test_direct_quote_inside_a_turn_is_relayed_by_the_turn_speaker():
    text = "Joe Biden: And Putin told me, “We do not want a conflict.” That was clear."
    doc = _transcript(text, [("Joe Biden", "Joe Biden")])
    putin = doc.new_entity("PERSON", "Vladimir Putin")
    i = text.index("Putin")
    doc.mentions.append(Mention(i, i + 5, putin.id))
    got = _run(doc)
    assert got == [("Vladimir Putin", "direct", "Joe Biden", "We do not want a conflict.")]


def _briefing(body: str) -> tuple[Document, list[tuple[str | None, str, str | None, str]]]:
    """A briefer's turn after a question naming the President, run through the quotes stage."""
    text = f"Q: What does President Biden want from the summit?\n\nMR. SULLIVAN: {body}"
    doc = _transcript(text, [("Q", "Reporter"), ("MR. SULLIVAN", "Jake Sullivan")])
    biden = doc.new_entity("PERSON", "Joe Biden")
    start = 0
    while (i := text.find("President Biden", start)) >= 0:
        doc.mentions.append(Mention(i, i + len("President Biden"), biden.id))
        start = i + 1
    doc.mentions.sort(key=lambda m: m.start)
    return doc, _run(doc)


def test_briefer_reports_the_president_through_he_after_a_role_phrase():
    body = (
        "First, the President is focused on vaccines. And he said in his joint session that we were the "
        "arsenal of democracy and we will be the arsenal of vaccines."
    )
    _, got = _briefing(body)
    assert got == [
        (
            "Joe Biden",
            "indirect",
            "Jake Sullivan",
            "he said in his joint session that we were the arsenal of democracy and we will be the arsenal of vaccines.",
        )
    ]


@pytest.mark.parametrize(
    ("body", "start"),
    [
        ("I talked to the President this morning, and his view is that there are multiple paths forward.", "his view"),
        ("President Biden’s comment that violence cannot be allowed was encouraging for me.", "President Biden’s"),
        ("The President’s position remains that the sanctions stay in place.", "The President’s"),
    ],
)
def test_position_named_by_a_noun_is_an_indirect_quote(body, start):
    _, got = _briefing(body)
    assert len(got) == 1
    speaker, kind, via, words = got[0]
    assert (speaker, kind, via) == ("Joe Biden", "indirect", "Jake Sullivan")
    assert words.startswith(start)


@pytest.mark.parametrize(
    "body",
    [
        "My view is that there are multiple paths forward.",  # the briefer's own words
        "His view is that it works.",  # too short to be a position, and no one named before
        "The Times’s view is that the deal is dead.",  # nobody in the document by that name
    ],
)
def test_nominal_cue_needs_a_third_party_owner_and_content(body):
    doc = Document(text=f"MR. SULLIVAN: {body}")
    sullivan = doc.new_entity("PERSON", "Jake Sullivan").id
    doc.turns.append(Turn(0, len(doc.text), sullivan, "MR. SULLIVAN", body_start=len("MR. SULLIVAN: ")))
    assert _run(doc) == []


def test_joint_view_and_reporters_relative_clause_are_not_quotes():
    _, got = _briefing("Our view and the President’s view is that they should be on the table for all of them.")
    assert got == []
    text = (
        "Q: Did the President talk to people about the reach-out that he said he’s going to be doing?\n\n"
        "MS. PSAKI: Not yet."
    )
    doc = _transcript(text, [("Q", "Reporter"), ("MS. PSAKI", "Jen Psaki")])
    doc.entity(doc.turns[0].speaker).anonymous = True
    biden = doc.new_entity(
        "PERSON",
        "Joe Biden",
    )
    biden.add_role("President")
    assert _run(doc) == []  # a reporter's "he" is not resolved through "the President"


def test_he_skips_a_person_whose_honorific_says_she():
    text = (
        "MS. PSAKI: Senator Manchin called this morning, and I spoke with Ms. Pelosi. "
        "He said that the bill needs more work before the vote."
    )
    doc = _transcript(text, [("MS. PSAKI", "Jen Psaki")])
    doc.entity(doc.turns[0].speaker).add_alias("MS. PSAKI")
    for surface, name in (("Senator Manchin", "Joe Manchin"), ("Ms. Pelosi", "Nancy Pelosi")):
        ent = doc.new_entity("PERSON", name)
        ent.add_alias(surface)
        i = text.index(surface)
        doc.mentions.append(Mention(i, i + len(surface), ent.id))
    doc.mentions.sort(key=lambda m: m.start)
    got = _run(doc)
    assert [(g[0], g[2]) for g in got] == [("Joe Manchin", "Jen Psaki")]  # Ms. Pelosi is nearer, but not "he"


def test_leading_and_is_not_a_joint_subject():
    text = "Lavrov met Wang Yi on Monday. And he said that the talks had been useful for both sides."
    got = _run(_doc(text, people={"Lavrov": "Sergey Lavrov", "Wang Yi": "Wang Yi"}))
    assert got and got[0][0] == "Wang Yi"  # the last person named before "he"


def test_unknown_speaker_is_none_not_a_guess():
    assert _run(_doc("Someone said: “Nothing will change.”")) == []


def _mean_f1(scores: dict[str, dict], key: str) -> float:
    """Mean F1 over the documents that have the key (the scorer returns (p, r, f) tuples)."""
    vals = [r[key][2] for r in scores.values() if isinstance(r.get(key), (list, tuple)) and len(r[key]) == 3]
    return sum(vals) / len(vals) if vals else float("nan")


def test_targets_on_shared_gold(seed_scores, dev_scores):
    assert _mean_f1(seed_scores, "quote_prf") >= 0.80
    assert _mean_f1(dev_scores, "quote_prf") >= 0.80
