"""Word recall against the known text of the real recordings (ASCII words; used by benchmarks/batched.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

SPEECH = Path(__file__).resolve().parents[2] / "shared" / "data" / "speech"
JFK_TEXT = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def reference_text(audio: Path) -> str | None:
    """The known text of a recording: its .lab, else its TextGrid's non-empty intervals, else the README's."""
    lab = audio.with_suffix(".lab")
    if lab.exists():
        return lab.read_text(encoding="utf-8")
    grid = audio.with_suffix(".TextGrid")
    if grid.exists():
        raw = grid.read_text(encoding="utf-8")
        word_tier = re.search(r'name = "words".*?(?=name = "|\Z)', raw, re.S)
        body = word_tier.group(0) if word_tier else raw
        pieces = re.findall(r'text = "([^"]*)"', body, re.S)
        if not word_tier:
            # utterance tiers: intervals by start time across tiers, so the text reads in order
            items = re.findall(r'xmin = ([\d.]+)\s+xmax = [\d.]+\s+text = "([^"]*)"', raw, re.S)
            pieces = [text for _, text in sorted(items, key=lambda it: float(it[0]))]
        return " ".join(p.replace("\n", " ") for p in pieces if p.strip())
    if audio.name == "jfk.flac":
        return JFK_TEXT
    return None


# Hesitations Whisper (like subtitle style guides) leaves out, and spellings of one word.
FILLERS = {"uh", "um", "er", "erm", "hmm", "mm", "yknow"}
SAME_WORD = {"alright": ["all", "right"]}


def _content_words(text: str) -> list[str]:
    out: list[str] = []
    for word in _words(text):
        if word not in FILLERS:
            out.extend(SAME_WORD.get(word, [word]))
    return out


def recall(reference: str, hypothesis: str, fillers: bool = True) -> float:
    """Share of the reference words found in the hypothesis (counted with multiplicity).

    ``fillers=False`` leaves hesitations out of the reference and treats "alright" as "all right".
    """
    split = _words if fillers else _content_words
    ref, hyp = Counter(split(reference)), Counter(split(hypothesis))
    total = sum(ref.values())
    return sum(min(n, hyp[w]) for w, n in ref.items()) / total if total else 1.0
