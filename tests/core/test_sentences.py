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
