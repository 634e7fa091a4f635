"""Sentence ends and capitals for unpunctuated text, taken from Whisper's own hypothesis of the audio.

Auto-captions come lower-case and without a full stop, so the segmenter has no sentence to cut
on. Whisper's hypothesis of the same audio is punctuated; once the user's words are aligned to
it (``matches``), each of its sentence ends is carried to the user's word just before the first
word matching the next sentence's start, and a long silence ends a sentence too: 1.5 s with no
punctuation, 0.7 s after a comma (base often writes a comma where a spoken sentence ends).
Clause commas come along the same way; suspension points come as commas, since Whisper writes
them where a speaker trails off and goes on (in a French conversation, every one of its "..."
was inside a reference sentence), and a pause after them does not end the sentence. Only punctuation and case change: the words themselves,
their order and their times stay the user's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Sequence

from .model import Word
from .segment import is_sentence_end
from .textdiff import normalize

__all__ = ["restore_sentences", "COMMA_PAUSE_MS", "SENTENCE_PAUSE_MS"]

SENTENCE_PAUSE_MS = 1500
"""A silence this long between two words ends a sentence where the hypothesis has none."""
COMMA_PAUSE_MS = 700
"""A silence this long after one of the hypothesis's commas ends a sentence there."""
_ENDS = (".", "?", "!", "…")
_CARRIED = (*_ENDS, ",")
_TRAILING_OFF = ("...", "…")
_CLOSERS = "\"'»”’)]}"
_ALWAYS_CAPITAL = frozenset({"i", "im", "ive", "ill", "id"})
"""English "I" and its contractions keep Whisper's capital even where it opened a sentence."""


def _trailing(text: str) -> str:
    """The punctuation a hypothesis word ends with ("" when none worth carrying)."""
    core = text.rstrip(_CLOSERS)
    for mark in ("...", *_CARRIED):
        if core.endswith(mark):
            return mark
    return ""


def _punctuated(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in ".?!…,;:"


def _capitalized(text: str) -> str:
    for n, ch in enumerate(text):
        if ch.isalpha():
            return text[:n] + ch.upper() + text[n + 1 :]
    return text


def _cased_like(text: str, heard: str) -> str:
    """``text`` with the case of each letter of ``heard`` (the same word as Whisper wrote it)."""
    letters = iter(ch for ch in heard if ch.isalnum())
    out = []
    for ch in text:
        if ch.isalnum():
            model = next(letters, ch)
            ch = model if model.lower() == ch.lower() else ch
        out.append(ch)
    return "".join(out)


def restore_sentences(
    words: Sequence[Word], hypothesis: Sequence[Word], matches: Sequence[int | None], keep_case: bool = False
) -> list[Word]:
    """The words with the hypothesis's sentence ends and commas, capitals after each sentence end
    (and Whisper's capitals on names) unless ``keep_case``."""
    matched = [(i, j) for j, i in enumerate(matches) if i is not None]  # in order of both
    matched_hyp = [i for i, _ in matched]

    def first_word_from(i: int) -> int | None:
        """The first user word matched to hypothesis word ``i`` or a later one."""
        k = bisect_left(matched_hyp, i)
        return matched[k][1] if k < len(matched) else None

    marks: dict[int, str] = {}
    trailing_off: set[int] = set()
    for i, hyp in enumerate(hypothesis[:-1]):
        mark = _trailing(hyp.text)
        off = mark in _TRAILING_OFF
        if off:
            mark = ","  # Whisper's "..." is a speaker trailing off mid-sentence ("sauf que... le"), not an end
        if not mark or (mark != "," and not is_sentence_end(hyp.text, hypothesis[i + 1].text)):
            continue
        following = first_word_from(i + 1)
        if not following:
            continue
        # Words Whisper did not hear between the two sentences ("um") go to the side the
        # longest pause leaves them on.
        k = bisect_left(matched_hyp, i + 1) - 1
        earliest = matched[k][1] if k >= 0 else following - 1
        j = max(range(earliest, following), key=lambda n: (words[n + 1].start - words[n].end, -n))
        if mark == "," and matches[j] != i:
            continue  # a comma only after the very word Whisper wrote it after, heard alike
        if marks.get(j, ",") == ",":
            marks[j] = mark
            if off:
                trailing_off.add(j)
    if hypothesis and words:
        marks[len(words) - 1] = marks.get(len(words) - 1) or "."
    for j in range(len(words) - 1):
        pause = words[j + 1].start - words[j].end
        if j not in marks and pause >= SENTENCE_PAUSE_MS:
            marks[j] = "."
        elif marks.get(j) == "," and j not in trailing_off and pause >= COMMA_PAUSE_MS:
            marks[j] = "."  # Whisper often writes a comma where a spoken sentence ends
    out: list[Word] = []
    sentence_start = True
    for j, word in enumerate(words):
        text = word.text
        if not keep_case:
            i = matches[j]
            if i is not None and text.islower() and normalize(hypothesis[i].text) == normalize(text):
                opens_sentence = i == 0 or is_sentence_end(hypothesis[i - 1].text, hypothesis[i].text)
                if not opens_sentence or normalize(text) in _ALWAYS_CAPITAL:
                    text = _cased_like(text, hypothesis[i].text)  # a name, "I", "LinkedIn"
            if sentence_start:
                text = _capitalized(text)
        mark = marks.get(j, "")
        if mark and not _punctuated(text):
            text += mark
        out.append(replace(word, text=text) if text != word.text else word)
        sentence_start = mark in _ENDS
    return out
