"""Words -> cues: one sentence per cue where it fits, split where a subtitler would when not.

Hard boundaries fall at sentence ends (with an abbreviation guard) and at long pauses. A
sentence that breaks a limit of the preset is split by a small dynamic program over word
boundaries: each break has a cost (clause punctuation cheapest, then before a conjunction or a
preposition, helped by a pause; a break right after an article, preposition, pronoun or
auxiliary is the dearest) and pieces pay for their number and their imbalance. Lines inside a
cue are chosen by the same costs. Everything here is pure and works on word lists alone.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Sequence

from .model import FLAG_INTERPOLATED, Cue, Transcript, Word, plain_text
from .presets import DEFAULT_FPS, Preset
from .wordlists import ABBREVIATIONS, BOUND_PAIRS, WordLists, key_forms, word_lists

__all__ = [
    "segment_words",
    "cues_from_transcript",
    "break_lines",
    "is_sentence_end",
    "sentence_spans",
    "word_pauses",
    "spoken_start",
    "heard_regions",
    "speech_regions_of",
    "cue_chars",
    "ends_punctuated",
]

# Costs of a break between two words (a cue boundary or a line break), in arbitrary units.
_COST_CLAUSE = 0.0
_COST_CONJUNCTION = 3.0
_COST_PREPOSITION = 5.0
_COST_PLAIN = 10.0
_COST_NAME = 25.0
_COST_STRANDED = 40.0
_PAUSE_BONUS_PER_MS = 1.0 / 40.0
_PAUSE_BONUS_MAX = 9.0
# Costs of a piece of a split sentence.
_COST_PIECE = 12.0
_COST_BALANCE = 20.0
_COST_CPS_EXCESS = 2.0
_COST_PIECE_SHORT = 8.0
"""Per missing word below two: one-word cues flash by and read badly."""
_COST_FLASH = 80.0
"""A piece that cannot stay up for the minimum duration: worse than any break, however bad."""
# Costs of a line layout.
_COST_LINE = 6.0
# Pauses that end a sentence Whisper left unpunctuated (see sentence_spans).
SOFT_PAUSE_MS = 140
LONG_PAUSE_MS = 500
MIN_CLAUSE_CHARS = 16
_OPENS_CLAUSE_MS = 200
"""A clause opening like a sentence (a conjunction, a capital) counts as this much more pause."""
_READ_ANYWAY = 2.0
"""A piece shown this many minimum durations or more does not flash by: its speed is the speaker's."""
_READABLE_CPS_SLACK = 1.25
"""A clause piece up to this much over the reading speed may still stand alone; beyond, it flashes."""
MIN_TAIL_CHARS = 10
"""A closing piece may be shorter ("Please stay safe, | good night.")."""
_COST_LINE_BALANCE = 20.0
_WORD_BASE_MS = 200
_WORD_MS_PER_CHAR = 120
"""A word lasting longer than base + this per letter was stretched over a pause by Whisper."""
_WORD_EDGE_MS = 20
"""A word whose time, less this at each edge, meets no speech region was missed by the detector."""

_CLOSERS = "\"'»”’)]}"
_OPENERS = "\"'«“‘([{¿¡"
_CLAUSE_END = (",", ";", ":", "—", "–", "-", "...", "…")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


def _is_punctuation(text: str) -> bool:
    return bool(_PUNCT_ONLY.match(text))


def _is_capitalized(text: str) -> bool:
    core = text.lstrip(_OPENERS)
    return bool(core) and core[0].isupper()


def is_sentence_end(text: str, next_text: str | None = None) -> bool:
    """True when a word ending with ``. ? ! …`` ends its sentence (Mr. / e.g. / M. / U.S. do not)."""
    core = text.rstrip(_CLOSERS)
    if not core:
        return False
    if core.endswith(("?", "!", "…", "...")):
        return True
    if not core.endswith("."):
        return False
    next_capital = next_text is None or _is_capitalized(next_text)
    if next_text is not None and next_text.lstrip(_OPENERS)[:1].islower():
        return False  # Whisper's stray period: "inédit. dans l'histoire" goes on
    lowered = core.lstrip(_OPENERS).lower()
    if lowered == "etc.":
        return next_capital
    if lowered in ABBREVIATIONS:
        return False
    body = lowered[:-1]
    if "." in body or (len(body) == 1 and body.isalpha() and core.lstrip(_OPENERS)[0].isupper()):
        # U.S. / J. : an acronym or an initial ends a sentence only before a capital.
        return next_capital and len(body) > 1
    return True


def cue_chars(text: str) -> int:
    """Characters that count for reading speed: the plain text without its line breaks."""
    return len(plain_text(text).replace("\n", ""))


@dataclass(frozen=True, slots=True)
class _Breaker:
    """Break costs between neighbouring words, for one language's word lists."""

    lists: WordLists

    def cost(self, before: str, after: str, pause_ms: int = 0, then: str = "") -> float:
        """What a break between ``before`` and ``after`` (followed by ``then``) costs; inf where it may never fall."""
        if _is_punctuation(after):
            return math.inf  # "?" or "»" alone must stay with its word
        core = before.rstrip(_CLOSERS)
        if core.endswith(_CLAUSE_END) or is_sentence_end(before, after):
            base = _COST_CLAUSE
        else:
            whole, _, last = key_forms(before)
            after_whole, after_first, after_last = key_forms(after)
            if _strands(before, self.lists) or (last, after_first) in BOUND_PAIRS:
                base = _COST_STRANDED
            elif (
                after_whole in self.lists.conjunctions
                or after_first in self.lists.conjunctions
                or (after_last, key_forms(then)[1]) in BOUND_PAIRS
            ):
                base = _COST_CONJUNCTION
            elif after_whole in self.lists.prepositions or after_first in self.lists.prepositions:
                base = _COST_PREPOSITION
            elif _is_capitalized(before) and _is_capitalized(after):
                base = _COST_NAME  # first + last name, "New York"
            else:
                base = _COST_PLAIN
        bonus = min(_PAUSE_BONUS_MAX, max(0, pause_ms) * _PAUSE_BONUS_PER_MS)
        if base >= _COST_STRANDED:
            return base - bonus / 3  # a pause excuses a stranded word only a little
        return max(0.0, base - bonus)


def _layout_lengths(lengths: Sequence[int], cuts: Sequence[int]) -> list[int]:
    bounds = [0, *cuts, len(lengths)]
    return [sum(lengths[a:b]) + (b - a - 1) for a, b in zip(bounds, bounds[1:])]


def _fits(lengths: Sequence[int], max_chars: int, max_lines: int) -> bool:
    """True when words of these lengths fill at most ``max_lines`` lines of ``max_chars`` (greedy is optimal)."""
    lines, width = 1, -1
    for n in lengths:
        if n > max_chars:
            return False
        if width + 1 + n <= max_chars:
            width += 1 + n
        else:
            lines += 1
            width = n
            if lines > max_lines:
                return False
    return True


def _best_lines(
    tokens: Sequence[str], pauses: Sequence[int], preset: Preset, breaker: _Breaker
) -> list[list[str]]:
    """The tokens laid out in lines: one when they fit, else the cheapest layout within the limits."""
    lengths = [len(plain_text(t)) for t in tokens]
    max_chars = preset.max_chars_per_line
    if sum(lengths) + len(lengths) - 1 <= max_chars or len(tokens) < 2:
        return [list(tokens)]
    costs = [
        breaker.cost(tokens[k - 1], tokens[k], pauses[k - 1], tokens[k + 1] if k + 1 < len(tokens) else "")
        for k in range(1, len(tokens))
    ]
    best: tuple[float, tuple[int, ...]] | None = None
    for lines in range(2, min(preset.max_lines, len(tokens)) + 1):
        for cuts in itertools.combinations(range(1, len(tokens)), lines - 1):
            widths = _layout_lengths(lengths, cuts)
            if max(widths) > max_chars:
                continue
            cost = sum(costs[c - 1] for c in cuts) + _COST_LINE * lines
            cost += _COST_LINE_BALANCE * (max(widths) - min(widths)) / max_chars
            if preset.bottom_heavy and widths[0] > widths[-1]:
                cost += _COST_LINE_BALANCE * (widths[0] - widths[-1]) / max_chars
            if best is None or cost < best[0]:
                best = (cost, cuts)
        if best is not None and math.isfinite(best[0]):
            break  # fewer lines win whenever they can be laid out
    if best is None:
        return _greedy_lines(tokens, lengths, max_chars)
    bounds = [0, *best[1], len(tokens)]
    return [list(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]


def _greedy_lines(tokens: Sequence[str], lengths: Sequence[int], max_chars: int) -> list[list[str]]:
    """Fallback for text that cannot fit the preset: fill lines in order."""
    lines: list[list[str]] = [[]]
    width = -1
    for token, n in zip(tokens, lengths):
        if lines[-1] and width + 1 + n > max_chars:
            lines.append([])
            width = -1
        lines[-1].append(token)
        width += 1 + n
    return lines


def break_lines(text_or_words: str | Sequence[Word], preset: Preset, language: str | None = None) -> str:
    """Text laid out in lines (``\\n``): one line when it fits, else balanced lines that break where a subtitler would."""
    if isinstance(text_or_words, str):
        tokens = text_or_words.split()
        pauses = [0] * max(0, len(tokens) - 1)
    else:
        tokens = [w.text for w in text_or_words if w.text]
        kept = [w for w in text_or_words if w.text]
        pauses = [b.start - a.end for a, b in zip(kept, kept[1:])]
    breaker = _Breaker(word_lists(language if language is not None else preset.language))
    return "\n".join(" ".join(line) for line in _best_lines(tokens, pauses, preset, breaker))


def _cue_text(words: Sequence[Word], pauses: Sequence[int], preset: Preset, breaker: _Breaker) -> str:
    tokens = [w.text for w in words]
    text = "\n".join(" ".join(line) for line in _best_lines(tokens, pauses, preset, breaker))
    if preset.french_typography:
        from .typography import french_typography

        text = french_typography(text)
    return text


def _is_clause_end(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_CLAUSE_END)


def ends_punctuated(text: str) -> bool:
    """True when text ends with sentence or clause punctuation: where Whisper's sentences may end
    (it often writes a comma where the speaker ended one)."""
    return _is_clause_end(text.rstrip()) or text.rstrip().rstrip(_CLOSERS).endswith((".", "?", "!"))


def sentence_spans(
    words: Sequence[Word], preset: Preset, pauses: Sequence[int] | None = None, language: str | None = None
) -> list[tuple[int, int, bool]]:
    """(first, end, whole) word index ranges cut at sentence ends and at pauses; ``whole`` is
    False for a clause cut out of a longer sentence.

    ``pauses[k - 1]`` is the silence (ms) between words k-1 and k (default: the gap between their
    times). Sentence ends cut; so does a pause of ``preset.pause_split_ms``, or of
    ``LONG_PAUSE_MS`` before a capital (Whisper's unpunctuated sentence end). A sentence that
    fits one cue stays whole. One that does not is cut after clause punctuation and a pause
    (``SOFT_PAUSE_MS``), or at a long pause, when each side could stand alone (characters,
    minimum duration, reading speed) and no function word is stranded: Whisper often writes a
    comma where a sentence ended, and the pause is what tells. Once cut, a rest that fits one
    cue is cut again only at a long pause.
    """
    if pauses is None:
        pauses = [b.start - a.end for a, b in zip(words, words[1:])]
    lists = word_lists(language if language is not None else preset.language)
    hard: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(words) + 1):
        if k == len(words):
            hard.append((first, k))
            break
        before, after = words[k - 1], words[k]
        if _is_punctuation(after.text):
            continue
        if (
            is_sentence_end(before.text, after.text)
            or pauses[k - 1] >= preset.pause_split_ms
            or (pauses[k - 1] >= LONG_PAUSE_MS and _starts_sentence(after.text) and not _strands(before.text, lists))
        ):
            hard.append((first, k))
            first = k
    spans: list[tuple[int, int, bool]] = []
    for first, end in hard:
        chars_before = [0]
        for w in words[first:end]:
            chars_before.append(chars_before[-1] + len(w.text) + 1)

        def may_cut(k: int, rest_fits: bool) -> bool:
            text, pause = words[k - 1].text, pauses[k - 1]
            clause_end = _is_clause_end(text)
            if _is_punctuation(words[k].text) or (not clause_end and _strands(text, lists)):
                return False
            # The rest of a cut sentence that fits one cue is cut again only at a long pause.
            return pause >= LONG_PAUSE_MS or (pause >= SOFT_PAUSE_MS and clause_end and not rest_fits)

        def strength(k: int) -> float:
            """How surely a sentence ended before word k: its pause, more when the next clause opens
            like a sentence ("et puis", "But", a capital)."""
            after = words[k].text
            opens = key_forms(after)[1] in lists.conjunctions or _starts_sentence(after)
            return pauses[k - 1] + (_OPENS_CLAUSE_MS if opens else 0)

        cut = first
        for k in range(first + 1, end):
            rest_fits = _fits_one_cue(words[cut:end], chars_before[end - first] - chars_before[cut - first] - 1, preset)
            if rest_fits and cut == first:
                break  # a sentence that fits one cue stays whole, commas and pauses notwithstanding
            if not may_cut(k, rest_fits):
                continue
            near = itertools.takewhile(
                lambda r: chars_before[r - first] - chars_before[k - first] < MIN_CLAUSE_CHARS, range(k + 1, end)
            )
            if any(may_cut(r, rest_fits) and strength(r) > strength(k) for r in near):
                continue  # too close to a likelier sentence end to take both: take that one
            pause = pauses[k - 1]
            left = chars_before[k - first] - chars_before[cut - first]
            right = chars_before[end - first] - chars_before[k - first]
            if (
                left >= MIN_CLAUSE_CHARS
                and right >= MIN_TAIL_CHARS
                and _readable(words[cut:k], pause, preset, left)
                and _readable(words[k:end], pauses[end - 1] if end < len(words) else math.inf, preset, right)
            ):
                spans.append((cut, k, False))
                cut = k
        spans.append((cut, end, cut == first))
    return spans


def _fits_one_cue(words: Sequence[Word], chars: int, preset: Preset) -> bool:
    """True when the words make one cue within the characters, lines and maximum duration."""
    lengths = [len(plain_text(w.text)) for w in words]
    return (
        chars <= preset.max_chars_per_line * preset.max_lines
        and words[-1].end - words[0].start <= preset.max_duration_ms
        and _fits(lengths, preset.max_chars_per_line, preset.max_lines)
    )


def _strands(text: str, lists: WordLists) -> bool:
    """True when a break after ``text`` would strand a function word from its phrase, or a
    conjunction from the clause it opens ("sauf que | le smartphone")."""
    whole, _, last = key_forms(text)
    return whole in lists.never_after or last in lists.never_after or whole in lists.conjunctions


def _starts_sentence(text: str) -> bool:
    """A capital that is not the pronoun "I": after a long pause, Whisper's unpunctuated sentence start."""
    core = text.lstrip(_OPENERS)
    return _is_capitalized(core) and core.split("'")[0].split("’")[0] != "I"


def _readable(words: Sequence[Word], pause_after: float, preset: Preset, chars: int) -> bool:
    """True when the words can stay up for the minimum duration within the reading speed,
    extended into the pause after them as the rules allow. Words too many for one cue are cut
    again anyway, and their speed is the speaker's: only the minimum duration counts for them."""
    last_end = words[-1].end
    shown = last_end + min(max(preset.max_extend_ms, preset.min_duration_ms), max(0.0, pause_after)) - words[0].start
    if shown < preset.min_duration_ms:
        return False
    if shown >= _READ_ANYWAY * preset.min_duration_ms or not _fits_one_cue(words, chars, preset):
        return True
    return chars * 1000.0 / shown <= preset.max_cps * _READABLE_CPS_SLACK


def heard_regions(
    regions: Sequence[tuple[int, int]] | None, words: Sequence[Word]
) -> list[tuple[int, int]] | None:
    """Speech regions with the words the detector missed added back as speech.

    An energy detector misses hoarse, quiet or creaky voices (real recordings, not synthetic
    ones): a "silence" that holds whole words Whisper heard is speech, and trusting it would
    put a long pause between every word of it.
    """
    if not regions:
        return None if regions is None else []
    regions = sorted(regions)
    starts = [a for a, _ in regions]
    missed: list[tuple[int, int]] = []
    for w in words:
        core0, core1 = w.start + _WORD_EDGE_MS, w.end - _WORD_EDGE_MS
        if core1 <= core0 or spoken_start(w) > w.start:
            continue  # a word stretched over a pause says nothing about where the speech is
        k = bisect_left(starts, core1)
        touched = any(a < core1 and b > core0 for a, b in regions[max(0, k - 2) : k + 1])
        if not touched:
            missed.append((w.start, w.end))
    if not missed:
        return list(regions)
    merged: list[list[int]] = []
    for a, b in sorted([*regions, *missed]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def spoken_start(word: Word) -> int:
    """Where a word is really spoken from: Whisper stretches a word that follows a pause back over
    the pause ("and" timed 16.59-18.33 s), so a word far longer than its letters allow starts late."""
    longest = _WORD_BASE_MS + _WORD_MS_PER_CHAR * len(word.text)
    return max(word.start, word.end - longest)


def word_pauses(words: Sequence[Word], regions: Sequence[tuple[int, int]] | None = None) -> list[int]:
    """The silence (ms) between each pair of neighbouring words: the words' gap (a stretched word
    taken at its spoken length), or the longer silence the audio shows between them when speech
    ``regions`` are given."""
    gaps = [max(0, spoken_start(b) - a.end) for a, b in zip(words, words[1:])]
    if not regions:
        return gaps
    silences = [(a[1], b[0]) for a, b in zip(regions, regions[1:]) if b[0] > a[1]]
    starts = [s for s, _ in silences]
    pauses: list[int] = []
    for (a, b), gap in zip(zip(words, words[1:]), gaps):
        # Only the silence between the words' middles is theirs: a silence that reaches past a
        # word's middle is mostly the pause on that word's other side.
        lo, hi = (a.start + a.end) // 2, (spoken_start(b) + b.end) // 2
        best = gap
        for g0, g1 in silences[max(0, bisect_left(starts, lo) - 1) :]:
            if g0 >= hi:
                break
            best = max(best, min(g1, hi) - max(g0, lo))
        pauses.append(best)
    return pauses


def _text_at(words: Sequence[Word], index: int) -> str:
    return words[index].text if index < len(words) else ""


def _shown_ms(start: int, last_end: int, latest_end: float, preset: Preset) -> float:
    """How long speech from ``start`` to ``last_end`` can stay up: extended into the silence after
    it (never past ``latest_end``) as far as the minimum duration or the reading-speed extension needs."""
    wanted = max(last_end + preset.max_extend_ms, start + preset.min_duration_ms)
    return max(last_end, min(wanted, latest_end)) - start


class _Splitter:
    """Splits one sentence into pieces that respect the preset, at the cheapest breaks."""

    def __init__(
        self,
        words: Sequence[Word],
        pauses: Sequence[int],
        preset: Preset,
        breaker: _Breaker,
        fps: float,
        next_start: float,
        max_words: int | None = None,
    ) -> None:
        self.words = words
        self.preset = preset
        self.max_words = max_words or len(words)
        self.lengths = [len(plain_text(w.text)) for w in words]
        self.gap_ms = preset.min_gap_ms(fps)
        self.next_start = next_start
        self.breaks = [
            breaker.cost(words[k - 1].text, words[k].text, pauses[k - 1], _text_at(words, k + 1))
            for k in range(1, len(words))
        ]

    def _chars(self, i: int, j: int) -> int:
        return sum(self.lengths[i:j]) + (j - i - 1)

    def _following(self, j: int) -> float:
        return self.words[j].start if j < len(self.words) else self.next_start

    def _room_end(self, j: int) -> float:
        """How late the piece ending before word ``j`` may stay on screen for reading speed."""
        last_end = self.words[j - 1].end
        return min(last_end + self.preset.max_extend_ms, max(last_end, self._following(j) - self.gap_ms))

    def shown_ms(self, i: int, j: int) -> float:
        """How long words[i:j] can stay up (see ``_shown_ms``)."""
        return _shown_ms(self.words[i].start, self.words[j - 1].end, self._following(j) - self.gap_ms, self.preset)

    def fits(self, i: int, j: int) -> bool:
        """True when words[i:j] make a cue within the hard limits (characters, lines, duration)."""
        p = self.preset
        if j - i == 1:
            return True  # a lone word is always allowed: there is nothing left to split
        if j - i > self.max_words:
            return False
        if self._chars(i, j) > p.max_chars_per_line * p.max_lines:
            return False
        if self.words[j - 1].end - self.words[i].start > p.max_duration_ms:
            return False
        return _fits(self.lengths[i:j], p.max_chars_per_line, p.max_lines)

    def cps_excess(self, i: int, j: int) -> float:
        """Characters per second above the preset's limit, with the out-time extended as far as allowed."""
        shown = max(1.0, self._room_end(j) - self.words[i].start)
        return max(0.0, self._chars(i, j) * 1000.0 / shown - self.preset.max_cps)

    def piece_cost(self, i: int, j: int) -> float:
        capacity = self.preset.max_chars_per_line * self.preset.max_lines
        cost = _COST_PIECE + _COST_BALANCE * (self._chars(i, j) / capacity) ** 2
        cost += _COST_CPS_EXCESS * self.cps_excess(i, j)
        if j - i == 1 and len(self.words) > 1:
            cost += _COST_PIECE_SHORT
        if self.shown_ms(i, j) < self.preset.min_duration_ms:
            cost += _COST_FLASH
        if j < len(self.words):
            cost += self.breaks[j - 1]
        return cost

    def split(self) -> list[tuple[int, int]]:
        """The cheapest pieces (index ranges) covering every word."""
        n = len(self.words)
        if self.fits(0, n):
            return [(0, n)]  # a sentence that fits stays whole, commas and pauses notwithstanding
        best = [0.0] + [math.inf] * n
        back = [0] * (n + 1)
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                if not self.fits(i, j):
                    if j - i > self.max_words or self._chars(i, j) > self.preset.max_chars_per_line * self.preset.max_lines:
                        break  # longer pieces only get longer
                    continue
                cost = best[i] + self.piece_cost(i, j)
                if cost < best[j]:
                    best[j], back[j] = cost, i
        pieces: list[tuple[int, int]] = []
        j = n
        while j > 0:
            pieces.append((back[j], j))
            j = back[j]
        return pieces[::-1]


def speech_regions_of(speech: object) -> list[tuple[int, int]] | None:
    """Regions from a speech analysis (anything with ``.regions``) or a plain list of (start, end)."""
    if speech is None:
        return None
    raw = getattr(speech, "regions", speech)
    return sorted((int(a), int(b)) for a, b in raw if b > a)  # type: ignore[union-attr]


def segment_words(
    words: Sequence[Word],
    preset: Preset,
    fps: float = DEFAULT_FPS,
    language: str | None = None,
    speech: object = None,
    max_words: int | None = None,
) -> list[Cue]:
    """Cues made from word-timed words: one sentence per cue where it fits, split within the limits where not.

    ``speech`` (a speech analysis with ``.regions``, or (start, end) ms pairs) lets pauses be
    measured in the audio instead of trusted from the word times. ``max_words`` caps the words
    of a cue (word-by-word captions). Each cue owns its words and spans them exactly (first word
    start to last word end); ``refine_timing`` then fits the edges to the audio and the rules.
    """
    kept = _pin_punctuation([w for w in words if w.text.strip()])
    lang = language if language is not None else preset.language
    breaker = _Breaker(word_lists(lang))
    pauses = word_pauses(kept, heard_regions(speech_regions_of(speech), kept))
    spans = sentence_spans(kept, preset, pauses, lang)
    pieces: list[tuple[int, int, bool]] = []
    for n, (first, end, whole) in enumerate(spans):
        next_start = kept[spans[n + 1][0]].start if n + 1 < len(spans) else math.inf
        split = _Splitter(kept[first:end], pauses[first : end - 1], preset, breaker, fps, next_start, max_words).split()
        pieces += [(first + i, first + j, whole and len(split) == 1) for i, j in split]
    cues: list[Cue] = []
    for first, end, second in _join_short_sentences(pieces, kept, pauses, preset, fps, max_words):
        piece = kept[first:end]
        if second is None:
            text = _cue_text(piece, pauses[first : end - 1], preset, breaker)
        else:  # two short sentences: one line each
            text = "\n".join(
                _cue_text(kept[a:b], pauses[a : b - 1], preset, breaker) for a, b in ((first, second), (second, end))
            )
        cues.append(Cue.create(piece[0].start, max(piece[-1].end, piece[0].start + 1), text, piece))
    return cues


def _pin_punctuation(words: list[Word]) -> list[Word]:
    """Words where a punctuation-only token ("?" in French) sits at the end of the word before it:
    Whisper times it as if it were spoken, which stretched cues over the pause after it."""
    pinned: list[Word] = []
    for w in words:
        if pinned and _is_punctuation(w.text):
            end = pinned[-1].end
            w = replace(w, start=end, end=end)
        pinned.append(w)
    return pinned


def _join_short_sentences(
    pieces: list[tuple[int, int, bool]],
    words: Sequence[Word],
    pauses: Sequence[int],
    preset: Preset,
    fps: float,
    max_words: int | None = None,
) -> list[tuple[int, int, int | None]]:
    """(first, end, second) word ranges of the cues, ``second`` where a second sentence starts.

    A whole sentence too short to read alone (under the minimum duration, or over the reading
    speed) shares a two-line cue with a neighbouring whole sentence, the nearer one first, when
    each fits one line ("And that should be all. / Thanks.").
    """
    gap = preset.min_gap_ms(fps)
    lengths = [len(plain_text(w.text)) for w in words]

    def chars(i: int, j: int) -> int:
        return sum(lengths[i:j]) + (j - i - 1)

    def too_short(i: int, j: int) -> bool:
        following = words[j].start if j < len(words) else math.inf
        shown = _shown_ms(words[i].start, words[j - 1].end, following - gap, preset)
        return shown < preset.min_duration_ms or chars(i, j) * 1000.0 / max(1.0, shown) > preset.max_cps

    cues: list[tuple[int, int, int | None]] = [(i, j, None) for i, j, _ in pieces]
    single = [whole and chars(i, j) <= preset.max_chars_per_line for i, j, whole in pieces]

    def joinable(k: int) -> bool:
        (i, m, _), (_, j, _) = cues[k], cues[k + 1]
        return (
            preset.max_lines >= 2
            and (max_words is None or j - i <= max_words)
            and single[k]
            and single[k + 1]
            and pauses[m - 1] < preset.pause_split_ms
            and words[j - 1].end - words[i].start <= preset.max_duration_ms
        )

    k = 0
    while k < len(cues):
        i, j, _ = cues[k]
        choices = [n for n in (k - 1, k) if 0 <= n < len(cues) - 1 and joinable(n)] if too_short(i, j) else []
        if not choices:
            k += 1
            continue
        n = min(choices, key=lambda c: pauses[cues[c][1] - 1])
        cues[n : n + 2] = [(cues[n][0], cues[n + 1][1], cues[n + 1][0])]
        single[n : n + 2] = [False]
        k = n + 1
    return cues


def _segment_words_from_text(segment_start: int, segment_end: int, text: str) -> list[Word]:
    """Words for a segment the engine gave without word times: times shared out by characters."""
    tokens = text.split()
    if not tokens:
        return []
    total = sum(len(t) + 1 for t in tokens)
    span = max(len(tokens), segment_end - segment_start)
    words: list[Word] = []
    cursor = 0
    for token in tokens:
        start = segment_start + span * cursor // total
        cursor += len(token) + 1
        end = segment_start + span * cursor // total
        words.append(Word(start, max(start + 1, end), token, 1.0, (FLAG_INTERPOLATED,)))
    return words


def cues_from_transcript(
    transcript: Transcript,
    preset: Preset,
    fps: float = DEFAULT_FPS,
    language: str | None = None,
    speech: object = None,
) -> list[Cue]:
    """Cues for a whole transcript (segments without word times get words interpolated by characters);
    ``speech`` as in ``segment_words``."""
    words: list[Word] = []
    for segment in transcript.segments:
        if segment.words:
            words.extend(segment.words)
        else:
            words.extend(_segment_words_from_text(segment.start, segment.end, segment.text))
    lang = language or transcript.language or preset.language
    return segment_words(words, preset, fps=fps, language=lang, speech=speech)
