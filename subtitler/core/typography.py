"""French typography: a non-breaking space before ? ! : ; and inside « », as French style guides ask.

Pure functions on cue text: formatting tags (``<i>``, ``{\\an8}``) are left untouched and are
transparent to the rules, so ``<i>Quoi</i> ?`` becomes ``<i>Quoi</i>\u00a0?``. Applying the
rules twice changes nothing.
"""

from __future__ import annotations

import re

from .presets import Preset

__all__ = ["NBSP", "NNBSP", "french_typography", "apply_typography"]

NBSP = "\u00a0"
"""No-break space: before ``:`` and inside guillemets."""
NNBSP = "\u202f"
"""Narrow no-break space: the typographer's choice before ``; ! ?``, when the font has it."""

_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}")
# Any of these between a word and its punctuation is replaced by the one right space.
_SPACES = frozenset(" \t\u00a0\u202f\u2009\u2007")
_HIGH = frozenset("?!;")


def _visible(text: str) -> list[int]:
    """Indices of the characters of ``text`` that lie outside formatting tags."""
    indices: list[int] = []
    pos = 0
    for match in _TAG_RE.finditer(text):
        indices.extend(range(pos, match.start()))
        pos = match.end()
    indices.extend(range(pos, len(text)))
    return indices


def _skip_spaces(text: str, vis: list[int], k: int, step: int) -> int:
    """From visible position ``k``, the next visible position in direction ``step`` that is not a space."""
    while 0 <= k < len(vis) and text[vis[k]] in _SPACES:
        k += step
    return k


def _keep_as_is(text: str, vis: list[int], k: int, prev: int) -> bool:
    """True where a punctuation mark is not French prose: 10:30, http://, &amp;, ?!, ..."""
    char = text[vis[k]]
    before = text[vis[prev]]
    after = text[vis[k + 1]] if k + 1 < len(vis) else ""
    if char in "?!" and before in "?!" and prev == k - 1:
        return True  # only the first mark of "?!" or "!!!" gets the space
    if char == ":" and prev == k - 1 and (
        (before.isdigit() and after.isdigit()) or text.startswith("//", vis[k] + 1)
    ):
        return True
    if char == ";" and prev == k - 1 and re.search(r"&#?\w+$", "".join(text[i] for i in vis[max(0, k - 10) : k])):
        return True
    return False


def french_typography(text: str, narrow: bool = False) -> str:
    """Put a no-break space before ? ! : ; and inside « » (``narrow`` uses U+202F before ? ! ;).

    U+00A0 is the default everywhere because every subtitle font and player renders it; the
    narrow space is typographically finer but shows as a box in fonts that lack it.
    """
    vis = _visible(text)
    remove: set[int] = set()
    insert_before: dict[int, str] = {}
    insert_after: dict[int, str] = {}
    for k, i in enumerate(vis):
        char = text[i]
        if char in _HIGH or char == ":" or char == "»":
            prev = _skip_spaces(text, vis, k - 1, -1)
            if prev < 0 or text[vis[prev]] in "\n«":
                continue  # nothing before it on this line: no space to add
            if char != "»" and _keep_as_is(text, vis, k, prev):
                continue
            spaces = [vis[j] for j in range(prev + 1, k)]
            remove.update(spaces)
            # The right space goes where the old one was, so it stays on the same side of any tag.
            insert_before[spaces[0] if spaces else i] = NNBSP if narrow and char in _HIGH else NBSP
        elif char == "«":
            nxt = _skip_spaces(text, vis, k + 1, 1)
            if nxt >= len(vis) or text[vis[nxt]] == "\n":
                continue
            spaces = [vis[j] for j in range(k + 1, nxt)]
            remove.update(spaces)
            if spaces:
                insert_before[spaces[0]] = NBSP
            else:
                insert_after[i] = NBSP
    if not remove and not insert_before and not insert_after:
        return text
    out: list[str] = []
    for i, char in enumerate(text):
        out.append(insert_before.get(i, ""))
        if i not in remove:
            out.append(char)
        out.append(insert_after.get(i, ""))
    return "".join(out)


def apply_typography(text: str, preset: Preset) -> str:
    """The text with the typography the preset asks for (French rules when ``preset.french_typography``)."""
    return french_typography(text) if preset.french_typography else text
