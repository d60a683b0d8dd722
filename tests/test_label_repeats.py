"""A Kremlin label that repeats a short name with its tooltip ("Xi Jinping Xi JinpingPresident of …") names the person once."""

from __future__ import annotations

from communique.structure.speakers import name_from_label


def test_short_name_repeated_in_a_label() -> None:
    label = "President of China Xi Jinping Xi JinpingPresident of People's Republic of China"
    assert name_from_label(label) == ("Xi Jinping", "President of China")
    assert name_from_label("President of Russia Vladimir Putin") == ("Vladimir Putin", "President of Russia")
