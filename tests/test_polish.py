"""Polish quality: collation, non-breaking spaces, long dates, topic labels."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ksr_library.collation import polish_sorted, sort_key
from ksr_library.labels import hours_label, polish_date, topic_label
from ksr_library.typography import NBSP, nbsp


def test_polish_letters_follow_their_base_letter() -> None:
    words = [
        "żaba",
        "zebra",
        "źdźbło",
        "łąka",
        "lato",
        "mama",
        "ćma",
        "cena",
        "dom",
        "ąb",
        "azyl",
        "śruba",
        "sowa",
    ]
    assert polish_sorted(words) == [
        "azyl", "ąb", "cena", "ćma", "dom", "lato", "łąka", "mama", "sowa", "śruba", "zebra", "źdźbło", "żaba",
    ]  # fmt: skip


def test_case_is_ignored_and_digits_come_first() -> None:
    words = ["ZSL", "świadczenie", "KIS", "kontrakt socjalny", "2019", "Ośrodek", "owes", "10 lat", "2 lata"]
    assert polish_sorted(words) == [
        "2 lata", "10 lat", "2019", "KIS", "kontrakt socjalny", "Ośrodek", "owes", "świadczenie", "ZSL",
    ]  # fmt: skip


def test_code_point_order_was_wrong_and_ours_is_not() -> None:
    assert sorted(["świadczenie", "ZSL"]) == ["ZSL", "świadczenie"]
    assert polish_sorted(["świadczenie", "ZSL"]) == ["świadczenie", "ZSL"]


def test_a_space_sorts_before_letters_and_foreign_letters_sit_by_their_base() -> None:
    assert polish_sorted(["zespolenie", "zespół synergii", "zespół"]) == [
        "zespolenie",
        "zespół",
        "zespół synergii",
    ]
    assert polish_sorted(["ef", "éa", "ea", "ęa"]) == ["ea", "éa", "ef", "ęa"]


def test_key_function_and_region_labels() -> None:
    regions = [
        ("slaskie", "śląskie"),
        ("lodzkie", "łódzkie"),
        ("lubuskie", "lubuskie"),
        ("swietokrzyskie", "świętokrzyskie"),
    ]
    assert [code for code, _ in polish_sorted(regions, key=lambda r: r[1])] == [
        "lubuskie", "lodzkie", "slaskie", "swietokrzyskie",
    ]  # fmt: skip


@given(st.lists(st.text(max_size=8), max_size=12))
def test_sort_is_total_and_stable_under_reordering(words: list[str]) -> None:
    assert polish_sorted(words) == polish_sorted(list(reversed(words)))
    assert sorted(words, key=sort_key) == polish_sorted(words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("w gminie i z OPS", "w~gminie i~z~OPS"),
        ("Współpraca a nie rywalizacja", "Współpraca a~nie rywalizacja"),
        ("W roku O tym U nas", "W~roku O~tym U~nas"),
        ("moduł trwa 54 godz. w sumie", "moduł trwa 54~godz. w~sumie"),
        ("do 12 miesięcy plus 6, status na 5 lat", "do 12~miesięcy plus 6, status na 5~lat"),
        ("wzrost o 30 % w 2019 r.", "wzrost o~30~% w~2019~r."),
        ("5 hektarów, 3 latarnie", "5 hektarów, 3 latarnie"),
        ("KIS-a i ul. a", "KIS-a i~ul. a"),
        ("(w nawiasie) „z cudzysłowem”", "(w~nawiasie) „z~cudzysłowem”"),
        ("a", "a"),
    ],
)
def test_nbsp_in_plain_text(text: str, expected: str) -> None:
    assert nbsp(text).replace(NBSP, "~") == expected


def test_nbsp_leaves_tags_attributes_and_code_alone() -> None:
    html = '<a class="a b" href="w z">w domu</a> <script>var a = 5 lat;</script><code>i w</code> i 5 lat'
    assert nbsp(html).replace(NBSP, "~") == (
        '<a class="a b" href="w z">w~domu</a> <script>var a = 5 lat;</script><code>i w</code> i~5~lat'
    )


def test_nbsp_changes_nothing_but_spaces() -> None:
    text = "Uczestnik w CIS przez 12 miesięcy, a potem o 6 więcej."
    assert nbsp(text).replace(NBSP, " ") == text


def test_polish_long_date() -> None:
    assert polish_date(dt.date(2019, 9, 15)) == "15 września 2019"
    assert polish_date(dt.date(2024, 1, 1)) == "1 stycznia 2024"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("kis", "KIS"),
        ("usługi kis", "usługi KIS"),
        ("ipiss i mlw", "IPiSS i MLW"),
        ("pakt na rzecz mlw", "pakt na rzecz MLW"),
        ("cis-kis", "CIS-KIS"),
        ("kontrakt socjalny", "kontrakt socjalny"),
        ("kisiel", "kisiel"),
    ],
)
def test_topic_label(tag: str, expected: str) -> None:
    terms = ["KIS", "CIS", "IPiSS", "MLW", "Pakt na rzecz MLW", "kontrakt socjalny"]
    assert topic_label(tag, terms) == expected


def test_hours_keep_their_unit() -> None:
    assert hours_label(54) == "54\u00a0godz."
    assert hours_label(4.5) == "4,5\u00a0godz."
