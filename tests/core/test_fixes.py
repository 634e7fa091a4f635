"""Automatic fixes: each fix, its reported reason, untouched clean cues, and text never reworded."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from subtitler.core.fixes import fix_cues
from subtitler.core.model import Cue, Word
from subtitler.core.presets import get_preset
from subtitler.core.rules import check_cues
from subtitler.core.typography import NBSP

EN = get_preset("netflix-en")
FR = get_preset("netflix-fr")


def cue(start: int, end: int, text: str = "Hello there.", words: tuple[Word, ...] = ()) -> Cue:
    return Cue("c%d" % start, start, end, text, words)


def times(cues: list[Cue]) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in cues]


def test_clean_cues_come_back_unchanged() -> None:
    # On the 25 fps grid, gaps of 2 frames or over 12, durations and reading speed within limits.
    clean = [cue(1000, 3000), cue(3080, 5000, "General Kenobi!"), cue(6000, 8000, "A line\nand another.")]
    result = fix_cues(clean, EN, 25)
    assert result.changes == []
    assert result.cues == clean
    assert check_cues(result.cues, EN, 25) == []


def test_too_long_line_is_rebroken_into_two() -> None:
    text = "This line is far too long to be read comfortably by anyone."
    result = fix_cues([cue(1000, 5000, text)], EN, 25)
    fixed = result.cues[0]
    assert fixed.text == "This line is far too long\nto be read comfortably by anyone."
    assert fixed.id == "c1000"
    [change] = result.changes
    assert change.rule == "cpl"
    assert str(change).startswith('#1 "This line is far too long to be read comfortably by anyone." -> ')
    assert "line 1 has 59 characters > 42; re-broken" in change.reason


def test_three_lines_that_fit_in_two_are_rebroken() -> None:
    result = fix_cues([cue(1000, 5000, "One short\nline and\na third.")], EN, 25)
    assert result.cues[0].text == "One short line and a third."  # one line holds it
    result = fix_cues([cue(1000, 5000, "One short line\nand a second one\nand a third one.")], EN, 25)
    assert result.cues[0].text.count("\n") == 1
    assert [c.rule for c in result.changes] == ["lines"]
    assert "3 lines > 2" in result.changes[0].reason


def test_text_too_long_for_the_cue_is_left_for_a_human() -> None:
    text = " ".join(["word"] * 40)  # 199 characters: no layout of 2 x 42 holds it
    result = fix_cues([cue(1000, 7000, text)], EN.adjusted(max_cps=100), 25)
    assert result.cues[0].text == text
    assert result.changes == []


def test_rebreaking_keeps_no_break_spaces_and_tags() -> None:
    text = f"<i>Il a dit\u00a0: « oui » et puis il est parti sans se retourner{NBSP}!</i>"
    result = fix_cues([cue(1000, 6000, text)], EN.adjusted(max_cps=100), 25)
    fixed = result.cues[0].text
    assert "\n" in fixed
    assert fixed.replace("\n", " ") == text
    assert "dit\u00a0:" in fixed and f"retourner{NBSP}!" in fixed


def test_french_typography_only_under_the_french_preset() -> None:
    cues = [cue(1000, 3000, "Quoi ? « Bonjour »")]
    assert fix_cues(cues, EN, 25).changes == []
    result = fix_cues(cues, FR, 25)
    assert result.cues[0].text.replace(NBSP, " ").replace("\u202f", " ") == "Quoi ? « Bonjour »"
    assert result.cues[0].text != "Quoi ? « Bonjour »"
    assert [c.rule for c in result.changes] == ["typography"]
    assert "␣" in result.changes[0].after


def test_short_cue_extends_into_free_time_or_as_far_as_the_next_allows() -> None:
    result = fix_cues([cue(1000, 1400, "Hi."), cue(5000, 6000, "Later.")], EN, 25)
    assert result.cues[0].end == 1840  # 833 ms rounded up to 21 frames
    assert str(result.changes[0]) == "#1 out 00:00:01,400 -> 00:00:01,840 (duration 400 ms < 833 ms; extended into free time)"
    result = fix_cues([cue(1000, 1400, "Hi."), cue(1800, 3000, "Later.")], EN, 25)
    assert result.cues[0].end == 1720  # 2 frames before the next cue
    assert "extended as far as free time allows" in result.changes[0].reason


def test_overlap_is_trimmed_to_the_minimum_gap() -> None:
    result = fix_cues([cue(1000, 3200), cue(3000, 5000, "Next.")], EN, 25)
    assert times(result.cues) == [(1000, 2920), (3000, 5000)]
    assert str(result.changes[0]) == "#1 out 00:00:03,200 -> 00:00:02,920 (overlapped #2 by 200 ms; ends 2 frames before it)"


def test_gap_under_the_minimum_is_widened() -> None:
    result = fix_cues([cue(1000, 2960), cue(3000, 5000, "Next.")], EN, 25)
    assert times(result.cues) == [(1000, 2920), (3000, 5000)]
    assert str(result.changes[0]) == "#1 gap 1 frame -> 2 frames (minimum gap)"


def test_small_gap_is_chained_and_larger_gap_left() -> None:
    result = fix_cues([cue(1000, 2680), cue(3000, 5000, "Next."), cue(5520, 7000, "Last one.")], EN, 25)
    assert times(result.cues) == [(1000, 2920), (3000, 5000), (5520, 7000)]  # 13 frames: not chained
    assert [str(c) for c in result.changes] == ["#1 gap 8 frames -> 2 frames (chaining)"]


def test_reading_speed_extension_is_bounded_and_all_or_nothing_without_audio() -> None:
    text = "A fairly fast line of text, here."  # 33 characters: 1650 ms at 20 cps
    result = fix_cues([cue(12000, 13200, text)], EN, 25)
    assert result.cues[0].end == 13680  # 1.2 s + 0.48 s: within the 0.5 s extension
    assert result.changes[0].rule == "cps" and "CPS 27.5 > 20" in result.changes[0].reason
    hopeless = [cue(12000, 12880, text)]  # would need 0.77 s more
    assert fix_cues(hopeless, EN, 25).cues == hopeless


def test_reading_speed_extension_counts_from_the_end_of_speech() -> None:
    text = "A fairly fast line of text, here."
    # Speech ends at 13.0 s: at most 13.5 s, even though the cue would need 13.68 s.
    result = fix_cues([cue(12000, 13200, text)], EN, 25, speech=[(12000, 13000)])
    assert result.cues[0].end == 13480
    words = (Word(12000, 12500, "A"), Word(12600, 12900, "here."))
    result = fix_cues([cue(12000, 13200, text, words)], EN, 25)
    assert result.cues[0].end == 13400  # 0.5 s past the last word


def test_edges_snap_to_the_frame_grid() -> None:
    result = fix_cues([cue(1013, 3007)], EN, 25)
    assert times(result.cues) == [(1000, 3000)]
    assert str(result.changes[0]) == (
        "#1 00:00:01,013 --> 00:00:03,007 -> 00:00:01,000 --> 00:00:03,000 (snapped to the 25 fps frame grid)"
    )
    assert fix_cues([cue(1001, 3003)], EN, 23.976).cues[0].start == 1001  # frame 24 at 23.976 fps


def test_edges_near_a_shot_change_snap_to_it() -> None:
    result = fix_cues([cue(960, 2000), cue(4000, 5880, "Before the cut.")], EN, 25, shot_changes=[1000, 6000])
    assert times(result.cues) == [(1000, 2000), (4000, 5920)]
    assert [c.rule for c in result.changes] == ["shot-change", "shot-change"]
    assert "shot change at 00:00:01,000" in result.changes[0].reason


def test_cues_come_back_in_time_order_with_their_ids() -> None:
    result = fix_cues([cue(5000, 6000, "Second."), cue(1000, 2000, "First.")], EN, 25)
    assert [c.id for c in result.cues] == ["c1000", "c5000"]


_WORD = st.text(alphabet="abcdefghij,.?!'", min_size=1, max_size=12)


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    count = draw(st.integers(1, 6))
    cues = []
    for n in range(count):
        start = draw(st.integers(0, 20000))
        length = draw(st.integers(1, 8000))
        words = draw(st.lists(_WORD, min_size=1, max_size=20))
        breaks = draw(st.lists(st.sampled_from([" ", " ", "\n"]), min_size=len(words), max_size=len(words)))
        text = "".join(w + b for w, b in zip(words, breaks)).strip()
        cues.append(Cue(f"id{n}", start, start + length, text))
    return cues


@settings(max_examples=200, deadline=None)
@given(cue_lists(), st.sampled_from([EN, FR, get_preset("bbc")]))
def test_text_is_never_reworded_and_a_second_run_changes_nothing(cues: list[Cue], preset: object) -> None:
    result = fix_cues(cues, preset, 25)  # type: ignore[arg-type]
    by_id = {c.id: c for c in cues}

    def words(text: str) -> list[str]:
        return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().split(" ")

    for fixed in result.cues:
        assert words(fixed.text) == words(by_id[fixed.id].text) or "".join(words(fixed.text)) == "".join(
            words(by_id[fixed.id].text)
        )
        assert fixed.end > fixed.start
    assert sorted(c.id for c in result.cues) == sorted(by_id)
    assert fix_cues(result.cues, preset, 25).changes == []  # type: ignore[arg-type]


def test_fixes_do_not_chain_a_sentence_end_that_ends_with_its_speech() -> None:
    spoken = (Word(1000, 1500, "Hello"), Word(1600, 2200, "there."))
    result = fix_cues([cue(1000, 2400, "Hello there.", spoken), cue(2800, 5000, "Next.")], EN, 25)
    assert times(result.cues) == [(1000, 2400), (2800, 5000)]
    assert not [c for c in result.changes if "chaining" in str(c)]
