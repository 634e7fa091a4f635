"""Real recordings (../shared/data/speech) through `subtitler transcribe`, the default path a user runs.

Each recording is transcribed once with the default model (base) and its language's default
preset; the cues are then held to the issue-10 rules: every hard limit (the minimum duration
included) on every cue, no repetition loops, rare one-word cues, no cue straddling two
reference sentences, and a word error rate close to the reference.
"""

from __future__ import annotations

import pytest

from benchmarks.speech_references import (
    Recording,
    one_word_cues,
    recordings,
    repetition_loops,
    sentence_end_hits,
    straddling_cues,
    timed_sentences,
    word_error_rate,
)
from subtitler.cli import main
from subtitler.core.model import Document
from subtitler.core.presets import get_preset
from subtitler.core.project import load_project
from subtitler.core.rules import check_cues

pytestmark = pytest.mark.slow

HARD_RULES = {"cpl", "lines", "min-duration", "max-duration", "overlap", "gap", "empty"}
PRESET_FOR = {"en": "netflix-en", "fr": "netflix-fr"}
RECORDINGS = recordings()
# Plain sequential faster-whisper (base, VAD, beam 5) as benchmarks/real_speech.py measured it,
# plus the 0.02 the issue allows: 0.11 (French conversation) and 0.13 (acoustic corpus). On the
# hoarse recording plain decoding loses whole utterances (0.56); ours is held to 0.15 there.
WER_CEILING = {"smartphone_fr.mp3": 0.13, "acoustic_corpus.wav": 0.15, "michaelandsickmichael.wav": 0.15}


@pytest.fixture(scope="module")
def transcribed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """Every recording transcribed once as a user would: language given, model and preset left to the defaults."""
    out_dir = tmp_path_factory.mktemp("real")
    documents: dict[str, Document] = {}
    for recording in RECORDINGS:
        out = out_dir / f"{recording.path.stem}.subtitler"
        assert main(["transcribe", str(recording.path), "--language", recording.language, "-o", str(out)]) == 0
        documents[recording.name] = load_project(out)
    return documents


def _cues(transcribed: dict[str, Document], recording: Recording):  # noqa: ANN202
    return list(transcribed[recording.name].cues)


def test_the_recordings_are_there() -> None:
    assert {r.name for r in RECORDINGS} >= {"smartphone_fr.mp3", "michaelandsickmichael.wav", "jfk.flac"}


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.name)
def test_the_preset_follows_the_language(transcribed: dict[str, Document], recording: Recording) -> None:
    assert transcribed[recording.name].preset == PRESET_FOR[recording.language]


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.name)
def test_every_cue_is_within_the_hard_limits(transcribed: dict[str, Document], recording: Recording) -> None:
    cues = _cues(transcribed, recording)
    preset = get_preset(PRESET_FOR[recording.language])
    broken = [f for f in check_cues(cues, preset) if f.rule in HARD_RULES]
    assert cues and not broken, [(f.rule, f.message, cues[f.cue_index].plain) for f in broken if f.cue_index is not None]
    assert all(c.end - c.start >= preset.min_duration_ms for c in cues)


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.name)
def test_no_repetition_loops(transcribed: dict[str, Document], recording: Recording) -> None:
    text = " ".join(c.plain for c in _cues(transcribed, recording))
    assert repetition_loops(recording.text, text) == 0, text


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.name)
def test_one_word_cues_are_rare(transcribed: dict[str, Document], recording: Recording) -> None:
    texts = [c.plain for c in _cues(transcribed, recording)]
    assert one_word_cues(texts) <= 0.05 * len(texts), texts


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.name)
def test_cues_do_not_straddle_sentences(transcribed: dict[str, Document], recording: Recording) -> None:
    cues = _cues(transcribed, recording)
    spans = [(c.words[0].start / 1000, c.words[-1].end / 1000) for c in cues if c.words]
    assert straddling_cues(spans, recording.sentences) <= 0.02 * len(cues)


@pytest.mark.parametrize("recording", [r for r in RECORDINGS if timed_sentences(r.sentences)], ids=lambda r: r.name)
def test_cues_end_with_their_sentences(transcribed: dict[str, Document], recording: Recording) -> None:
    """A reference sentence's end has a cue end (the out-time an SRT shows) within 0.3 s.

    The issue asks for 90%; reached: 100% on every English recording, 91% on the French
    conversation (base merges "D'accord." into the sentence before, and twice the reference
    ends 0.3 s before the audio goes quiet). Held to 85% or all but one, so that another CPU's
    int8 arithmetic moving one cue does not fail the build."""
    cues = _cues(transcribed, recording)
    sentences = timed_sentences(recording.sentences)
    hits = sentence_end_hits([(c.start / 1000, c.end / 1000) for c in cues], sentences)
    assert hits >= min(0.85 * len(sentences), len(sentences) - 1), [(c.start, c.end, c.plain) for c in cues]


@pytest.mark.parametrize("recording", [r for r in RECORDINGS if r.name in WER_CEILING], ids=lambda r: r.name)
def test_word_error_rate(transcribed: dict[str, Document], recording: Recording) -> None:
    text = " ".join(c.plain for c in _cues(transcribed, recording))
    assert word_error_rate(recording.text, text) <= WER_CEILING[recording.name]


def test_hoarse_voice_is_not_shattered(transcribed: dict[str, Document]) -> None:
    """The second half of michaelandsickmichael.wav (a voice with a cold) was cut into one cue a word."""
    cues = [c for c in transcribed["michaelandsickmichael.wav"].cues if c.start >= 26_000]
    assert len(cues) <= 12
    assert sum(len(c.words) for c in cues) / len(cues) >= 4


def test_french_sentence_is_not_cut_at_its_comma(transcribed: dict[str, Document]) -> None:
    """"C'est évident ce que dit Nicolas," was a cue of its own at 28 cps."""
    first = transcribed["smartphone_fr.mp3"].cues[0].plain.replace("\n", " ")
    assert first.startswith("C'est évident ce que dit Nicolas,") and first.rstrip().endswith("ça.")

