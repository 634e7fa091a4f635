"""Forced alignment with the real tiny.en model on a real recording with MFA word times."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from subtitler.asr.align import AlignOptions, align
from subtitler.asr.engine import ProgressEvent
from subtitler.core.errors import Cancelled
from subtitler.core.model import FLAG_INTERPOLATED

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from speech_references import SPEECH_DIR, reference_words  # noqa: E402

pytestmark = pytest.mark.slow
CORPUS = SPEECH_DIR / "acoustic_corpus.wav"


@pytest.fixture(scope="module")
def reference() -> list[tuple[float, float, str]]:
    return reference_words(SPEECH_DIR / "acoustic_corpus.TextGrid")


def test_every_word_placed_in_order_near_the_reference(reference: list[tuple[float, float, str]]) -> None:
    events: list[object] = []
    texts = [w for _, _, w in reference]
    result = align(CORPUS, texts, AlignOptions(model="tiny.en"), events.append)
    assert [w.text for w in result.words] == texts
    starts = np.array([w.start for w in result.words])
    assert np.all(np.diff(starts) >= 0) and all(w.end > w.start for w in result.words)
    errors = np.abs(starts / 1000 - np.array([a for a, _, _ in reference])) * 1000
    assert np.median(errors) <= 70 and np.percentile(errors, 90) <= 250  # tiny.en; base figures in benchmarks/align.py
    assert result.language == "en" and len(result.matches) == len(texts)
    assert sum(m is not None for m in result.matches) >= 0.8 * len(texts)
    assert "acoustic corpus." in " ".join(w.text for w in result.hypothesis)
    progress = [e.fraction for e in events if isinstance(e, ProgressEvent)]
    assert progress[-1] == 1.0 and progress == sorted(progress)


def test_text_with_no_audio_is_flagged_not_lost(reference: list[tuple[float, float, str]]) -> None:
    texts = [w for _, _, w in reference]
    extra = "zebras juggle quantum marmalade beneath seventeen purple lighthouses tonight".split()
    given = texts[:26] + extra + texts[26:]
    result = align(CORPUS, given, AlignOptions(model="tiny.en"))
    assert [w.text for w in result.words] == given
    inserted = result.words[26 : 26 + len(extra)]
    assert sum(FLAG_INTERPOLATED in w.flags for w in inserted) >= len(extra) // 2
    assert all(a.start <= b.start for a, b in zip(result.words, result.words[1:]))
    later = result.words[26 + len(extra) :]
    errors = np.abs(np.array([w.start for w in later]) / 1000 - np.array([a for a, _, _ in reference[26:]])) * 1000
    assert np.median(errors) <= 100  # the words after the stray text still land where they are said


def test_cancel_stops_within_a_second(reference: list[tuple[float, float, str]]) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        align(CORPUS, [w for _, _, w in reference], AlignOptions(model="tiny.en"), cancel=cancel)
