"""English plural forms (singular, plural) for interface strings with %n, applied by update_translations.py.

The English source text is its own translation everywhere else; only "%n cues" needs telling
that one cue is "1 cue".
"""

from __future__ import annotations

ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "Delete %n cues": ("Delete %n cue", "Delete %n cues"),
    "%n cues": ("%n cue", "%n cues"),
    "No problems in %n cues": ("No problems in %n cue", "No problems in %n cues"),
    "%n problems · cues affected: %1 of %2": ("%n problem · cues affected: %1 of %2", "%n problems · cues affected: %1 of %2"),
    "Replaced %n matches in %1 cues; Undo puts them back.":
        ("Replaced %n match in %1 cues; Undo puts it back.", "Replaced %n matches in %1 cues; Undo puts them back."),
    "%n matches": ("%n match", "%n matches"),
    "%n words were UTF-8 read as %1": ("%n word was UTF-8 read as %1", "%n words were UTF-8 read as %1"),
    "the times of %n cues dropped": ("the times of %n cue dropped", "the times of %n cues dropped"),
    "%n line breaks joined": ("%n line break joined", "%n line breaks joined"),
    "%n labels: %1": ("%n label: %1", "%n labels: %1"),
    "Aligning %n words to %1…": ("Aligning %n word to %1…", "Aligning %n words to %1…"),
    "Aligned %n words into %1 cues.": ("Aligned %n word into %1 cues.", "Aligned %n words into %1 cues."),
    "%n words were not heard; the Quality list shows them.":
        ("%n word was not heard; the Quality list shows it.", "%n words were not heard; the Quality list shows them."),
    "%n changes proposed. Untick the ones you do not want, or apply them all.": (
        "%n change proposed. Untick it if you do not want it, or apply it.",
        "%n changes proposed. Untick the ones you do not want, or apply them all.",
    ),
    "Fixed %n cues; Undo reverts them.": ("Fixed %n cue; Undo reverts it.", "Fixed %n cues; Undo reverts them."),
    "Re-segmented %n places; Undo puts the cues back.":
        ("Re-segmented %n place; Undo puts the cues back.", "Re-segmented %n places; Undo puts the cues back."),
}
