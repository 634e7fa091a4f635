"""Cue text <-> word layer: which words a text holds, and where each sits in time.

A cue's text is split into *text words*: runs of visible characters between spaces and line
breaks, with formatting tags (``<i>``, ``{\\an8}``) skipped but kept inside the span.
Punctuation that stands alone (a dialogue dash, a French ``?`` after a plain space) has no time
of its own, so it is glued to its neighbour: one text word per spoken word.

``retime_words`` gives a new text its word layer from the old words: the normalized texts
(case and punctuation ignored) are diffed with ``difflib.SequenceMatcher``; matched words keep
their times, a one-for-one replacement (a typo fix) keeps the replaced word's time, and
everything else is spread over the time between its kept neighbours by character count and
flagged ``FLAG_INTERPOLATED``. Only cues without any words fall back to character-proportional
times for the whole text (``estimate_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from .model import FLAG_INTERPOLATED, Word

__all__ = ["TextWord", "normalize", "text_words", "retime_words", "estimate_words", "align_words", "spread_words"]

_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}")
_SEPARATORS = frozenset(" \t\r\n")
# Punctuation at these positions belongs to the word after it, not the one before.
_OPENERS = frozenset("«“‘„\"'([{¿¡")


_NOT_ALNUM_RE = re.compile(r"[\W_]+")
_PLAIN_TOKEN_RE = re.compile(r"[^ \t\r\n]+")


@lru_cache(maxsize=1 << 16)  # a document repeats its words: a Replace All over 2,000 cues asks ~50,000 times
def normalize(text: str) -> str:
    """The letters and digits of ``text``, case-folded: what two spellings of one word share."""
    return _NOT_ALNUM_RE.sub("", text.casefold())  # \W is exactly "not str.isalnum()", plus "_"


@dataclass(frozen=True, slots=True)
class TextWord:
    """One spoken word of a cue's text: its span ``text[start:end]`` and its visible text."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return normalize(self.text)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    line_start: bool


def _plain_tokens(text: str) -> list[_Token]:
    """``_tokens`` for text without tags or ASS line breaks: one regular-expression pass."""
    tokens = []
    previous_end = 0
    for found in _PLAIN_TOKEN_RE.finditer(text):
        between = text[previous_end : found.start()]
        tokens.append(_Token(found.start(), found.end(), found.group(), not tokens or "\n" in between or "\r" in between))
        previous_end = found.end()
    return tokens


def _tokens(text: str) -> list[_Token]:
    if "<" not in text and "{" not in text and "\\" not in text:
        return _plain_tokens(text)  # most cue texts; the loop below handles tags and \N
    tokens: list[_Token] = []
    chars: list[str] = []
    first = last = 0
    line_start = True
    i = 0
    while i <= len(text):
        tag = _TAG_RE.match(text, i) if i < len(text) else None
        if tag:
            i = tag.end()
            continue
        if i < len(text) and text.startswith(("\\N", "\\n"), i):
            ch, width = "\n", 2  # ASS hard line break written literally
        else:
            ch, width = (text[i] if i < len(text) else "\n"), 1
        if ch in _SEPARATORS:
            if chars:
                tokens.append(_Token(first, last, "".join(chars), line_start))
                chars = []
                line_start = False
            if ch in "\r\n":
                line_start = True
        else:
            if not chars:
                first = i
            chars.append(ch)
            last = i + width
        i += width
    return tokens


def _glue(a: TextWord, b: TextWord) -> TextWord:
    return TextWord(a.start, b.end, f"{a.text} {b.text}")


def text_words(text: str) -> list[TextWord]:
    """The spoken words of a cue text, in order, each with its span in ``text``."""
    out: list[TextWord] = []
    pending: list[TextWord] = []  # bare punctuation waiting for the word it opens
    for token in _tokens(text):
        word = TextWord(token.start, token.end, token.text)
        if normalize(token.text):
            for punct in reversed(pending):
                word = _glue(punct, word)
            pending = []
            out.append(word)
        elif out and not pending and not token.line_start and token.text[0] not in _OPENERS:
            out[-1] = _glue(out[-1], word)
        else:
            pending.append(word)
    if pending:
        if out:
            for punct in pending:
                out[-1] = _glue(out[-1], punct)
        else:
            glued = pending[0]
            for punct in pending[1:]:
                glued = _glue(glued, punct)
            out.append(glued)
    return out


def spread_words(texts: Sequence[str], start: int, end: int, flagged: bool = True) -> list[Word]:
    """Words for ``texts`` sharing [start, end] by character count, flagged interpolated unless not ``flagged``."""
    end = max(start, end)
    weights = [max(1, len(t)) for t in texts]
    total = sum(weights)
    out: list[Word] = []
    done = 0
    edge = start
    for text, weight in zip(texts, weights):
        done += weight
        nxt = start + round((end - start) * done / total)
        out.append(Word(edge, nxt, text, 1.0, (FLAG_INTERPOLATED,) if flagged else ()))
        edge = nxt
    return out


def estimate_words(text: str, start: int, end: int) -> tuple[Word, ...]:
    """Words for a cue that has none: its text words spread over [start, end] by characters."""
    return tuple(spread_words([w.text for w in text_words(text)], start, end))


def _user_flags(word: Word) -> tuple[str, ...]:
    # The user's text replaces what the engine heard; only "its time is a guess" still holds.
    return (FLAG_INTERPOLATED,) if FLAG_INTERPOLATED in word.flags else ()


def _opcodes(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """``SequenceMatcher`` opcodes, with the common head and tail matched first: an edit of one word
    in a long cue diffs only that word (and the head and tail keep their own times)."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle.get_opcodes()]
    if tail:
        codes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return codes


def _with_text(word: Word, text: str) -> Word:
    return word if word.text == text else replace(word, text=text)


def align_words(
    units: Sequence[TextWord], words: Sequence[Word], start: int, end: int
) -> list[tuple[Word, int | None]]:
    """One word per text word, each with the index of the old word it kept the time of (or None)."""
    if [u.text for u in units] == [w.text for w in words]:
        return [(w, i) for i, w in enumerate(words)]
    old = [normalize(w.text) for w in words]
    new = [u.key for u in units]
    out: list[tuple[Word, int | None]] = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            # The same word object when its text is unchanged (most words): no copy to make.
            out += [(_with_text(words[i1 + d], units[j1 + d].text), i1 + d) for d in range(j2 - j1)]
        elif op == "replace" and i2 - i1 == j2 - j1:
            out += [
                (replace(words[i1 + d], text=units[j1 + d].text, probability=1.0,
                         flags=_user_flags(words[i1 + d])), i1 + d)
                for d in range(j2 - j1)
            ]
        elif op == "replace":
            spread = spread_words([u.text for u in units[j1:j2]], words[i1].start, words[i2 - 1].end)
            out += [(w, None) for w in spread]
        elif op == "insert":
            lo = out[-1][0].end if out else start
            hi = words[i1].start if i1 < len(words) else end
            if not out:
                lo = min(lo, hi)
            elif i1 >= len(words):
                hi = max(hi, lo)
            elif hi < lo:  # overlapping neighbours: squeeze in where they meet
                lo = hi = (lo + hi) // 2
            out += [(w, None) for w in spread_words([u.text for u in units[j1:j2]], lo, hi)]
        # "delete": the words are gone from the text, so from the layer too.
    return out


def retime_words(text: str, words: Sequence[Word], start: int, end: int) -> tuple[Word, ...]:
    """The word layer for ``text`` given the ``words`` it had before (cue span [start, end])."""
    return tuple(w for w, _ in align_words(text_words(text), words, start, end))
