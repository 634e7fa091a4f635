"""French typography: no-break spaces before ? ! : ; and inside « », tags left alone, idempotent."""

from __future__ import annotations

import pytest

from subtitler.core.presets import get_preset
from subtitler.core.typography import NBSP, NNBSP, apply_typography, french_typography


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quoi ?", f"Quoi{NBSP}?"),
        ("Quoi?", f"Quoi{NBSP}?"),
        ("Attends !", f"Attends{NBSP}!"),
        ("Voici la liste : pain", f"Voici la liste{NBSP}: pain"),
        ("Oui; non", f"Oui{NBSP}; non"),
        ("Il a dit « bonjour ».", f"Il a dit «{NBSP}bonjour{NBSP}»."),
        ("«Salut»", f"«{NBSP}Salut{NBSP}»"),
        ("Quoi  ?", f"Quoi{NBSP}?"),  # several spaces collapse into the one right space
        ("Quoi\u2009?", f"Quoi{NBSP}?"),  # a thin space is replaced too
    ],
)
def test_spaces_are_put_where_french_wants_them(text: str, expected: str) -> None:
    assert french_typography(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Il est 10:30.",
        "Voir http://exemple.fr",
        "Tom &amp; Jerry",
        "?Rien avant",
        "Rien à changer.",
        "",
    ],
)
def test_non_prose_punctuation_is_left_alone(text: str) -> None:
    assert french_typography(text) == text


def test_only_the_first_of_repeated_marks_gets_the_space() -> None:
    assert french_typography("Quoi?!") == f"Quoi{NBSP}?!"
    assert french_typography("Non !!!") == f"Non{NBSP}!!!"


def test_tags_are_transparent_and_kept() -> None:
    assert french_typography("<i>Quoi</i> ?") == f"<i>Quoi</i>{NBSP}?"
    assert french_typography("{\\an8}Pourquoi ?") == f"{{\\an8}}Pourquoi{NBSP}?"
    assert french_typography("<b>«</b> Oui »") == f"<b>«</b>{NBSP}Oui{NBSP}»"


def test_each_line_is_its_own_start() -> None:
    assert french_typography("- Oui !\n- Non ?") == f"- Oui{NBSP}!\n- Non{NBSP}?"
    assert french_typography("Oui\n?") == "Oui\n?"


def test_narrow_space_option_before_high_marks_only() -> None:
    assert french_typography("Quoi ? Voici : ça; non !", narrow=True) == (
        f"Quoi{NNBSP}? Voici{NBSP}: ça{NNBSP}; non{NNBSP}!"
    )


@pytest.mark.parametrize("text", ["Quoi ?!", "Il dit : « Bonjour » !", "<i>Quoi</i> ?", "A ; b\nc ?"])
def test_applying_twice_changes_nothing(text: str) -> None:
    once = french_typography(text)
    assert french_typography(once) == once
    assert french_typography(once, narrow=True) == french_typography(text, narrow=True)


def test_applied_by_preset() -> None:
    assert apply_typography("Quoi ?", get_preset("netflix-fr")) == f"Quoi{NBSP}?"
    assert apply_typography("Quoi ?", get_preset("netflix-en")) == "Quoi ?"
