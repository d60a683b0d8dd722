"""Clean, metadata and segments: boilerplate cases, datelines, markers; targets on the seeds."""

from __future__ import annotations

from conftest import mean

from communique import analyze

PAGE = """View settings

Font size:
Site colours:

Official website of the President of Russia

Контент /

Meeting with President of Finland

September 14, 2021, The Kremlin, Moscow

Yesterday Vladimir Putin met with President of Finland Sauli Niinisto.

President of Russia Vladimir Putin: Welcome.

President of Finland Sauli Niinisto (in Russian): Spasibo.


September 14, 2021, The Kremlin, Moscow
"""


def test_chrome_is_outside_content_and_short_speech_is_kept():
    doc = analyze(PAGE)
    content = "".join(doc.text[s:e] for s, e in doc.content)
    assert content.startswith("Meeting with President of Finland")
    assert content.rstrip().endswith("Spasibo.")
    for chrome in ("View settings", "Font size", "Official website", "Контент"):
        assert chrome not in content


def test_metadata_from_dateline_and_site_signature():
    doc = analyze(PAGE)
    assert doc.title == "Meeting with President of Finland"
    assert doc.published == "2021-09-14"
    assert doc.publisher == "President of Russia (official website)"
    assert doc.kind == "transcript"


def test_no_date_stated_means_null():
    doc = analyze("Leaders met\n\nThe two leaders met on Wednesday and discussed trade.\n")
    assert doc.published is None


def test_yesterday_with_explicit_date_dates_the_page():
    doc = analyze(
        "Summit\n\nThe president held a summit in Moscow yesterday, Wednesday 15 March 2023, with his guest.\n"
    )
    assert doc.published == "2023-03-16"
    # a weekday that contradicts the date: no guess
    doc = analyze("Summit\n\nThe president held a summit yesterday, Friday 15 March 2023, with his guest.\n")
    assert doc.published is None


def test_donation_gdpr_and_share_footers_are_boilerplate():
    text = (
        "Title of the story\n\nA paragraph of reporting that says something substantive about a meeting.\n\n"
        "Our site is run by two authors; if you like our work you can help by chipping in a couple of Euros.\n"
        "Thank you in advance.\n\nShare this:\n\nLatest News:\n\n"
        "You have successfully subscribed to the newsletter\n\n"
        "GDPR rules by the EU: Example News will use the information you provide on this form.\n"
    )
    doc = analyze(text)
    content = "".join(doc.text[s:e] for s, e in doc.content)
    assert content.endswith("substantive about a meeting.")
    assert doc.publisher == "Example News"


def test_statement_markers_make_a_statement_segment():
    text = (
        "Story\n\nThe leaders met in Cairo on the sidelines of the forum and talked.\n\n"
        "The Presidency offered the following official statement:\n\n"
        "The two presidents discussed bilateral relations.\n\n"
        "End of the statement provided by the Presidency.\n\n"
        "Separately, ministers held their own meetings in the capital.\n"
    )
    doc = analyze(text, only=["segments"])
    kinds = [(s.kind, doc.text[s.start : s.end][:20]) for s in doc.segments]
    assert kinds == [
        ("narrative", "The leaders met in C"),
        ("statement", "The Presidency offer"),
        ("narrative", "Separately, minister"),
    ]


def test_offsets_survive_non_breaking_spaces():
    text = "President of\u00a0Russia Vladimir\u00a0Putin: Welcome to\u00a0Moscow.\n"
    doc = analyze(text)
    assert doc.text == text
    t = doc.turns[0]
    assert doc.text[t.start : t.end] == text.strip()


def test_seed_structure_targets(seed_scores):
    assert mean(seed_scores, "content_f1") >= 0.97
    assert mean(seed_scores, "segment_acc") >= 0.90
    assert all(r["published_ok"] for r in seed_scores.values())


def test_reaction_roundup_is_a_statement_passage():
    text = (
        "Deal praised\n\nThe agreement opens markets for farmers and workers across the region.\n\n"
        "The agreement was immediately welcomed by industry leaders:\n\n"
        "Jane Roe, Grain Council: “We applaud this agreement.”\n\n"
        "John Doe, Steel Institute: “A good day for steel.”\n"
    )
    doc = analyze(text, only=["segments"])
    kinds = [s.kind for s in doc.segments]
    assert kinds[-1] == "statement"
    assert doc.text[doc.segments[-1].start :].startswith("The agreement was immediately welcomed")


def test_a_meeting_told_in_prose_is_a_readout_and_with_a_transcript_a_transcript():
    prose = analyze(
        "Meeting with Ali Khamenei\n\nNovember 1, 2017, Tehran\n\n"
        "During his working visit to Iran, Vladimir Putin met with Ayatollah Ali Khamenei.",
        only=["clean", "metadata"],
    )
    assert (prose.title, prose.kind) == ("Meeting with Ali Khamenei", "readout")
    transcript = analyze(
        "Meeting with President of Iran Hassan Rouhani\n\nNovember 1, 2017, Tehran\n\n"
        "Vladimir Putin: Mr President, thank you for the welcome.\n\n"
        "Hassan Rouhani: Welcome to Tehran, Mr President.\n\nVladimir Putin: Thank you.",
        only=["clean", "metadata"],
    )
    assert transcript.kind == "transcript"
    news = analyze("Oil prices rose\n\nOil prices rose on Monday after the report.", only=["clean", "metadata"])
    assert news.kind == "news"
