"""Where to listen: speech regions from Silero VAD plus the stretches it rejected that carry sound.

Silero at its default threshold can reject clear but unusual speech (a hoarse voice, a quiet
second recording). So every long stretch the VAD rejected is checked with a short-window
energy envelope against a noise floor measured inside that stretch; sound well above that
floor is handed to Whisper too, which decides itself whether it is speech.

Regions are phrases, not stretches of a file: Silero ends one at every pause of 160 ms or more
and never lets one pass 30 s (the settings faster-whisper's batched pipeline uses), and rescued
sound is cut to 30 s too. So they pack tightly into Whisper's 30 s windows: on a 181 s video,
Silero's default settings (a region ends only after 2 s of silence) gave one 180 s region, cut
into 9 windows, a third of them padding, where phrases fill 6.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "SAMPLE_RATE",
    "Region",
    "energy_regions",
    "merge_regions",
    "rescued_regions",
    "phrase_regions",
    "speech_regions",
    "split_long",
    "unheard_regions",
]

SAMPLE_RATE = 16000
Region = tuple[int, int]
"""(start, end) in samples, end exclusive."""

_WINDOW = SAMPLE_RATE * 30 // 1000  # 30 ms frames for the energy envelope
_MIN_GAP_S = 1.0  # shorter rejected stretches are only pauses between words
_FLOOR_PERCENTILE = 5.0
_ABOVE_FLOOR_DB = 10.0
_AUDIBLE_DB = -55.0  # below this nothing is dialogue, whatever the floor
_BRIDGE_S = 1.0  # hoarse speech dips between syllables: bridge like a phrase, not a word
_MIN_ACTIVE_S = 0.25
_PAD_S = 0.5
_CUT_PAUSE_FRAMES = 15  # 450 ms
_VAD_SLICE = SAMPLE_RATE * 300
_PHRASE_PAUSE_MS = 160  # faster-whisper's batched pipeline asks Silero for the same
_LONGEST_S = 30  # one Whisper window
_CUT_SEARCH_S = 10


def merge_regions(regions: list[Region], bridge: int = 0) -> list[Region]:
    """Sort and merge regions that overlap or lie less than ``bridge`` samples apart."""
    merged: list[list[int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1] + bridge:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def energy_regions(
    audio: np.ndarray, start: int = 0, end: int | None = None, bridge_s: float = _BRIDGE_S
) -> list[Region]:
    """Stretches of ``audio[start:end]`` whose short-window level stands out above that span's noise
    floor; stretches less than ``bridge_s`` apart are joined."""
    end = len(audio) if end is None else end
    frames = (end - start) // _WINDOW
    if frames < 2:
        return []
    span = audio[start : start + frames * _WINDOW].reshape(frames, _WINDOW).astype(np.float32)
    level = 10.0 * np.log10(np.mean(span * span, axis=1) + 1e-12)
    floor = float(np.percentile(level, _FLOOR_PERCENTILE))
    active = level > max(floor + _ABOVE_FLOOR_DB, _AUDIBLE_DB)
    runs: list[Region] = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], active.astype(np.int8), [0]))))
    for first, last in zip(edges[::2], edges[1::2]):
        runs.append((start + int(first) * _WINDOW, start + int(last) * _WINDOW))
    runs = merge_regions(runs, bridge=int(bridge_s * SAMPLE_RATE))
    pad = int(_PAD_S * SAMPLE_RATE)
    return [
        (max(start, s - pad), min(end, e + pad))
        for s, e in runs
        if e - s >= _MIN_ACTIVE_S * SAMPLE_RATE
    ]


def split_long(audio: np.ndarray, regions: list[Region], limit: int, search: int) -> list[Region]:
    """Regions no longer than ``limit`` samples, long ones cut in the quietest half second of the
    last ``search`` samples before each cut (so no word is cut in two where a pause exists)."""
    out: list[Region] = []
    for start, end in regions:
        while end - start > limit:
            lo = start + limit - search
            frames = search // _WINDOW
            span = audio[lo : lo + frames * _WINDOW].reshape(frames, _WINDOW)
            # Averaged over a pause's length: the quietest single frame was often the closure of a
            # "d" or "p" inside a word (5 of 7 cuts in a French conversation), and the cut word was lost.
            level = np.convolve(np.mean(span * span, axis=1), np.ones(_CUT_PAUSE_FRAMES), mode="valid")
            cut = lo + (int(np.argmin(level)) + _CUT_PAUSE_FRAMES // 2) * _WINDOW + _WINDOW // 2
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def rescued_regions(audio: np.ndarray, speech: list[Region]) -> list[Region]:
    """Sound the VAD left out: energy regions inside every rejected stretch longer than a pause."""
    found: list[Region] = []
    cursor = 0
    for start, end in [*speech, (len(audio), len(audio))]:
        if start - cursor >= _MIN_GAP_S * SAMPLE_RATE:
            found.extend(energy_regions(audio, cursor, start))
        cursor = max(cursor, end)
    return found


def unheard_regions(audio: np.ndarray, speech: list[Region], heard: list[Region]) -> list[Region]:
    """Sound inside ``speech`` that no ``heard`` span covers: stretches of a pause or more left
    between the heard words, narrowed to where the energy envelope finds sound."""
    reach = int(_PAD_S * SAMPLE_RATE)
    covered = merge_regions([(max(0, s - reach), e + reach) for s, e in heard])
    found: list[Region] = []
    for start, end in speech:
        cursor = start
        for c_start, c_end in [*covered, (end, end)]:
            if c_end <= cursor:
                continue
            gap_end = min(c_start, end)
            if gap_end - cursor >= _MIN_GAP_S * SAMPLE_RATE:
                found.extend(energy_regions(audio, cursor, gap_end))
            cursor = max(cursor, c_end)
            if cursor >= end:
                break
    return merge_regions(found)


def phrase_regions(audio: np.ndarray) -> list[Region]:
    """Silero VAD's phrases: sorted, disjoint, ended by a pause of 160 ms or more, none over 30 s.

    Neighbours whose padding shares a short pause touch; they are kept apart, as phrases pack
    into windows more tightly than the stretches they would merge into.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    settings = VadOptions(min_silence_duration_ms=_PHRASE_PAUSE_MS, max_speech_duration_s=_LONGEST_S)
    # Silero's memory grows with the input (about 0.7 GB for an hour): run it a slice at a time.
    phrases: list[Region] = []
    for offset in range(0, len(audio), _VAD_SLICE):
        piece = audio[offset : offset + _VAD_SLICE]
        phrases += [(offset + c["start"], offset + c["end"]) for c in get_speech_timestamps(piece, settings)]
    return phrases


def speech_regions(audio: np.ndarray, rescue: bool = True) -> list[Region]:
    """Silero VAD's phrases, plus (when ``rescue``) the sound it rejected, in pieces of at most 30 s."""
    phrases = phrase_regions(audio)
    if not rescue:
        return phrases
    # Rescued sound lies in the stretches between phrases, so the two never overlap.
    rescued = split_long(audio, rescued_regions(audio, phrases), _LONGEST_S * SAMPLE_RATE, _CUT_SEARCH_S * SAMPLE_RATE)
    return sorted(phrases + rescued)
