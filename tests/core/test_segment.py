"""Segmentation on hand-built word lists: sentences first, then limits; line breaking."""

from __future__ import annotations

from subtitler.core.model import Segment, Transcript, Word
from subtitler.core.presets import get_preset
from subtitler.core.segment import (
    break_lines,
    cue_chars,
    cues_from_transcript,
    is_sentence_end,
    segment_words,
    sentence_spans,
)

EN = get_preset("netflix-en")
FR = get_preset("netflix-fr")


def words_from(text: str, start: int = 1000, ms_per_char: int = 55, gap: int = 30) -> list[Word]:
    """Words with plausible times; "|" marks a 600 ms pause, "||" a 2 s pause."""
    words: list[Word] = []
    t = start
    for token in text.split():
        if token == "|":
            t += 600
            continue
        if token == "||":
            t += 2000
            continue
        end = t + max(120, ms_per_char * len(token))
        words.append(Word(t, end, token))
        t = end + gap
    return words


def assert_within_limits(cues, preset) -> None:
    for cue in cues:
        lines = cue.text.split("\n")
        assert len(lines) <= preset.max_lines, cue.text
        assert all(len(line) <= preset.max_chars_per_line for line in lines), cue.text
        assert cue.end - cue.start <= preset.max_duration_ms, cue
    for a, b in zip(cues, cues[1:]):
        assert a.end <= b.start


def test_sentence_end_guard():
    assert is_sentence_end("done.", "Then")
    assert is_sentence_end("really?", "no")
    assert is_sentence_end("wait…", None)
    assert is_sentence_end('"Stop!"', "He")
    assert not is_sentence_end("Mr.", "Smith")
    assert not is_sentence_end("Dr.", "Who")
    assert not is_sentence_end("e.g.", "apples")
    assert not is_sentence_end("Mme.", "Dupont")
    assert not is_sentence_end("M.", "Dupont")
    assert not is_sentence_end("U.S.", "army")
    assert is_sentence_end("U.S.", "The")
    assert not is_sentence_end("etc.", "and")
    assert not is_sentence_end("3.5", "percent")
    assert not is_sentence_end("J.", "Smith")
    assert not is_sentence_end("well,", "Then")


def test_one_sentence_per_cue_and_cue_owns_its_words():
    words = words_from("Hello there. Mr. Smith is here today. Is he ready? Yes!", ms_per_char=100)
    cues = segment_words(words, EN)
    assert [c.text for c in cues] == ["Hello there.", "Mr. Smith is here today.", "Is he ready?", "Yes!"]
    assert [w for c in cues for w in c.words] == words
    for cue in cues:
        assert cue.start == cue.words[0].start and cue.end == cue.words[-1].end


def test_long_pause_is_a_hard_boundary():
    cues = segment_words(words_from("so we waited || and nothing happened"), EN)
    assert [c.text for c in cues] == ["so we waited", "and nothing happened"]


def test_one_line_when_it_fits_two_balanced_lines_otherwise():
    assert break_lines("A short line.", EN) == "A short line."
    text = "I think that we should go to the market, but only if you want to come with me."
    assert break_lines(text, EN) == "I think that we should go to the market,\nbut only if you want to come with me."


def test_line_break_never_strands_an_article_or_pronoun():
    text = "Yesterday the committee finally approved the new budget for the whole region"
    top, bottom = break_lines(text, EN).split("\n")
    assert top.split()[-1].lower() not in {"the", "a", "for", "new"}
    assert len(top) <= 42 and len(bottom) <= 42


def test_bottom_heavy_preset_puts_the_longer_line_below():
    bbc = get_preset("bbc")
    text = "She told me about the journey, and I believed every single word"
    top, bottom = break_lines(text, bbc).split("\n")
    assert len(top) <= len(bottom)


def test_long_sentence_splits_at_the_clause_comma():
    text = (
        "When the storm finally reached the small fishing village on the coast, "
        "everyone had already left their houses and gone up to the old church on the hill."
    )
    cues = segment_words(words_from(text, ms_per_char=50), EN)
    assert len(cues) == 2
    assert cues[0].text.replace("\n", " ").endswith("coast,")
    assert_within_limits(cues, EN)


def test_split_prefers_a_conjunction_and_never_strands_a_function_word():
    text = (
        "My brother bought a very expensive new car last week and he drives it every single "
        "day to the office downtown even though he lives only two streets away from it"
    )
    cues = segment_words(words_from(text, ms_per_char=65), EN)
    assert len(cues) >= 2
    assert_within_limits(cues, EN)
    for cue in cues[:-1]:
        last = cue.words[-1].text.lower()
        assert last not in {"a", "the", "to", "he", "it", "from", "very", "single"}, cue.text
    assert any(c.words[0].text in {"and", "even"} for c in cues[1:])


def test_max_duration_splits_a_slow_sentence():
    text = "We will go slowly now and then we will stop to think about it"
    cues = segment_words(words_from(text, ms_per_char=160, gap=200), EN)
    assert len(cues) >= 2
    assert_within_limits(cues, EN)


def test_french_sentence_with_elisions_and_typography():
    text = (
        "Quand le train est enfin arrivé à la gare de Lyon, les voyageurs qui attendaient "
        "depuis des heures se sont précipités vers les portes. Vraiment ?"
    )
    cues = segment_words(words_from(text, ms_per_char=45), FR)
    assert_within_limits(cues, FR)
    assert cues[-1].text == "Vraiment\u00a0?"
    assert cues[-1].words[-1].text == "?"
    for cue in cues[:-1]:
        last = cue.words[-1].text.lower()
        assert last not in {"le", "la", "les", "de", "à", "des", "qui", "se", "sont", "est"}, cue.text
    joined = " ".join(c.text.replace("\n", " ") for c in cues[:2])
    assert "Lyon," in cues[0].text.replace("\n", " ").split()[-1] or "Lyon," in joined


def test_french_abbreviation_does_not_end_a_sentence():
    cues = segment_words(words_from("Bonjour M. Dupont. Comment allez-vous ?", ms_per_char=100), FR)
    assert [c.words[-1].text for c in cues] == ["Dupont.", "?"]


def test_unpunctuated_stream_stays_within_every_limit_and_uses_pauses():
    stream = (
        "so today we are going to talk about the way that people learn new languages | and how "
        "the brain adapts to all these new sounds and words over time | it turns out that "
        "children and adults learn in very different ways and researchers have been studying "
        "this for decades | now let us look at some examples from the lab"
    )
    words = words_from(stream, ms_per_char=50)
    cues = segment_words(words, EN)
    assert len(cues) >= 4
    assert_within_limits(cues, EN)
    ends = {c.words[-1].text for c in cues}
    assert {"languages", "time", "decades"} <= ends  # the pauses carry the structure
    for cue in cues[:-1]:
        assert cue.words[-1].text not in {"the", "to", "about", "we", "are", "these", "a"}, cue.text
    assert [w for c in cues for w in c.words] == words


def test_reading_speed_counts_extension_room():
    # 38 characters spoken in 1.8 s: too fast alone, fine with 0.5 s of extension (16.5 cps).
    words = words_from("This sentence is spoken rather quickly.", ms_per_char=40, gap=10)
    cues = segment_words(words, EN)
    assert len(cues) == 1
    assert cue_chars(cues[0].text) == 39


def test_transcript_segments_without_words_get_interpolated_words():
    transcript = Transcript(
        "en",
        (
            Segment(0, 2000, "First one here."),
            Segment(2500, 4000, "Second one.", tuple(words_from("Second one.", start=2500))),
        ),
    )
    cues = cues_from_transcript(transcript, EN)
    assert [c.text for c in cues] == ["First one here.", "Second one."]
    assert cues[0].words[0].start == 0 and cues[0].words[-1].end == 2000
    assert "interpolated" in cues[0].words[0].flags


def test_short_sentences_share_a_two_line_cue():
    """Each sentence alone would flash by: together they make one readable cue, a line each."""
    cues = segment_words(words_from("And that should be all. Thanks.", ms_per_char=40), EN)
    assert [c.text for c in cues] == ["And that should be all.\nThanks."]


def test_readable_sentences_keep_their_own_cues():
    cues = segment_words(words_from("We start at nine o'clock. The doors open at eight.", ms_per_char=90), EN)
    assert [c.text for c in cues] == ["We start at nine o'clock.", "The doors open at eight."]


def test_a_sentence_that_fits_stays_whole_despite_a_comma_and_a_pause():
    """A comma and a short pause cut "C'est évident ce que dit Nicolas," away at 28 cps before."""
    text = "C'est évident ce que dit Nicolas, | mais je ne me l'étais jamais formulé comme ça."
    cues = segment_words(words_from(text, ms_per_char=40), FR)
    assert len(cues) == 1
    assert cues[0].text.replace("\n", " ") == text.replace(" |", "")
    assert cues[0].text.count("\n") == 1


def test_words_the_speech_detector_missed_are_not_cut_apart():
    """A hoarse voice the energy detector does not hear: its "silences" hold Whisper's words, and
    trusting them shattered the sentence into one-word cues of 80 ms."""
    words = words_from("So this is the sick corpus.", ms_per_char=150)
    detected = [(words[0].start + 10, words[0].end), (words[-1].start + 50, words[-1].end)]  # the rest was missed
    cues = segment_words(words, EN, speech=detected)
    assert [c.text for c in cues] == ["So this is the sick corpus."]



def test_the_rest_of_a_cut_sentence_is_cut_again_at_a_long_pause():
    """Whisper wrote a comma where the speaker ended a sentence and paused: once the long
    sentence is cut, what is left fitting one cue no longer keeps the pause inside it."""
    text = (
        "Il n'y a pas d'équivalent, | c'est-à-dire que cette espèce de nouveauté dans la relation à l'objet, "
        "| c'est fascinant et terrifiant, | parce qu'on a l'impression de ne jamais en sortir."
    )
    cues = segment_words(words_from(text, ms_per_char=60), FR)
    assert_within_limits(cues, FR)
    assert any(c.plain.endswith("terrifiant,") for c in cues), [c.plain for c in cues]
    assert cues[-1].plain.startswith("parce qu'on")


def test_a_fast_long_clause_is_still_cut_from_the_next_at_a_comma_and_pause():
    """Fast speech too long for one cue is cut again anyway: its speed does not stop the cut at
    the comma and pause that end it (it used to be merged with the next clause's start)."""
    text = (
        "mais bon, il faut dire qu'il profite aussi de vingt ans pendant lesquels les ordinateurs nous ont "
        "appris à cliquer sur des icônes, | sauf que le smartphone ajoute le toucher et rend le contact plus "
        "direct, plus sensible, | et puis évidemment il faudrait parler aussi des applications."
    )
    cues = segment_words(words_from(text, ms_per_char=38, gap=10), FR)
    assert_within_limits(cues, FR)
    ends = [c.plain.replace("\n", " ").split()[-1] for c in cues]
    assert "icônes," in ends and "sensible," in ends, [c.plain for c in cues]


def test_of_two_close_clause_ends_the_one_opening_a_new_sentence_is_cut():
    """"plus direct, | plus sensible, | et puis": both commas have a pause, too close to cut at
    both; "et puis" opens the next sentence, so the cut falls there (it fell after "direct,",
    leaving "plus sensible, et puis évidemment..." straddling two sentences)."""
    text = (
        "le smartphone rend le contact plus direct, | plus sensible, "
        "| et puis évidemment il faudrait parler aussi des applications qui permettent de contourner le flux."
    )
    cues = segment_words(words_from(text, ms_per_char=50), FR)
    assert_within_limits(cues, FR)
    ends = [c.plain.replace("\n", " ").split()[-1] for c in cues]
    assert "sensible," in ends and "direct," not in ends, [c.plain for c in cues]


def test_a_fast_clause_long_enough_not_to_flash_is_still_cut_at_its_comma_and_pause():
    """"entre elles, | ce qui dit d'ailleurs sur la photo, c'est hyper convaincant." is spoken
    fast (25 cps) but stays up over two seconds: its speed is the speaker's, not a flash, so the
    comma and pause before it cut the sentence (it was kept whole, and straddled two)."""
    text = (
        "ce qui fait la force du smartphone c'est pas seulement l'accumulation des fonctions mais la "
        "manière dont elles interagissent entre elles, | ce qui dit d'ailleurs sur la photo, c'est hyper convaincant. "
        "| Alors évidemment."
    )
    words = words_from(text, ms_per_char=30, gap=5)
    starts = [words[first].text for first, _, _ in sentence_spans(words, FR)]
    assert starts == ["ce", "ce", "Alors"]
