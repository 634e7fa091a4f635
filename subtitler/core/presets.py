"""Subtitle rule presets (numbers from ../shared/RULES.md), every limit adjustable."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

__all__ = ["Preset", "PRESETS", "get_preset", "preset_for_language", "DEFAULT_PRESET", "DEFAULT_FPS"]

DEFAULT_FPS = 25.0
"""Frame rate assumed when the media's is unknown."""


@dataclass(frozen=True, slots=True)
class Preset:
    """The limits a cue must respect, named after the style guide they come from."""

    name: str
    label: str
    language: str = "en"
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_cps: float = 20.0
    min_duration_ms: int = 833
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    chain_gap_frames: int = 12
    max_extend_ms: int = 500
    pause_split_ms: int = 1500
    """A silence this long always ends a cue."""
    bottom_heavy: bool = False
    """Put the longer line at the bottom when a cue needs two lines."""
    french_typography: bool = False
    """Thin space before ? ! : ; and inside « » (applied by the French preset)."""

    def adjusted(self, **limits: object) -> "Preset":
        """A copy with some limits changed (``None`` values are ignored)."""
        known = {f.name for f in fields(self)}
        unknown = set(limits) - known
        if unknown:
            raise ValueError(f"unknown preset limit(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in limits.items() if v is not None})  # type: ignore[arg-type]

    def min_gap_ms(self, fps: float = DEFAULT_FPS) -> int:
        return int(round(self.min_gap_frames * 1000.0 / fps))

    def chain_gap_ms(self, fps: float = DEFAULT_FPS) -> int:
        return int(round(self.chain_gap_frames * 1000.0 / fps))


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("netflix-en", "Netflix English", language="en", max_cps=20.0),
        Preset(
            "netflix-fr",
            "Netflix French and other languages",
            language="fr",
            max_cps=17.0,
            french_typography=True,
        ),
        Preset(
            "bbc",
            "BBC online",
            language="en",
            max_chars_per_line=37,
            max_cps=16.5,  # 180 words/min at ~5.5 characters a word
            min_duration_ms=1000,
            max_duration_ms=7000,
            bottom_heavy=True,
        ),
    )
}
DEFAULT_PRESET = "netflix-en"
_LANGUAGE_PRESETS = {"fr": "netflix-fr"}


def preset_for_language(language: str | None) -> str:
    """The preset for speech in ``language`` when none was chosen: Netflix French for French."""
    return _LANGUAGE_PRESETS.get((language or "").lower(), DEFAULT_PRESET)


def get_preset(name: str) -> Preset:
    """Look a preset up by name, with a message that lists the known ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; known presets: {', '.join(PRESETS)}") from None
