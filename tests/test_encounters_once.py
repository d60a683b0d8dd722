"""One encounter once: a person split in two by the entities stage, talks of other parties, a host
verb before a possessive, delegation lists, present-tense mentions of the record's own meeting, and a
readout whose title names its people by office only."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_encounters import PUTIN, make, names

from communique.encounters.dates import find_dates


def test_one_person_split_in_two_makes_one_encounter() -> None:
    doc = make(
        "President Biden met virtually today with Prime Minister Kishida Fumio of Japan. "
        "The leaders discussed trade, and Prime Minister Fumio Kishida invited the President to Tokyo.",
        {"Joe Biden": ("USA", ["President Biden"]), "Kishida Fumio": ("JPN", []), "Fumio Kishida": ("JPN", [])},
        title="Readout of President Biden's Meeting with Prime Minister Kishida of Japan",
        published="2022-01-21",
    )
    meetings = [e for e in doc.encounters if e.kind == "meeting" and not e.planned]
    assert len(meetings) == 1, doc.encounters
    assert meetings[0].date == "2022-01-21"


def test_talks_named_by_other_parties_are_not_the_callers() -> None:
    doc = make(
        "President Biden spoke by phone today with President Zelenskyy. "
        "The leaders also discussed the recent talks between Russia and Ukraine. "
        "Mr Putin and Mr Obama stressed the importance of the inter-Syrian talks taking place in Geneva.",
        {
            "Joe Biden": ("USA", ["President Biden"]),
            "Volodymyr Zelenskyy": ("UKR", ["President Zelenskyy"]),
            "Vladimir Putin": PUTIN,
            "Barack Obama": ("USA", ["Mr Obama"]),
        },
        published="2022-03-05",
    )
    assert [e.kind for e in doc.encounters] == ["phone_call"], doc.encounters


def test_welcoming_a_leaders_commitment_is_no_meeting() -> None:
    doc = make(
        "Vice President Kamala Harris welcomed President Xiomara Castro’s focus on countering corruption.",
        {
            "Kamala Harris": ("USA", ["Vice President Kamala Harris"]),
            "Xiomara Castro": ("HND", ["President Xiomara Castro"]),
        },
        published="2022-01-27",
    )
    assert doc.encounters == []


def test_delegation_list_joins_the_meeting() -> None:
    doc = make(
        "National Security Advisor Jake Sullivan met with President Alejandro Giammattei on December 8 at the White House. "
        "Also in the meeting were Nancy McEldowney, Juan Gonzalez, and William Popp.",
        {
            "Jake Sullivan": ("USA", []),
            "Alejandro Giammattei": ("GTM", []),
            "Nancy McEldowney": ("USA", []),
            "Juan Gonzalez": ("USA", []),
            "William Popp": ("USA", []),
        },
        published="2021-12-09",
    )
    assert len(doc.encounters) == 1, doc.encounters
    assert "Juan Gonzalez" in {doc.entity(p).name for p in doc.encounters[0].also_present}


def test_present_mention_in_speech_is_the_records_own_meeting() -> None:
    text = (
        "Meeting with President of Armenia Serzh Sargsyan\n\nMarch 10, 2016, The Kremlin, Moscow\n\n"
        "Vladimir Putin: Mr President, I am very happy to meet with you and discuss our relations.\n"
    )
    doc = make(
        text,
        {"Vladimir Putin": PUTIN, "Serzh Sargsyan": ("ARM", ["Mr President"])},
        title="Meeting with President of Armenia Serzh Sargsyan",
        published="2016-03-10",
        turns=[("Vladimir Putin", "discuss our relations.")],
    )
    assert len(doc.encounters) == 1, doc.encounters
    assert doc.encounters[0].date == "2016-03-10"


def test_call_readout_naming_people_by_office_in_its_title() -> None:
    doc = make(
        "Foreign Minister Penny Wong spoke today with Foreign Minister Mauro Vieira of Brazil. "
        "The two ministers agreed to meet in Rio de Janeiro in November.",
        {"Penny Wong": ("AUS", []), "Mauro Vieira": ("BRA", [])},
        title="Readout of the Foreign Minister's Call with the Foreign Minister of Brazil",
        published="2024-05-14",
    )
    call = [e for e in doc.encounters if e.kind == "phone_call"]
    assert len(call) == 1 and call[0].date == "2024-05-14"
    assert names(doc, call[0]) == {"Penny Wong", "Mauro Vieira"}
    plan = [e for e in doc.encounters if e.planned]
    assert len(plan) == 1 and plan[0].place == "Rio de Janeiro"
    assert plan[0].date_window == {"from": "2024-11-01", "to": "2024-11-30"}


def test_bundled_call_example_yields_its_call() -> None:
    from communique.pipeline import analyze

    path = Path(__file__).resolve().parents[1] / "communique" / "examples" / "readout_call.md"
    doc = analyze(path.read_text(encoding="utf-8"))
    assert [e.kind for e in doc.encounters if not e.planned] == ["phone_call"]


def test_bare_month_is_a_period_forward_in_plans_and_back_otherwise() -> None:
    t = "We will meet in July. We met in March."
    got = find_dates(t, 0, len(t), "2024-05-14", prefer_future=True)
    assert got[0][2] == "2024-07-01/2024-07-31" and got[1][2] == "2025-03-01/2025-03-31"
    assert find_dates(t, 0, len(t), "2024-05-14")[0][2] == "2023-07-01/2023-07-31"


def test_the_lead_names_the_head_the_title_leaves_implicit() -> None:
    text = (
        "Telephone conversation with Angela Merkel and Francois Hollande\n\nApril 4, 2017\n\n"
        "Vladimir Putin had a telephone conversation with Federal Chancellor of Germany Angela Merkel "
        "and President of France Francois Hollande.\n"
    )
    doc = make(
        text,
        {"Vladimir Putin": PUTIN, "Angela Merkel": ("DEU", []), "Francois Hollande": ("FRA", [])},
        title="Telephone conversation with Angela Merkel and Francois Hollande",
        published="2017-04-04",
    )
    calls = [e for e in doc.encounters if e.kind == "phone_call"]
    assert len(calls) == 1 and names(doc, calls[0]) == {"Vladimir Putin", "Angela Merkel", "Francois Hollande"}


def test_venue_lines_left_out_of_the_content_still_place_the_record(shared) -> None:
    from communique.pipeline import analyze

    path = shared / "corpus" / "phenomena" / "wh_rm_2021-10-29_biden_draghi_before_meeting.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    doc = analyze(path)
    assert any(e.place == "Rome" for e in doc.encounters), doc.encounters


def test_planned_call_visit_and_meeting_in_a_statement() -> None:
    from communique.model import Document
    from communique.pipeline import analyze

    text = (
        "Statement by Press Secretary Jen Psaki on the Visit of Prime Minister Mitsotakis\n\n"
        "President Biden will speak with President Xi Jinping of China on Thursday. Prime Minister Kyriakos "
        "Mitsotakis of Greece will be coming to Washington in July. President Biden will travel to Madrid next "
        "week for the NATO Summit, where he will meet with President Recep Tayyip Erdogan of Turkey.\n"
    )
    doc = analyze(Document(text=text, published="2022-06-21", publisher="The White House"))
    got = {(e.kind, e.date, (e.date_window or {}).get("from"), e.place, e.planned) for e in doc.encounters}
    assert got == {
        ("phone_call", "2022-06-23", None, None, True),
        ("visit", None, "2022-07-01", "Washington", True),
        ("meeting", None, "2022-06-27", "Madrid", True),
    }
    visit = next(e for e in doc.encounters if e.kind == "visit")
    assert "Jen Psaki" not in names(doc, visit)  # the statement's issuer speaks for the President


def test_accepting_an_invitation_to_come_is_not_a_new_visit() -> None:
    doc = make(
        "Meeting with President of Austria Heinz Fischer\n\nApril 6, 2016, The Kremlin, Moscow\n\n"
        "Vladimir Putin met with President of Austria Heinz Fischer at the Kremlin.\n\n"
        "Heinz Fischer: It was with pleasure that I accepted your invitation to come to Moscow with my delegation.\n",
        {"Vladimir Putin": PUTIN, "Heinz Fischer": ("AUT", [])},
        title="Meeting with President of Austria Heinz Fischer",
        published="2016-04-06",
        turns=[("Heinz Fischer", "with my delegation.")],
    )
    assert [e.kind for e in doc.encounters] == ["meeting"], doc.encounters


def test_countries_listed_after_leaders_of_take_part() -> None:
    from communique.model import Document
    from communique.pipeline import analyze

    text = (
        "President Biden and Vice President Harris met yesterday with leaders of the Dominican Republic "
        "and Jamaica at the Summit of the Americas.\n"
    )
    doc = analyze(Document(text=text, published="2022-06-10", publisher="The White House"))
    meeting = next(e for e in doc.encounters if e.kind == "meeting")
    assert {"Dominican Republic", "Jamaica"} <= names(doc, meeting)
    assert meeting.date == "2022-06-09"


def test_an_expected_call_is_planned_and_undated() -> None:
    doc = make(
        "Q: Should we expect a call with President Xi shortly after this meeting?\n",
        {"Joe Biden": ("USA", ["the President"]), "Xi Jinping": ("CHN", ["President Xi"])},
        published="2022-06-27",
        publisher="The White House",
    )
    calls = [e for e in doc.encounters if e.kind == "phone_call"]
    assert all(e.planned and e.date is None for e in calls), doc.encounters
