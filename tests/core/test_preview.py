"""Previews of bulk changes: grouped by the cues they touch, with reasons; a selection applies alone."""

from __future__ import annotations

import pytest

from subtitler.core.errors import EditError
from subtitler.core.fixes import fix_cues
from subtitler.core.model import Cue
from subtitler.core.presets import get_preset
from subtitler.core.preview import accept, fix_preview, resegment_preview


def test_fix_preview_has_one_change_per_cue_with_every_reason() -> None:
    cues = [Cue.create(0, 1000, "Fast words read in one second"), Cue.create(3000, 5000, "Fine.")]
    result = fix_cues(cues, get_preset("netflix-en"))
    changes = fix_preview(cues, result)
    assert [c.label for c in changes] == ["#1"]
    assert changes[0].old == (cues[0],) and changes[0].new[0].end > cues[0].end
    assert any(r.startswith("CPS 29.0 > 20") for r in changes[0].reasons)


def test_resegment_groups_cues_that_overlap_in_time_and_skips_unchanged_ones() -> None:
    old = [Cue.create(0, 2000, "One. Two"), Cue.create(2000, 3000, "three."), Cue.create(5000, 6000, "Same.")]
    new = [Cue.create(0, 900, "One."), Cue.create(1000, 3000, "Two three."), Cue.create(5000, 6000, "Same.")]
    changes = resegment_preview(old, new, get_preset("netflix-en"))
    assert [c.label for c in changes] == ["#1–2"]  # "Two three." spans both old cues; "Same." is unchanged
    assert "#1: straddles a sentence end" in changes[0].reasons


def test_accepting_one_change_without_its_neighbour_is_refused_when_they_would_overlap() -> None:
    old = [Cue.create(0, 2000, "a"), Cue.create(2500, 4000, "b")]
    moved_a = old[0].with_(end=3000)
    moved_b = old[1].with_(start=3100)
    from subtitler.core.preview import ProposedChange

    first = ProposedChange((1,), (old[0],), (moved_a,), ("r",))
    second = ProposedChange((2,), (old[1],), (moved_b,), ("r",))
    with pytest.raises(EditError, match="Cue 1 would overlap cue 2"):
        accept(old, [first])
    assert accept(old, [first, second]) == [moved_a, moved_b]
    assert accept(old, [second]) == [old[0], moved_b]


def test_a_change_of_line_breaks_alone_says_so() -> None:
    old = [Cue.create(0, 4000, "And it cuts the words into subtitles\nthat follow the rules.")]
    new = [Cue.create(0, 4000, "And it cuts the words\ninto subtitles that follow the rules.")]
    (change,) = resegment_preview(old, new, get_preset("bbc"))
    assert change.reasons == ("lines broken again under BBC online",)
