"""Transcripts people already have, cleaned up for alignment: each step reported and reversible.

The input is text in any encoding (auto-captions, a podcast's published transcript, a script)
or an SRT/VTT file whose times are to be replaced. The clean-up runs in a fixed order, and
every step is reported with how much it changed and a few examples, so an editor can show it;
each can be turned off in ``ImportOptions`` and the import run again from the same bytes,
which is how a step is undone:

- ``encoding``: how the bytes were decoded (BOM, UTF-8, then Western fallbacks);
- ``mojibake``: UTF-8 that was read with a wrong code page, repaired (Latin-10 included);
- ``times``: SRT/VTT cue numbers, times and tags dropped (the audio gives new times);
- ``lines``: line breaks inside a speaker turn joined (captions break every few words);
- ``speakers``: ``Speaker #0``, ``NAME:``, a leading dialogue dash, ``<v Name>`` read as turns;
- ``sounds``: ``[Musique]``, ``[Rires]``, ``(applause)`` kept as sound events or dropped;
- ``fillers``: "euh", "um" kept or removed.

The result is a list of tokens (words and sound events) carrying their speaker turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .formats.encoding import decode
from .formats.mojibake import plan_repair

__all__ = [
    "ImportOptions",
    "CleanupStep",
    "Token",
    "Turn",
    "ImportedTranscript",
    "import_transcript",
    "import_text",
    "FILLERS",
    "is_punctuated",
]

FILLERS = frozenset(
    {"euh", "heu", "hum", "bah", "ben", "um", "uh", "erm", "er", "hmm", "mm", "mhm", "uhm", "ah", "eh"}
)
"""Hesitations a subtitle usually leaves out."""

SOUND_WORDS = frozenset(
    {
        "music", "musique", "applause", "applaudissements", "laughter", "laughs", "laughing", "rires",
        "rire", "inaudible", "silence", "noise", "bruit", "bruits", "cough", "coughs", "toux", "sighs",
        "soupir", "crosstalk", "indistinct", "chuckles", "cheering", "sniffs", "generique", "générique",
    }
)
"""What a parenthesis holds when it is a sound, not an aside ("(applause)", "(rires)")."""

_SAMPLES = 3
_TIMING_LINE = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->")
_CUE_NUMBER = re.compile(r"^\s*\d+\s*$")
_MARKUP = re.compile(r"</?(?:i|b|u|c|lang|ruby|rt)(?:\.[^>\s]*)?(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_VOICE_END = re.compile(r"</v>", re.IGNORECASE)
_GENERIC_SPEAKER = re.compile(
    r"^\s*((?:speaker|intervenant|locuteur|interlocuteur|spk)[ _]?#?\s*\d+)\s*:?\s*", re.IGNORECASE
)
_NAMED_SPEAKER = re.compile(r"^\s*((?:[A-ZÀ-Þ][\w'’.-]*)(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3})\s*:\s+(?=\S)")
_DASH_TURN = re.compile(r"^\s*[-–—]\s+(?=\S)")
_SOUND_TAG = re.compile(r"\[[^\[\]\n]{1,60}\]|♪[^♪\n]{0,60}♪|\(([^()\n]{1,40})\)")
_WORD_CHARS = re.compile(r"[\w]+")


@dataclass(frozen=True)
class ImportOptions:
    """Which clean-up steps run, and how."""

    encoding: str | None = None
    """Force a text encoding; None detects it."""
    repair: bool = True
    """Repair UTF-8 text that was read with a wrong code page."""
    join_lines: bool = True
    speakers: bool = True
    """Read speaker labels and dialogue dashes as speaker turns."""
    keep_sounds: bool = True
    """Keep [Musique], (applause) ... as sound events; False drops them."""
    keep_fillers: bool = True
    """Keep "euh", "um" ...; False removes them."""


@dataclass(frozen=True)
class CleanupStep:
    """One clean-up step as it ran: its name, whether it changed the text, how much, and examples."""

    name: str
    applied: bool
    count: int
    detail: str = ""
    """What it found, for the user: the encoding used, the code page repaired ..."""
    examples: tuple[tuple[str, str], ...] = ()
    """(before, after) pairs of short excerpts."""


@dataclass(frozen=True)
class Token:
    """One word of the transcript, or one sound event (``sound``), with its speaker turn."""

    text: str
    turn: int = 0
    """Index of the speaker turn it belongs to."""
    sound: bool = False


@dataclass(frozen=True)
class Turn:
    """A speaker turn: who speaks (empty when only a dash or a paragraph marked the change)."""

    speaker: str


@dataclass(frozen=True)
class ImportedTranscript:
    """A transcript read and cleaned up: the text as read, the tokens, the turns and the steps."""

    source: str
    """The decoded text before any clean-up (kept so the import can be redone with other options)."""
    encoding: str
    tokens: tuple[Token, ...]
    turns: tuple[Turn, ...]
    steps: tuple[CleanupStep, ...]
    options: ImportOptions = ImportOptions()

    @property
    def words(self) -> list[Token]:
        """The spoken tokens (sound events left out): what is aligned to the audio."""
        return [t for t in self.tokens if not t.sound]

    @property
    def text(self) -> str:
        """The cleaned text: one paragraph per turn, "Speaker: " before each named one."""
        paragraphs: list[str] = []
        current = -1
        for token in self.tokens:
            if token.turn != current or not paragraphs:
                current = token.turn
                speaker = self.turns[current].speaker if self.turns else ""
                paragraphs.append(f"{speaker}: " if speaker else "")
                paragraphs[-1] += token.text
            else:
                paragraphs[-1] += " " + token.text
        return "\n\n".join(paragraphs)

    def step(self, name: str) -> CleanupStep | None:
        """The step called ``name``, if it ran."""
        return next((s for s in self.steps if s.name == name), None)


def is_punctuated(words: Iterable[str]) -> bool:
    """True when the text ends its sentences with punctuation (at least one in 40 words)."""
    words = list(words)
    ends = sum(1 for w in words if w.rstrip("\"'»”)]").endswith((".", "?", "!", "…")))
    return bool(words) and ends * 40 >= len(words)


def _changed_words(before: str, after: str) -> tuple[int, tuple[tuple[str, str], ...]]:
    """How many words changed between two versions of a text, and the first few distinct changes."""
    old, new = before.split(), after.split()
    if len(old) != len(new):
        return 1, ((before[:60], after[:60]),)
    pairs = [(a, b) for a, b in zip(old, new) if a != b]
    return len(pairs), tuple(dict.fromkeys(pairs))[:_SAMPLES]


def _strip_timed_cues(text: str) -> tuple[str, int]:
    """The text of an SRT/VTT file without its header, numbers, times and markup; cues become paragraphs."""
    out: list[str] = []
    cues = 0
    skipping = False  # inside the header, a NOTE, a STYLE or a REGION block
    block_start = True
    for n, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if not stripped:
            skipping, block_start = False, True
            out.append("")
            continue
        if (n == 0 and stripped.startswith("WEBVTT")) or (block_start and stripped.startswith(("NOTE", "STYLE", "REGION"))):
            skipping = True
        block_start = False
        if skipping:
            continue
        if _TIMING_LINE.match(stripped):
            cues += 1
            if out and _CUE_NUMBER.match(out[-1]):
                out.pop()
            out.append("")
            continue
        line = _VOICE_END.sub("", line)
        line = _VOICE.sub(lambda m: f"{m.group(1).strip()}: ", line)
        out.append(_MARKUP.sub("", line).replace("\\N", "\n").replace("\\n", "\n"))
    return "\n".join(out), cues


def _is_timed(text: str) -> bool:
    return sum(1 for line in text.splitlines()[:200] if _TIMING_LINE.match(line)) >= 2 or text.lstrip().startswith("WEBVTT")


@dataclass
class _Paragraph:
    speaker: str
    lines: list[str]
    labelled: bool


def _split_turns(text: str, read_speakers: bool) -> tuple[list[_Paragraph], int]:
    """Paragraphs by speaker turn: a label or a dash starts a turn; a blank line starts one only
    in a transcript that has labels (elsewhere it is just a paragraph of the same speaker)."""
    has_labels = read_speakers and any(
        _GENERIC_SPEAKER.match(line) or _NAMED_SPEAKER.match(line) or _DASH_TURN.match(line)
        for line in text.splitlines()
    )
    paragraphs: list[_Paragraph] = [_Paragraph("", [], False)]
    labels = 0
    for line in text.splitlines():
        if not line.strip():
            if has_labels and paragraphs[-1].lines:
                paragraphs.append(_Paragraph(paragraphs[-1].speaker, [], False))
            continue
        if read_speakers:
            match = _GENERIC_SPEAKER.match(line) or _NAMED_SPEAKER.match(line)
            if match:
                labels += 1
                if paragraphs[-1].lines or paragraphs[-1].labelled:
                    paragraphs.append(_Paragraph("", [], False))
                paragraphs[-1] = _Paragraph(" ".join(match.group(1).split()), [], True)
                line = line[match.end() :]
            elif _DASH_TURN.match(line):
                labels += 1
                if paragraphs[-1].lines:
                    paragraphs.append(_Paragraph("", [], True))
                line = _DASH_TURN.sub("", line, count=1)
        if line.strip():
            paragraphs[-1].lines.append(line.strip())
    return [p for p in paragraphs if p.lines], labels


def _sound_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SOUND_TAG.finditer(text):
        inner = match.group(1)
        if inner is not None:
            # A parenthesis is a sound only when it names one ("(applause)"), not an aside.
            words = _WORD_CHARS.findall(inner.lower())
            if not words or len(words) > 3 or not any(w in SOUND_WORDS for w in words):
                continue
        spans.append(match.span())
    return spans


def _tokens_of(text: str, turn: int) -> list[Token]:
    """Words and sound events of one turn's text, in order."""
    tokens: list[Token] = []
    cursor = 0
    for start, end in _sound_spans(text):
        tokens += [Token(w, turn) for w in text[cursor:start].split()]
        tokens.append(Token(" ".join(text[start:end].split()), turn, sound=True))
        cursor = end
    tokens += [Token(w, turn) for w in text[cursor:].split()]
    return tokens


def _is_filler(word: str) -> bool:
    core = word.strip(",.;:!?…\"'«»“”()").lower()
    return core in FILLERS


def _drop_fillers(tokens: list[Token]) -> list[Token]:
    """Tokens without fillers; a filler's trailing punctuation moves to the word before it."""
    out: list[Token] = []
    for token in tokens:
        if token.sound or not _is_filler(token.text):
            out.append(token)
            continue
        tail = token.text[len(token.text.rstrip(".?!…")) :]
        if tail and out and not out[-1].sound and not out[-1].text.endswith((".", "?", "!", "…")):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip(",;:") + tail)
    return out


def import_text(text: str, options: ImportOptions = ImportOptions(), encoding: str = "", steps: Sequence[CleanupStep] = ()) -> ImportedTranscript:
    """Clean up a transcript already decoded to text (see the module docstring for the steps)."""
    source = text
    done = list(steps)
    plan = plan_repair([text])
    if plan is not None:
        suggestion, (repaired,) = plan
        count, examples = _changed_words(text, repaired)
        done.append(CleanupStep("mojibake", options.repair, count, suggestion.codec, examples))
        if options.repair:
            text = repaired
    if _is_timed(text):
        text, cues = _strip_timed_cues(text)
        done.append(CleanupStep("times", True, cues))
    paragraphs, labels = _split_turns(text, options.speakers)
    done.append(CleanupStep("speakers", options.speakers and labels > 0, labels,
                            ", ".join(sorted({p.speaker for p in paragraphs if p.speaker}))))
    joined = sum(max(0, len(p.lines) - 1) for p in paragraphs)
    if not options.join_lines:
        # Each line its own paragraph: the text as it was laid out, one turn per line.
        paragraphs = [_Paragraph(p.speaker, [line], p.labelled) for p in paragraphs for line in p.lines]
    done.append(CleanupStep("lines", options.join_lines and joined > 0, joined if options.join_lines else 0))
    turns: list[Turn] = []
    tokens: list[Token] = []
    for paragraph in paragraphs:
        if not turns or paragraph.labelled or paragraph.speaker != turns[-1].speaker:
            turns.append(Turn(paragraph.speaker))
        tokens += _tokens_of(" ".join(paragraph.lines), len(turns) - 1)
    sounds = [t.text for t in tokens if t.sound]
    if not options.keep_sounds:
        tokens = [t for t in tokens if not t.sound]
    done.append(CleanupStep("sounds", bool(sounds) and not options.keep_sounds, len(sounds),
                            ", ".join(dict.fromkeys(sounds))))
    fillers = [t.text for t in tokens if not t.sound and _is_filler(t.text)]
    if not options.keep_fillers:
        tokens = _drop_fillers(tokens)
    done.append(CleanupStep("fillers", bool(fillers) and not options.keep_fillers, len(fillers),
                            ", ".join(dict.fromkeys(f.lower() for f in fillers))))
    return ImportedTranscript(source, encoding, tuple(tokens), tuple(turns), tuple(done), options)


def import_transcript(data: bytes, name: str, options: ImportOptions = ImportOptions()) -> ImportedTranscript:
    """Read a transcript file's bytes and clean them up; FormatError for binary or empty data."""
    text, used = decode(data, name, options.encoding)
    step = CleanupStep("encoding", used not in ("utf-8", "utf-8-sig"), 0, used)
    imported = import_text(text.replace("\r\n", "\n").replace("\r", "\n"), options, used, [step])
    return imported
