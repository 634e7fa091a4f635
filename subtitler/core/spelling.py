"""Spell checking of cue texts, offline, in the document's language, with a personal word list.

The word lists are pyspellchecker's (``spellchecker/resources/<lang>.json.gz``: frequency lists
built from subtitles, shipped inside the package, so inside the app's bundle too). Lookups are
ours: a word is known when it, its lower-case form, its form without a French elision (l', qu')
or each part of a hyphenated word is in the list or in the user's own words. Suggestions are the
known words one edit away, ranked by frequency, else the known words two edits away that start
with the same letter (pyspellchecker's own two-edit search can take seconds on a long word).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .model import Cue, Document

__all__ = [
    "Misspelling",
    "PersonalWords",
    "SUPPORTED_LANGUAGES",
    "Speller",
    "document_language",
    "next_misspelling",
    "word_spans",
]

SUPPORTED_LANGUAGES = ("ar", "de", "en", "es", "eu", "fa", "fr", "it", "lv", "nl", "pt", "ru")
"""Languages whose word lists pyspellchecker ships."""

_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}|\\[Nnh]")
# A word: letters, with apostrophes and hyphens inside it (aujourd'hui, peut-être, don't).
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ELISIONS = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "’": "'"})
MAX_SUGGESTIONS = 8


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A word not found: its span in the cue text and the word itself."""

    start: int
    end: int
    word: str


def document_language(document: Document) -> str:
    """The language to check a document in: its transcript's, else its preset's."""
    from .rules import document_preset

    if document.transcript is not None and document.transcript.language:
        return document.transcript.language.lower()
    return document_preset(document).language


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words of a cue text, formatting tags left out."""
    if "<" in text or "{" in text or "\\" in text:
        text = _TAG_RE.sub(lambda m: " " * len(m.group()), text)
    return [m.span() for m in _WORD_RE.finditer(text)]


class PersonalWords:
    """The user's own words, kept one per line in a UTF-8 text file; known in every language."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._words: set[str] = set()
        try:
            self._words = {w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()}
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError):
            pass  # an unreadable list checks as empty; adding a word rewrites it

    def __contains__(self, word: str) -> bool:
        return word.casefold() in self._words

    def add(self, word: str) -> None:
        """Remember ``word`` (written to the file at once; OSError when it cannot be)."""
        self._words.add(word.strip().casefold())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("".join(f"{w}\n" for w in sorted(self._words)), encoding="utf-8")
        tmp.replace(self.path)


def _fold(word: str) -> str:
    """Lower case without accents: the key two-edit suggestions are grouped by."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _within_two(a: str, b: str) -> int | None:
    """Levenshtein distance of ``a`` and ``b`` when it is at most 2, else None."""
    if abs(len(a) - len(b)) > 2:
        return None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > 2:
            return None
        previous = current
    return previous[-1] if previous[-1] <= 2 else None


class Speller:
    """Checks words against one language's word list and the user's words."""

    def __init__(self, language: str, personal: PersonalWords | Iterable[str] = ()) -> None:
        from spellchecker import SpellChecker

        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"No word list for language {language!r}")
        self.language = language
        checker = SpellChecker(language=language, distance=1)
        self._checker = checker
        self._known: Mapping[str, int] = checker.word_frequency.dictionary
        self.personal = personal if isinstance(personal, PersonalWords) else None
        self._extra = set() if isinstance(personal, PersonalWords) else {w.casefold() for w in personal}
        self._verdicts: dict[str, bool] = {}
        self._by_initial: dict[str, list[str]] | None = None

    # --- checking ------------------------------------------------------------------------
    def forget_verdicts(self) -> None:
        """Check every word afresh (after a word was added to the personal list)."""
        self._verdicts.clear()

    def is_known(self, word: str) -> bool:
        """Whether ``word`` is spelled right (or not worth checking: one letter, an acronym)."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._verdicts[word] = self._judge(word)
        return verdict

    def _judge(self, word: str) -> bool:
        if len(word) < 2 or (word.isupper() and len(word) <= 5):
            return True  # a letter, an acronym (BBC, NASA)
        if self._listed(word):
            return True
        plain = word.translate(_LIGATURES)
        if plain != word and self._listed(plain):
            return True
        if "'" in plain:
            head, _, rest = plain.partition("'")
            if head.lower() in _ELISIONS and self._listed(rest):
                return True
        if "-" in plain:
            return all(self._listed(part) or len(part) < 2 for part in plain.split("-"))
        return False

    def _listed(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._known or word in self._known or self._personal(word)

    def _personal(self, word: str) -> bool:
        return word.casefold() in self._extra or (self.personal is not None and word in self.personal)

    def misspellings(self, text: str) -> list[Misspelling]:
        """The words of a cue text that are not known, in order."""
        out = []
        for start, end in word_spans(text):
            word = text[start:end]
            if not self.is_known(word):
                out.append(Misspelling(start, end, word))
        return out

    # --- suggesting ----------------------------------------------------------------------
    def suggestions(self, word: str) -> list[str]:
        """Known words close to ``word``, the likeliest first, in its capitalisation."""
        lower = word.translate(_LIGATURES).lower()
        near = [w for w in self._checker.edit_distance_1(lower) if w in self._known]
        if not near:
            near = self._two_edits(lower)
        near.sort(key=lambda w: -self._known.get(w, 0))
        return [_like(word, w) for w in near[:MAX_SUGGESTIONS]]

    def _two_edits(self, lower: str) -> list[str]:
        if self._by_initial is None:
            groups: dict[str, list[str]] = {}
            for known in self._known:
                groups.setdefault(_fold(known[:1]), []).append(known)
            self._by_initial = groups
        return [w for w in self._by_initial.get(_fold(lower[:1]), []) if _within_two(lower, w) is not None]


def _like(original: str, suggestion: str) -> str:
    """``suggestion`` capitalised as ``original`` is."""
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def next_misspelling(
    cues: Sequence[Cue], speller: Speller, after: tuple[int, int] | None
) -> tuple[int, Misspelling] | None:
    """(row, misspelling) of the first unknown word after (row, position), wrapping round; None when none."""
    if not cues:
        return None
    row0, position = after if after is not None else (0, -1)
    row0 = min(max(row0, 0), len(cues) - 1)
    for step in range(len(cues) + 1):
        row = (row0 + step) % len(cues)
        for found in speller.misspellings(cues[row].text):
            if step == 0 and found.start <= position:
                continue
            if step == len(cues) and found.start > position:
                break
            return row, found
    return None
