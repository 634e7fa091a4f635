"""Finding and repairing text that was mangled by a wrong decoding before it reached us.

UTF-8 text decoded as a Windows code page turns each accented letter into two or three
characters: "Café" becomes "CafÃ©" through Windows-1252 or Latin-1 and "présenté" becomes
"prĂ©sentĂ©" through Windows-1250 (Central European) or ISO-8859-16 (Latin-10, where "peut-être"
becomes "peut-ĂȘtre"). The repair encodes each suspicious
sequence back to bytes with that code page and decodes the bytes as UTF-8; only sequences
that form valid UTF-8 change.

A common extra twist: "à" is the bytes C3 A0, and A0 is the code pages' non-breaking space,
which editors turn into a plain space or strip at the end of a line ("Ă  la", "VoilĂ").
A lead character for C2/C3 followed by such a space or by a word end is repaired as if
the A0 were still there, but only in text that shows clear mojibake elsewhere, since
"Ă " is also real Romanian. When the A0 was stripped rather than turned into a space, the one
space left after the lead is the text's own ("Ă te lancer" is "à te lancer"): only a second
space, or closing punctuation that takes no space before it, shows that the space stood for A0.

Bytes 80-9F are control characters in Latin-1 and Latin-10, and software often drops them: the
second byte of a capital "Ç" or "É" (C3 87, C3 89) vanishes and "Ça va" arrives as "Ăa va".
A C3 lead at the start of a word, followed by a lower-case letter, is read as the capital
those letters allow: "Ç" before a, o, u (the only vowels it precedes), "É" otherwise.

Our own pass runs first (it handles the lost spaces precisely), then ftfy catches what it
left, such as text mixing several misreadings. The code page is chosen by a plausibility
score: how many unmistakable mojibake sequences (lead and continuation characters that
form valid UTF-8) remain after the repair; a repair that does not lower it is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

__all__ = ["CODEPAGES", "RepairSuggestion", "mojibake_score", "plan_repair", "repair_text", "suggest_repair"]

CODEPAGES = ("cp1252", "latin-1", "cp1250", "iso8859_16")
"""Code pages whose misreading of UTF-8 we detect and repair, in order of preference on a tie."""

_MAX_PASSES = 3  # text mangled twice needs two passes; more would be a pathological file
_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class RepairSuggestion:
    """Mangled text found on load: which misreading, how many cues would change, and examples."""

    codec: str
    changed: int
    examples: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        """One sentence for the user, with a preview of the first change."""
        before, after = self.examples[0]
        return (
            f"text looks like UTF-8 that was read as {self.codec}: "
            f"{self.changed} cue{'s' if self.changed != 1 else ''} would change, "
            f"e.g. {before!r} -> {after!r}"
        )


@dataclass(frozen=True, slots=True)
class _Codepage:
    byte_of: dict[str, int]
    strong: re.Pattern[str]
    any_seq: re.Pattern[str]


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


@lru_cache(maxsize=None)
def _codepage(codec: str) -> _Codepage:
    byte_of: dict[str, int] = {}
    for value in range(0x80, 0x100):
        try:
            byte_of[bytes([value]).decode(codec)] = value
        except UnicodeDecodeError:
            # Bytes a code page leaves undefined come through sloppy decoders as C1 controls.
            byte_of[chr(value)] = value
    by_range = {
        name: [ch for ch, b in byte_of.items() if lo <= b <= hi]
        for name, lo, hi in (("cont", 0x80, 0xBF), ("lead2", 0xC2, 0xDF), ("lead3", 0xE0, 0xEF), ("lead4", 0xF0, 0xF4))
    }
    cont, lead2 = _char_class(by_range["cont"]), _char_class(by_range["lead2"])
    lead3, lead4 = _char_class(by_range["lead3"]), _char_class(by_range["lead4"])
    c2, c3 = (re.escape(next(ch for ch, b in byte_of.items() if b == lead)) for lead in (0xC2, 0xC3))
    strong = f"{lead2}{cont}|{lead3}{cont}{{2}}|{lead4}{cont}{{3}}"
    # A lost A0 continuation: the space it became, or nothing at all where it was stripped
    # (before a space, a line end or the end of the text; the guard against letters keeps
    # "Ăsta" alone). After C2 (the NBSP itself) a space is the A0; after C3 ("à") a single
    # space is the text's own unless a second space or closing punctuation follows it.
    lost_a0 = rf"{c2}(?: |(?=[^\w]|\Z))|{c3}(?: (?=[ ,.)\]…])|(?=[^\w]|\Z))"
    # A lost C1 continuation of a capital: the C3 lead alone at a word start before a lower-case letter.
    lost_c1 = rf"(?<!\w){c3}(?=[^\W\d_A-Z])"
    return _Codepage(byte_of, re.compile(strong), re.compile(f"{strong}|{lost_a0}|{lost_c1}"))


_CEDILLA_VOWELS = frozenset("aou")


@lru_cache(maxsize=4096)
def _as_utf8(seq: str, codec: str, following: str = "") -> str | None:
    """What a matched sequence was before the misreading, or None when its bytes are not UTF-8.
    ``following`` is the letter after a lone C3 lead that lost its continuation. Cached: a file
    repeats the same few sequences thousands of times."""
    byte_of = _codepage(codec).byte_of
    if following:
        return "Ç" if following.lower() in _CEDILLA_VOWELS else "É"
    # A space stands for the lost non-breaking space (A0); a lone lead character lost it entirely.
    raw = bytes(0xA0 if ch == " " else byte_of[ch] for ch in seq)
    if len(seq) == 1:
        raw += b"\xa0"
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=1)
def _any_strong() -> re.Pattern[str]:
    """Every code page's unmistakable sequences in one pattern: text it does not match scores 0."""
    pages = [_codepage(codec).byte_of for codec in CODEPAGES]
    ranges = {name: _char_class(ch for page in pages for ch, b in page.items() if lo <= b <= hi)
              for name, lo, hi in (("cont", 0x80, 0xBF), ("lead2", 0xC2, 0xDF), ("lead3", 0xE0, 0xEF),
                                   ("lead4", 0xF0, 0xF4))}
    cont = ranges["cont"]
    return re.compile(f"{ranges['lead2']}{cont}|{ranges['lead3']}{cont}{{2}}|{ranges['lead4']}{cont}{{3}}")


def _evidence(text: str, codec: str) -> int:
    """Unmistakable mojibake sequences of this code page: they decode as valid UTF-8."""
    return sum(1 for match in _codepage(codec).strong.finditer(text) if _as_utf8(match.group(), codec) is not None)


def mojibake_score(text: str) -> int:
    """How mangled text looks: the number of unmistakable mojibake sequences of any code page."""
    if not _any_strong().search(text):
        return 0  # one scan instead of one per code page, for the common clean or repaired text
    return max(_evidence(text, codec) for codec in CODEPAGES)


def _own_pass(text: str, codec: str) -> str:
    def fix(match: re.Match[str]) -> str:
        seq = match.group()
        after = match.string[match.end() : match.end() + 1]
        lost_capital = len(seq) == 1 and after.isalpha()
        decoded = _as_utf8(seq, codec, after if lost_capital else "")
        return seq if decoded is None else decoded

    return _codepage(codec).any_seq.sub(fix, text)


def _ftfy_pass(text: str) -> str:
    import ftfy  # imported on demand: only mangled files need it

    return ftfy.fix_encoding(text)


def repair_text(text: str, codec: str) -> str:
    """The text with UTF-8-read-as-``codec`` sequences decoded back (our pass, then ftfy)."""
    if codec not in CODEPAGES:
        raise ValueError(f"unsupported code page {codec!r}")
    if text.isascii():
        return text  # every pattern, ours and ftfy's, needs a character above 7F
    clean = False  # whether ``text`` is known to score 0
    for _ in range(_MAX_PASSES):
        fixed = _own_pass(text, codec)
        if fixed == text and clean:
            break  # scoring it again would give 0 again
        clean = not mojibake_score(fixed)
        if not clean:
            fixed = _ftfy_pass(fixed)  # ftfy is slow: only for what our pass left
        if fixed == text:
            break
        text = fixed
    return text


def plan_repair(texts: Sequence[str]) -> tuple[RepairSuggestion, list[str]] | None:
    """The suggestion and every text repaired, when the texts show mojibake a code page explains."""
    joined = "\n".join(texts)
    evidence = {codec: _evidence(joined, codec) for codec in CODEPAGES}
    before = max(evidence.values())
    if before == 0:
        return None
    # Each candidate's repair is scored as it would be applied, text by text; lowest remaining
    # score wins, and on a tie the code page with the most evidence.
    repairs = {codec: [repair_text(text, codec) for text in texts] for codec in CODEPAGES if evidence[codec]}
    best_score, _, _, codec = min(
        (mojibake_score("\n".join(repaired)), -evidence[codec], CODEPAGES.index(codec), codec)
        for codec, repaired in repairs.items()
    )
    if best_score >= before:
        return None
    repaired = repairs[codec]
    changed = [(old, new) for old, new in zip(texts, repaired) if old != new]
    if not changed:
        return None
    return RepairSuggestion(codec, len(changed), tuple(changed[:_EXAMPLES])), repaired


def suggest_repair(texts: Sequence[str]) -> RepairSuggestion | None:
    """A repair suggestion when the texts show mojibake that a code page explains, else None."""
    plan = plan_repair(texts)
    return plan[0] if plan else None
