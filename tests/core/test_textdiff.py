"""Text words of a cue and the word layer a new text inherits from the old words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from subtitler.core.model import FLAG_INTERPOLATED, Word
from subtitler.core.textdiff import estimate_words, normalize, retime_words, text_words

WORDS = (
    Word(1000, 1200, "Hello,", 0.9),
    Word(1300, 1900, "my", 0.8),
    Word(2000, 2600, "friend.", 0.4),
)


def test_text_words_skip_tags_and_line_breaks_but_keep_spans() -> None:
    text = "<i>Hello,</i> my\nfr<b>ie</b>nd."
    words = text_words(text)
    assert [w.text for w in words] == ["Hello,", "my", "friend."]
    # A span runs from the first to the last visible character: tags inside a word are in it.
    assert [text[w.start : w.end] for w in words] == ["Hello,", "my", "fr<b>ie</b>nd."]


def test_text_words_treat_ass_hard_breaks_as_line_breaks() -> None:
    assert [w.text for w in text_words("{\\an8}one\\Ntwo")] == ["one", "two"]


def test_bare_punctuation_is_glued_to_the_word_it_belongs_to() -> None:
    text = "- Tu viens ?\n- Oui !"
    assert [w.text for w in text_words(text)] == ["- Tu", "viens ?", "- Oui !"]
    assert [w.text for w in text_words("« Bonjour »")] == ["« Bonjour »"]
    assert [w.text for w in text_words("...")] == ["..."]


def test_normalize_ignores_case_and_punctuation() -> None:
    assert normalize("«Hello,»") == normalize("hello") == "hello"


def test_unchanged_text_keeps_the_very_same_words() -> None:
    words = retime_words("Hello, my\n<i>friend.</i>", WORDS, 1000, 2600)
    assert words == WORDS
    assert all(a is b for a, b in zip(words, WORDS))


def test_case_and_punctuation_changes_keep_time_and_take_the_new_spelling() -> None:
    words = retime_words("hello my Friend!", WORDS, 1000, 2600)
    assert [(w.start, w.end) for w in words] == [(w.start, w.end) for w in WORDS]
    assert [w.text for w in words] == ["hello", "my", "Friend!"]
    assert [w.probability for w in words] == [0.9, 0.8, 0.4]


def test_a_typo_fix_keeps_the_time_of_the_word_it_replaces() -> None:
    words = retime_words("Hello, my freind.", WORDS, 1000, 2600)
    fixed = words[2]
    assert (fixed.start, fixed.end, fixed.text) == (2000, 2600, "freind.")
    assert fixed.probability == 1.0 and FLAG_INTERPOLATED not in fixed.flags


def test_a_new_word_between_two_gets_times_between_them() -> None:
    words = retime_words("Hello, my dear friend.", WORDS, 1000, 2600)
    assert [w.text for w in words] == ["Hello,", "my", "dear", "friend."]
    dear = words[2]
    assert 1900 <= dear.start < dear.end <= 2000
    assert FLAG_INTERPOLATED in dear.flags
    assert words[1] == WORDS[1] and words[3] == WORDS[2]


def test_deleted_words_vanish_and_the_rest_keep_their_times() -> None:
    assert retime_words("Hello, friend.", WORDS, 1000, 2600) == (WORDS[0], WORDS[2])


def test_words_rewritten_in_a_different_number_share_the_replaced_span() -> None:
    words = retime_words("Hello, you old pal", WORDS, 1000, 2600)
    assert words[0] == WORDS[0]
    new = words[1:]
    assert [w.text for w in new] == ["you", "old", "pal"]
    assert new[0].start == 1300 and new[-1].end == 2600
    assert all(a.end == b.start for a, b in zip(new, new[1:]))
    assert all(FLAG_INTERPOLATED in w.flags for w in new)


def test_words_added_at_the_edges_fill_the_cue_before_and_after() -> None:
    words = retime_words("Oh Hello, my friend. Bye", WORDS, 500, 3000)
    assert (words[0].text, words[0].start, words[0].end) == ("Oh", 500, 1000)
    assert (words[-1].text, words[-1].start, words[-1].end) == ("Bye", 2600, 3000)


def test_line_breaks_and_tags_in_the_new_text_do_not_disturb_the_mapping() -> None:
    words = retime_words("<i>Hello,</i>\nmy dear\n{\\an8}friend.", WORDS, 1000, 2600)
    assert [w.text for w in words] == ["Hello,", "my", "dear", "friend."]
    assert words[0] == WORDS[0] and words[1] == WORDS[1] and words[3] == WORDS[2]


def test_estimated_words_are_proportional_to_characters() -> None:
    words = estimate_words("a bbb", 0, 4000)
    assert [(w.start, w.end) for w in words] == [(0, 1000), (1000, 4000)]
    assert all(FLAG_INTERPOLATED in w.flags for w in words)


_PIECES = ["Hello,", "my", "dear", "friend.", "-", "?", "«", "»", "\n", "<i>", "</i>", "{\\an8}", "ça", "va"]


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=10),
    kept=st.lists(st.sampled_from(["Hello,", "my", "dear", "friend.", "ça", "va"]), max_size=6),
)
def test_any_text_gets_one_word_per_text_word_in_time_order(pieces: list[str], kept: list[str]) -> None:
    old = tuple(Word(1000 + 300 * i, 1200 + 300 * i, text) for i, text in enumerate(kept))
    text = " ".join(pieces)
    words = retime_words(text, old, 900, 3500)
    assert [w.text for w in words] == [u.text for u in text_words(text)]
    assert all(w.start <= w.end for w in words)
    assert all(a.end <= b.start for a, b in zip(words, words[1:]))
