"""The encounters stage on crafted records (entities given, so the stage is tested alone), and
the targets on the seeds and the development corpus through the whole pipeline."""

from __future__ import annotations

import re

import pytest
from conftest import mean

from communique.encounters import stage
from communique.model import Document, Mention, Turn


def make(
    text: str,
    people: dict[str, tuple[str, list[str]]],
    published: str | None = "2021-09-14",
    title: str | None = None,
    turns: list[tuple[str, str]] = (),
    publisher: str | None = None,
    roles: dict[str, list[str]] | None = None,
) -> Document:
    """A record with the entity layer filled in by hand: name -> (ISO3, aliases)."""
    doc = Document(text=text, published=published, title=title, publisher=publisher)
    for name, (iso3, aliases) in people.items():
        ent = doc.new_entity("PERSON", name, country=iso3, roles=list((roles or {}).get(name, [])))
        for a in aliases:
            ent.add_alias(a)
        for form in {name, *aliases}:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                if not any(x.start <= m.start() < x.end for x in doc.mentions):
                    doc.mentions.append(Mention(m.start(), m.end(), ent.id))
    doc.mentions.sort(key=lambda m: m.start)
    for label, body in turns:
        s = text.index(label + ":")
        e = text.index(body, s) + len(body)
        sp = next(x.id for x in doc.entities if x.name == label or label in x.aliases)
        doc.turns.append(Turn(s, e, sp, label, body_start=s + len(label) + 1))
    stage.run(doc)
    return doc


PUTIN = ("RUS", ["Mr Putin", "President Putin"])
ASSAD = ("SYR", ["President Assad", "Bashar Assad"])


def names(doc: Document, enc) -> set[str]:
    return {doc.entity(p).name for p in enc.participants}


def only(doc: Document, kind: str):
    got = [e for e in doc.encounters if e.kind == kind]
    assert len(got) == 1, doc.encounters
    return got[0]


def test_meeting_yesterday_at_the_kremlin() -> None:
    doc = make(
        "September 14, 2021, The Kremlin, Moscow\n\nYesterday Vladimir Putin had a meeting at the Kremlin with "
        "President of Syria Bashar al-Assad.",
        {"Vladimir Putin": PUTIN, "Bashar al-Assad": ASSAD},
    )
    e = only(doc, "meeting")
    assert (e.date, e.place, e.country) == ("2021-09-13", "Moscow", "RUS")
    assert names(doc, e) == {"Vladimir Putin", "Bashar al-Assad"}
    assert doc.text[e.start : e.end].startswith("Yesterday")


def test_phone_call_has_no_place() -> None:
    doc = make(
        "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron in Moscow.",
        {"Vladimir Putin": PUTIN, "Emmanuel Macron": ("FRA", [])},
        published="2022-03-03",
    )
    e = only(doc, "phone_call")
    assert (e.date, e.place) == ("2022-03-03", None)


def test_talks_summit_visit_and_press_conference() -> None:
    people = {"Xi Jinping": ("CHN", ["Mr Xi"]), "Vladimir Putin": PUTIN}
    doc = make("Vladimir Putin held talks with Xi Jinping in Beijing on 4 February 2022.", people)
    assert only(doc, "talks").date == "2022-02-04"
    doc = make("Xi Jinping and Vladimir Putin will attend the BRICS summit in Johannesburg next week.", people)
    assert only(doc, "summit").planned
    doc = make("Xi Jinping arrived in Moscow on a state visit; Vladimir Putin welcomed him.", people)
    assert only(doc, "visit").place == "Moscow"
    doc = make("Vladimir Putin and Xi Jinping held a joint press conference in Moscow today.", people)
    e = only(doc, "press_conference")
    assert (e.date, e.place) == ("2021-09-14", "Moscow")


def test_transcript_title_dateline_and_speakers() -> None:
    text = (
        "Meeting with President of Syria Bashar al-Assad\n\nSeptember 14, 2021, The Kremlin, Moscow\n\n"
        "Yesterday Vladimir Putin had a meeting with Bashar al-Assad.\n\n"
        "Vladimir Putin: Mr President, I am glad to welcome you to Moscow.\n\n"
        "Bashar al-Assad: Thank you. It is an honour to be here today."
    )
    doc = make(
        text,
        {"Vladimir Putin": PUTIN, "Bashar al-Assad": ASSAD},
        title="Meeting with President of Syria Bashar al-Assad",
        turns=[("Vladimir Putin", "welcome you to Moscow."), ("Bashar al-Assad", "be here today.")],
    )
    assert len(doc.encounters) == 1, doc.encounters  # one meeting, however often the record refers to it
    e = doc.encounters[0]
    assert (e.kind, e.date, e.place) == ("meeting", "2021-09-13", "Moscow")


@pytest.mark.parametrize("clock", ["14:30\n\n", ""])
def test_dateline_laid_out_a_line_each_as_html_pages_give_it(clock: str) -> None:
    text = (
        "Meeting with President of Iran Hassan Rouhani\n\n"
        "Vladimir Putin had a bilateral meeting with President of Iran Hassan Rouhani.\n\n"
        f"November 1, 2017\n\n{clock}Tehran\n\n"
        "Hassan Rouhani: Mr President, welcome. We are glad to see you here."
    )
    doc = make(
        text,
        {"Vladimir Putin": PUTIN, "Hassan Rouhani": ("IRN", ["Rouhani"])},
        published="2017-11-01",
        title="Meeting with President of Iran Hassan Rouhani",
        turns=[("Hassan Rouhani", "glad to see you here.")],
    )
    e = doc.encounters[0]
    assert (e.kind, e.date, e.place) == ("meeting", "2017-11-01", "Tehran")


def test_call_named_by_its_initiator_is_a_phone_call() -> None:
    text = (
        "Telephone conversation with US President Donald Trump\n\n"
        "Vladimir Putin and President of the United States of America Donald Trump had a lengthy conversation "
        "during a call initiated by the US.\n\nThe two presidents discussed the oil market."
    )
    doc = make(text, {"Vladimir Putin": PUTIN, "Donald Trump": ("USA", ["President Trump"])}, published="2020-03-30")
    assert [(e.kind, e.date, e.place) for e in doc.encounters] == [("phone_call", "2020-03-30", None)]


def test_a_visit_that_frames_a_meeting_is_not_its_kind() -> None:
    text = (
        "Meeting with Ali Khamenei\n\nDuring his working visit to Iran, Vladimir Putin met with Supreme Leader "
        "Ayatollah Ali Khamenei in Tehran."
    )
    doc = make(
        text, {"Vladimir Putin": PUTIN, "Ali Khamenei": ("IRN", ["Ayatollah Ali Khamenei"])}, published="2017-11-01"
    )
    assert [(e.kind, e.place) for e in doc.encounters] == [("meeting", "Tehran")]
    text = "Vladimir Putin paid a working visit to Iran, where Ali Khamenei welcomed him."
    doc = make(text, {"Vladimir Putin": PUTIN, "Ali Khamenei": ("IRN", [])}, published="2017-11-01")
    assert [e.kind for e in doc.encounters] == ["visit"]  # the visit is what the clause reports


def test_side_meetings_and_delegation_lists() -> None:
    text = (
        "Syrian President Bashar al-Assad held talks with Russian President Vladimir Putin in Moscow yesterday, "
        "Wednesday 15 March 2023.\n\n"
        "The expanded talks session included from the Russian side Sergey Lavrov, Minister of Foreign Affairs, "
        "Yuri Ushakov, Assistant to the President, and Dmitry Peskov, Press Secretary.\n\n"
        "On the sidelines of President Assad's official visit, bilateral talks were held between Foreign Minister "
        "Faisal Mekdad and his Russian counterpart Sergey Lavrov."
    )
    people = {
        "Bashar al-Assad": ASSAD, "Vladimir Putin": PUTIN, "Sergey Lavrov": ("RUS", ["Lavrov"]),
        "Yuri Ushakov": ("RUS", []), "Dmitry Peskov": ("RUS", []), "Faisal Mekdad": ("SYR", []),
    }  # fmt: skip
    doc = make(text, people, published="2023-03-16")
    main = next(e for e in doc.encounters if names(doc, e) == {"Bashar al-Assad", "Vladimir Putin"})
    assert main.date == "2023-03-15" and main.place == "Moscow" and not main.side
    assert {doc.entity(p).name for p in main.also_present} == {"Sergey Lavrov", "Yuri Ushakov", "Dmitry Peskov"}
    side = next(e for e in doc.encounters if names(doc, e) == {"Faisal Mekdad", "Sergey Lavrov"})
    assert side.side and side.place == "Moscow" and side.date is None  # on the sidelines of the visit


def test_planned_and_vague_past() -> None:
    people = {"Joe Biden": ("USA", ["President Biden"]), "Justin Trudeau": ("CAN", ["Prime Minister Trudeau"])}
    doc = make(
        "On February 23, President Biden will hold a virtual bilateral meeting with Prime Minister Trudeau.",
        people,
        published="2021-02-20",
    )
    e = only(doc, "meeting")
    assert (e.date, e.place, e.planned) == ("2021-02-23", None, True)
    doc = make("Last month, Joe Biden met with Justin Trudeau in Ottawa.", people, published="2021-02-20")
    e = only(doc, "meeting")
    assert e.date is None and e.place == "Ottawa" and not e.planned  # the month is known, the day is not
    assert e.date_window == {"from": "2021-01-01", "to": "2021-01-31"}


@pytest.mark.parametrize(
    "sentence, published, window",
    [
        ("Earlier this month, Joe Biden met with Justin Trudeau.", "2021-03-10", ("2021-03-01", "2021-03-09")),
        ("Last week Joe Biden met with Justin Trudeau.", "2021-01-01", ("2020-12-21", "2020-12-27")),
        ("Last month Joe Biden met with Justin Trudeau.", "2021-01-05", ("2020-12-01", "2020-12-31")),
    ],
)
def test_periods_give_a_window_not_a_day(sentence: str, published: str, window: tuple[str, str]) -> None:
    people = {"Joe Biden": ("USA", []), "Justin Trudeau": ("CAN", [])}
    e = only(make(sentence, people, published=published), "meeting")
    assert e.date is None and (e.date_window["from"], e.date_window["to"]) == window
    dated = only(make("Yesterday Joe Biden met with Justin Trudeau.", people, published=published), "meeting")
    assert dated.date and dated.date_window is None  # a known day needs no window


def test_loose_words_are_not_encounters() -> None:
    people = {"Joe Biden": ("USA", []), "Justin Trudeau": ("CAN", [])}
    doc = make(
        "Joe Biden and Justin Trudeau are committed to meeting our 2030 goals and the needs of their people.", people
    )
    assert doc.encounters == []
    doc = make("Joe Biden reaffirmed his commitment to cooperation; Justin Trudeau agreed.", people)
    assert doc.encounters == []


def test_one_sentence_two_encounters() -> None:
    """ "met Xi … hours after talks with Wang" reports two encounters, not one of three people."""
    people = {"Antony Blinken": ("USA", []), "Xi Jinping": ("CHN", []), "Wang Yi": ("CHN", [])}
    doc = make(
        "Antony Blinken met Chinese President Xi Jinping in Beijing on Friday, hours after more than five hours "
        "of talks with Foreign Minister Wang Yi.",
        people,
        published="2024-04-27",
    )
    got = sorted((e.kind, e.date, e.place, tuple(sorted(names(doc, e)))) for e in doc.encounters)
    assert got == [
        ("meeting", "2024-04-26", "Beijing", ("Antony Blinken", "Xi Jinping")),
        ("talks", "2024-04-26", "Beijing", ("Antony Blinken", "Wang Yi")),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The day before yesterday Recep Tayyip Erdogan sat down with Vladimir Putin for three hours.",
        "Recep Tayyip Erdogan received President Vladimir Putin at his residence the day before yesterday.",
        "Vladimir Putin met Recep Tayyip Erdogan the day before yesterday.",
        "Recep Tayyip Erdogan hosted Vladimir Putin in Istanbul the day before yesterday.",
    ],
)
def test_news_idioms_for_meetings(sentence: str) -> None:
    people = {"Vladimir Putin": PUTIN, "Recep Tayyip Erdogan": ("TUR", [])}
    doc = make(sentence, people, published="2023-11-16")
    e = only(doc, "meeting")
    assert e.date == "2023-11-14" and names(doc, e) == set(people)


def test_places_of_news_prose() -> None:
    people = {"Vladimir Putin": PUTIN, "Recep Tayyip Erdogan": ("TUR", [])}
    doc = make(
        "Vladimir Putin and Recep Tayyip Erdogan held talks in the Black Sea resort of Sochi on Tuesday, "
        "Kremlin spokesman Dmitry Peskov told reporters.",
        {**people, "Dmitry Peskov": ("RUS", [])},
        published="2023-11-15",
    )
    e = only(doc, "talks")
    assert (e.date, e.place) == ("2023-11-14", "Sochi")
    assert names(doc, e) == set(people)  # the spokesman who reports it is not a participant


def test_the_president_of_the_record_s_own_side() -> None:
    """In a White House record "the President" is the sitting president: the bilat and the meeting are his."""
    people = {
        "Jen Psaki": ("USA", []), "Joe Biden": ("USA", ["President Biden"]),
        "Recep Tayyip Erdogan": ("TUR", ["President Erdogan"]), "Vladimir Putin": PUTIN,
    }  # fmt: skip
    roles = {"Joe Biden": ["President"], "Recep Tayyip Erdogan": ["President"], "Vladimir Putin": ["President"]}
    text = (
        "Press Briefing by Press Secretary Jen Psaki\n\nJen Psaki: President Biden leaves for Europe today. "
        "The President has long experience of foreign policy. He met with Vladimir Putin in 2011.\n\n"
        "Q: What can we expect from the bilat with President Erdogan?"
    )
    doc = make(text, people, published="2021-06-09", publisher="The White House", roles=roles)
    got = {tuple(sorted(names(doc, e))) for e in doc.encounters if e.kind == "meeting"}
    assert ("Joe Biden", "Vladimir Putin") in got and ("Joe Biden", "Recep Tayyip Erdogan") in got
    # without a side (a wire story), nobody is assumed
    doc = make(text, people, published="2021-06-09", publisher=None, roles=roles)
    assert ("Joe Biden", "Recep Tayyip Erdogan") not in {tuple(sorted(names(doc, e))) for e in doc.encounters}


def test_targets_on_seeds_and_dev(seed_scores, dev_scores) -> None:
    scores = {**seed_scores, **dev_scores}
    have = {k: v for k, v in scores.items() if "encounter_recall" in v}
    assert mean(have, "encounter_recall") >= 0.90
    assert mean(have, "encounter_date_acc") >= 0.90
    assert mean(have, "encounter_place_acc") >= 0.90
    for name, r in have.items():
        npred, ngold = r["encounter_count"]
        assert npred <= 2 * ngold, name


@pytest.mark.parametrize(
    "sentence",
    [
        "Vladimir Putin and Ilham Aliyev meet regularly and talk on the phone as well.",
        "Vladimir Putin and Ilham Aliyev have already met several times this year.",
    ],
)
def test_a_habit_is_not_an_encounter(sentence: str) -> None:
    doc = make(sentence, {"Vladimir Putin": PUTIN, "Ilham Aliyev": ("AZE", [])}, published="2017-11-01")
    assert doc.encounters == []
