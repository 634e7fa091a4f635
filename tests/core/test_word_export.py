"""Word-level exports: ASS karaoke (round trip to the centisecond), WebVTT word stamps, word JSON, word-by-word cues."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from subtitler.core import formats
from subtitler.core.formats.words import cue_words, karaoke_text, karaoke_words, stamped_words, words_json
from subtitler.core.model import Cue, Document, Word
from subtitler.core.presets import get_preset
from subtitler.core.rules import check_cues
from subtitler.core.segment import segment_words
from subtitler.core.word_export import WordExport, export_document, per_word_cues

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from speech_references import SPEECH_DIR, reference_words  # noqa: E402

PRESET = get_preset("netflix-en")
WORDS = (Word(1003, 1404, "Hello,", 0.91), Word(1404, 1800, "my"), Word(2107, 2500, "dear"), Word(2500, 3003, "friend."))


def cs(ms: int) -> int:
    return (ms + 5) // 10


def karaoke_lengths(ass_text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\\kf?(\d+)", ass_text)]


@st.composite
def timed_cues(draw: st.DrawFn) -> list[Cue]:
    """Cues of word-timed words at any millisecond, words inside their cue, in order, pauses or not."""
    cues: list[Cue] = []
    at = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 4))):
        start = at
        words: list[Word] = []
        at += draw(st.integers(0, 400))
        for n in range(draw(st.integers(1, 6))):
            begin = at
            at += draw(st.integers(0, 900))
            words.append(Word(begin, at, f"w{n}"))
            at += draw(st.sampled_from([0, 0, 3, 40, 600]))
        at += draw(st.integers(0, 700))
        cues.append(Cue.create(start, at, " ".join(w.text for w in words), words))
        at += draw(st.integers(80, 2000))
    return cues


@settings(max_examples=150, deadline=None)
@given(cues=timed_cues(), fill=st.booleans())
def test_karaoke_written_and_read_back_gives_every_word_time_to_the_centisecond(
    tmp_path_factory: pytest.TempPathFactory, cues: list[Cue], fill: bool
) -> None:
    path = tmp_path_factory.mktemp("k") / "karaoke.ass"
    formats.save(export_document(Document(cues), WordExport("karaoke", fill=fill), PRESET), path)
    loaded = formats.load(path).document.cues
    assert len(loaded) == len(cues)
    for original, read in zip(cues, loaded):
        back = karaoke_words(read)
        assert [w.text for w in back] == [w.text for w in original.words]
        assert [(cs(w.start), cs(w.end)) for w in original.words] == [(w.start // 10, w.end // 10) for w in back]
        assert sum(karaoke_lengths(cue_text := formats.ass.cue_to_ass_text(read.text))) == cs(read.end) - cs(read.start)
        assert ("\\kf" in cue_text) == fill


def test_karaoke_keeps_the_text_its_line_breaks_and_styling() -> None:
    cue = Cue.create(1000, 3500, "<i>Hello, my</i>\ndear friend.", WORDS)
    text = karaoke_text(cue)
    assert text == "<i>{\\k40}Hello, {\\k40}my{\\k31}</i>\n{\\k39}dear {\\k50}friend.{\\k50}"
    assert sum(karaoke_lengths(text)) == 250


def test_karaoke_follows_edited_text_and_leaves_cues_without_words_alone() -> None:
    edited = Cue.create(1000, 3500, "Hello, my darling friend.", WORDS)  # "dear" retyped, its time kept
    assert karaoke_text(edited) == "{\\k40}Hello, {\\k40}my{\\k31} {\\k39}darling {\\k50}friend.{\\k50}"
    assert karaoke_text(Cue.create(0, 900, "No words here")) == "No words here"


def test_vtt_word_stamps_read_back_exactly() -> None:
    cues = [Cue.create(1000, 3500, "Hello, my dear friend.", WORDS)]
    text = formats.vtt.write_vtt(export_document(Document(cues), WordExport("vtt-timestamps"), PRESET))
    assert "<00:00:01.003>Hello, <00:00:01.404>my <00:00:02.107>dear <00:00:02.500>friend." in text
    loaded = formats.vtt.read_vtt(text).cues[0]
    assert [(w.start, w.text) for w in stamped_words(loaded)] == [(w.start, w.text) for w in WORDS]


def test_karaoke_file_converts_to_vtt_stamps_at_the_syllable_starts(tmp_path: Path) -> None:
    source = tmp_path / "k.ass"
    formats.save(export_document(Document([Cue.create(1000, 3500, "Hello, my dear friend.", WORDS)]),
                                 WordExport("karaoke"), PRESET), source)
    cue = formats.load(source).document.cues[0]
    stamped = export_document(Document([cue]), WordExport("vtt-timestamps"), PRESET).cues[0]
    assert [w.start for w in cue_words(stamped)] == [1000, 1400, 2110, 2500]


def test_json_has_faster_whispers_shape() -> None:
    cues = [Cue.create(1000, 3500, "Hello, my\ndear friend.", WORDS, speaker="Ann"), Cue.create(4000, 5000, "No words")]
    data = json.loads(words_json(Document(cues)))
    first, second = data["segments"]
    assert first["id"] == 1 and first["start"] == 1.0 and first["end"] == 3.5
    assert first["text"] == " Hello, my dear friend." and first["speaker"] == "Ann"
    assert first["words"][0] == {"word": " Hello,", "start": 1.003, "end": 1.404, "probability": 0.91}
    assert [w["word"] for w in first["words"]] == [" Hello,", " my", " dear", " friend."]
    assert second["words"] == [] and data["duration"] == 5.0


def real_cues(name: str) -> list[Cue]:
    words = [Word(round(a * 1000), round(b * 1000), t) for a, b, t in reference_words(SPEECH_DIR / name)]
    return segment_words(words, PRESET)


def test_word_by_word_cues_hold_one_to_n_words_in_order_within_the_rules() -> None:
    cues = [cue.with_(speaker="Ann") for cue in real_cues("acoustic_corpus.TextGrid")]
    words = [w.text for c in cues for w in c.words]
    flashing = []
    for max_words in (1, 2, 3, 4):
        pieces = per_word_cues(cues, PRESET, max_words)
        assert all(1 <= len(p.words) <= max_words for p in pieces)
        assert [w.text for p in pieces for w in p.words] == words
        assert all(p.text.replace("\n", " ") == " ".join(w.text for w in p.words) for p in pieces)
        assert all(p.speaker == "Ann" for p in pieces)
        broken = [f.rule for f in check_cues(pieces, PRESET)]
        assert not set(broken) & {"overlap", "gap", "chain", "cpl", "lines", "max-duration"}
        flashing.append(broken.count("min-duration"))
    # Fast real speech cannot stay up 5/6 s a word; more words a cue, fewer cues that flash by.
    assert flashing[0] > flashing[1] > flashing[2] > flashing[3] and flashing[3] <= 2


def test_word_by_word_keeps_a_cue_placed_on_top_on_top() -> None:
    cue = Cue.create(1000, 3500, "{\\an8}Hello, my dear friend.", WORDS)
    pieces = per_word_cues([cue], PRESET, 2)
    assert len(pieces) == 2 and all(p.text.startswith("{\\an8}") for p in pieces)


def test_word_export_refuses_files_that_cannot_hold_it() -> None:
    from subtitler.core.errors import FormatError

    with pytest.raises(FormatError, match="karaoke writes .ass or .ssa"):
        WordExport("karaoke").check_target("out.srt")
    with pytest.raises(FormatError, match="vtt-timestamps writes .vtt"):
        WordExport("vtt-timestamps").check_target("out.ass")
    with pytest.raises(FormatError, match="not JSON"):
        WordExport("per-word", 2).check_target("out.json")
    WordExport("per-word", 2).check_target("out.srt")
    with pytest.raises(FormatError, match="unknown word export"):
        WordExport("syllables")
