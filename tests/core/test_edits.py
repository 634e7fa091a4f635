"""Edits on cues: split, merge, moving words, timing, insert/delete, text edits, validation."""

from __future__ import annotations

import pytest

from subtitler.core import edits
from subtitler.core.errors import EditError
from subtitler.core.model import FLAG_INTERPOLATED, Cue, Word

# Very unequal durations: the long "Yes" and the quick "absolutely" prove times come from
# the words (a character split would put the boundary near 430 ms).
YES = Word(0, 1800, "Yes,", 0.9)
ABSOLUTELY = Word(1900, 2000, "absolutely.", 0.7)


def cue(start: int, end: int, text: str, words: tuple[Word, ...] = (), style: str = "Default") -> Cue:
    return Cue.create(start, end, text, words, style=style)


def sentence() -> Cue:
    """Four words on two lines, with very unequal word lengths in time."""
    words = (
        Word(1000, 1100, "I", 0.9),
        Word(1100, 1150, "really", 0.8),
        Word(1200, 3500, "appreciate", 0.5),
        Word(3600, 3700, "it.", 0.6),
    )
    return cue(900, 3800, "I really\nappreciate it.", words, style="Top")


# --- split --------------------------------------------------------------------------------


def test_split_at_word_takes_times_from_the_words_not_the_characters() -> None:
    original = cue(0, 2100, "Yes, absolutely.", (YES, ABSOLUTELY))
    first, second = edits.split_at_word(original, 1)
    assert (first.start, first.end, first.text, first.words) == (0, 1800, "Yes,", (YES,))
    assert (second.start, second.end, second.text, second.words) == (1900, 2100, "absolutely.", (ABSOLUTELY,))


def test_split_keeps_the_id_on_the_first_part_and_gives_the_second_a_new_one() -> None:
    original = sentence()
    first, second = edits.split_at_word(original, 2)
    assert first.id == original.id and second.id != original.id
    assert second.style == "Top"
    assert first.words + second.words == original.words
    assert (first.end, second.start) == (1150, 1200)


def test_split_at_cursor_between_words_across_a_line_break() -> None:
    original = sentence()
    first, second = edits.split_at_cursor(original, original.text.index("\n"))
    assert (first.text, second.text) == ("I really", "appreciate it.")
    assert (first.start, first.end, second.start, second.end) == (900, 1150, 1200, 3800)
    assert len(first.words) == 2 and len(second.words) == 2


def test_split_at_cursor_inside_a_word_moves_to_the_nearer_edge() -> None:
    original = sentence()
    at = original.text.index("appreciate")
    nearer_start = edits.split_at_cursor(original, at + 2)
    nearer_end = edits.split_at_cursor(original, at + 8)
    assert nearer_start[0].text == "I really"
    assert nearer_end[0].text == "I really\nappreciate"
    assert (nearer_end[0].end, nearer_end[1].start) == (3500, 3600)


def test_split_at_cursor_closes_and_reopens_tags_and_keeps_the_position_override() -> None:
    original = cue(0, 2100, "{\\an8}<i>Yes, absolutely.</i>", (YES, ABSOLUTELY))
    first, second = edits.split_at_cursor(original, original.text.index(" "))
    assert first.text == "{\\an8}<i>Yes,</i>"
    assert second.text == "{\\an8}<i>absolutely.</i>"
    assert (first.end, second.start) == (1800, 1900)


def test_split_at_cursor_refuses_the_edges_and_single_words() -> None:
    original = sentence()
    with pytest.raises(EditError, match="between two words"):
        edits.split_at_cursor(original, 0)
    with pytest.raises(EditError, match="between two words"):
        edits.split_at_cursor(original, len(original.text))
    with pytest.raises(EditError, match="single word"):
        edits.split_at_cursor(cue(0, 1000, "Hello", (Word(0, 900, "Hello"),)), 2)


def test_split_at_word_refuses_an_index_with_an_empty_side() -> None:
    for index in (0, 4, -1):
        with pytest.raises(EditError, match="at least one word"):
            edits.split_at_word(sentence(), index)


def test_split_at_time_picks_the_nearest_word_boundary() -> None:
    first, second = edits.split_at_time(sentence(), 3400)
    assert first.text == "I really\nappreciate" and second.text == "it."


def test_a_cue_without_words_splits_by_characters_and_stays_without_words() -> None:
    original = cue(0, 4000, "a bbb")
    first, second = edits.split_at_cursor(original, 1)
    assert (first.end, second.start) == (1000, 1000)
    assert first.words == () and second.words == ()


# --- merge --------------------------------------------------------------------------------


def test_merge_joins_text_and_words_from_first_start_to_last_end() -> None:
    a = cue(0, 1800, "Yes,", (YES,))
    b = cue(1900, 2100, "absolutely.", (ABSOLUTELY,))
    merged = edits.merge(a, b)
    assert (merged.id, merged.start, merged.end) == (a.id, 0, 2100)
    assert merged.text == "Yes, absolutely."
    assert merged.words == (YES, ABSOLUTELY)


def test_merge_undoes_a_split_except_the_line_break() -> None:
    original = sentence()
    # Line breaking is segment.py's job: merged text is joined on one line.
    assert edits.merge(*edits.split_at_word(original, 2)) == original.with_(text="I really appreciate it.")


def test_merge_of_three_cues_keeps_dialogue_on_its_own_lines_and_joins_italics() -> None:
    a = cue(0, 1000, "<i>One</i>", (Word(0, 500, "One"),))
    b = cue(1000, 2000, "<i>two</i>", (Word(1000, 1500, "two"),))
    c = cue(2000, 3000, "- Three", (Word(2000, 2500, "- Three"),))
    merged = edits.merge(a, b, c)
    assert merged.text == "<i>One two</i>\n- Three"
    assert [w.text for w in merged.words] == ["One", "two", "- Three"]


def test_merge_estimates_words_for_a_wordless_part_so_the_layer_matches_the_text() -> None:
    merged = edits.merge(cue(0, 1800, "Yes,", (YES,)), cue(2000, 3000, "of course"))
    assert [w.text for w in merged.words] == ["Yes,", "of", "course"]
    assert merged.words[1].start == 2000 and merged.words[2].end == 3000
    assert FLAG_INTERPOLATED in merged.words[1].flags


def test_merge_refuses_cues_out_of_order() -> None:
    with pytest.raises(EditError, match="in time order"):
        edits.merge(cue(2000, 3000, "b"), cue(0, 1000, "a"))


# --- moving words -------------------------------------------------------------------------


def test_move_first_word_carries_its_time_to_the_previous_cue() -> None:
    previous = cue(0, 800, "Well", (Word(100, 700, "Well"),))
    current = sentence()
    new_previous, new_current = edits.move_first_word(previous, current)
    assert (new_previous.text, new_previous.start, new_previous.end) == ("Well I", 0, 1100)
    assert new_previous.words[-1] == current.words[0]
    assert (new_current.id, new_current.text, new_current.start, new_current.end) == (
        current.id, "really\nappreciate it.", 1100, 3800)
    assert new_current.words == current.words[1:]


def test_move_last_word_carries_its_time_to_the_next_cue() -> None:
    current = sentence()
    following = cue(4000, 5000, "Thanks.", (Word(4000, 4600, "Thanks."),))
    new_current, new_following = edits.move_last_word(current, following)
    assert (new_current.text, new_current.start, new_current.end) == ("I really\nappreciate", 900, 3500)
    assert (new_following.text, new_following.start, new_following.end) == ("it. Thanks.", 3600, 5000)
    assert new_following.words[0] == current.words[-1]
    assert new_following.id == following.id


def test_moving_a_word_refuses_to_empty_the_cue() -> None:
    lonely = cue(2000, 3000, "Hi", (Word(2000, 2500, "Hi"),))
    with pytest.raises(EditError, match="only one word"):
        edits.move_first_word(cue(0, 1000, "a"), lonely)
    with pytest.raises(EditError, match="only one word"):
        edits.move_last_word(lonely, cue(4000, 5000, "b"))


def test_moving_a_word_refuses_an_overlap() -> None:
    # The engine gave overlapping words: the receiving cue would run into the giving one.
    overlapping = cue(1000, 3000, "one two", (Word(1000, 1600, "one"), Word(1500, 2500, "two")))
    with pytest.raises(EditError, match="overlap"):
        edits.move_first_word(cue(0, 900, "zero"), overlapping)
    with pytest.raises(EditError, match="overlap"):
        edits.move_last_word(overlapping, cue(3000, 4000, "three"))


def test_move_boundary_earlier_hands_the_crossed_word_to_the_right_cue() -> None:
    left = sentence()
    right = cue(3800, 5000, "Thanks.", (Word(3900, 4500, "Thanks."),))
    new_left, new_right = edits.move_boundary(left, right, 3550)
    assert (new_left.end, new_right.start) == (3550, 3550)
    assert new_left.text == "I really\nappreciate" and new_right.text == "it. Thanks."
    assert new_right.words[0] == left.words[-1]


def test_move_boundary_later_hands_the_crossed_word_to_the_left_cue() -> None:
    left = cue(0, 1000, "Hello", (Word(0, 900, "Hello"),))
    right = cue(1000, 3000, "there my friend", (Word(1100, 1300, "there"), Word(1400, 1600, "my"),
                                               Word(1700, 2900, "friend")))
    new_left, new_right = edits.move_boundary(left, right, 1350)
    assert (new_left.text, new_left.end) == ("Hello there", 1350)
    assert (new_right.text, new_right.start) == ("my friend", 1350)
    with pytest.raises(EditError, match="last word"):
        edits.move_boundary(left, right, 2950)


# --- timing -------------------------------------------------------------------------------


def test_set_start_and_end_validate_against_the_cue_and_its_neighbours() -> None:
    current = cue(1000, 2000, "x")
    assert edits.set_start(current, 1500).start == 1500
    assert edits.set_end(current, 2500).end == 2500
    with pytest.raises(EditError, match="before the end"):
        edits.set_start(current, 2000)
    with pytest.raises(EditError, match="before 0"):
        edits.set_start(current, -1)
    with pytest.raises(EditError, match="after the start"):
        edits.set_end(current, 1000)
    with pytest.raises(EditError, match="previous cue"):
        edits.set_start(current, 500, previous=cue(0, 800, "p"))
    with pytest.raises(EditError, match="next cue"):
        edits.set_end(current, 2500, following=cue(2200, 3000, "n"))


def test_shift_moves_cues_and_their_words() -> None:
    (moved,) = edits.shift([sentence()], 250)
    assert (moved.start, moved.end) == (1150, 4050)
    assert [w.start for w in moved.words] == [1250, 1350, 1450, 3850]


def test_shift_refuses_times_before_zero_and_overlaps_with_other_cues() -> None:
    a, b, c = cue(0, 1000, "a"), cue(1000, 2000, "b"), cue(3000, 4000, "c")
    with pytest.raises(EditError, match="before 0"):
        edits.shift([a], -1)
    with pytest.raises(EditError, match="Cue 2 would overlap cue 3"):
        edits.shift([b], 1500, all_cues=[a, b, c])
    assert edits.shift([b], 1000, all_cues=[a, b, c])[0].end == 3000


def test_ripple_moves_every_cue_from_a_point_on() -> None:
    a, b, c = cue(0, 1000, "a"), cue(2000, 3000, "b", (Word(2100, 2900, "b"),)), cue(4000, 5000, "c")
    moved = edits.ripple([a, b, c], 1500, -500)
    assert [m.id for m in moved] == [b.id, c.id]
    assert [(m.start, m.end) for m in moved] == [(1500, 2500), (3500, 4500)]
    assert moved[0].words[0].start == 1600


def test_ripple_refusals() -> None:
    a, b = cue(500, 1000, "a"), cue(2000, 3000, "b")
    with pytest.raises(EditError, match="Cue 2 would overlap cue 1"):
        edits.ripple([a, b], 1500, -1500)
    with pytest.raises(EditError, match="Cue 1 would start before 0"):
        edits.ripple([a, b], 0, -600)
    with pytest.raises(EditError, match="nothing to shift"):
        edits.ripple([a, b], 2500, 100)


# --- insert, delete -----------------------------------------------------------------------


def test_insert_cue_takes_the_default_length_or_fits_before_the_next_cue() -> None:
    cues = [cue(0, 1000, "a"), cue(5000, 6000, "b")]
    roomy = edits.insert_cue(cues, 1500)
    assert (roomy.start, roomy.end, roomy.text) == (1500, 1500 + edits.DEFAULT_CUE_MS, "")
    squeezed = edits.insert_cue(cues, 4000, gap=80)
    assert (squeezed.start, squeezed.end) == (4000, 4920)
    assert edits.insert_cue(cues, 7000).end == 9000
    assert edits.insert_cue(cues, 1000, end=1400, text="new").duration == 400


def test_insert_cue_refusals() -> None:
    cues = [cue(0, 1000, "a"), cue(1100, 2000, "b")]
    with pytest.raises(EditError, match="Cue 2 is already shown"):
        edits.insert_cue(cues, 1500)
    with pytest.raises(EditError, match="No room"):
        edits.insert_cue(cues, 1000)
    with pytest.raises(EditError, match="overlap cue 2"):
        edits.insert_cue(cues, 1000, end=1200)
    with pytest.raises(EditError, match="end after it starts"):
        edits.insert_cue([], 1000, end=1000)
    with pytest.raises(EditError, match="at least"):
        edits.insert_cue([], 1000, duration=50)


def test_delete_removes_cues_by_id() -> None:
    a, b, c = cue(0, 1000, "a"), cue(1000, 2000, "b"), cue(2000, 3000, "c")
    assert edits.delete([a, b, c], [b]) == [a, c]
    with pytest.raises(EditError):
        edits.delete([a, c], [b])
    with pytest.raises(EditError):
        edits.delete([a, c], [])


# --- text ---------------------------------------------------------------------------------


def test_edit_text_keeps_unchanged_word_times_and_interpolates_new_words() -> None:
    original = sentence()
    edited = edits.edit_text(original, "I really\nappreciate all of it!")
    assert edited.id == original.id and edited.text == "I really\nappreciate all of it!"
    assert edited.words[:3] == original.words[:3]
    new = edited.words[3:5]
    assert [w.text for w in new] == ["all", "of"]
    assert all(3500 <= w.start <= w.end <= 3600 for w in new)
    assert all(FLAG_INTERPOLATED in w.flags for w in new)
    assert (edited.words[5].text, edited.words[5].start, edited.words[5].end) == ("it!", 3600, 3700)


def test_edit_text_typo_fix_keeps_the_time() -> None:
    edited = edits.edit_text(sentence(), "I realy\nappreciate it.")
    assert (edited.words[1].text, edited.words[1].start, edited.words[1].end) == ("realy", 1100, 1150)


def test_edit_text_then_split_uses_the_edited_words() -> None:
    edited = edits.edit_text(sentence(), "<i>I really</i>\nappreciate it.")
    first, second = edits.split_at_word(edited, 2)
    assert (first.text, second.text) == ("<i>I really</i>", "appreciate it.")
    assert (first.end, second.start) == (1150, 1200)


def test_edit_text_of_a_wordless_cue_invents_no_words() -> None:
    assert edits.edit_text(cue(0, 1000, "a"), "b c").words == ()


def test_text_from_words_puts_the_words_on_one_line() -> None:
    original = sentence().with_(text="<i>whatever</i>\nold")
    assert edits.text_from_words(original).text == "I really appreciate it."
    assert edits.text_from_words(cue(0, 1000, "two\nlines")).text == "two lines"
    assert edits.text_from_words(cue(0, 1000, "Oui\u00a0?\nNon")).text == "Oui\u00a0? Non"


# --- validation ---------------------------------------------------------------------------


def test_check_no_overlap_names_cues_from_one() -> None:
    edits.check_no_overlap([cue(0, 1000, "a"), cue(1000, 2000, "b")])
    with pytest.raises(EditError, match="Cue 2 would overlap cue 3"):
        edits.check_no_overlap([cue(0, 1000, "a"), cue(1000, 2100, "b"), cue(2000, 3000, "c")])
    with pytest.raises(EditError, match="Cue 1 would end before it starts"):
        edits.check_no_overlap([cue(1000, 1000, "a")])


def test_check_edit_applies_replacements_insertions_and_removals() -> None:
    a, b, c = cue(0, 1000, "a"), cue(2000, 3000, "b"), cue(4000, 5000, "c")
    first, second = edits.split_at_cursor(b.with_(text="b d"), 1)
    result = edits.check_edit([a, b, c], [b], [first, second])
    assert [r.id for r in result] == [a.id, b.id, second.id, c.id]
    assert edits.check_edit([a, b, c], [b], []) == [a, c]
    with pytest.raises(EditError, match="Cue 2 would overlap cue 3"):
        edits.check_edit([a, b, c], [b], [b.with_(end=4500)])
    with pytest.raises(EditError, match="Cue 1 would overlap cue 2"):
        edits.check_edit([a, b, c], [b], [b.with_(start=900)])


def test_every_cursor_position_splits_cleanly_or_is_refused() -> None:
    words = (Word(0, 400, "- Tu"), Word(500, 900, "viens ?"), Word(1000, 1400, "- Oui,"), Word(1500, 1900, "bien"),
             Word(2000, 2400, "sûr."))
    original = cue(0, 2500, "{\\an8}- Tu viens ?\n- <i>Oui, bien</i> sûr.", words)
    splits = 0
    for position in range(len(original.text) + 1):
        try:
            first, second = edits.split_at_cursor(original, position)
        except EditError:
            continue
        splits += 1
        assert first.start < first.end <= second.start < second.end
        assert first.words + second.words == words
        assert first.end == first.words[-1].end and second.start == second.words[0].start
        assert first.text.count("<i>") == first.text.count("</i>")
        assert second.text.count("<i>") == second.text.count("</i>")
    assert splits > 0
