"""Snapping: nearest target within tolerance, edge fitness, kind priority, frame grid fallback."""

from subtitler.core.model import Cue, Word
from subtitler.core.snapping import END, START, SnapCandidates, SnapTarget, drag_candidates, snap, snap_edges


def test_nearest_target_within_tolerance_wins() -> None:
    cands = SnapCandidates([SnapTarget(1000, "word"), SnapTarget(1030, "word"), SnapTarget(2000, "shot")])
    assert snap(1020, cands, 50) == (1030, SnapTarget(1030, "word"))
    assert snap(1500, cands, 50) == (1500, None)


def test_ties_go_to_the_more_meaningful_kind() -> None:
    cands = SnapCandidates([SnapTarget(990, "word"), SnapTarget(1010, "playhead")])
    t, target = snap(1000, cands, 50)
    assert (t, target.kind) == (1010, "playhead")


def test_targets_only_snap_the_edge_they_suit() -> None:
    cands = SnapCandidates([SnapTarget(1000, "speech", START), SnapTarget(1040, "speech", END)])
    assert snap(1010, cands, 50, END)[0] == 1040
    assert snap(1030, cands, 50, START)[0] == 1000


def test_frame_grid_is_the_fallback() -> None:
    cands = SnapCandidates([], frame_ms=40.0)
    t, target = snap(1013, cands, 30)
    assert (t, target.kind) == (1000, "frame")
    # 23.976 fps: frame edges are fractional; the snapped time is the rounded edge.
    t, _ = snap(1000, SnapCandidates([], frame_ms=1001 / 24), 30)
    assert t == 1001


def test_snap_edges_moves_a_block_by_its_nearest_edge() -> None:
    cands = SnapCandidates([SnapTarget(5000, "word"), SnapTarget(2990, "shot")])
    delta, target = snap_edges([(3000, START), (4980, END)], cands, 30)
    assert (delta, target.kind) == (-10, "shot")
    assert snap_edges([(100, START)], cands, 30) == (0, None)


def test_drag_candidates_skip_moving_neighbours_and_respect_the_window() -> None:
    a = Cue("a", 0, 1000, "one two", (Word(100, 400, "one"), Word(500, 900, "two")))
    b = Cue("b", 1500, 2500, "three", (Word(1600, 2400, "three"),))
    c = Cue("c", 90000, 91000, "far", (Word(90000, 91000, "far"),))
    cands = drag_candidates([a, b, c], ["b"], (0, 5000), 80, speech_regions=[(1580, 2450)], shot_changes=[1200])
    kinds = {(t.time, t.kind, t.edge) for t in cands.targets}
    assert (1080, "gap", START) in kinds  # after a, at the minimum gap
    assert not any(t.kind == "gap" and t.time in (1420, 2580) for t in cands.targets)  # b is moving
    assert (1600, "word", "any") in kinds and (1580, "speech", START) in kinds and (1200, "shot", "any") in kinds
    assert all(t.time < 5000 for t in cands.targets)
