"""How burned-in subtitles look: a style per rules preset, written as the ASS script libass draws.

Sizes are fractions of the frame height, so one style suits 360p and 4K alike; the script's
PlayResX/Y is the video's size, so the ASS values are pixels of that frame. Netflix's presets
draw white text with a black outline and a soft shadow; the BBC's, white text on a black box.
Cues keep their own placement (``{\\an8}`` on top, a WebVTT ``line:0``), as the ASS writer does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .formats import ass
from .formats.words import with_cues
from .model import Document

__all__ = ["BurnStyle", "style_for", "burn_script"]


@dataclass(frozen=True, slots=True)
class BurnStyle:
    """The look of burned-in text."""

    font: str = "Sans"
    """A font family name (fontconfig picks the closest installed one)."""
    size: float = 0.058
    """Font size as a fraction of the frame height."""
    outline: float = 0.0035
    """Outline thickness (or the box's padding) as a fraction of the frame height."""
    shadow: float = 0.002
    margin: float = 0.07
    """Distance from the bottom (or top) edge, as a fraction of the frame height."""
    box: bool = False
    """A black box behind the text instead of an outline."""
    bold: bool = False

    def adjusted(self, **changes: object) -> "BurnStyle":
        """A copy with some values changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


_STYLES = {
    "netflix-en": BurnStyle(),
    "netflix-fr": BurnStyle(),
    "bbc": BurnStyle(size=0.062, outline=0.006, shadow=0.0, margin=0.06, box=True),
}


def style_for(preset: str) -> BurnStyle:
    """The burn-in style that goes with a rules preset (the Netflix look for any other)."""
    return _STYLES.get(preset, BurnStyle())


def burn_script(document: Document, width: int, height: int, style: BurnStyle) -> str:
    """The ASS script to burn: the document's cues in ``style`` at the frame's size.

    A document read from an ASS file keeps its own script header (its styles and karaoke were
    authored for it); any other gets the style's.
    """
    import pysubs2

    if isinstance(document.extras.get("ass"), dict):
        return ass.write_ass(document)
    subs = pysubs2.SSAFile()
    subs.info.update({"PlayResX": str(width), "PlayResY": str(height), "ScaledBorderAndShadow": "yes", "WrapStyle": "0"})

    def px(fraction: float) -> float:
        return round(fraction * height, 1)

    margin = max(1, round(style.margin * height))
    subs.styles["Default"] = pysubs2.SSAStyle(
        fontname=style.font,
        fontsize=px(style.size),
        bold=style.bold,
        primarycolor=pysubs2.Color(255, 255, 255),
        outlinecolor=pysubs2.Color(0, 0, 0),
        backcolor=pysubs2.Color(0, 0, 0, 0 if style.box else 128),
        borderstyle=3 if style.box else 1,
        outline=px(style.outline),
        shadow=px(style.shadow),
        alignment=pysubs2.Alignment.BOTTOM_CENTER,
        marginl=max(1, round(0.1 * width)),
        marginr=max(1, round(0.1 * width)),
        marginv=margin,
    )
    header = subs.to_string("ass").split("\n[Events]", 1)[0].rstrip("\n") + "\n"
    # Every cue in the one style: a style name kept from elsewhere would fall back to libass's own look.
    cues = [cue.with_(style="Default") for cue in document.cues]
    styled = with_cues(document, cues)
    styled.extras = {**document.extras, "ass": {"format": "ass", "header": header}}
    return ass.write_ass(styled)
