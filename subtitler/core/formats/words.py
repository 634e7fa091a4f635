"""Word-level exports from the word layer: ASS karaoke, WebVTT word time stamps and faster-whisper's JSON.

Each cue's words are matched to the words of its text (``textdiff.align_words``), so edited
text, line breaks and styling tags stay as they are and only timing markup is added:

- karaoke: a ``{\\k}`` (or ``{\\kf}``) tag before each word, in centiseconds; a pause between
  two words is a syllable of its own (the space), so the syllables start exactly at the words'
  starts and their lengths add up to the cue's duration;
- WebVTT: a ``<00:00:01.000>`` time stamp before each word that starts after the cue does;
- JSON: faster-whisper's ``segments`` (one per cue) with their ``words`` (``word``, ``start``,
  ``end``, ``probability``), times in seconds.

A cue without a word layer uses the timing markup its text holds (a karaoke ASS file, a WebVTT
file with time stamps: ``cue_words``); a cue with neither is written as it is.
"""

from __future__ import annotations

import json
from dataclasses import fields

from ..model import Cue, Document, Word
from ..textdiff import align_words, spread_words, text_words
from ..timecode import format_vtt
from . import markup

__all__ = [
    "cue_words",
    "karaoke_text",
    "karaoke_words",
    "stamped_text",
    "stamped_words",
    "strip_word_markup",
    "timed_text_words",
    "with_cues",
    "words_json",
]


def _cs(ms: int) -> int:
    """Milliseconds as the centiseconds an ASS file holds (rounded half up, as the ASS writer does)."""
    return (max(ms, 0) + 5) // 10


def strip_word_markup(text: str) -> str:
    """``text`` without karaoke tags and WebVTT time stamps (its other markup kept)."""
    out: list[str] = []
    for token in markup.tokens(text):
        if token.kind == "time":
            continue
        if token.kind == "block" and any(markup.karaoke_cs(item) is not None for item in markup.block_items(token.raw)):
            rest = [item for item in markup.block_items(token.raw) if markup.karaoke_cs(item) is None]
            if rest:
                out.append("{" + "".join(rest) + "}")
            continue
        out.append(token.raw)
    return "".join(out)


def karaoke_words(cue: Cue) -> list[Word]:
    """The words a karaoke cue's ``{\\k}`` syllables time (empty when it has none); pauses are left out."""
    syllables: list[list] = []  # [start cs from the cue's start, length cs, text]
    at = 0.0
    for token in markup.tokens(cue.text):
        if token.kind == "block":
            for item in markup.block_items(token.raw):
                length = markup.karaoke_cs(item)
                if length is not None:
                    syllables.append([at, length, ""])
                    at += length
        elif token.kind == "text" and syllables:
            syllables[-1][2] += token.raw
    words: list[Word] = []
    for start, length, text in syllables:
        shown = markup.ass_text_escapes(text).strip()
        if shown:
            begin = cue.start + round(start * 10)
            words.append(Word(begin, begin + round(length * 10), " ".join(shown.split())))
    return words


def stamped_words(cue: Cue) -> list[Word]:
    """The words a WebVTT cue's time stamps time (empty when it has none); several words between
    two stamps share that time by their characters."""
    pieces: list[tuple[int, str]] = [(cue.start, "")]
    for token in markup.tokens(cue.text, braces_are_text=True):
        if token.kind == "time" and token.ms >= 0:
            pieces.append((token.ms, ""))
        elif token.kind == "text":
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + token.raw)
    if len(pieces) == 1:
        return []
    words: list[Word] = []
    for n, (start, text) in enumerate(pieces):
        end = pieces[n + 1][0] if n + 1 < len(pieces) else cue.end
        words += spread_words(text.split(), start, max(start, end), flagged=len(text.split()) > 1)
    return words


def cue_words(cue: Cue) -> list[Word]:
    """The cue's word layer; for a cue read from a file, the words its karaoke or time stamps time."""
    if cue.words:
        return list(cue.words)
    return karaoke_words(cue) or stamped_words(cue)


def timed_text_words(cue: Cue) -> list[tuple[int, int, Word]]:
    """(span start, span end, word) for each word of the cue's text, timed from its words; empty without words."""
    text = strip_word_markup(cue.text)
    words = cue_words(cue)
    units = text_words(text)
    if not words or not units:
        return []
    timed = align_words(units, words, cue.start, cue.end)
    return [(unit.start, unit.end, word) for unit, (word, _) in zip(units, timed)]


def _inserted(text: str, insertions: list[tuple[int, int, str]]) -> str:
    """``text`` with each (position, order, piece) inserted; pieces at one position go in ``order``."""
    out: list[str] = []
    last = 0
    for position, _, piece in sorted(insertions):
        out.append(text[last:position])
        out.append(piece)
        last = position
    out.append(text[last:])
    return "".join(out)


def karaoke_text(cue: Cue, fill: bool = False) -> str:
    """The cue's text with a ``{\\k}`` (``{\\kf}`` with ``fill``) syllable per word, lengths summing to the cue's."""
    text = strip_word_markup(cue.text)
    spans = timed_text_words(cue)
    if not spans:
        return text
    tag = "\\kf" if fill else "\\k"
    base, total = _cs(cue.start), _cs(cue.end) - _cs(cue.start)

    def at(ms: int) -> int:
        return min(max(_cs(ms) - base, 0), total)

    starts: list[int] = []
    for _, _, word in spans:
        starts.append(max(at(word.start), starts[-1] if starts else 0))
    insertions: list[tuple[int, int, str]] = []
    if starts[0] > 0:
        insertions.append((spans[0][0], 0, f"{{{tag}{starts[0]}}}"))  # the silence before the first word
    for n, (begin, end, word) in enumerate(spans):
        following = starts[n + 1] if n + 1 < len(starts) else total
        word_end = min(max(at(word.end), starts[n]), following)
        insertions.append((begin, 1, f"{{{tag}{word_end - starts[n]}}}"))
        if following > word_end:
            insertions.append((end, 0, f"{{{tag}{following - word_end}}}"))  # the pause after it
    return _inserted(text, insertions)


def stamped_text(cue: Cue) -> str:
    """The cue's text with a WebVTT time stamp before each word that starts inside the cue after its start."""
    text = strip_word_markup(cue.text)
    insertions: list[tuple[int, int, str]] = []
    last = cue.start
    for begin, _, word in timed_text_words(cue):
        if last < word.start < cue.end:
            insertions.append((begin, 0, f"<{format_vtt(word.start)}>"))
            last = word.start
    return _inserted(text, insertions)


def with_cues(document: Document, cues: list[Cue]) -> Document:
    """A copy of the document holding ``cues`` (the original is left untouched)."""
    data = {f.name: getattr(document, f.name) for f in fields(Document) if f.compare}
    data["cues"] = list(cues)
    return Document(**data)


def _seconds(ms: int) -> float:
    return round(ms / 1000, 3)


def words_json(document: Document) -> str:
    """The document in faster-whisper's shape: one segment per cue, with its words, times in seconds."""
    segments = []
    for number, cue in enumerate(document.cues, 1):
        text = " ".join(cue.plain.split())
        segment: dict[str, object] = {
            "id": number,
            "start": _seconds(cue.start),
            "end": _seconds(cue.end),
            "text": " " + text,
            "words": [
                {"word": " " + word.text, "start": _seconds(word.start), "end": _seconds(word.end),
                 "probability": round(word.probability, 4)}
                for _, _, word in timed_text_words(cue)
            ],
        }  # fmt: skip
        if cue.speaker:
            segment["speaker"] = cue.speaker
        segments.append(segment)
    transcript = document.transcript
    duration = (document.media.duration if document.media else 0) or (transcript.duration if transcript else 0)
    head = {
        "language": transcript.language if transcript else "",
        "duration": _seconds(duration or (document.cues[-1].end if document.cues else 0)),
    }
    return json.dumps({**head, "segments": segments}, ensure_ascii=False, indent=1) + "\n"
