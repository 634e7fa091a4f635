"""Sentence ends and capitals restored from Whisper's hypothesis onto the user's unpunctuated words."""

from __future__ import annotations

from subtitler.core.model import Word
from subtitler.core.sentences import restore_sentences


def _words(texts: str, starts: list[int]) -> list[Word]:
    return [Word(s, s + 200, t) for t, s in zip(texts.split(), starts)]


def test_ends_commas_and_capitals_come_from_the_hypothesis() -> None:
    words = _words("so i met nicolas yesterday he was late", [0, 250, 500, 750, 1000, 1600, 1850, 2100])
    hypothesis = _words("So I met Nicolas yesterday. He was late.", [0, 250, 500, 750, 1000, 1600, 1850, 2100])
    restored = restore_sentences(words, hypothesis, list(range(8)))
    assert [w.text for w in restored] == ["So", "I", "met", "Nicolas", "yesterday.", "He", "was", "late."]
    assert [(w.start, w.end) for w in restored] == [(w.start, w.end) for w in words]
    kept = restore_sentences(words, hypothesis, list(range(8)), keep_case=True)
    assert [w.text for w in kept] == ["so", "i", "met", "nicolas", "yesterday.", "he", "was", "late."]


def test_an_unheard_filler_goes_to_the_side_of_the_longer_pause() -> None:
    words = _words("thanks all um so we start", [0, 250, 2000, 2300, 2550, 2800])
    hypothesis = _words("Thanks all. So we start.", [0, 250, 2300, 2550, 2800])
    restored = restore_sentences(words, hypothesis, [0, 1, None, 2, 3, 4])
    assert [w.text for w in restored] == ["Thanks", "all.", "Um", "so", "we", "start."]


def test_a_long_silence_ends_a_sentence_the_hypothesis_missed() -> None:
    words = _words("we wait here then we go", [0, 250, 500, 3000, 3250, 3500])
    hypothesis = _words("we wait here then we go", [0, 250, 500, 3000, 3250, 3500])
    restored = restore_sentences(words, hypothesis, list(range(6)))
    assert [w.text for w in restored] == ["We", "wait", "here.", "Then", "we", "go."]


def test_suspension_points_are_a_pause_inside_the_sentence_not_its_end() -> None:
    # Whisper writes "..." where the speaker trails off and goes on: cutting a sentence there
    # started a new one mid-phrase ("sauf que... Le smartphone ajoute le toucher").
    words = _words("sauf que le smartphone ajoute le toucher", [0, 250, 900, 1150, 1400, 1650, 1900])
    for heard in ("sauf que... Le smartphone ajoute le toucher.", "sauf que… le smartphone ajoute le toucher."):
        restored = restore_sentences(words, _words(heard, [0, 250, 900, 1150, 1400, 1650, 1900]), list(range(7)))
        assert [w.text for w in restored] == ["Sauf", "que,", "le", "smartphone", "ajoute", "le", "toucher."]


def test_a_comma_only_follows_the_word_whisper_wrote_it_after() -> None:
    """Whisper heard "pendant l'été, les" where the user wrote "pendant lesquels les": its comma
    belonged to a word the user does not have, and landed after "pendant" ("pendant, lesquels")."""
    starts = [0, 200, 400, 600, 1000, 1250, 1500]  # the pause after "pendant" is the longest
    words = _words("de vingt ans pendant lesquels les ordinateurs", starts)
    hypothesis = _words("de vingt ans pendant l'été, les ordinateurs.", starts)
    restored = restore_sentences(words, hypothesis, [0, 1, 2, 3, None, 5, 6])
    assert [w.text for w in restored] == ["De", "vingt", "ans", "pendant", "lesquels", "les", "ordinateurs."]
    heard_alike = restore_sentences(words, _words("de vingt ans, pendant lesquels les ordinateurs.", starts), list(range(7)))
    assert heard_alike[2].text == "ans,"


def test_a_comma_before_a_long_pause_ends_the_sentence_but_suspension_points_do_not() -> None:
    # Base writes "c'est terrifiant, parce que" where the speaker ended a sentence and paused 0.8 s.
    words = _words("c'est terrifiant parce que ça va", [0, 250, 1250, 1500, 1750, 2000])
    hypothesis = _words("C'est terrifiant, parce que ça va.", [0, 250, 1250, 1500, 1750, 2000])
    restored = restore_sentences(words, hypothesis, list(range(6)))
    assert [w.text for w in restored] == ["C'est", "terrifiant.", "Parce", "que", "ça", "va."]
    short = _words("c'est terrifiant parce que ça va", [0, 250, 800, 1050, 1300, 1550])
    assert restore_sentences(short, hypothesis, list(range(6)))[1].text == "terrifiant,"
    trailing = _words("C'est terrifiant... parce que ça va.", [0, 250, 1250, 1500, 1750, 2000])
    assert restore_sentences(words, trailing, list(range(6)))[1].text == "terrifiant,"
