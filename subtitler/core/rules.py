"""Quality checks: each rule a cue breaks, with a reason a subtitler can act on.

``check_cues`` returns ``Finding`` records in time order. Rule ids are stable short strings
(``RULES``) that reports, filters and the automatic fixes key on. The speech-aware rules
(``no-speech``, ``uncovered-speech``) run when the caller passes speech regions from the
audio analysis; ``shot-change`` runs when shot changes are given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields
from typing import Iterable, Sequence

from .model import FLAG_HALLUCINATION, FLAG_UNHEARD, Cue, Document
from .presets import DEFAULT_FPS, DEFAULT_PRESET, PRESETS, Preset, get_preset
from .timecode import format_clock
from .timing import keeps_sentence_end_gap
from .typography import french_typography

__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "RULES",
    "Finding",
    "check_cues",
    "check_document",
    "summarize",
    "document_preset",
    "preset_changes",
    "DEFAULT_MIN_PROBABILITY",
    "MIN_UNCOVERED_SPEECH_MS",
    "MIN_SPEECH_UNDER_CUE_MS",
]

ERROR = "error"
"""Breaks a hard limit of the preset (too many characters or lines, overlap, ...)."""
WARNING = "warning"
"""Against the style guide, but sometimes the right call (reading speed, chaining, ...)."""
INFO = "info"
"""Worth a look: the engine was unsure, or the audio disagrees."""

RULES: dict[str, str] = {
    "cpl": "characters per line",
    "lines": "number of lines",
    "cps": "reading speed (characters per second)",
    "min-duration": "minimum duration",
    "max-duration": "maximum duration",
    "overlap": "overlaps the next cue",
    "gap": "gap to the next cue shorter than the minimum",
    "chain": "gap short enough to chain, but not chained",
    "shot-change": "straddles a shot change",
    "empty": "empty text",
    "repeat": "same text as the previous cue",
    "typography": "French typography",
    "low-confidence": "words the engine was unsure of",
    "hallucination": "words the engine probably hallucinated",
    "unheard": "transcript words not heard in the audio (timed between their neighbours)",
    "no-speech": "no speech under the cue",
    "uncovered-speech": "speech with no cue",
}
"""Every rule id with a short description, in report order."""

DEFAULT_MIN_PROBABILITY = 0.5
"""Words below this probability are reported as low-confidence."""
MIN_SPEECH_UNDER_CUE_MS = 100
"""A cue with less speech than this under it counts as having none (VAD edges are fuzzy)."""
MIN_UNCOVERED_SPEECH_MS = 500
"""Speech outside every cue is reported from this length on; shorter runs are timing slack."""

_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule broken by one cue (``cue_index`` is None for speech that has no cue)."""

    cue_index: int | None
    cue_id: str | None
    start_ms: int
    rule: str
    message: str
    severity: str = WARNING
    fixable: bool = False
    """An automatic fix can resolve it (re-break, split at a word, move an edge, delete)."""


def _num(value: float) -> str:
    """17.0 -> "17", 16.5 -> "16.5" (limits as the user typed them)."""
    return f"{value:g}"


def _frames(ms: float, fps: float) -> str:
    count = round(ms * fps / 1000.0, 1)
    unit = "frame" if count == 1 else "frames"
    return f"{_num(count)} {unit}"


def _normalized(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


def _fits_by_rebreaking(text: str, preset: Preset) -> bool:
    """True when the words can be re-broken into at most ``max_lines`` lines of ``max_chars_per_line``."""
    lines = 1
    width = 0
    for word in text.split():
        if len(word) > preset.max_chars_per_line:
            return False
        if width == 0:
            width = len(word)
        elif width + 1 + len(word) <= preset.max_chars_per_line:
            width += 1 + len(word)
        else:
            lines += 1
            width = len(word)
    return lines <= preset.max_lines


def _room_after(cues: Sequence[Cue], index: int, preset: Preset, fps: float) -> int:
    """The latest end the cue at ``index`` may take: before the next cue's minimum gap, else unbounded."""
    if index + 1 < len(cues):
        return cues[index + 1].start - preset.min_gap_ms(fps)
    return cues[index].end + 10**9


def _text_findings(i: int, cue: Cue, preset: Preset) -> list[Finding]:
    plain = cue.plain
    if not plain.strip():
        return [Finding(i, cue.id, cue.start, "empty", "empty text", ERROR, True)]
    found: list[Finding] = []
    lines = plain.split("\n")
    rebreakable = _fits_by_rebreaking(plain, preset)
    splittable = rebreakable or len(plain.split()) > 1
    for n, line in enumerate(lines, 1):
        if len(line) > preset.max_chars_per_line:
            message = f'line {n} has {len(line)} characters > {preset.max_chars_per_line}: "{line}"'
            found.append(Finding(i, cue.id, cue.start, "cpl", message, ERROR, splittable))
    if len(lines) > preset.max_lines:
        message = f"{len(lines)} lines > {preset.max_lines}"
        found.append(Finding(i, cue.id, cue.start, "lines", message, ERROR, splittable))
    if preset.french_typography and french_typography(cue.text) != cue.text:
        message = "French typography: a non-breaking space belongs before ? ! : ; and inside « »"
        found.append(Finding(i, cue.id, cue.start, "typography", message, WARNING, True))
    return found


def _timing_findings(cues: Sequence[Cue], i: int, preset: Preset, fps: float) -> list[Finding]:
    cue = cues[i]
    found: list[Finding] = []
    latest_end = _room_after(cues, i, preset, fps)
    duration = cue.duration
    if duration < preset.min_duration_ms:
        fixable = cue.start + preset.min_duration_ms <= latest_end
        message = f"duration {duration} ms < {preset.min_duration_ms} ms"
        found.append(Finding(i, cue.id, cue.start, "min-duration", message, WARNING, fixable))
    if duration > preset.max_duration_ms:
        message = f"duration {duration} ms > {preset.max_duration_ms} ms"
        found.append(Finding(i, cue.id, cue.start, "max-duration", message, ERROR, len(cue.words) > 1))
    chars = len(cue.plain.replace("\n", ""))
    if duration > 0 and chars:
        cps = round(cue.chars_per_second(), 1)
        if cps > preset.max_cps:
            # Fixable when the out-time may move far enough: up to max_extend_ms, never into the next cue.
            needed = cue.start + int(chars * 1000.0 / preset.max_cps + 0.999)
            fixable = needed <= min(cue.end + preset.max_extend_ms, latest_end)
            message = f"CPS {cps:.1f} > {_num(preset.max_cps)}"
            found.append(Finding(i, cue.id, cue.start, "cps", message, WARNING, fixable))
    return found


def _neighbour_findings(cues: Sequence[Cue], i: int, preset: Preset, fps: float) -> list[Finding]:
    if i + 1 >= len(cues):
        return []
    cue, nxt = cues[i], cues[i + 1]
    gap = nxt.start - cue.end
    if gap < 0:
        message = f"overlaps the next cue (#{i + 2}) by {-gap} ms"
        return [Finding(i, cue.id, cue.start, "overlap", message, ERROR, True)]
    min_gap = preset.min_gap_frames * 1000.0 / fps
    # One millisecond either way is rounding of frame times to whole milliseconds.
    if gap < min_gap - 1:
        message = f"gap {_frames(gap, fps)} < {_frames(min_gap, fps)} before #{i + 2}"
        return [Finding(i, cue.id, cue.start, "gap", message, WARNING, True)]
    if (
        gap > min_gap + 1
        and gap <= preset.chain_gap_frames * 1000.0 / fps + 1
        and not keeps_sentence_end_gap(cue, nxt.start, min_gap, fps)
    ):
        message = f"gap {_frames(gap, fps)} before #{i + 2}: chain to {_frames(min_gap, fps)}"
        return [Finding(i, cue.id, cue.start, "chain", message, WARNING, True)]
    return []


def _shot_findings(i: int, cue: Cue, shot_changes: Sequence[int], preset: Preset, fps: float) -> list[Finding]:
    half_frame = 500.0 / fps
    snap_reach = preset.chain_gap_frames * 1000.0 / fps
    found: list[Finding] = []
    for cut in shot_changes:
        if cue.start + half_frame < cut < cue.end - half_frame:
            after_start, before_end = cut - cue.start, cue.end - cut
            if after_start <= before_end:
                where = f"{_frames(after_start, fps)} after the start"
            else:
                where = f"{_frames(before_end, fps)} before the end"
            fixable = min(after_start, before_end) <= snap_reach
            message = f"straddles a shot change at {format_clock(cut)} ({where})"
            found.append(Finding(i, cue.id, cue.start, "shot-change", message, WARNING, fixable))
    return found


def _word_findings(i: int, cue: Cue, min_probability: float) -> list[Finding]:
    found: list[Finding] = []
    unsure = [w for w in cue.words if w.probability < min_probability]
    if unsure:
        listed = ", ".join(f'"{w.text}" ({w.probability:.2f})' for w in unsure)
        found.append(Finding(i, cue.id, cue.start, "low-confidence", f"low-confidence words: {listed}", INFO))
    flagged = [w.text for w in cue.words if FLAG_HALLUCINATION in w.flags]
    if flagged:
        message = f'probably hallucinated: "{" ".join(flagged)}"'
        found.append(Finding(i, cue.id, cue.start, "hallucination", message, WARNING))
    unheard = [w.text for w in cue.words if FLAG_UNHEARD in w.flags]
    if unheard:
        message = f'not heard in the audio, timed between their neighbours: "{" ".join(unheard)}"'
        found.append(Finding(i, cue.id, cue.start, "unheard", message, WARNING))
    return found


def _merged(regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping intervals covering the same time as ``regions``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in regions if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(start: int, end: int, regions: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in regions if s < end and e > start)


def _speech_findings(cues: Sequence[Cue], speech: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for i, cue in enumerate(cues):
        if cue.duration > 0 and _overlap(cue.start, cue.end, speech) < MIN_SPEECH_UNDER_CUE_MS:
            found.append(Finding(i, cue.id, cue.start, "no-speech", "no speech under this cue", INFO))
    covered = _merged((c.start, c.end) for c in cues)
    for start, end in speech:
        cursor = start
        for c_start, c_end in covered:
            if c_end <= cursor or c_start >= end:
                continue
            found.extend(_uncovered(cursor, min(c_start, end)))
            cursor = max(cursor, c_end)
            if cursor >= end:
                break
        found.extend(_uncovered(cursor, end))
    return found


def _uncovered(start: int, end: int) -> list[Finding]:
    if end - start < MIN_UNCOVERED_SPEECH_MS:
        return []
    message = f"speech with no cue: {format_clock(start)}–{format_clock(end)} ({(end - start) / 1000:.1f} s)"
    return [Finding(None, None, start, "uncovered-speech", message, INFO)]


def check_cues(
    cues: Sequence[Cue],
    preset: Preset,
    fps: float = DEFAULT_FPS,
    shot_changes: Sequence[int] = (),
    speech_regions: Iterable[tuple[int, int]] | None = None,
    min_probability: float = DEFAULT_MIN_PROBABILITY,
) -> list[Finding]:
    """Every rule each cue breaks, in time order (then cue order, then ``RULES`` order).

    ``speech_regions`` (ms intervals from voice activity detection) enables the speech-aware
    rules; None means the audio was not analysed. ``shot_changes`` are cut times in ms.
    """
    if fps <= 0:
        fps = DEFAULT_FPS
    found: list[Finding] = []
    cuts = sorted(shot_changes)
    for i, cue in enumerate(cues):
        found += _text_findings(i, cue, preset)
        found += _timing_findings(cues, i, preset, fps)
        found += _neighbour_findings(cues, i, preset, fps)
        if cuts:
            found += _shot_findings(i, cue, cuts, preset, fps)
        if i > 0 and cue.plain.strip() and _normalized(cue.plain) == _normalized(cues[i - 1].plain):
            message = f"same text as the previous cue (#{i})"
            found.append(Finding(i, cue.id, cue.start, "repeat", message, WARNING))
        found += _word_findings(i, cue, min_probability)
    if speech_regions is not None:
        found += _speech_findings(cues, _merged(speech_regions))
    order = {rule: n for n, rule in enumerate(RULES)}
    found.sort(key=lambda f: (f.start_ms, -1 if f.cue_index is None else f.cue_index, order.get(f.rule, len(order))))
    return found


def document_preset(document: Document) -> Preset:
    """The document's preset with its adjusted limits (the default preset when the name is unknown)."""
    base = PRESETS.get(document.preset) or get_preset(DEFAULT_PRESET)
    known = {f.name for f in fields(Preset)} - {"name", "label"}
    return base.adjusted(**{k: v for k, v in document.preset_limits.items() if k in known})


def preset_changes(preset: Preset) -> dict[str, object]:
    """The limits where ``preset`` differs from the named preset it was adjusted from."""
    base = PRESETS.get(preset.name)
    if base is None:
        return {}
    return {
        f.name: getattr(preset, f.name)
        for f in fields(Preset)
        if f.name not in ("name", "label") and getattr(preset, f.name) != getattr(base, f.name)
    }


def check_document(
    document: Document,
    preset: Preset | None = None,
    shot_changes: Sequence[int] = (),
    speech_regions: Iterable[tuple[int, int]] | None = None,
) -> list[Finding]:
    """``check_cues`` on a document, with its own preset and its media's frame rate by default."""
    fps = document.media.fps if document.media and document.media.fps > 0 else DEFAULT_FPS
    return check_cues(
        document.cues,
        preset or document_preset(document),
        fps=fps,
        shot_changes=shot_changes,
        speech_regions=speech_regions,
    )


def summarize(findings: Sequence[Finding], cue_count: int) -> str:
    """One line: "5 problems in 3 of 40 cues (cps 2, gap 2, overlap 1)" or "no problems in 40 cues"."""
    if not findings:
        return f"no problems in {cue_count} cues"
    counts = Counter(f.rule for f in findings)
    order = list(RULES)
    per_rule = ", ".join(
        f"{rule} {counts[rule]}" for rule in sorted(counts, key=lambda r: order.index(r) if r in order else len(order))
    )
    cues = len({f.cue_index for f in findings if f.cue_index is not None})
    noun = "problem" if len(findings) == 1 else "problems"
    return f"{len(findings)} {noun} in {cues} of {cue_count} cues ({per_rule})"
