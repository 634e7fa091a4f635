"""Every quality rule fires when it should, stays quiet when it should not, and says why."""

from __future__ import annotations

import pytest

from subtitler.core.model import FLAG_HALLUCINATION, Cue, Document, MediaRef, Word
from subtitler.core.presets import Preset, get_preset
from subtitler.core.rules import (
    ERROR,
    INFO,
    RULES,
    Finding,
    check_cues,
    check_document,
    document_preset,
    preset_changes,
    summarize,
)

EN = get_preset("netflix-en")  # 42 chars, 2 lines, 20 cps, 833..7000 ms, gap 2 frames, chain 12 frames
FPS = 25.0  # one frame = 40 ms: min gap 80 ms, chain threshold 480 ms


def cue(start: int, end: int, text: str, words: tuple[Word, ...] = ()) -> Cue:
    return Cue.create(start, end, text, words)


def rules_of(findings: list[Finding], rule: str | None = None) -> list[Finding]:
    return [f for f in findings if rule is None or f.rule == rule]


def only(cues: list[Cue], rule: str, preset: Preset = EN, **kwargs: object) -> list[Finding]:
    return rules_of(check_cues(cues, preset, fps=FPS, **kwargs), rule)  # type: ignore[arg-type]


def test_clean_cues_have_no_findings() -> None:
    cues = [cue(1000, 3000, "Hello there."), cue(3080, 5000, "General Kenobi!"), cue(8000, 10000, "Bye.")]
    assert check_cues(cues, EN, fps=FPS) == []


def test_characters_per_line_quotes_the_line() -> None:
    long_line = "This line is certainly longer than forty-two"
    (found,) = only([cue(0, 5000, f"Short\n{long_line}")], "cpl")
    assert found.message == f'line 2 has {len(long_line)} characters > 42: "{long_line}"'
    assert found.severity == ERROR and found.fixable and found.cue_index == 0
    assert only([cue(0, 5000, "x" * 42)], "cpl") == []


def test_tags_do_not_count_as_characters() -> None:
    assert only([cue(0, 5000, "<i>" + "x" * 40 + "</i>")], "cpl") == []


def test_number_of_lines() -> None:
    (found,) = only([cue(0, 5000, "one\ntwo\nthree")], "lines")
    assert found.message == "3 lines > 2"
    assert only([cue(0, 5000, "one\ntwo")], "lines") == []


def test_reading_speed_message_and_limit_from_preset() -> None:
    text = "x" * 37  # 37 chars over 1.6 s = 23.1 cps
    (found,) = only([cue(0, 1600, text)], "cps", get_preset("netflix-fr"))
    assert found.message == "CPS 23.1 > 17"
    assert only([cue(0, 1850, text)], "cps") == []  # 20.0 cps is within netflix-en's 20


def test_reading_speed_fixable_only_when_the_out_time_can_move() -> None:
    text = "x" * 44  # needs 2200 ms at 20 cps
    free = only([cue(0, 2000, text)], "cps")
    blocked = only([cue(0, 2000, text), cue(2100, 4000, "next")], "cps")
    assert free[0].fixable and not blocked[0].fixable


def test_minimum_and_maximum_duration() -> None:
    (short,) = only([cue(0, 500, "Hi.")], "min-duration")
    assert short.message == "duration 500 ms < 833 ms" and short.fixable
    (long,) = only([cue(0, 7500, "A long time.")], "max-duration")
    assert long.message == "duration 7500 ms > 7000 ms"
    assert only([cue(0, 833, "Hi.")], "min-duration") == []
    assert only([cue(0, 7000, "Hi.")], "max-duration") == []


def test_minimum_duration_not_fixable_when_the_next_cue_is_in_the_way() -> None:
    (found,) = only([cue(0, 500, "Hi."), cue(600, 2000, "There.")], "min-duration")
    assert not found.fixable


def test_overlap_with_next() -> None:
    (found,) = only([cue(0, 2000, "One."), cue(1900, 3000, "Two.")], "overlap")
    assert found.message == "overlaps the next cue (#2) by 100 ms" and found.severity == ERROR
    assert only([cue(0, 2000, "One."), cue(2000, 3000, "Two.")], "overlap") == []


def test_gap_below_minimum_in_frames() -> None:
    (found,) = only([cue(0, 2000, "One."), cue(2040, 3000, "Two.")], "gap")
    assert found.message == "gap 1 frame < 2 frames before #2"
    assert only([cue(0, 2000, "One."), cue(2080, 3000, "Two.")], "gap") == []


def test_gap_minimum_follows_the_frame_rate() -> None:
    cues = [cue(0, 2000, "One."), cue(2070, 3000, "Two.")]
    assert only(cues, "gap")  # 70 ms < 2 frames at 25 fps
    assert rules_of(check_cues(cues, EN, fps=30.0), "gap") == []  # 2 frames at 30 fps = 66.7 ms


def test_chaining_gap_not_exactly_the_minimum() -> None:
    (found,) = only([cue(0, 2000, "One."), cue(2320, 4000, "Two.")], "chain")
    assert found.message == "gap 8 frames before #2: chain to 2 frames" and found.fixable
    assert only([cue(0, 2000, "One."), cue(2080, 4000, "Two.")], "chain") == []  # exactly chained
    assert only([cue(0, 2000, "One."), cue(2482, 4000, "Two.")], "chain") == []  # beyond 12 frames (+1 ms rounding)
    assert only([cue(0, 2000, "One."), cue(2480, 4000, "Two.")], "chain")  # 12 frames is still chained


def test_chaining_tolerates_millisecond_rounding_of_frames() -> None:
    cues = [cue(0, 2002, "One."), cue(2085, 4000, "Two.")]  # 83 ms = 2 frames at 23.976 fps
    assert rules_of(check_cues(cues, EN, fps=23.976), "chain") == []
    assert rules_of(check_cues(cues, EN, fps=23.976), "gap") == []


def test_shot_change_straddled() -> None:
    cues = [cue(1000, 4000, "Across a cut.")]
    (found,) = only(cues, "shot-change", shot_changes=[1200])
    assert found.message == "straddles a shot change at 0:01.200 (5 frames after the start)"
    assert found.fixable  # within 12 frames of an edge: snap the edge to the cut
    (middle,) = only(cues, "shot-change", shot_changes=[2500])
    assert not middle.fixable
    assert only(cues, "shot-change", shot_changes=[1000, 4000, 900]) == []  # on the edges, or outside
    assert only(cues, "shot-change") == []  # no shot changes known: rule not run


def test_empty_text() -> None:
    (found,) = only([cue(0, 1000, "  <i></i> ")], "empty")
    assert found.message == "empty text" and found.fixable
    assert rules_of(check_cues([cue(0, 1000, "")], EN, fps=FPS), "cps") == []


def test_repeated_line() -> None:
    cues = [cue(0, 1000, "Thank you."), cue(1080, 2000, "thank  you."), cue(2080, 3000, "Bye.")]
    (found,) = only(cues, "repeat")
    assert found.cue_index == 1 and found.message == "same text as the previous cue (#1)"


def test_low_confidence_words_are_listed() -> None:
    words = (Word(0, 400, "Hello", 0.9), Word(400, 800, "wrld", 0.31), Word(800, 1000, "now", 0.49))
    (found,) = only([cue(0, 1000, "Hello wrld now", words)], "low-confidence")
    assert found.message == 'low-confidence words: "wrld" (0.31), "now" (0.49)' and found.severity == INFO
    assert rules_of(check_cues([cue(0, 1000, "x", words)], EN, fps=FPS, min_probability=0.3), "low-confidence") == []


def test_hallucination_flagged_words() -> None:
    words = (
        Word(0, 500, "Thanks", 0.9, (FLAG_HALLUCINATION,)),
        Word(500, 1000, "watching", 0.9, (FLAG_HALLUCINATION,)),
    )
    (found,) = only([cue(0, 1000, "Thanks watching", words)], "hallucination")
    assert found.message == 'probably hallucinated: "Thanks watching"'
    assert only([cue(0, 1000, "Thanks", (Word(0, 500, "Thanks", 0.9),))], "hallucination") == []


def test_french_typography_only_under_a_french_preset() -> None:
    fr = get_preset("netflix-fr")
    (found,) = only([cue(0, 2000, "Quoi ?")], "typography", fr)
    assert found.fixable
    assert only([cue(0, 2000, "Quoi\u00a0?")], "typography", fr) == []
    assert only([cue(0, 2000, "Quoi ?")], "typography") == []


def test_no_speech_under_a_cue() -> None:
    cues = [cue(1000, 2000, "Said."), cue(5000, 6000, "Silent.")]
    found = only(cues, "no-speech", speech_regions=[(900, 2100)])
    assert [(f.cue_index, f.message) for f in found] == [(1, "no speech under this cue")]
    assert only(cues, "no-speech") == []  # audio not analysed: rule not run
    assert len(only(cues, "no-speech", speech_regions=[])) == 2  # analysed, and silent throughout


def test_speech_with_no_cue() -> None:
    cues = [cue(1000, 2000, "Said."), cue(5000, 6000, "Also said.")]
    speech = [(1000, 2000), (2100, 4000), (4000, 4500), (5000, 6300)]
    found = only(cues, "uncovered-speech", speech_regions=speech)
    # 2100-4500 merged into one stretch; 6000-6300 is only timing slack, too short to report.
    assert [(f.cue_index, f.cue_id, f.start_ms) for f in found] == [(None, None, 2100)]
    assert found[0].message == "speech with no cue: 0:02.100–0:04.500 (2.4 s)"
    assert only(cues, "uncovered-speech", speech_regions=[(900, 2100), (5000, 6000)]) == []


def test_findings_are_in_time_order_then_rule_order() -> None:
    cues = [cue(0, 300, "x" * 50), cue(5000, 6000, "Late.")]
    found = check_cues(cues, EN, fps=FPS, speech_regions=[(2000, 3000), (5000, 6000)])
    assert [(f.start_ms, f.rule) for f in found] == [
        (0, "cpl"),
        (0, "cps"),
        (0, "min-duration"),
        (0, "no-speech"),
        (2000, "uncovered-speech"),
    ]
    assert {f.rule for f in found} <= set(RULES)


def test_document_preset_applies_adjusted_limits() -> None:
    doc = Document([cue(0, 1000, "x" * 30)], preset="bbc", preset_limits={"max_chars_per_line": 25, "max_cps": 40.0})
    preset = document_preset(doc)
    assert preset.name == "bbc" and preset.max_chars_per_line == 25 and preset.max_cps == 40.0
    assert preset_changes(preset) == {"max_chars_per_line": 25, "max_cps": 40.0}
    assert [f.rule for f in check_document(doc)] == ["cpl"]


def test_check_document_uses_the_media_frame_rate() -> None:
    cues = [cue(0, 2000, "One."), cue(2067, 3000, "Two.")]  # 2 frames at 30 fps
    assert [f.rule for f in check_document(Document(cues, media=MediaRef("v.mp4", fps=30.0)))] == []
    assert [f.rule for f in check_document(Document(cues))] == ["gap"]


def test_summary_counts_problems_cues_and_rules() -> None:
    cues = [cue(0, 300, "x" * 50), cue(5000, 6000, "Fine.")]
    assert summarize(check_cues(cues, EN, fps=FPS), 2) == "3 problems in 1 of 2 cues (cpl 1, cps 1, min-duration 1)"
    assert summarize([], 2) == "no problems in 2 cues"


@pytest.mark.parametrize("name", ["netflix-en", "netflix-fr", "bbc"])
def test_every_preset_accepts_a_textbook_cue(name: str) -> None:
    assert check_cues([cue(0, 2500, "A short, well-timed line.")], get_preset(name), fps=FPS) == []


def test_a_sentence_end_left_unchained_to_end_with_its_speech_is_not_flagged() -> None:
    """The timing leaves a gap after a sentence whose speech ended long before the next cue:
    chaining it would run the cue 0.4 s past its sentence. The words tell, so no warning."""
    spoken = (Word(0, 1000, "One"), Word(1100, 1800, "two."))
    assert only([cue(0, 2000, "One two.", spoken), cue(2400, 4000, "Three.")], "chain") == []
    running_on = (Word(0, 1000, "One"), Word(1100, 1800, "two"))
    assert only([cue(0, 2000, "One two", running_on), cue(2400, 4000, "three.")], "chain")
