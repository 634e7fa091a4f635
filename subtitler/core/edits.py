"""Pure edit operations on cues: each takes cue values and returns new ones, or raises EditError.

Nothing here touches a ``Document``: the UI's undo commands apply the results. Times come
from the word layer wherever a cue has one; only a cue without words falls back to times
proportional to characters (``textdiff.estimate_words``), and such a cue stays without words.
A cue keeps its id through an edit; a cue made by a split gets a new id. Every cue an edit
derives from another keeps that cue's style, speaker and format fields (ASS layer and margins,
WebVTT settings): both halves of a split, the merged cue (the first cue's), the cues a word
moves between. EditError messages are written for the user.

Structure (one cue, or neighbours passed in time order)::

    split_at_word(cue, index) -> (first, second)       # second starts with cue.words[index]
    split_at_cursor(cue, position) -> (first, second)  # character offset into cue.text
    split_at_time(cue, ms) -> (first, second)          # at the word boundary nearest to ms
    merge(first, second, *more) -> Cue                 # adjacent cues, in order
    move_first_word(previous, cue) -> (previous, cue)  # the word travels with its time
    move_last_word(cue, following) -> (cue, following)
    move_boundary(left, right, ms) -> (left, right)    # words crossing ms change cue

Timing::

    set_start(cue, ms, previous=None) -> Cue           # neighbours, when given, must not overlap
    set_end(cue, ms, following=None) -> Cue
    shift(cues, delta, all_cues=None) -> list[Cue]     # words shift too
    ripple(cues, at, delta) -> list[Cue]               # every cue starting at or after ``at``

Cues and text::

    insert_cue(cues, at, text="", duration=2000, end=None, gap=0, words=()) -> Cue
    delete(cues, doomed) -> list[Cue]                  # the cues that remain
    edit_text(cue, text) -> Cue                        # unchanged words keep their times
    text_from_words(cue) -> Cue                        # text rebuilt from words, one line

Validation (messages number cues from 1)::

    check_no_overlap(cues) -> None
    check_edit(cues, old, new) -> list[Cue]            # the list after replacing old by new, checked
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Sequence

from .errors import EditError
from .model import Cue, Word, new_cue_id, plain_text, words_text
from .textdiff import TextWord, align_words, estimate_words, text_words
from .timecode import format_clock

__all__ = [
    "DEFAULT_CUE_MS",
    "MIN_NEW_CUE_MS",
    "split_at_word",
    "split_at_cursor",
    "split_at_time",
    "merge",
    "move_first_word",
    "move_last_word",
    "move_boundary",
    "set_start",
    "set_end",
    "shift",
    "ripple",
    "insert_cue",
    "delete",
    "edit_text",
    "text_from_words",
    "check_no_overlap",
    "check_edit",
]

DEFAULT_CUE_MS = 2000
"""Length of a newly inserted cue when it fits before the next one."""
MIN_NEW_CUE_MS = 200
"""A new cue squeezed into a gap shorter than this is refused rather than made unreadable."""

_HTML_TAG_RE = re.compile(r"<\s*(/?)\s*([A-Za-z]+)[^>]*>")
_ANY_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}")
_LEADING_OVERRIDES_RE = re.compile(r"(?:\{[^}]*\})+")
_REOPENED_TAG_RE = re.compile(r"</([A-Za-z]+)>(\s+)<\1>")
_DIALOGUE_DASHES = ("-", "–", "—")
# Only ordinary spaces and line breaks: non-breaking spaces are typography and stay.
_LINE_SPACE_RE = re.compile(r"[ \t\r\n]+")


# --- the word layer of one cue ----------------------------------------------------------


class _Layout:
    """A cue's text words with one timed word each, real or (for a wordless cue) estimated."""

    def __init__(self, cue: Cue) -> None:
        self.cue = cue
        self.units: list[TextWord] = text_words(cue.text)
        self.has_words = bool(cue.words)
        if self.has_words:
            aligned = align_words(self.units, cue.words, cue.start, cue.end)
            self.words = tuple(w for w, _ in aligned)
            self.sources: list[int | None] = [source for _, source in aligned]
        else:
            self.words = estimate_words(cue.text, cue.start, cue.end)
            self.sources = list(range(len(self.words)))  # text word i is "word" i

    def __len__(self) -> int:
        return len(self.units)

    def layer(self, words: Sequence[Word]) -> tuple[Word, ...]:
        """What to store as a result's word layer: nothing when the cue had none."""
        return tuple(words) if self.has_words else ()


def _layer_for_join(cue: Cue) -> tuple[Word, ...]:
    return cue.words if cue.words else estimate_words(cue.text, cue.start, cue.end)


def _joined_words(cues: Sequence[Cue]) -> tuple[Word, ...]:
    # One cue with words makes the joined cue worded; its wordless parts get estimated words.
    if not any(c.words for c in cues):
        return ()
    return tuple(w for c in cues for w in _layer_for_join(c))


# --- text surgery -------------------------------------------------------------------------


def _open_tags(text: str) -> list[tuple[str, str]]:
    """(name, opening tag) of the HTML-style tags still open at the end of ``text``."""
    stack: list[tuple[str, str]] = []
    for match in _HTML_TAG_RE.finditer(text):
        name = match.group(2).lower()
        if not match.group(1):
            stack.append((name, match.group(0)))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == name:
                del stack[k]
                break
    return stack


def _split_text(text: str, units: Sequence[TextWord], k: int) -> tuple[str, str]:
    """``text`` cut between text words k-1 and k, tags closed and reopened on each side."""
    left_end, right_start = units[k - 1].end, units[k].start
    gap_tags = [m.group(0) for m in _ANY_TAG_RE.finditer(text, left_end, right_start)]
    closing = [t for t in gap_tags if (m := _HTML_TAG_RE.fullmatch(t)) and m.group(1)]
    opening = [t for t in gap_tags if t not in closing]
    left = text[:left_end] + "".join(closing)
    right = "".join(opening) + text[right_start:]
    still_open = _open_tags(left)
    left += "".join(f"</{name}>" for name, _ in reversed(still_open))
    right = "".join(tag for _, tag in still_open) + right
    # A leading {\an8} places the whole cue: both halves keep their place on screen.
    lead = _LEADING_OVERRIDES_RE.match(text)
    if lead and not right.startswith(lead.group(0)):
        right = lead.group(0) + right
    return left.strip(" \t\r\n"), right.strip(" \t\r\n")


def _join_text(first: str, second: str) -> str:
    """Two cue texts as one: a space between, a line break before a dialogue dash."""
    first, second = first.rstrip(" \t\r\n"), second.lstrip(" \t\r\n")
    if not first or not second:
        return first or second
    lead = _LEADING_OVERRIDES_RE.match(first)
    if lead and second.startswith(lead.group(0)):
        second = second[lead.end():]
    separator = "\n" if plain_text(second).lstrip().startswith(_DIALOGUE_DASHES) else " "
    return _REOPENED_TAG_RE.sub(r"\2", first + separator + second)


# --- split --------------------------------------------------------------------------------


def _split_layout(layout: _Layout, k: int) -> tuple[Cue, Cue]:
    cue = layout.cue
    if cue.duration < 2:
        raise EditError("The cue is too short to split.")
    left_text, right_text = _split_text(cue.text, layout.units, k)
    words = layout.words
    # The boundary sits where speech changes words; kept inside the cue so both halves exist.
    first_end = min(max(words[k - 1].end, cue.start + 1), cue.end - 1)
    second_start = min(max(words[k].start, first_end), cue.end - 1)
    first = cue.with_(end=first_end, text=left_text, words=layout.layer(words[:k]))
    # Everything else the cue carries (style, speaker, format fields) goes to both halves.
    second = cue.with_(id=new_cue_id(), start=second_start, text=right_text, words=layout.layer(words[k:]))
    return first, second


def _need_two_words(layout: _Layout) -> None:
    if len(layout) < 2:
        raise EditError("The cue has a single word: there is nothing to split.")


def split_at_word(cue: Cue, index: int) -> tuple[Cue, Cue]:
    """Split before ``cue.words[index]`` (a text word when the cue has no words); times from the words."""
    layout = _Layout(cue)
    _need_two_words(layout)
    count = len(cue.words) if layout.has_words else len(layout)
    if not 0 < index < count:
        raise EditError(f"Cannot split before word {index + 1}: each part needs at least one word.")
    k = next((u for u, source in enumerate(layout.sources) if source is not None and source >= index), len(layout))
    if not 0 < k < len(layout):
        raise EditError("Cannot split there: that word is not in the cue's text.")
    return _split_layout(layout, k)


def split_at_cursor(cue: Cue, position: int) -> tuple[Cue, Cue]:
    """Split where a text cursor stands in ``cue.text`` (inside a word: at its nearer edge)."""
    layout = _Layout(cue)
    _need_two_words(layout)
    position = max(0, min(position, len(cue.text)))
    for unit in layout.units:
        if unit.start < position < unit.end:
            position = unit.start if position - unit.start <= unit.end - position else unit.end
            break
    k = sum(1 for unit in layout.units if unit.end <= position)
    if not 0 < k < len(layout):
        raise EditError("Put the cursor between two words to split the cue.")
    return _split_layout(layout, k)


def split_at_time(cue: Cue, ms: int) -> tuple[Cue, Cue]:
    """Split at the word boundary nearest to ``ms``."""
    layout = _Layout(cue)
    _need_two_words(layout)
    words = layout.words
    k = min(range(1, len(words)), key=lambda j: abs((words[j - 1].end + words[j].start) / 2 - ms))
    return _split_layout(layout, k)


# --- merge and moving words ---------------------------------------------------------------


def merge(first: Cue, second: Cue, *more: Cue) -> Cue:
    """Adjacent cues (in time order) as one: the first's id and start, the last's end, all words."""
    cues = (first, second, *more)
    for a, b in zip(cues, cues[1:]):
        if b.start < a.start:
            raise EditError("Only cues next to each other, in time order, can be merged.")
    text = cues[0].text
    for cue in cues[1:]:
        text = _join_text(text, cue.text)
    return first.with_(end=max(c.end for c in cues), text=text, words=_joined_words(cues))


def _check_pair(left: Cue, right: Cue, what: str) -> None:
    if left.end > right.start:
        raise EditError(f"{what} would make the cues overlap ({format_clock(right.start)} < {format_clock(left.end)}).")
    for cue in (left, right):
        if cue.end <= cue.start:
            raise EditError(f"{what} would leave a cue with no time.")


def move_first_word(previous: Cue, cue: Cue) -> tuple[Cue, Cue]:
    """Give ``cue``'s first word, with its time, to ``previous``; ``cue`` starts at its next word."""
    layout = _Layout(cue)
    if len(layout) < 2:
        raise EditError("The cue has only one word: moving it would leave the cue empty (merge the cues instead).")
    head, tail = _split_layout(layout, 1)
    word = layout.words[0]
    new_previous = previous.with_(
        end=max(previous.end, word.end),
        text=_join_text(previous.text, head.text),
        words=_joined_words([previous, head]),
    )
    new_cue = cue.with_(start=max(cue.start, layout.words[1].start), text=tail.text, words=tail.words)
    _check_pair(new_previous, new_cue, "Moving the word")
    return new_previous, new_cue


def move_last_word(cue: Cue, following: Cue) -> tuple[Cue, Cue]:
    """Give ``cue``'s last word, with its time, to ``following``; ``cue`` ends at its previous word."""
    layout = _Layout(cue)
    if len(layout) < 2:
        raise EditError("The cue has only one word: moving it would leave the cue empty (merge the cues instead).")
    head, tail = _split_layout(layout, len(layout) - 1)
    word = layout.words[-1]
    new_following = following.with_(
        start=min(following.start, word.start),
        text=_join_text(tail.text, following.text),
        words=_joined_words([tail, following]),
    )
    new_cue = head.with_(end=min(cue.end, layout.words[-2].end))
    _check_pair(new_cue, new_following, "Moving the word")
    return new_cue, new_following


def move_boundary(left: Cue, right: Cue, ms: int) -> tuple[Cue, Cue]:
    """Move the end of ``left`` to ``ms`` and the start of ``right`` with it (their gap kept);
    words whose middle the boundary crosses change cue, with their times."""
    gap = max(0, right.start - left.end)
    if not left.start < ms or not ms + gap < right.end:
        raise EditError("The boundary cannot move past the start or end of the cues.")
    threshold = ms + gap / 2
    new_left, new_right = left.with_(end=ms), right.with_(start=ms + gap)
    giver = left if ms < left.end else right
    if not giver.words:
        return new_left, new_right
    layout = _Layout(giver)
    k = sum(1 for w in layout.words if (w.start + w.end) / 2 < threshold)
    if giver is left and k == 0:
        raise EditError("The boundary cannot move before the first word of the cue.")
    if giver is right and k == len(layout):
        raise EditError("The boundary cannot move past the last word of the cue.")
    if 0 < k < len(layout):
        head, tail = _split_layout(layout, k)
        if giver is left:
            new_left = new_left.with_(text=head.text, words=head.words)
            new_right = new_right.with_(text=_join_text(tail.text, right.text), words=_joined_words([tail, right]))
        else:
            new_left = new_left.with_(text=_join_text(left.text, head.text), words=_joined_words([left, head]))
            new_right = new_right.with_(text=tail.text, words=tail.words)
    return new_left, new_right


# --- timing -------------------------------------------------------------------------------


def set_start(cue: Cue, ms: int, previous: Cue | None = None) -> Cue:
    """``cue`` starting at ``ms``; refused before 0, at or after its end, or into ``previous``."""
    if ms < 0:
        raise EditError("A cue cannot start before 0:00.000.")
    if ms >= cue.end:
        raise EditError(f"The start must be before the end ({format_clock(cue.end)}).")
    if previous is not None and ms < previous.end:
        raise EditError(f"The cue would overlap the previous cue, which ends at {format_clock(previous.end)}.")
    return cue.with_(start=int(ms))


def set_end(cue: Cue, ms: int, following: Cue | None = None) -> Cue:
    """``cue`` ending at ``ms``; refused at or before its start, or into ``following``."""
    if ms <= cue.start:
        raise EditError(f"The end must be after the start ({format_clock(cue.start)}).")
    if following is not None and ms > following.start:
        raise EditError(f"The cue would overlap the next cue, which starts at {format_clock(following.start)}.")
    return cue.with_(end=int(ms))


def _shifted(cue: Cue, delta: int) -> Cue:
    return cue.with_(start=cue.start + delta, end=cue.end + delta, words=tuple(w.shifted(delta) for w in cue.words))


def shift(cues: Sequence[Cue], delta: int, all_cues: Sequence[Cue] | None = None) -> list[Cue]:
    """``cues`` moved by ``delta`` ms, words too; checked against the other cues of ``all_cues``."""
    moved = [_shifted(c, delta) for c in cues]
    for old, new in zip(cues, moved):
        if new.start < 0:
            raise EditError(
                f"Shifting by {delta} ms would move a cue before 0:00.000 (it starts at {format_clock(old.start)})."
            )
    if all_cues is not None:
        check_edit(all_cues, cues, moved)
    return moved


def ripple(cues: Sequence[Cue], at: int, delta: int) -> list[Cue]:
    """Every cue of ``cues`` (in time order) starting at or after ``at``, moved by ``delta`` ms with its words."""
    first = next((i for i, c in enumerate(cues) if c.start >= at), None)
    if first is None:
        raise EditError(f"No cue starts at or after {format_clock(at)}: nothing to shift.")
    moved = [_shifted(c, delta) for c in cues[first:]]
    if moved[0].start < 0:
        raise EditError(f"Cue {first + 1} would start before 0:00.000.")
    if first > 0 and moved[0].start < cues[first - 1].end:
        raise EditError(f"Cue {first + 1} would overlap cue {first}.")
    return moved


# --- cues and text ------------------------------------------------------------------------


def insert_cue(
    cues: Sequence[Cue],
    at: int,
    text: str = "",
    duration: int = DEFAULT_CUE_MS,
    end: int | None = None,
    gap: int = 0,
    words: Sequence[Word] = (),
) -> Cue:
    """A new cue starting at ``at`` in a gap of ``cues`` (in time order); to be inserted in time order.

    Without ``end`` it lasts ``duration`` ms, shortened to stop ``gap`` ms before the next cue.
    """
    if at < 0:
        raise EditError("A cue cannot start before 0:00.000.")
    for i, cue in enumerate(cues):
        if cue.start <= at < cue.end:
            raise EditError(f"Cue {i + 1} is already shown at {format_clock(at)}.")
    following = bisect.bisect_right([c.start for c in cues], at)
    limit = cues[following].start - gap if following < len(cues) else None
    if end is None:
        end = at + duration if limit is None else min(at + duration, limit)
        if end - at < MIN_NEW_CUE_MS:
            if limit is None:
                raise EditError(f"A new cue must last at least {MIN_NEW_CUE_MS} ms.")
            raise EditError(
                f"No room for a new cue at {format_clock(at)}: cue {following + 1} starts at "
                f"{format_clock(cues[following].start)}."
            )
    elif end <= at:
        raise EditError("The new cue must end after it starts.")
    elif limit is not None and end > limit:
        raise EditError(f"The new cue would overlap cue {following + 1}.")
    return Cue.create(at, end, text, words)


def delete(cues: Sequence[Cue], doomed: Iterable[Cue]) -> list[Cue]:
    """The cues that remain once ``doomed`` (matched by id) are gone."""
    ids = {c.id for c in doomed}
    if not ids:
        raise EditError("Select the cues to delete first.")
    missing = ids - {c.id for c in cues}
    if missing:
        raise EditError("Some of the cues to delete are no longer in the document.")
    return [c for c in cues if c.id not in ids]


def edit_text(cue: Cue, text: str) -> Cue:
    """``cue`` with new text; unchanged words keep their times, new ones are interpolated between them."""
    if not cue.words:
        return cue.with_(text=text)
    aligned = align_words(text_words(text), cue.words, cue.start, cue.end)
    return cue.with_(text=text, words=tuple(w for w, _ in aligned))


def text_from_words(cue: Cue) -> Cue:
    """``cue`` with its text rebuilt from its words on one line (a wordless cue's text joined onto one line)."""
    if cue.words:
        return cue.with_(text=words_text(cue.words))
    return cue.with_(text=_LINE_SPACE_RE.sub(" ", cue.text.replace("\\N", " ")).strip())


# --- validation ---------------------------------------------------------------------------


def _check_cue(cues: Sequence[Cue], i: int) -> None:
    cue = cues[i]
    if cue.start < 0:
        raise EditError(f"Cue {i + 1} would start before 0:00.000.")
    if cue.end <= cue.start:
        raise EditError(f"Cue {i + 1} would end before it starts.")


def _check_neighbours(cues: Sequence[Cue], i: int) -> None:
    if i + 1 < len(cues) and cues[i].end > cues[i + 1].start:
        raise EditError(f"Cue {i + 1} would overlap cue {i + 2}.")


def check_no_overlap(cues: Sequence[Cue]) -> None:
    """Raise EditError naming the first cue (from 1) with inverted times or overlapping its successor."""
    for i in range(len(cues)):
        _check_cue(cues, i)
        _check_neighbours(cues, i)


def check_edit(cues: Sequence[Cue], old: Sequence[Cue], new: Sequence[Cue]) -> list[Cue]:
    """The list ``cues`` after ``old`` is replaced by ``new`` (by id, new ids inserted in time order), checked.

    Only the changed cues and their neighbours are checked, so an untouched overlap elsewhere
    does not block an edit. Messages number cues as in the resulting list.
    """
    new_by_id = {c.id: c for c in new}
    gone = {c.id for c in old} - new_by_id.keys()
    known = {c.id for c in cues}
    result = [new_by_id.get(c.id, c) for c in cues if c.id not in gone]
    for cue in new:
        if cue.id not in known:
            result.insert(bisect.bisect_right([c.start for c in result], cue.start), cue)
    changed = set(new_by_id)
    for i, cue in enumerate(result):
        if cue.id in changed:
            _check_cue(result, i)
            if i > 0:
                _check_neighbours(result, i - 1)
            _check_neighbours(result, i)
    return result
