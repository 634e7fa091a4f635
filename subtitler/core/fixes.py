"""Automatic fixes for the rules a subtitler would fix without thinking, each reported with its reason.

``fix_cues`` re-breaks lines that break the preset's layout limits (when the words fit),
applies French typography under a French preset, then works on whole frames: snaps edges to
the frame grid and onto nearby shot changes, trims overlaps and too-short gaps, extends short
or fast cues into free time, and chains small gaps to exactly the minimum gap. Text is only
ever re-broken or given typography; ids, words and styles are kept. Works on plain cues from
any subtitle file: word times and audio are optional evidence, never required.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Cue, plain_text, words_text
from .presets import DEFAULT_FPS, Preset
from .segment import break_lines, cue_chars, speech_regions_of
from .timecode import format_srt
from .timing import SpeechRegions, _Frames, _snap_to_cuts, keeps_sentence_end_gap
from .typography import NBSP, NNBSP, apply_typography

__all__ = ["Change", "FixResult", "fix_cues"]

# break_lines splits on any whitespace; no-break spaces must survive it as part of their word.
_KEEP_NBSP = "\ue000"
_KEEP_NNBSP = "\ue001"
_LAYOUT_SPACE_RE = re.compile(r"[ \n\u00a0\u202f]+")


@dataclass(frozen=True, slots=True)
class Change:
    """One fix made to one cue: what it was, what it is now, and why."""

    cue_number: int
    """1-based position of the cue in the fixed list."""
    rule: str
    """The rule id it fixes (``subtitler.core.rules.RULES``), or ``frames`` for the frame grid."""
    before: str
    after: str
    reason: str

    def __str__(self) -> str:
        return f"#{self.cue_number} {self.before} -> {self.after} ({self.reason})"


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed cues (in time order) and every change made, by cue then in the order applied."""

    cues: list[Cue]
    changes: list[Change]


def _shown(text: str) -> str:
    """Text on one line for a report: line breaks as " / ", no-break spaces visible as ␣."""
    visible = text.replace("\n", " / ").replace(NBSP, "\u2423").replace(NNBSP, "\u2423")
    return f'"{visible}"'


def _same_words(a: str, b: str) -> bool:
    """True when two texts differ at most in where lines break and which spaces they use."""
    return _LAYOUT_SPACE_RE.sub(" ", a).strip() == _LAYOUT_SPACE_RE.sub(" ", b).strip()


def _layout_problem(plain: str, preset: Preset) -> tuple[str, str] | None:
    """(rule, reason) for the first layout limit the text breaks, or None."""
    lines = plain.split("\n")
    for n, line in enumerate(lines, 1):
        if len(line) > preset.max_chars_per_line:
            return "cpl", f"line {n} has {len(line)} characters > {preset.max_chars_per_line}"
    if len(lines) > preset.max_lines:
        return "lines", f"{len(lines)} lines > {preset.max_lines}"
    return None


def _rebroken(cue: Cue, preset: Preset) -> str:
    """The cue's text laid out again by the segmenter's line breaker (word pauses help when the words match)."""
    text = cue.text.replace(NBSP, _KEEP_NBSP).replace(NNBSP, _KEEP_NNBSP)
    use_words = cue.words and words_text(cue.words) == " ".join(text.split())
    laid_out = break_lines(cue.words if use_words else text, preset)
    return laid_out.replace(_KEEP_NBSP, NBSP).replace(_KEEP_NNBSP, NNBSP)


def _fix_text(number: int, cue: Cue, preset: Preset, changes: list[Change]) -> str:
    text = apply_typography(cue.text, preset)
    if text != cue.text:
        reason = "French typography: no-break space before ? ! : ; and inside « »"
        changes.append(Change(number, "typography", _shown(cue.text), _shown(text), reason))
        cue = cue.with_(text=text)  # laid out below with its no-break spaces, which widen lines
    problem = _layout_problem(cue.plain, preset)
    if problem is not None:
        # Joining lines can put punctuation after a space that typography must make no-break.
        candidate = apply_typography(_rebroken(cue, preset), preset)
        fixed = _layout_problem(plain_text(candidate), preset) is None
        if fixed and candidate != text and _same_words(candidate, text):
            rule, reason = problem
            changes.append(Change(number, rule, _shown(text), _shown(candidate), f"{reason}; re-broken"))
            text = candidate
    return text


class _Timing:
    """Cue edges in whole frames, with every move recorded as a Change."""

    def __init__(self, cues: Sequence[Cue], preset: Preset, frames: _Frames, changes: list[Change]) -> None:
        self.cues = cues
        self.preset = preset
        self.frames = frames
        self.changes = changes
        self.fin = [frames.nearest(c.start) for c in cues]
        self.fout = [max(frames.nearest(c.end), f + 1) for c, f in zip(cues, self.fin)]
        for i, cue in enumerate(cues):
            start, end = frames.ms(self.fin[i]), frames.ms(self.fout[i])
            if (start, end) != (cue.start, cue.end):
                before = f"{format_srt(cue.start)} --> {format_srt(cue.end)}"
                after = f"{format_srt(start)} --> {format_srt(end)}"
                changes.append(Change(i + 1, "frames", before, after, f"snapped to the {frames.fps:g} fps frame grid"))

    def time(self, frame: int) -> str:
        return format_srt(self.frames.ms(frame))

    def frames_text(self, count: int) -> str:
        return f"{count} frame" if count == 1 else f"{count} frames"

    def move_out(self, i: int, frame: int, rule: str, reason: str) -> None:
        self.changes.append(Change(i + 1, rule, f"out {self.time(self.fout[i])}", self.time(frame), reason))
        self.fout[i] = frame

    def move_in(self, i: int, frame: int, rule: str, reason: str) -> None:
        self.changes.append(Change(i + 1, rule, f"in {self.time(self.fin[i])}", self.time(frame), reason))
        self.fin[i] = frame

    def snap_to_cuts(self, cuts: list[int]) -> None:
        """Edges within reach of a shot change move onto it (in-times) or just before it (out-times)."""
        fin, fout = list(self.fin), list(self.fout)
        _snap_to_cuts(fin, fout, list(self.fout), cuts, self.preset)
        for i in range(len(fin)):
            if fin[i] != self.fin[i]:
                cut = min(cuts, key=lambda c: abs(c - fin[i]))
                self.move_in(i, fin[i], "shot-change", f"snapped to the shot change at {self.time(cut)}")
            if fout[i] != self.fout[i]:
                cut = min(cuts, key=lambda c: abs(c - fout[i]))
                self.move_out(i, fout[i], "shot-change", f"kept off the shot change at {self.time(cut)}")

    def next_index(self, i: int) -> int | None:
        """The first cue after ``i`` that starts later than it (cues stacked at one in-time share their next)."""
        return next((j for j in range(i + 1, len(self.fin)) if self.fin[j] > self.fin[i]), None)

    def make_gaps(self) -> None:
        """Overlaps and gaps under the minimum: the earlier cue ends the minimum gap before the next one."""
        gap = self.preset.min_gap_frames
        for i in range(len(self.fin)):
            j = self.next_index(i)
            if j is None:
                continue
            following = self.fin[j] - self.fout[i]
            end = self.fin[j] - gap
            if following >= gap or end <= self.fin[i]:
                continue  # fine, or the next cue starts too soon for any out-time to fit
            if following < 0:
                overlap = self.frames.ms(self.fout[i]) - self.frames.ms(self.fin[j])
                reason = f"overlapped #{j + 1} by {overlap} ms; ends {self.frames_text(gap)} before it"
                self.move_out(i, end, "overlap", reason)
            else:
                self.changes.append(
                    Change(i + 1, "gap", f"gap {self.frames_text(following)}", self.frames_text(gap), "minimum gap")
                )
                self.fout[i] = end

    def room(self, i: int, cuts: list[int]) -> int:
        """The latest out-frame cue ``i`` may take: the minimum gap before the next cue, and no later than a cut."""
        j = self.next_index(i)
        room = self.fin[j] - self.preset.min_gap_frames if j is not None else 10**12
        next_cut = next((c for c in cuts if c > self.fout[i]), None)
        if next_cut is not None:
            room = min(room, next_cut)
        return min(room, self.fin[i] + self.frames.floor(self.preset.max_duration_ms))

    def extend(self, i: int, cuts: list[int], text: str, speech: list[tuple[int, int]] | None) -> None:
        """Out-time later into free time for the minimum duration, then for reading speed."""
        preset, frames = self.preset, self.frames
        room = self.room(i, cuts)
        min_frames = frames.ceil(preset.min_duration_ms)
        if self.fout[i] - self.fin[i] < min_frames and room > self.fout[i]:
            duration = frames.ms(self.fout[i]) - frames.ms(self.fin[i])
            target = min(self.fin[i] + min_frames, room)
            how = "extended into free time" if target == self.fin[i] + min_frames else "extended as far as free time allows"
            self.move_out(i, target, "min-duration", f"duration {duration} ms < {preset.min_duration_ms} ms; {how}")
        chars = cue_chars(text)
        if preset.max_cps <= 0 or not chars:
            return
        needed = self.fin[i] + math.ceil(chars * frames.fps / preset.max_cps - 1e-9)
        # Netflix: the out-time may run up to max_extend_ms past the end of speech. Without audio
        # or words the cue's own out-time stands for it, and the cue moves only when that makes it
        # readable, so a second run does not extend it again.
        speech_end = self._speech_end(i, speech)
        if speech_end is not None:
            limit = min(needed, speech_end + frames.floor(preset.max_extend_ms), room)
        else:
            limit = min(needed, self.fout[i] + frames.floor(preset.max_extend_ms), room)
            if limit < needed:
                return
        if limit > self.fout[i]:
            cps = chars * 1000.0 / (frames.ms(self.fout[i]) - frames.ms(self.fin[i]))
            after = chars * 1000.0 / (frames.ms(limit) - frames.ms(self.fin[i]))
            reason = f"CPS {cps:.1f} > {preset.max_cps:g}; extended into free time, now {after:.1f}"
            self.move_out(i, limit, "cps", reason)

    def _speech_end(self, i: int, speech: list[tuple[int, int]] | None) -> int | None:
        """The frame where the speech under cue ``i`` ends (at the latest its out-time), from the audio or the words."""
        start, end = self.frames.ms(self.fin[i]), self.frames.ms(self.fout[i])
        if speech:
            ends = [e for s, e in speech if s < end and e > start]
        else:
            ends = [self.cues[i].words[-1].end] if self.cues[i].words else []
        return min(self.fout[i], self.frames.ceil(max(ends))) if ends else None

    def chain(self, i: int) -> None:
        """A gap to the next cue of ``chain_gap_frames`` or less closes to exactly ``min_gap_frames``."""
        j = self.next_index(i)
        if j is None:
            return
        gap = self.preset.min_gap_frames
        following = self.fin[j] - self.fout[i]
        end = self.fin[j] - gap
        too_long = end - self.fin[i] > self.frames.floor(self.preset.max_duration_ms)
        next_start, gap_ms = self.frames.ms(self.fin[j]), self.frames.ms(gap)
        sentence_end = keeps_sentence_end_gap(self.cues[i], next_start, gap_ms, self.frames.fps)
        if gap < following <= self.preset.chain_gap_frames and not too_long and not sentence_end:
            self.changes.append(
                Change(i + 1, "chain", f"gap {self.frames_text(following)}", self.frames_text(gap), "chaining")
            )
            self.fout[i] = end


def fix_cues(
    cues: Sequence[Cue],
    preset: Preset,
    fps: float = DEFAULT_FPS,
    speech: SpeechRegions | Iterable[tuple[int, int]] | None = None,
    shot_changes: Iterable[int] = (),
) -> FixResult:
    """The cues with every automatic fix applied (in time order), and each change with its reason."""
    frames = _Frames(fps)
    # Ordered as on the frame grid, so that a second run sees the cues in the same order.
    ordered = sorted(cues, key=lambda c: (frames.nearest(c.start), max(frames.nearest(c.end), frames.nearest(c.start) + 1)))
    changes: list[Change] = []
    texts = [_fix_text(i + 1, cue, preset, changes) for i, cue in enumerate(ordered)]
    timing = _Timing(ordered, preset, frames, changes)
    cuts = sorted({frames.nearest(c) for c in shot_changes})
    if cuts:
        timing.snap_to_cuts(cuts)
    timing.make_gaps()
    regions = speech_regions_of(speech)
    for i in range(len(ordered)):
        timing.extend(i, cuts, texts[i], regions)
        timing.chain(i)
    fixed: list[Cue] = []
    for i, cue in enumerate(ordered):
        start, end = frames.ms(timing.fin[i]), frames.ms(timing.fout[i])
        if (start, end, texts[i]) != (cue.start, cue.end, cue.text):
            cue = cue.with_(start=start, end=end, text=texts[i])
        fixed.append(cue)
    changes.sort(key=lambda c: c.cue_number)  # stable: a cue's changes stay in the order applied
    return FixResult(fixed, changes)
