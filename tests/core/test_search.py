"""Find and replace over cues: options, tags left alone, word times kept, reading order and wrap-round."""

from __future__ import annotations

import pytest

from subtitler.core.model import FLAG_INTERPOLATED, Cue, Word
from subtitler.core.search import SearchError, SearchOptions, find_all, find_next, replace_all, replace_one


def _cue(start: int, text: str, speaker: str = "") -> Cue:
    words = []
    at = start
    for token in text.replace("<i>", "").replace("</i>", "").split():
        words.append(Word(at, at + 300, token, 0.9))
        at += 400
    return Cue.create(start, at, text, words, speaker=speaker)


CUES = [
    _cue(0, "Jon said hello to jon."),
    _cue(5000, "<i>I think Jonathan is here</i>", speaker="Jon"),
    _cue(9000, "Nothing here."),
]


def test_plain_search_ignores_case_unless_asked_and_never_matches_inside_tags() -> None:
    assert [(m.start, m.end) for m in find_all(CUES, SearchOptions("jon"))] == [(0, 3), (18, 21), (11, 14)]
    assert len(find_all(CUES, SearchOptions("jon", match_case=True))) == 1  # only "to jon."
    italic = CUES[1].text
    in_italic = [m.start for m in find_all(CUES, SearchOptions("i")) if m.cue_id == CUES[1].id]
    assert in_italic == [3, 7, 20]  # I, think, is; never the i of <i> or </i>
    assert all(italic[at].lower() == "i" for at in in_italic)


def test_whole_words_and_speakers() -> None:
    assert len(find_all(CUES, SearchOptions("jon", whole_word=True))) == 2
    found = find_all(CUES, SearchOptions("jon", whole_word=True, in_speaker=True))
    assert [m.field for m in found] == ["text", "text", "speaker"]


def test_regular_expressions_and_their_errors() -> None:
    assert len(find_all(CUES, SearchOptions(r"\bh\w+", regex=True))) == 3  # hello, here, here
    with pytest.raises(SearchError) as error:
        find_all(CUES, SearchOptions("(", regex=True))
    assert error.value.kind == "pattern"
    assert find_all(CUES, SearchOptions("(")) == []  # as plain text it is just a parenthesis
    with pytest.raises(SearchError) as error:
        replace_all(CUES, SearchOptions("(jon)", regex=True), r"\2")
    assert error.value.kind == "replacement"
    with pytest.raises(SearchError):
        SearchOptions("").compiled()


def test_replace_all_keeps_unchanged_words_times_and_counts() -> None:
    result = replace_all(CUES, SearchOptions("jon", whole_word=True), "John")
    assert result.count == 2
    assert [c.id for c in result.old] == [CUES[0].id]
    new = result.new[0]
    assert new.text == "John said hello to John."
    old_words = CUES[0].words
    assert [(w.start, w.end) for w in new.words] == [(w.start, w.end) for w in old_words]
    assert new.words[1] == old_words[1]  # "said": untouched
    assert new.words[0].text == "John" and FLAG_INTERPOLATED not in new.words[0].flags


def test_replace_all_with_groups_in_text_and_speaker() -> None:
    result = replace_all(CUES, SearchOptions(r"jon(\w*)", regex=True, in_speaker=True), r"Jo\1")
    assert result.count == 4
    assert result.new[1].text == "<i>I think Joathan is here</i>"
    assert result.new[1].speaker == "Jo"


def test_find_next_walks_in_reading_order_and_wraps_both_ways() -> None:
    options = SearchOptions("jon", in_speaker=True)
    row, first = find_next(CUES, options, None)
    assert (row, first.start) == (0, 0)
    row, second = find_next(CUES, options, (row, first.field, first.start))
    assert (row, second.start) == (0, 18)
    row, third = find_next(CUES, options, (row, second.field, second.start))
    assert (row, third.field) == (1, "text")
    row, fourth = find_next(CUES, options, (row, third.field, third.start))
    assert (row, fourth.field) == (1, "speaker")
    row, wrapped = find_next(CUES, options, (row, fourth.field, fourth.start))
    assert (row, wrapped.start) == (0, 0)
    row, back = find_next(CUES, options, (0, "text", 0), backwards=True)
    assert (row, back.field) == (1, "speaker")
    assert find_next(CUES, SearchOptions("absent"), None) is None


def test_replace_one_refuses_a_stale_match() -> None:
    match = find_all(CUES, SearchOptions("hello"))[0]
    assert replace_one(CUES[0], match, SearchOptions("hello"), "hi").text == "Jon said hi to jon."
    with pytest.raises(SearchError) as error:
        replace_one(CUES[2], match, SearchOptions("hello"), "hi")
    assert error.value.kind == "stale"
