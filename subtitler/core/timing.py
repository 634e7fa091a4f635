"""Cue timing refined against the audio and the rules: speech edges, reading speed, frames, gaps, cuts.

Whisper's word times are 0.1-0.3 s off at sentence edges. Between two cues, the silence in the
audio that best matches the words' boundary (long, and near where the words put it) is where
one cue's speech ends and the next one's starts; cue edges move there. Then, in whole frames:
edges near a shot change snap to it, out-times stay up ``LINGER_MS`` after the speech (never
into the next cue), extend as far as the minimum duration needs, and no cue exceeds
``max_duration_ms``. A cue whose text runs on into the next (no punctuation at its end) may
also extend for reading speed (at most ``max_extend_ms`` past the speech), and gaps of
``chain_gap_frames`` or less after it close to exactly ``min_gap_frames`` (chaining). Where a
sentence may end, the out-time stays within ``LINGER_MS`` of the speech: it marks the end (a
chain there takes the next in-time up to two frames early, a longer pause keeps its gap), and
reading speed there is the Fix command's choice to make. Pure: speech comes in as regions from
``subtitler.media.speech``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Iterable, Protocol, Sequence

from .model import Cue, Transcript, Word
from .presets import DEFAULT_FPS, Preset
from .segment import cue_chars, cues_from_transcript, ends_punctuated, heard_regions, speech_regions_of, spoken_start

__all__ = [
    "timed_cues",
    "refine_timing",
    "keeps_sentence_end_gap",
    "SpeechRegions",
    "speech_edges",
    "SEARCH_BEFORE_MS",
    "SEARCH_AFTER_MS",
]

SEARCH_BEFORE_MS = 500
"""How far before the words' boundary a silence may lie and still be taken as the boundary."""
SEARCH_AFTER_MS = 500
END_PULL_MAX_MS = 100
"""How much earlier than Whisper's last word an out-time may move when nothing follows closely:
the detector misses quiet, hoarse endings, and a cue that ends late is harmless."""
LINGER_MS = 200
"""How long an out-time stays up after the end of speech, room allowing (viewers finish the
line, a fading voice detected early is covered); where a sentence may end, also the most that
reading speed or chaining may run it past the speech, so that the cue ends with its sentence."""
END_FOLLOW_MAX_MS = 400
"""How much later than Whisper's last word an end may follow the sound it ends in, when no
clear silence lies near: Whisper ends a fading word ("words") early."""
KEEP_SPEECH_MS = 100
"""A boundary never leaves a cue with less of its words' time than this."""
_MAX_SCORED_SILENCE_MS = 800
"""Beyond this, a longer silence is no stronger evidence of a boundary."""
_DISTANCE_WEIGHT = 1.0
"""Score lost per ms between a silence and the words' boundary."""
_IN_EARLY_FRAMES = 2
"""An in-time may come this many frames before the speech to chain to a cue that ends a sentence."""
_IN_SNAP_LATE_FRAMES = 2
"""An in-time may move this many frames later onto a cut (speech may start within 1-2 frames of it)."""


class SpeechRegions(Protocol):
    """What timing needs from the audio analysis: sorted, disjoint speech regions in ms."""

    regions: Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Silences:
    """The silences between speech regions, the file's start and end included."""

    spans: list[tuple[int, int]]
    starts: list[int]

    @classmethod
    def of(cls, regions: Sequence[tuple[int, int]]) -> "_Silences":
        spans: list[tuple[int, int]] = []
        cursor = 0
        for start, end in regions:
            if start > cursor:
                spans.append((cursor, start))
            cursor = max(cursor, end)
        spans.append((cursor, 10**12))
        return cls(spans, [s for s, _ in spans])

    def near(self, lo: int, hi: int) -> list[tuple[int, int]]:
        first = max(0, bisect_left(self.starts, lo) - 1)
        found = []
        for span in self.spans[first:]:
            if span[0] > hi:
                break
            if span[1] >= lo:
                found.append(span)
        return found


def _distance(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, b0 - a1, a0 - b1)


def _best_silence(silences: _Silences, lo: int, hi: int, target: tuple[int, int], earliest_end: int, latest_start: int) -> tuple[int, int] | None:
    """The silence in [lo, hi] most likely to be the boundary at ``target``: long and close to it."""
    best: tuple[float, tuple[int, int]] | None = None
    for g0, g1 in silences.near(lo, hi):
        if g1 < earliest_end or g0 > latest_start:
            continue
        g0, g1 = max(g0, earliest_end - _MAX_SCORED_SILENCE_MS), min(g1, latest_start + _MAX_SCORED_SILENCE_MS)
        length = min(g1 - g0, _MAX_SCORED_SILENCE_MS)
        score = length - _DISTANCE_WEIGHT * _distance(g0, g1, *target)
        if best is None or score > best[0]:
            best = (score, (g0, g1))
    return best[1] if best is not None and best[0] > 0 else None


def keeps_sentence_end_gap(cue: Cue, next_start: int, min_gap_ms: float, fps: float) -> bool:
    """True when closing the gap after ``cue`` would run its out-time more than
    ``LINGER_MS`` past its speech although a sentence may end there: the gap stays, and
    the cue ends with its sentence (the rules do not ask to chain it, the fixes do not)."""
    if not cue.words or not ends_punctuated(cue.plain):
        return False
    return next_start - min_gap_ms > cue.words[-1].end + LINGER_MS + _IN_EARLY_FRAMES * 1000.0 / fps


def speech_edges(
    spans: Sequence[tuple[int, int]], regions: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Where each span's speech really starts and ends (ms), given word-time spans and speech regions.

    Between consecutive spans the boundary goes to the best silence near the words' boundary;
    a span keeps its word times where the audio shows no silence to move to.
    """
    if not regions:
        return [tuple(s) for s in spans]  # type: ignore[misc]
    silences = _Silences.of(regions)
    edges = [list(s) for s in spans]

    def silence_near(at: int, earliest_end: int, latest_start: int) -> tuple[int, int] | None:
        return _best_silence(silences, at - SEARCH_BEFORE_MS, at + SEARCH_AFTER_MS, (at, at), earliest_end, latest_start)

    def speech_end(start: int, end: int, next_start: int) -> int:
        gap = silence_near(end, start + KEEP_SPEECH_MS, next_start)
        if gap is not None:
            return max(gap[0], end - END_PULL_MAX_MS)
        # No clear silence near: where the words end inside a sound, it goes on to its end.
        k = bisect_left(regions, (end + 1,)) - 1
        if k >= 0 and regions[k][1] > end:
            return min(regions[k][1], end + END_FOLLOW_MAX_MS, next_start - SEARCH_AFTER_MS)
        return end

    for i, (start, end) in enumerate(spans):
        prev_start, prev_end = spans[i - 1] if i else (-(10**12), -(10**12))
        if i and start - prev_end <= SEARCH_BEFORE_MS + SEARCH_AFTER_MS:
            # Close neighbours share one boundary: the silence that best separates them.
            target = (min(prev_end, start), max(prev_end, start))
            lo, hi = target[0] - SEARCH_BEFORE_MS, target[1] + SEARCH_AFTER_MS
            gap = _best_silence(silences, lo, hi, target, prev_start + KEEP_SPEECH_MS, end - KEEP_SPEECH_MS)
            if gap is not None:
                edges[i - 1][1], edges[i][0] = gap
            continue
        # Far apart (or the first cue): each edge finds its own silence; speech with no words may lie between.
        if i:
            edges[i - 1][1] = speech_end(prev_start, prev_end, start)
        gap = silence_near(start, max(prev_end, prev_start + KEEP_SPEECH_MS), end - KEEP_SPEECH_MS)
        if gap is not None:
            edges[i][0] = gap[1]
    if spans:
        edges[-1][1] = speech_end(*spans[-1], 10**12)
    for edge, span in zip(edges, spans):
        if edge[1] <= edge[0]:
            edge[0], edge[1] = span
    return [(a, b) for a, b in edges]


class _Frames:
    """Conversion between ms and whole frames."""

    def __init__(self, fps: float) -> None:
        self.fps = fps if fps > 0 else DEFAULT_FPS

    def floor(self, ms: float) -> int:
        return math.floor(ms * self.fps / 1000 + 1e-9)

    def nearest(self, ms: float) -> int:
        return math.floor(ms * self.fps / 1000 + 0.5)

    def ceil(self, ms: float) -> int:
        return math.ceil(ms * self.fps / 1000 - 1e-9)

    def ms(self, frame: int) -> int:
        return int(round(frame * 1000 / self.fps))


def _words_at_edges(words: tuple[Word, ...], start: int, end: int) -> tuple[Word, ...]:
    """The words with the first one starting at ``start`` and the last one ending at ``end``."""
    out = list(words)
    out[0] = replace(out[0], start=start, end=max(out[0].end, start + 1))
    last = out[-1]
    last_start = max(out[0].start, min(last.start, end - 1))
    out[-1] = replace(last, start=last_start, end=max(end, last_start + 1))
    return tuple(out)


def _snap_to_cuts(
    fin: list[int], fout: list[int], speech_out: list[int], cuts: list[int], preset: Preset
) -> None:
    """Edges within reach of a shot change move onto it (in-times) or just before it (out-times)."""
    reach = preset.chain_gap_frames
    gap = preset.min_gap_frames
    for i in range(len(fin)):
        for cut in cuts:
            if fin[i] - reach <= cut <= fin[i] + _IN_SNAP_LATE_FRAMES and cut != fin[i]:
                if cut < fout[i] and (i == 0 or fout[i - 1] + gap <= cut or fout[i - 1] - gap > fin[i - 1]):
                    if i > 0 and fout[i - 1] > cut - gap:
                        fout[i - 1] = max(fin[i - 1] + 1, cut - gap)
                    fin[i] = cut
                    break
        for cut in cuts:
            if fout[i] - _IN_SNAP_LATE_FRAMES <= cut <= fout[i] + reach and cut > fin[i]:
                if i + 1 < len(fin) and cut > fin[i + 1] - gap:
                    continue
                before = cut - gap
                fout[i] = before if before > fin[i] and before >= speech_out[i] - 1 else cut
                break


def _borrow_for_minimum(fin: list[int], fout: list[int], min_frames: int) -> None:
    """A cue still under the minimum duration, hemmed in by its neighbours, takes the frames it
    lacks from a neighbour that can spare them (the boundary moves, the gap stays): a neighbour
    shown a frame shorter reads better than a cue that flashes."""
    n = len(fin)
    for i in range(n):
        for j in (i - 1, i + 1):
            lack = min_frames - (fout[i] - fin[i])
            if lack <= 0 or not 0 <= j < n:
                continue
            take = min(lack, fout[j] - fin[j] - min_frames)
            if take <= 0:
                continue
            if j < i:
                fout[j] -= take
                fin[i] -= take
            else:
                fout[i] += take
                fin[j] += take


def refine_timing(
    cues: Sequence[Cue],
    preset: Preset,
    fps: float = DEFAULT_FPS,
    speech: SpeechRegions | Iterable[tuple[int, int]] | None = None,
    shot_changes: Iterable[int] = (),
) -> list[Cue]:
    """Cues timed to the speech, the rules and the frame grid (same ids, texts and words, edge words moved)."""
    ordered = sorted(cues, key=lambda c: (c.start, c.end))
    if not ordered:
        return []
    frames = _Frames(fps)
    spans = [(spoken_start(c.words[0]), c.words[-1].end) if c.words else (c.start, c.end) for c in ordered]
    words = [w for c in ordered for w in c.words]
    edges = speech_edges(spans, heard_regions(speech_regions_of(speech), words) or [])
    n = len(ordered)
    fin = [frames.nearest(a) for a, _ in edges]
    speech_out = [frames.ceil(b) for _, b in edges]
    fout = [max(o, f + 1) for o, f in zip(speech_out, fin)]
    gap = preset.min_gap_frames
    cuts = sorted({frames.nearest(c) for c in shot_changes})
    if cuts:
        _snap_to_cuts(fin, fout, speech_out, cuts, preset)
    for i in range(n - 1):
        # A cue that starts before the previous one's speech ended cannot have a gap: make room.
        if fin[i + 1] < fin[i] + 1 + gap:
            fin[i + 1] = fin[i] + 1 + gap
    linger = frames.floor(LINGER_MS)
    extend = max(linger, frames.floor(preset.max_extend_ms))
    min_frames = frames.ceil(preset.min_duration_ms)
    max_frames = frames.floor(preset.max_duration_ms)
    for i, cue in enumerate(ordered):
        room = fin[i + 1] - gap if i + 1 < n else 10**9
        next_cut = next((c for c in cuts if c > fout[i]), None)
        if next_cut is not None:
            room = min(room, next_cut - gap)  # an out-time near a cut ends just before it
        chars = cue_chars(cue.text)
        needed = fin[i] + math.ceil(chars * frames.fps / preset.max_cps - 1e-9) if preset.max_cps > 0 else fin[i]
        runs_on = not ends_punctuated(cue.plain)
        latest = speech_out[i] + (extend if runs_on else linger)
        target = max(fout[i], speech_out[i] + linger, min(needed, latest), fin[i] + min_frames)
        fout[i] = max(fout[i], min(target, room))
        if i + 1 < n:
            following = fin[i + 1] - fout[i]
            if following < gap or (following <= preset.chain_gap_frames and (runs_on or fin[i + 1] - gap <= latest)):
                fout[i] = fin[i + 1] - gap
            elif following <= preset.chain_gap_frames and fin[i + 1] - gap - latest <= _IN_EARLY_FRAMES:
                # Chain where a sentence may end: the out-time as late as it may be there, the
                # next in-time a frame or two early, as the rules allow.
                fout[i], fin[i + 1] = latest, latest + gap
        fout[i] = max(fin[i] + 1, min(fout[i], fin[i] + max_frames))
        if fout[i] - fin[i] < min_frames:
            # No room after it: show it earlier, into the silence before, rather than flash it.
            fin[i] = max(fout[i - 1] + gap if i else 0, fout[i] - min_frames, 0)
            if i and fin[i] - fout[i - 1] <= preset.chain_gap_frames and not keeps_sentence_end_gap(
                ordered[i - 1], frames.ms(fin[i]), frames.ms(gap), fps
            ):
                # Now close to the cue before: chain them, as the loop did for gaps it saw.
                fout[i - 1] = max(fout[i - 1], min(fin[i] - gap, fin[i - 1] + max_frames))
    _borrow_for_minimum(fin, fout, min_frames)
    refined: list[Cue] = []
    for i, cue in enumerate(ordered):
        start, end = frames.ms(fin[i]), frames.ms(fout[i])
        words = _words_at_edges(cue.words, edges[i][0], edges[i][1]) if cue.words else cue.words
        refined.append(cue.with_(start=start, end=end, words=words))
    return refined


def timed_cues(
    transcript: Transcript,
    preset: Preset,
    fps: float = DEFAULT_FPS,
    speech: SpeechRegions | Iterable[tuple[int, int]] | None = None,
    shot_changes: Iterable[int] = (),
) -> list[Cue]:
    """A transcript's cues: cut on sentences under the preset, then timed to the speech and the rules."""
    cues = cues_from_transcript(transcript, preset, fps=fps, speech=speech)
    return refine_timing(cues, preset, fps, speech=speech, shot_changes=shot_changes)
