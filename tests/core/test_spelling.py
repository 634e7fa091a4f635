"""Spell checking: words found in cue texts, French elisions and compounds, personal words, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core.model import Cue, Document, Transcript
from subtitler.core.spelling import PersonalWords, Speller, document_language, next_misspelling, word_spans


@pytest.fixture(scope="module")
def english() -> Speller:
    return Speller("en")


@pytest.fixture(scope="module")
def french() -> Speller:
    return Speller("fr")


def test_words_skip_tags_and_numbers_and_keep_apostrophes_and_hyphens() -> None:
    text = "<i>Don't</i> call at 20 h,\\Npeut-être {\\an8}demain."
    assert [text[a:b] for a, b in word_spans(text)] == ["Don't", "call", "at", "h", "peut-être", "demain"]


def test_english_misspellings(english: Speller) -> None:
    found = english.misspellings("I don't recieve teh e-mail, NASA said.")
    assert [m.word for m in found] == ["recieve", "teh"]
    assert english.suggestions("recieve")[0] == "receive"
    assert english.suggestions("Recieve")[0] == "Receive"


def test_french_elisions_compounds_and_ligatures(french: Speller) -> None:
    text = "Aujourd'hui, l'homme qu'il aimait n'est pas là : c'est peut-être un cœur d'œuvre. Bonjuor !"
    assert [m.word for m in french.misspellings(text)] == ["Bonjuor"]
    assert french.suggestions("Bonjuor") == ["Bonjour"]


def test_two_edit_suggestions_come_quickly_from_words_with_the_same_initial(french: Speller) -> None:
    assert "réfrigérateur" in french.suggestions("réfrijérateurr")


def test_personal_words_are_known_and_kept_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "words.txt"
    words = PersonalWords(path)
    speller = Speller("en", words)
    assert not speller.is_known("Kubernetes")
    words.add("Kubernetes")
    speller.forget_verdicts()
    assert speller.is_known("kubernetes") and speller.is_known("Kubernetes")
    assert path.read_text(encoding="utf-8") == "kubernetes\n"
    assert "KUBERNETES" in PersonalWords(path)


def test_next_misspelling_walks_on_and_wraps(english: Speller) -> None:
    cues = [Cue.create(0, 1000, "Fine teh end."), Cue.create(2000, 3000, "All good."), Cue.create(4000, 5000, "Wrogn one.")]
    row, first = next_misspelling(cues, english, None)
    assert (row, first.word) == (0, "teh")
    row, second = next_misspelling(cues, english, (row, first.start))
    assert (row, second.word) == (2, "Wrogn")
    row, wrapped = next_misspelling(cues, english, (row, second.start))
    assert (row, wrapped.word) == (0, "teh")
    assert next_misspelling(cues[1:2], english, None) is None


def test_the_language_follows_the_document() -> None:
    assert document_language(Document(preset="netflix-fr")) == "fr"
    assert document_language(Document(preset="netflix-fr", transcript=Transcript("en", ()))) == "en"
