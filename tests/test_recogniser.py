"""The shipped recogniser finds people, organisations and places no list holds; a user can plug in another."""

from __future__ import annotations

from communique.entities.recogniser import (
    TOKEN,
    CrfRecogniser,
    NoRecogniser,
    bio_ranges,
    get_recogniser,
    set_recogniser,
)
from communique.entities.stage import run
from communique.model import Document


def test_tokens_keep_names_whole_and_possessive_apart() -> None:
    assert TOKEN.findall("Fox News’s Bret O'Brien, Jean-Pierre in the U.S.") == [
        "Fox", "News", "’s", "Bret", "O'Brien", ",", "Jean-Pierre", "in", "the", "U.S.",
    ]  # fmt: skip


def test_bio_ranges() -> None:
    assert bio_ranges(["O", "B-PERSON", "I-PERSON", "O", "I-ORG", "B-PLACE"]) == [
        (1, 3, "PERSON"),
        (4, 5, "ORG"),
        (5, 6, "PLACE"),
    ]


def test_unlisted_people_found() -> None:
    rec = CrfRecogniser()
    text = (
        "Brett McGurk met Al Sharpton on Tuesday. Later, Weijia Jiang of CBS News asked "
        "the Press Secretary about it, and Steve Holland of Reuters followed up."
    )
    found = {text[s:e]: lab for s, e, lab in rec.spans(text)}
    for name in ("Brett McGurk", "Al Sharpton", "Steve Holland"):
        assert found.get(name) == "PERSON", (name, found)


def test_stage_makes_people_of_unlisted_names_not_of_outlets() -> None:
    doc = Document(text="Zeke Miller of the Associated Press asked Brett McGurk about Gaza.", published="2024-01-10")
    run(doc)
    people = {e.name for e in doc.entities if e.type == "PERSON"}
    assert {"Zeke Miller", "Brett McGurk"} <= people
    assert not any("Press" in p for p in people)


class _Fixed:
    name = "fixed"

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        i = text.find("Quux Corp")
        return [(i, i + 9, "ORG")] if i >= 0 else []


def test_a_user_recogniser_plugs_in() -> None:
    try:
        set_recogniser(_Fixed())
        assert get_recogniser().name == "fixed"
        doc = Document(text="The deal with Quux Corp was signed.")
        run(doc)
        assert any(e.type == "ORG" and e.name == "Quux Corp" for e in doc.entities)
        set_recogniser(NoRecogniser())
        doc = Document(text="The deal with Quux Corp was signed.")
        run(doc)
        assert not any(e.name == "Quux Corp" for e in doc.entities)
    finally:
        set_recogniser(None)
    assert get_recogniser().name == "crf"


def test_unlisted_person_gets_the_country_the_text_gives() -> None:
    doc = Document(
        text="Turkish journalist Ahmet Yilmaz asked about it. Later Giorgia Bianchi of Italy spoke with Brett McGurk.",
        published="2024-01-01",
    )
    run(doc)
    got = {e.name: e.country for e in doc.entities if e.type == "PERSON"}
    assert got == {"Ahmet Yilmaz": "TUR", "Giorgia Bianchi": "ITA", "Brett McGurk": None}


def test_a_lone_first_name_links_to_the_person_it_names() -> None:
    text = (
        "PRIME MINISTER SUGA:  Thank you.  Prime Minister Yoshihide Suga spoke.\n\n"
        "PRESIDENT BIDEN:  So, Yoshi, you’ll probably be seeing a lot more of me.\n"
    )
    from communique.pipeline import run as run_stages

    doc = run_stages(Document(text=text, published="2021-04-16", publisher="The White House"))
    i = doc.text.index("Yoshi,")
    suga = next(e.id for e in doc.entities if e.name == "Yoshihide Suga")
    assert any(m.start == i and m.entity == suga for m in doc.mentions)


def test_places_holding_a_country_name_and_no_titles_in_names() -> None:
    doc = Document(
        text=(
            "Freedom of navigation in the South China Sea and the East China Sea matters.\n\n"
            "[**SBA Administrator Kelly\nLoeffler**](https://x.com/SBA/status/1)**:** “Great.”\n"
        ),
        published="2025-03-05",
    )
    run(doc)
    got = {(e.type, e.name) for e in doc.entities}
    assert {("PLACE", "South China Sea"), ("PLACE", "East China Sea"), ("PERSON", "Kelly Loeffler")} <= got
    assert not any(t == "PERSON" and "Administrator" in n for t, n in got)
