"""Unit tests for the engine stages: normalise, topics, stance cues with scope, matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldncheck.kb import KnowledgeBase
from ldncheck.match import analyse, rank, spellfix
from ldncheck.model import Claim, Evidence, Result, Stance, Verdict
from ldncheck.normalize import MAX_SENTENCE_CHARS, _fold, clean, normalize, stem
from ldncheck.pipeline import check_claim
from ldncheck.stance import is_question, negation_cues
from ldncheck.topics import detect_topics


def matched(result: Result) -> Claim:
    """The claim a result matched; fails the test, saying why, when it matched none."""
    assert result.match is not None, result.explanation
    return result.match.claim


def test_clean_folds_quotes_dashes_and_invisible_characters() -> None:
    assert (
        clean("LDN\u200b\u2019s  \u201cdose\u201d \u2013 4.5\u00a0mg") == 'LDN\'s "dose" - 4.5 mg'
    )


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_plain_ascii_is_cleaned_as_the_full_folding_cleans_it(text: str) -> None:
    # Backticks, escape sequences, control characters and runs of spaces included.
    assert clean(text) == _fold(text[:MAX_SENTENCE_CHARS])


def test_an_escape_sequence_in_ascii_text_is_still_removed() -> None:
    assert clean("LDN \x1b[31mcures\x1b[0m `MS`") == "LDN cures 'MS'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LDN treats MS", "ldn treats multiple sclerosis"),
        ("Low-dose naltrexone helps FM", "ldn helps fibromyalgia"),
        ("naltrexone at a low dose for ME/CFS", "ldn for chronic fatigue syndrome"),
        ("Naltrexone 4.5 mg eases PASC", "ldn eases long covid"),
        ("Ms. Smith takes LDN", "ms. smith takes ldn"),
    ],
)
def test_normalize_expands_abbreviations_and_names_of_ldn(
    kb: KnowledgeBase, text: str, expected: str
) -> None:
    assert normalize(text, kb.lexicon) == expected


def test_upper_case_only_abbreviations_leave_pronouns_alone(kb: KnowledgeBase) -> None:
    assert "myalgic" not in normalize("LDN helped me a lot", kb.lexicon)
    assert "myalgic" in normalize("LDN helped my ME", kb.lexicon)


def test_stem_reads_inflections_alike() -> None:
    assert stem("treats") == stem("treated") == stem("treating") == "treat"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("LDN reduces fibromyalgia pain", "fibromyalgia"),
        ("LDN helps with Crohn's flares", "crohns-disease"),
        ("LDN is FDA approved", "regulatory-status"),
        ("Vivid dreams are common on LDN", "side-effects"),
        ("LDN shrinks tumours", "cancer"),
    ],
)
def test_detect_topics(kb: KnowledgeBase, text: str, topic: str) -> None:
    assert topic in detect_topics(normalize(text, kb.lexicon), kb.lexicon)


def test_a_specific_condition_outranks_general_pain(kb: KnowledgeBase) -> None:
    topics = detect_topics(normalize("LDN eases fibromyalgia pain", kb.lexicon), kb.lexicon)
    assert "fibromyalgia" in topics
    assert "chronic-pain" not in topics


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("LDN helps MS", True),
        ("Low dose naltrexone helps MS", True),
        ("Naltrexone 50 mg is approved for alcohol dependence", False),
        ("Vivitrol injections help people stay off heroin", False),
        ("Ocrelizumab reduces MS relapses", False),
    ],
)
def test_about_ldn(kb: KnowledgeBase, text: str, about: bool) -> None:
    assert check_claim(text, kb).reading.about_ldn is about


def test_document_context_makes_an_anaphor_an_ldn_claim(kb: KnowledgeBase) -> None:
    text = "It has been proven to cure fibromyalgia."
    assert check_claim(text, kb).verdict is Verdict.UNKNOWN
    in_context = check_claim(text, kb, assume_ldn=True)
    assert in_context.verdict.flagged
    assert in_context.match is not None and in_context.match.claim.topic == "fibromyalgia"


def test_document_context_does_not_capture_another_drug(kb: KnowledgeBase) -> None:
    result = check_claim("Ocrelizumab slows MS progression.", kb, assume_ldn=True)
    assert result.verdict is Verdict.UNKNOWN


@pytest.mark.parametrize(
    "text", ["Does LDN help MS?", "Can LDN cure cancer", "Is LDN safe with tramadol?"]
)
def test_questions_are_not_claims(kb: KnowledgeBase, text: str) -> None:
    assert is_question(text, normalize(text, kb.lexicon))
    result = check_claim(text, kb)
    assert result.verdict is Verdict.UNKNOWN
    assert result.stance is Stance.QUESTION


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("LDN may help MS fatigue", "may"),
        ("LDN might ease fibromyalgia pain", "might"),
        ("Small studies suggest LDN helps Crohn's disease", "suggest"),
        ("Anecdotally, LDN helps long COVID fatigue", "anecdotally"),
        ("Some patients report that LDN helps their fibromyalgia", "some patients report"),
        ("Preliminary data hint that LDN helps Crohn's disease", "preliminary"),
        ("LDN could reduce MS fatigue, but more research is needed", "could"),
    ],
)
def test_hedge_family(kb: KnowledgeBase, text: str, cue: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert any(cue in c for c in result.stance_cues)
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "LDN is clinically proven to treat fibromyalgia",
        "LDN is a miracle cure for MS",
        "Studies show LDN treats Crohn's disease",
        "LDN is guaranteed to fix long COVID",
    ],
)
def test_booster_family_makes_a_flag(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.STRONG
    assert result.verdict.flagged


@pytest.mark.parametrize(
    "text",
    [
        "LDN does not cure MS",
        "There is no evidence that LDN slows MS progression",
        "LDN has not been shown to help fibromyalgia",
        "LDN isn't a treatment for cancer",
        "LDN never reverses autism",
    ],
)
def test_negation_family_denies_unproven_claims(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


def test_not_only_is_not_a_negation(kb: KnowledgeBase) -> None:
    norm = normalize("LDN is not only safe but effective for MS", kb.lexicon)
    assert negation_cues(norm, kb.lexicon, {}) == []
    result = check_claim("LDN is not only safe but effective for MS", kb)
    assert result.stance is not Stance.NEGATED
    assert result.verdict is not Verdict.FALSE


def test_nominal_negation_reaches_only_its_phrase(kb: KnowledgeBase) -> None:
    result = check_claim("LDN relieves fibromyalgia pain without the risks of opioids", kb)
    assert result.stance is not Stance.NEGATED
    assert result.verdict is Verdict.OVERSTATED


def test_negation_in_a_side_clause_does_not_deny_the_claim(kb: KnowledgeBase) -> None:
    result = check_claim("LDN, which is not licensed for MS, may ease fatigue", kb)
    assert result.verdict is Verdict.ACCURATE
    assert matched(result).topic == "multiple-sclerosis"


@pytest.mark.parametrize(
    ("asserting", "denying"),
    [
        ("LDN has no side effects", "LDN can cause side effects such as vivid dreams"),
        (
            "LDN is safe to take with opioid painkillers",
            "LDN must not be taken with opioid painkillers",
        ),
        ("LDN is FDA-approved for MS", "LDN is not FDA-approved for MS"),
        ("LDN is licensed in the UK for MS", "LDN is unlicensed in the UK"),
    ],
)
def test_both_polarities_reach_consistent_verdicts(
    kb: KnowledgeBase, asserting: str, denying: str
) -> None:
    # Whichever claim each sentence matches, the false statement is flagged false and the
    # true one is accurate.
    assert check_claim(asserting, kb).verdict is Verdict.FALSE
    assert check_claim(denying, kb).verdict is Verdict.ACCURATE


def test_misspellings_still_match(kb: KnowledgeBase) -> None:
    result = check_claim("LDN cures fibromyalga", kb)
    assert matched(result).topic == "fibromyalgia"


def test_topic_gating_keeps_ms_away_from_crohns(kb: KnowledgeBase) -> None:
    terms = spellfix(analyse(normalize("LDN treats MS", kb.lexicon), kb.lexicon), kb.index)
    ranked = rank(terms, ("multiple-sclerosis",), kb.index)
    assert ranked and all(c.claim.topic == "multiple-sclerosis" for c, _ in ranked)


def test_a_topic_without_a_predicate_is_not_a_claim(kb: KnowledgeBase) -> None:
    assert check_claim("I take LDN for my MS", kb).verdict is Verdict.UNKNOWN


def test_unknown_results_offer_suggestions(kb: KnowledgeBase) -> None:
    result = check_claim("LDN and fibromyalgia, what a story", kb)
    assert result.verdict is Verdict.UNKNOWN


def test_a_governing_denial_reverses_what_its_clause_says(kb: KnowledgeBase) -> None:
    # "It is a myth that LDN has no side effects" asserts that it has some: accurate.
    myth = check_claim("It is a myth that LDN has no side effects.", kb)
    assert myth.stance is Stance.NEGATED
    assert myth.verdict is Verdict.ACCURATE
    assert check_claim("It is a myth that LDN can cause side effects.", kb).verdict.flagged


def test_terminal_escapes_do_not_glue_onto_words(kb: KnowledgeBase) -> None:
    plain = check_claim("LDN treats MS", kb)
    escaped = check_claim("\x1b[2J\x1b[HLDN treats MS", kb)
    assert escaped.verdict is plain.verdict
    assert escaped.match is not None and plain.match is not None
    assert escaped.match.claim.id == plain.match.claim.id


@pytest.mark.parametrize(
    "text",
    [
        "There is not yet enough evidence to say that LDN helps with cancer.",
        "There is insufficient evidence that LDN slows MS progression.",
        "We are not aware of any trial showing that LDN shrinks tumours.",
    ],
)
def test_statements_that_the_evidence_is_missing_deny_the_claim(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    ["And the big one, which listeners should hear: opioids.", "Pregnancy comes up a lot too."],
)
def test_a_topic_word_without_a_relation_claims_nothing(kb: KnowledgeBase, text: str) -> None:
    # Neither may be matched to a claim about what LDN does (opioid blocking, safety in
    # pregnancy); at most to a descriptive one, and never flagged.
    result = check_claim(text, kb, assume_ldn=True)
    assert not result.verdict.flagged
    assert result.match is None or result.match.claim.id not in ("preg-safe", "opioid-safe-combine")


@pytest.mark.parametrize(
    "text",
    [
        "Texas clinic chain says LDN reverses long COVID",
        "The MHRA has said that LDN cures multiple sclerosis.",
        "Influencer tells followers that LDN cures HIV",
        "A private clinic group announced that LDN cures cancer.",
    ],
)
def test_news_frames_report_rather_than_assert(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.match is not None
    assert result.reported
    assert not result.verdict.flagged


def test_a_null_result_denies_the_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("Another null result for LDN in fibromyalgia pain", kb)
    assert result.verdict is Verdict.ACCURATE


def test_evidence_described_as_mixed_is_a_hedge(kb: KnowledgeBase) -> None:
    text = "For MS, the evidence that LDN improves fatigue is mixed."
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "LDN is naltrexone taken at a much smaller dose than the 50 mg tablet.",
        "LDN is about 1 to 5 mg a day, versus 50 mg for alcohol dependence.",
    ],
)
def test_a_dose_compared_with_50_mg_is_not_a_claim_of_50_mg(kb: KnowledgeBase, text: str) -> None:
    assert check_claim(text, kb).verdict is Verdict.ACCURATE


def test_an_antonym_denies_its_opposite(kb: KnowledgeBase) -> None:
    assert check_claim("LDN is expensive and still under patent.", kb).verdict is Verdict.FALSE
    assert check_claim("LDN is cheap and off-patent.", kb).verdict is Verdict.ACCURATE


def test_a_statement_of_use_is_not_a_claim_of_effect(kb: KnowledgeBase) -> None:
    assert not check_claim("LDN is used to treat fibromyalgia.", kb).verdict.flagged
    assert check_claim("LDN is used to treat fibromyalgia effectively.", kb).verdict.flagged


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Research on LDN for depression is very limited.", "depression"),
        ("Data on LDN in rheumatoid arthritis remain scarce.", "rheumatoid-arthritis"),
        ("Evidence for LDN in ME/CFS is still thin.", "chronic-fatigue-syndrome"),
    ],
)
def test_evidence_described_as_thin_keeps_its_topic(
    kb: KnowledgeBase, text: str, topic: str
) -> None:
    # The words between "research" and "is limited" name what was not studied; losing them
    # left the sentence without a topic to match.
    result = check_claim(text, kb)
    assert matched(result).topic == topic
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "We don't know whether LDN is safe in pregnancy.",
        "It is not known whether LDN helps people with ME/CFS.",
        "Whether LDN slows MS remains to be seen.",
    ],
)
def test_open_questions_about_the_evidence_are_hedges(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.match is not None
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_testimonial_idioms_read_as_claims(kb: KnowledgeBase) -> None:
    beaten = check_claim("Thousands of cancer patients have beaten their tumours with LDN.", kb)
    assert beaten.match is not None and beaten.match.claim.topic == "cancer"
    assert beaten.verdict.flagged
    back = check_claim("Long covid patients are getting their lives back thanks to LDN.", kb)
    assert back.match is not None and back.match.claim.topic == "long-covid"
    assert back.verdict.flagged


@pytest.mark.parametrize(
    "text",
    [
        "LDN is a safe and effective treatment for MS.",
        "LDN is safe and effective for fibromyalgia.",
        "Many doctors consider LDN safe and effective for long COVID.",
    ],
)
def test_a_sentence_is_as_wrong_as_its_weakest_conjoined_claim(
    kb: KnowledgeBase, text: str
) -> None:
    # Tolerability is established for each of these conditions; efficacy is not. The
    # sentence asserts both, so it must not pass on the strength of the safe half.
    result = check_claim(text, kb)
    assert result.verdict is Verdict.OVERSTATED
    assert matched(result).evidence is not Evidence.ESTABLISHED


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("LDN is well tolerated in fibromyalgia and may ease pain for some.", Verdict.ACCURATE),
        ("Naltrexone at 50 mg is approved for alcohol and opioid dependence; LDN is not.", None),
        ("LDN eliminates MS relapses entirely.", Verdict.OVERSTATED),
    ],
)
def test_only_coordinated_relations_make_a_second_claim(
    kb: KnowledgeBase, text: str, verdict: Verdict | None
) -> None:
    result = check_claim(text, kb)
    if verdict is None:
        assert result.match is None or result.match.claim.topic != "opioid-interaction"
    else:
        assert result.verdict is verdict


@pytest.mark.parametrize("drug", ["methadone", "buprenorphine", "Suboxone"])
def test_opioids_named_by_drug_reach_the_interaction_claims(kb: KnowledgeBase, drug: str) -> None:
    warning = check_claim(f"LDN should not be taken by people who are on {drug}.", kb)
    assert warning.match is not None and warning.match.claim.topic == "opioid-interaction"
    assert warning.verdict is Verdict.ACCURATE
    assert check_claim(f"It is fine to take LDN with {drug}.", kb).verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    [
        "Most of the evidence for LDN in cancer comes from lab and animal studies.",
        "Animal research suggests LDN could slow tumour growth.",
        "In mouse models, LDN slowed the growth of tumours.",
    ],
)
def test_laboratory_and_animal_evidence_is_a_hedge(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "cancer"
    assert not result.verdict.flagged


def test_thyroid_drugs_name_the_thyroid_topic(kb: KnowledgeBase) -> None:
    result = check_claim("Taking LDN means you can stop your levothyroxine.", kb)
    assert matched(result).topic == "hashimotos-thyroiditis"
    assert result.verdict.flagged


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("LDN is safe for everyone.", Verdict.FALSE),
        ("Low-dose naltrexone is perfectly safe.", Verdict.FALSE),
        ("LDN is safe for most people.", Verdict.ACCURATE),
        ("LDN has no serious side effects and is safe for everyone.", Verdict.FALSE),
    ],
)
def test_universal_safety_is_the_contradicted_claim(
    kb: KnowledgeBase, text: str, verdict: Verdict
) -> None:
    # Tolerability is established; safety for everyone is not (opioids, liver, pregnancy).
    assert check_claim(text, kb).verdict is verdict


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("LDN has anti-inflammatory properties.", "autoimmune-general"),
        ("LDN is a powerful anti-inflammatory.", "autoimmune-general"),
        ("LDN has anti-cancer effects.", "cancer"),
        ("Low-dose naltrexone shows antitumor activity.", "cancer"),
    ],
)
def test_anti_adjectives_say_what_ldn_does(kb: KnowledgeBase, text: str, topic: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == topic
    assert result.verdict.flagged
    hedged = check_claim(text.replace(" has ", " may have ").replace(" is ", " may be "), kb)
    if hedged.text != text:
        assert not hedged.verdict.flagged


@pytest.mark.parametrize(
    "text",
    [
        "Related posts: my anti-inflammatory morning routine",
        "Ibuprofen is an anti-inflammatory drug.",
    ],
)
def test_anti_adjectives_elsewhere_claim_nothing(kb: KnowledgeBase, text: str) -> None:
    assert not check_claim(text, kb, assume_ldn=True).verdict.flagged


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Most Crohn's patients respond to LDN.", "crohns-disease"),
        ("LDN outperforms gabapentin for nerve pain.", "chronic-pain"),
    ],
)
def test_response_and_comparison_verbs_claim_a_benefit(
    kb: KnowledgeBase, text: str, topic: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == topic
    assert result.verdict.flagged


def test_reports_of_a_benefit_are_a_hedge(kb: KnowledgeBase) -> None:
    text = "There have been reports of LDN helping some people with depression."
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("It is too early to say whether LDN helps long COVID.", Stance.HEDGED),
        ("Not everyone tolerates LDN; some stop because of insomnia.", Stance.HEDGED),
        ("Nobody should claim that LDN cures cancer.", Stance.NEGATED),
    ],
)
def test_partial_and_governing_qualifiers(kb: KnowledgeBase, text: str, stance: Stance) -> None:
    result = check_claim(text, kb)
    assert result.stance is stance
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("While more research is needed, LDN clearly reduces MS fatigue.", Verdict.OVERSTATED),
        ("Although evidence is limited, LDN definitely helps fibromyalgia.", Verdict.OVERSTATED),
        ("While more research is needed, LDN may reduce MS fatigue.", Verdict.ACCURATE),
        ("Although evidence is limited, LDN seems to help fibromyalgia.", Verdict.ACCURATE),
    ],
)
def test_a_conceded_doubt_does_not_hedge_a_boosted_claim(
    kb: KnowledgeBase, text: str, verdict: Verdict
) -> None:
    assert check_claim(text, kb).verdict is verdict


@pytest.mark.parametrize(
    "text",
    [
        "LDN rarely causes nausea.",
        "LDN rarely causes serious side effects.",
        "Doctors rarely prescribe LDN on the NHS.",
    ],
)
def test_rarely_limits_frequency_without_denying(kb: KnowledgeBase, text: str) -> None:
    # As a denial, "rarely causes nausea" would deny an established side effect (false).
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("LDN heals leaky gut.", True),
        ("LDN repairs the gut lining.", True),
        ("LDN may help heal the intestinal lining.", False),
    ],
)
def test_gut_lining_claims_are_about_bowel_disease(
    kb: KnowledgeBase, text: str, flagged: bool
) -> None:
    result = check_claim(text, kb)
    assert result.match is not None
    assert result.match.claim.topic in ("inflammatory-bowel-disease", "crohns-disease")
    assert result.verdict.flagged is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("LDN heals damaged nerves.", True),
        ("LDN may ease pain from damaged nerves.", False),
    ],
)
def test_damaged_nerves_are_neuropathy(kb: KnowledgeBase, text: str, flagged: bool) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "diabetic-neuropathy"
    assert result.verdict.flagged is flagged


def test_a_rewritten_evidence_frame_anchors_its_own_clause(kb: KnowledgeBase) -> None:
    # The claim ("little data in pregnancy") is in the "because" clause; the advice to avoid
    # LDN is in another and must not be read as denying it.
    text = (
        "LDN should be avoided in pregnancy unless a doctor advises otherwise, "
        "because data are limited."
    )
    result = check_claim(text, kb)
    assert matched(result).id == "preg-little-data"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text", ["LDN costs thousands of dollars a month.", "LDN costs a fortune."]
)
def test_large_sums_deny_that_ldn_is_cheap(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "cost-and-access"
    assert result.verdict is Verdict.FALSE


def test_cutting_a_symptom_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN cut pain scores by half in fibromyalgia.", kb)
    assert matched(result).topic == "fibromyalgia"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("LDN can help some people with fibromyalgia.", False),
        ("LDN helps many people with fibromyalgia.", True),
        ("LDN is believed by some to calm the immune system.", False),
    ],
)
def test_benefits_limited_to_some_are_hedged(kb: KnowledgeBase, text: str, flagged: bool) -> None:
    assert check_claim(text, kb).verdict.flagged is flagged


@pytest.mark.parametrize(
    "text",
    [
        "No LDN product has been approved by the FDA.",
        "Not a single trial has shown that LDN cures cancer.",
    ],
)
def test_a_negated_subject_denies_its_clause(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "Our pharmacy has seen LDN transform the lives of patients with fibromyalgia.",
        "LDN has been life-changing for my fibromyalgia.",
    ],
)
def test_transforming_lives_claims_a_benefit(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "fibromyalgia"
    assert result.verdict is Verdict.OVERSTATED


def test_a_fronted_trial_frame_reports_one_study(kb: KnowledgeBase) -> None:
    text = "In a 2013 crossover trial, women with fibromyalgia reported less pain on LDN."
    assert check_claim(text, kb).stance is Stance.HEDGED
    # Without the comma of a fronted frame, "in a trial" frames nothing.
    untested = check_claim("LDN relieves fibromyalgia pain in a trial setting.", kb)
    assert untested.stance is not Stance.HEDGED


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("LDN alone keeps HIV in check without antiretrovirals.", Verdict.FALSE),
        ("LDN cannot keep HIV in check without antiretrovirals.", Verdict.ACCURATE),
    ],
)
def test_without_the_usual_treatment_means_on_its_own(
    kb: KnowledgeBase, text: str, verdict: Verdict
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "hiv-control-without-art"
    assert result.verdict is verdict


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # "Instead of" names what LDN would replace; it denies only a verb ("instead of curing").
        ("You can take LDN instead of your MS drugs.", Verdict.OVERSTATED),
        ("LDN is not a substitute for your MS medication.", Verdict.ACCURATE),
        ("LDN should never be taken instead of MS medication.", Verdict.ACCURATE),
    ],
)
def test_instead_of_names_a_replacement(kb: KnowledgeBase, text: str, verdict: Verdict) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "ms-replace-dmt"
    assert result.verdict is verdict


def test_a_response_with_words_between_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("Patients with lupus respond remarkably well to LDN.", kb)
    assert matched(result).topic == "autoimmune-general"
    assert result.verdict is Verdict.OVERSTATED


def test_no_patent_to_protect_is_off_patent_not_a_denial(kb: KnowledgeBase) -> None:
    text = (
        "Because there is no patent to protect, drug companies have little incentive "
        "to run large LDN trials."
    )
    result = check_claim(text, kb)
    assert matched(result).topic == "cost-and-access"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A disease that has not progressed is a reported benefit, not a denial.
        ("My MS hasn't progressed at all since I started LDN, it really works.", True),
        ("LDN did not prevent MS progression.", False),
    ],
)
def test_a_course_that_stopped_is_not_a_denial(kb: KnowledgeBase, text: str, flagged: bool) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.verdict.flagged is flagged


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("LDN is fantastic for depression.", Stance.STRONG),
        ("LDN is useless for MS.", Stance.NEGATED),
    ],
)
def test_praise_and_scorn_words_name_the_benefit(
    kb: KnowledgeBase, text: str, stance: Stance
) -> None:
    result = check_claim(text, kb)
    assert result.match is not None
    assert result.stance is stance


def test_what_some_patients_experience_is_a_report(kb: KnowledgeBase) -> None:
    # As a scan reads it, in a document about LDN.
    text = "Some patients experience vivid dreams or mild headaches in the first few weeks."
    result = check_claim(text, kb, assume_ldn=True)
    assert result.stance is Stance.HEDGED
    assert not result.verdict.flagged


@pytest.mark.parametrize(
    "text",
    [
        "A Cochrane review proved LDN is useless for Crohn's.",
        "A Cochrane review proved that LDN does not work for Crohn's disease.",
    ],
)
def test_what_was_proved_is_read_with_its_frame(kb: KnowledgeBase, text: str) -> None:
    # The claim is a misreading of the review; its negation sits after "proved that".
    result = check_claim(text, kb)
    assert matched(result).id == "crohns-cochrane-disproved"
    assert result.verdict is Verdict.FALSE


def test_making_a_drug_less_effective_blocks_it(kb: KnowledgeBase) -> None:
    result = check_claim("LDN can make opioid pain relief less effective.", kb)
    assert matched(result).id == "opioid-blocks-painkillers"
    assert result.verdict is Verdict.ACCURATE


def test_coming_off_a_medicine_is_a_claimed_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN lets people with Hashimoto's come off levothyroxine.", kb)
    assert matched(result).topic == "hashimotos-thyroiditis"
    assert result.verdict.flagged


def test_an_unknown_effect_is_hedged(kb: KnowledgeBase) -> None:
    result = check_claim("Whether LDN improves the effect of chemotherapy is unknown.", kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_another_treatments_side_effects_are_not_ldns(kb: KnowledgeBase) -> None:
    text = "LDN makes cancer treatment more effective and reduces side effects of chemo."
    result = check_claim(text, kb)
    assert matched(result).topic == "cancer"
    assert result.verdict is Verdict.OVERSTATED


def test_the_best_thing_for_a_condition_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN is the best thing that ever happened to my fibro tbh", kb)
    assert matched(result).topic == "fibromyalgia"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # The comment on the claim comes after it and denies its relation word.
        ("Tried LDN for my fibro, didn't help at all.", Verdict.ACCURATE),
        # A negation before the claim's own clause is about something else.
        (
            "You cannot take it with opioid painkillers, because LDN blocks them and can "
            "throw you into withdrawal.",
            Verdict.ACCURATE,
        ),
    ],
)
def test_a_later_clause_can_deny_the_claims_relation(
    kb: KnowledgeBase, text: str, verdict: Verdict
) -> None:
    assert check_claim(text, kb).verdict is verdict


@pytest.mark.parametrize(
    "text",
    [
        "Low-dose naltrexone, or LDN, is a tiny dose of a drug first approved to treat addiction.",
        "LDN is a low dose of naltrexone, a drug approved by the FDA in 1984 for opioid addiction.",
    ],
)
def test_the_usual_opener_about_naltrexones_approval_is_accurate(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "reg-approved-addiction"
    assert result.verdict is Verdict.ACCURATE


def test_a_trial_finding_reported_after_a_long_subject_is_hedged(kb: KnowledgeBase) -> None:
    text = "A 2010 trial in 80 people with MS found LDN improved mental health scores."
    assert check_claim(text, kb).stance is Stance.HEDGED


@pytest.mark.parametrize(
    "text",
    [
        "Myth 1: LDN cures multiple sclerosis",
        "MYTH #3 - LDN is FDA-approved",
        "Myth: LDN has no side effects.",
    ],
)
def test_a_myth_label_denies_what_follows(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "claim_id", "flagged"),
    [
        ("LDN causes birth defects.", "preg-birth-defects", True),
        (
            "There is no evidence that LDN causes birth defects, but data are very limited.",
            "preg-birth-defects",
            False,
        ),
        ("Taking more than 4.5 mg of LDN gives stronger pain relief.", "dose-higher-better", True),
        (
            "LDN is recommended by health authorities for long COVID.",
            "reg-evidence-recommend",
            True,
        ),
    ],
)
def test_birth_defects_doses_above_and_health_authorities_are_read(
    kb: KnowledgeBase, text: str, claim_id: str, flagged: bool
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim_id
    assert result.verdict.flagged is flagged


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # A drug that stops working is blocked, not helped.
        ("LDN stopped working for my fibro after a year.", Verdict.UNKNOWN),
        ("My tramadol stopped working once I started LDN.", Verdict.ACCURATE),
        # Advice to the reader is not a claim, and so not a denial of one.
        (
            "Never stop opioid painkillers abruptly to start LDN without medical supervision.",
            Verdict.UNKNOWN,
        ),
    ],
)
def test_stopping_is_blocking_or_advice(kb: KnowledgeBase, text: str, verdict: Verdict) -> None:
    assert check_claim(text, kb).verdict is verdict


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("LDN makes my fibro pain slightly better.", False),
        ("LDN makes MS patients feel much better.", True),
    ],
)
def test_a_benefit_limited_in_degree_is_hedged(kb: KnowledgeBase, text: str, flagged: bool) -> None:
    assert check_claim(text, kb).verdict.flagged is flagged


def test_waiting_to_see_if_it_helps_is_an_open_question(kb: KnowledgeBase) -> None:
    text = "3 weeks on LDN, still waiting to see if it helps my fibro. Dreams are wild though"
    assert not check_claim(text, kb).verdict.flagged


def test_changing_lives_claims_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN is changing lives in the MS community every single day", kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    "text", ["LDN supports a balanced immune system.", "LDN is used to support immune health."]
)
def test_supporting_a_balanced_immune_system_is_an_immune_claim(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "mechanism"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    "text",
    [
        "Whether LDN helps depression is still an open question.",
        "The jury is still out on whether LDN helps Crohn's disease.",
    ],
)
def test_an_open_question_is_hedged(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "People on opioid painkillers who start LDN can go into withdrawal.",
        "Starting LDN while on morphine brings on withdrawal.",
    ],
)
def test_going_into_withdrawal_is_what_ldn_causes(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "opioid-withdrawal"
    assert result.verdict is Verdict.ACCURATE


def test_naltrexone_at_low_doses_is_ldn(kb: KnowledgeBase) -> None:
    result = check_claim("At low doses, naltrexone briefly blocks opioid receptors.", kb)
    assert result.reading.about_ldn
    assert matched(result).id == "mech-opioid-blocker"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Alzheimer's patients think more clearly on LDN.", "alzheimers-disease"),
        ("On LDN I can think straight again, my fibro fog has lifted", "fibromyalgia"),
    ],
)
def test_thinking_more_clearly_is_a_cognitive_benefit(
    kb: KnowledgeBase, text: str, topic: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == topic
    assert result.verdict is Verdict.OVERSTATED


def test_a_contrast_after_rather_than_does_not_deny_what_came_before(kb: KnowledgeBase) -> None:
    result = check_claim("LDN is an opioid antagonist rather than an opioid.", kb)
    assert matched(result).topic == "mechanism"
    assert result.verdict is Verdict.ACCURATE


def test_nobody_having_shown_something_governs_the_claim(kb: KnowledgeBase) -> None:
    result = check_claim("Nobody has shown that LDN beats standard nerve pain drugs.", kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("LDN can weaken the effect of opioid painkillers.", "opioid-blocks-painkillers"),
        ("LDN reduces the effects of MS fatigue.", "ms-symptoms"),
    ],
)
def test_weakening_an_opioids_effect_blocks_it(kb: KnowledgeBase, text: str, claim_id: str) -> None:
    assert matched(check_claim(text, kb)).id == claim_id


def test_working_without_antiretroviral_drugs_keeps_its_subject(kb: KnowledgeBase) -> None:
    text = "LDN has been shown to work on its own for HIV without antiretroviral drugs."
    result = check_claim(text, kb)
    assert matched(result).id == "hiv-control-without-art"
    assert result.verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text", ["LDN works best at doses of 8 to 10 mg.", "LDN at 9 mg works better than 4.5 mg."]
)
def test_doses_between_low_and_full_are_higher_doses(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "dose-higher-better"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    "text",
    [
        "LDN has been proven in clinical trials to help CRPS.",
        "It has been shown by randomised trials that LDN works for CRPS.",
    ],
)
def test_proven_in_trials_is_the_trials_claim(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "crps-trials-shown"
    assert result.verdict is Verdict.FALSE


def test_not_doing_anything_for_a_symptom_denies_the_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN didn't do anything for my MS fatigue.", kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.stance is Stance.NEGATED
    assert not result.verdict.flagged


@pytest.mark.parametrize(
    "text",
    ["Serious side effects from LDN are rare.", "Some people get headaches when they start LDN."],
)
def test_how_often_or_for_whom_an_effect_happens_is_hedged(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "side-effects"
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_a_rare_disease_is_a_name_not_a_hedge(kb: KnowledgeBase) -> None:
    result = check_claim("LDN treats Hailey-Hailey disease, a rare skin condition.", kb)
    assert result.stance is not Stance.HEDGED


def test_switching_from_a_treatment_to_ldn_replaces_it(kb: KnowledgeBase) -> None:
    result = check_claim("Patients can switch from their MS drugs to LDN.", kb)
    assert matched(result).id == "ms-replace-dmt"
    assert result.verdict is Verdict.OVERSTATED


def test_doubting_the_cause_of_an_improvement_hedges_it(kb: KnowledgeBase) -> None:
    text = "LDN helped my long covid brain fog a lot, but who knows if that was LDN or just time."
    result = check_claim(text, kb)
    assert matched(result).topic == "long-covid"
    assert result.stance is Stance.HEDGED
    assert not result.verdict.flagged


def test_a_fronted_trial_with_its_participants_reports_one_study(kb: KnowledgeBase) -> None:
    text = (
        "In a 2013 randomised crossover trial of 31 women, LDN reduced fibromyalgia pain "
        "more than placebo."
    )
    result = check_claim(text, kb)
    assert matched(result).topic == "fibromyalgia"
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_not_enough_evidence_to_say_whether_is_not_a_proof_that_it_fails(
    kb: KnowledgeBase,
) -> None:
    text = (
        "A Cochrane review concluded there was not enough evidence to say whether LDN works "
        "for Crohn's disease."
    )
    assert not check_claim(text, kb).verdict.flagged


def test_no_effect_on_an_opioid_denies_blocking_it(kb: KnowledgeBase) -> None:
    result = check_claim("LDN has no effect on opioid painkillers.", kb)
    assert matched(result).id == "opioid-blocks-painkillers"
    assert result.verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    [
        "There's hardly any research on LDN in ulcerative colitis.",
        "Itch relief with LDN has been described in a few patients.",
    ],
)
def test_scarce_research_and_a_few_cases_hedge(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.match is not None
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text", ["LDN boosts natural killer cells.", "LDN strengthens your T cells and lymphocytes."]
)
def test_immune_cells_name_the_immune_system(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "mechanism"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    "text",
    [
        "In the UK, LDN is unlicensed.",
        "In the UK, LDN is unlicensed, and most patients obtain it through private prescriptions.",
    ],
)
def test_a_fronted_place_belongs_to_the_clause_it_introduces(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "reg-uk-unlicensed"
    assert result.verdict is Verdict.ACCURATE


def test_isnt_known_whether_is_an_open_question(kb: KnowledgeBase) -> None:
    text = "It isn't known whether LDN improves how well chemotherapy works."
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_more_energy_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN gives MS patients more energy.", kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("Ultra-low-dose naltrexone is a different thing from LDN.", "dose-uldn-same"),
        ("LDN is different from standard 50 mg naltrexone.", "dose-same-as-standard"),
        ("LDN and 50 mg naltrexone are distinct products.", "dose-same-as-standard"),
    ],
)
def test_different_from_denies_the_same_as(kb: KnowledgeBase, text: str, claim_id: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim_id
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


def test_energy_returning_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("Long COVID patients see their energy return with LDN.", kb)
    assert matched(result).topic == "long-covid"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("LDN showed little benefit for long COVID fatigue in the trial.", "longcovid-symptoms"),
        ("The trial found LDN made little difference to fibromyalgia pain.", "fm-pain"),
        ("LDN showed hardly any benefit for MS fatigue.", "ms-symptoms"),
        ("LDN carries little risk of serious side effects.", "se-serious"),
        ("LDN did little to improve fatigue in the long COVID trial.", "longcovid-symptoms"),
        ("LDN does very little for my fibromyalgia pain.", "fm-pain"),
    ],
)
def test_little_of_an_effect_denies_it(kb: KnowledgeBase, text: str, claim_id: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim_id
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "LDN causes little nausea.",  # uncommon, not absent
        "LDN has hardly any side effects.",
        "LDN carries little risk of side effects.",
        "There is little doubt that LDN helps many people with fibromyalgia.",
    ],
)
def test_little_of_a_side_effect_is_not_none_and_little_doubt_asserts(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    expected = Verdict.OVERSTATED if "doubt" in text else Verdict.ACCURATE
    assert result.verdict is expected


def test_a_motive_with_little_in_it_is_the_claim_not_its_denial(kb: KnowledgeBase) -> None:
    text = "Pharmaceutical companies have little financial incentive to run trials of LDN."
    result = check_claim(text, kb)
    assert matched(result).id == "cost-low-commercial-interest"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "Researchers are still investigating whether LDN reduces inflammation.",
        "Scientists are looking into whether LDN can slow MS.",
        "A 2022 study tested whether LDN reduces pain in fibromyalgia.",
    ],
)
def test_studying_whether_is_an_open_question(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "claim_id", "stance"),
    [
        # The reason given for the main clause does not deny it ...
        (
            "My doctor refused to prescribe it because there's not enough evidence, so I got"
            " it through a private clinic.",
            "reg-uk-prescribable",
            Stance.FACTUAL,
        ),
        # ... unless the claim's own words follow the denial there.
        (
            "Doctors hesitate to prescribe LDN for MS since there is no proof that it slows"
            " the disease.",
            "ms-disease-modification",
            Stance.NEGATED,
        ),
        ("LDN cures MS, but there is no evidence for that.", "ms-cure", Stance.NEGATED),
    ],
)
def test_a_denial_of_evidence_in_a_reason_clause_governs_only_its_own_claim(
    kb: KnowledgeBase, text: str, claim_id: str, stance: Stance
) -> None:
    result = check_claim(text, kb, assume_ldn=True)
    assert matched(result).id == claim_id
    assert result.stance is stance
    assert result.verdict is Verdict.ACCURATE


def test_people_who_tell_you_are_reported_speech(kb: KnowledgeBase) -> None:
    result = check_claim("People online will tell you LDN cures cancer.", kb)
    assert matched(result).id == "cancer-cure"
    assert result.reported


@pytest.mark.parametrize(
    ("text", "claim_id"),
    [
        ("Some people take LDN in the morning to avoid sleep problems.", "se-transient"),
        ("Take LDN in the morning to avoid vivid dreams.", "se-dreams-sleep"),
        ("Start LDN at a low dose to avoid side effects.", "se-none"),
    ],
)
def test_to_avoid_as_a_purpose_denies_nothing(kb: KnowledgeBase, text: str, claim_id: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim_id
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    ["You need to avoid opioids while taking LDN.", "People on LDN have to avoid codeine."],
)
def test_an_instruction_to_avoid_still_denies(kb: KnowledgeBase, text: str) -> None:
    assert "avoid" in check_claim(text, kb).stance_cues


@pytest.mark.parametrize(
    ("text", "claim_id", "verdict"),
    [
        ("LDN is not expensive.", "cost-cheap-off-patent", Verdict.ACCURATE),
        ("LDN is not very expensive.", "cost-cheap-off-patent", Verdict.ACCURATE),
        ("LDN isn't patented, so it is cheap.", "cost-cheap-off-patent", Verdict.ACCURATE),
        ("LDN is not dangerous.", "se-well-tolerated", Verdict.ACCURATE),
        ("LDN is not different from ULDN.", "dose-uldn-same", Verdict.FALSE),
    ],
)
def test_a_negation_cancels_the_self_denying_word_it_stands_before(
    kb: KnowledgeBase, text: str, claim_id: str, verdict: Verdict
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim_id
    assert result.verdict is verdict


def test_separate_denials_of_one_concept_still_deny_once(kb: KnowledgeBase) -> None:
    result = check_claim("LDN is not approved and is unlicensed in the UK.", kb)
    assert matched(result).id == "reg-uk-unlicensed"
    assert result.verdict is Verdict.ACCURATE
    assert check_claim("LDN is expensive.", kb).verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    [
        "LDN can be taken with most other medicines, except opioids.",
        "LDN can be taken alongside most medicines apart from opioids.",
        "LDN can be combined with other drugs except opioid painkillers.",
        "LDN is safe for everyone except people taking opioids.",
    ],
)
def test_an_exception_denies_what_it_names(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "opioid-interaction"
    assert result.verdict is Verdict.ACCURATE


def test_any_other_medication_is_about_interactions(kb: KnowledgeBase) -> None:
    result = check_claim("You can take LDN with any other medication.", kb)
    assert matched(result).topic == "opioid-interaction"
    assert result.verdict is Verdict.FALSE


def test_offering_hope_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN offers real hope for millions of people with chronic pain.", kb)
    assert matched(result).id == "pain-chronic-general"
    assert result.verdict is Verdict.OVERSTATED


def test_nothing_shown_to_work_includes_ldn(kb: KnowledgeBase) -> None:
    text = "No diet or drug, LDN included, has been shown to reverse autoimmune disease."
    result = check_claim(text, kb)
    assert result.stance is Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


def test_ten_times_the_dose_is_the_tenth_claim(kb: KnowledgeBase) -> None:
    result = check_claim("A 50 mg tablet is more than ten times the usual LDN dose.", kb)
    assert matched(result).id == "dose-tenth-of-standard"
    assert result.verdict is Verdict.ACCURATE


def test_not_enough_evidence_to_judge_whether_is_open(kb: KnowledgeBase) -> None:
    text = (
        "A Cochrane review concluded that there was not enough evidence to judge whether"
        " LDN works in Crohn's disease."
    )
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "Small randomized controlled trials have reported reductions in pain in fibromyalgia,"
        " although a larger trial did not find a significant benefit.",
        "Trials in multiple sclerosis have generally found LDN to be well tolerated but have"
        " produced inconsistent results on quality of life.",
    ],
)
def test_encyclopedic_accounts_of_small_or_inconsistent_trials_are_hedged(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb, assume_ldn=True)  # as in a document about LDN
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    ["Most people on LDN have no side effects.", "Many people have no side effects at all on LDN."],
)
def test_most_people_having_none_is_not_the_claim_that_nobody_does(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "se-none"
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE
    assert check_claim("LDN has no side effects.", kb).verdict is Verdict.FALSE


def test_a_small_benefit_after_the_verb_is_hedged(kb: KnowledgeBase) -> None:
    result = check_claim("LDN isn't magic but it's helped my pain a bit.", kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_saving_a_life_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN literally saved my life from MS.", kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.verdict is Verdict.OVERSTATED


def test_a_scan_does_not_rank_a_question_it_will_not_show(kb: KnowledgeBase) -> None:
    asked = "Is LDN safe to take with opioid painkillers?"
    assert check_claim(asked, kb).alternatives  # check suggests near claims
    result = check_claim(asked, kb, suggest=False)
    assert result.stance is Stance.QUESTION
    assert result.verdict is Verdict.UNKNOWN
    assert result.alternatives == ()


def test_an_instruction_does_not_deny_what_the_reason_says_ldn_does(kb: KnowledgeBase) -> None:
    text = (
        "Do not take LDN if you take opioid painkillers such as codeine, tramadol or morphine,"
        " because it blocks their effect."
    )
    result = check_claim(text, kb)
    assert matched(result).id == "opioid-blocks-painkillers"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text", ["Do not take LDN with opioids.", "Do not take LDN if you are on opioid painkillers."]
)
def test_an_instruction_still_denies_its_own_claim(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "opioid-must-not-combine"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    "text",
    [
        "In the UK, no LDN product holds a licence.",
        "No LDN product anywhere in Britain holds a licence.",
    ],
)
def test_no_opening_its_clause_denies_the_verb_of_its_subject(kb: KnowledgeBase, text: str) -> None:
    # "No" determines the subject: what the subject does is denied however far the verb is.
    result = check_claim(text, kb)
    assert matched(result).id == "reg-uk-unlicensed"
    assert result.stance is not Stance.NEGATED
    assert result.verdict is Verdict.ACCURATE


def test_no_matter_what_denies_nothing(kb: KnowledgeBase) -> None:
    result = check_claim("No matter what the trials say, LDN cures MS.", kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.stance is not Stance.NEGATED
    assert result.flagged


def test_having_no_idea_it_could_is_no_denial(kb: KnowledgeBase) -> None:
    result = check_claim("I had no idea LDN could relieve fibromyalgia pain so well.", kb)
    assert matched(result).id == "fm-pain"
    assert result.stance is not Stance.NEGATED


def test_having_no_idea_whether_it_works_is_doubt(kb: KnowledgeBase) -> None:
    result = check_claim("I have no idea whether LDN relieves fibromyalgia pain.", kb)
    assert matched(result).id == "fm-pain"
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("LDN causes no side effects or only very mild ones.", Verdict.ACCURATE),
        # Guards: "few or no" is still close to none, and "little or no evidence" a denial.
        ("LDN has few or no side effects.", Verdict.FALSE),
        ("There is little or no evidence that LDN works for cancer.", Verdict.ACCURATE),
    ],
)
def test_none_or_only_mild_is_at_most_mild(kb: KnowledgeBase, text: str, verdict: Verdict) -> None:
    assert check_claim(text, kb).verdict is verdict


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "Anyone on opioid pain medication needs to stop it before starting LDN.",
            Verdict.ACCURATE,
        ),
        ("You must come off all opioids before you start LDN.", Verdict.ACCURATE),
        ("You don't need to stop opioids before starting LDN.", Verdict.FALSE),
        ("Stopping opioids is not necessary before taking LDN.", Verdict.FALSE),
    ],
)
def test_stopping_opioids_before_ldn_is_about_combining_them(
    kb: KnowledgeBase, text: str, verdict: Verdict
) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "opioid-interaction"
    assert result.verdict is verdict


def test_starting_ldn_after_talking_to_a_doctor_is_not_about_combining(kb: KnowledgeBase) -> None:
    text = "oh wow ok, i do take tramadol sometimes, gonna talk to my GP before starting."
    assert not check_claim(text, kb, assume_ldn=True).flagged


def test_lifting_depression_is_a_benefit_not_a_dose(kb: KnowledgeBase) -> None:
    result = check_claim("Taking 4.5 mg of LDN each night will lift depression.", kb)
    assert matched(result).id == "dep-treats"
    assert result.verdict is Verdict.OVERSTATED


@pytest.mark.parametrize(
    "text",
    [
        "LDN has never been tested in a single clinical trial.",
        "LDN has never been studied in a clinical trial.",
        "LDN has never been tested in a randomized controlled trial for fibromyalgia.",
    ],
)
def test_never_tested_in_a_trial_is_the_claim_that_no_trials_exist(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "cost-no-trials"
    assert result.verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    [
        "In a single small trial, LDN reduced fibromyalgia pain.",
        "LDN was tested in a small trial of people with Crohn's disease.",
    ],
)
def test_what_a_single_or_small_trial_found_is_still_hedged(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_a_tie_is_broken_by_polarity_read_as_the_stance_reader_reads_it(kb: KnowledgeBase) -> None:
    # Tied claims are told apart by whether their wording's denial agrees with the sentence's;
    # that must be judged on the claim's own clause, as the stance reader will judge it.
    text = (
        "Researchers have speculated that LDN might have a role in Alzheimer's, but it has"
        " never been properly tested at low doses in people with dementia."
    )
    result = check_claim(text, kb)
    assert matched(result).topic == "alzheimers-disease"
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_results_that_have_been_mixed_are_a_hedge(kb: KnowledgeBase) -> None:
    text = (
        "Larger trials have been run in fibromyalgia and long COVID,"
        " and the results have been mixed."
    )
    result = check_claim(text, kb, assume_ldn=True)
    assert result.stance is Stance.HEDGED
    assert not result.flagged


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Most fibromyalgia patients are pain-free within weeks of starting LDN.", "fibromyalgia"),
        ("I have been symptom-free since starting LDN for my Crohn's.", "crohns-disease"),
    ],
)
def test_being_pain_or_symptom_free_is_claimed_as_a_cure(
    kb: KnowledgeBase, text: str, topic: str
) -> None:
    result = check_claim(text, kb, assume_ldn=True)
    assert matched(result).topic == topic
    assert result.flagged


@pytest.mark.parametrize(
    "text",
    [
        '"For many of our members, LDN has been life-changing," said a long COVID charity.',
        '"LDN cured my fibromyalgia," she told the BBC.',
    ],
)
def test_a_quotation_followed_by_its_speaker_is_reported(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.reported
    assert result.stance is Stance.HEDGED


def test_and_before_a_new_subject_starts_a_new_clause(kb: KnowledgeBase) -> None:
    # The writer's "don't" is about the flare, not about LDN being cheap.
    text = "I stay on it because it's cheap and I don't want to risk a flare."
    result = check_claim(text, kb, assume_ldn=True)
    assert matched(result).id == "cost-cheap-off-patent"
    assert result.stance is not Stance.NEGATED
    assert not result.flagged
    # Within one subject's clause the denial still counts.
    denied = check_claim("LDN is not cheap and you need a prescription.", kb)
    assert denied.verdict is Verdict.FALSE


def test_a_definition_by_the_addiction_dose_is_the_tenth_claim(kb: KnowledgeBase) -> None:
    # "Off-label" here is about the low-dose use, not about the addiction licence.
    text = (
        "Low-dose naltrexone (LDN) refers to the off-label use of the opioid antagonist"
        " naltrexone at doses roughly one-tenth of those used for opioid and alcohol"
        " dependence, typically 1-5 mg per day."
    )
    result = check_claim(text, kb)
    assert matched(result).topic == "dose"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("LDN eliminates chronic pain without the risks of opioids.", "pain-chronic-general"),
        ("LDN relieves fibromyalgia pain without the side effects of opioids.", "fm-pain"),
    ],
)
def test_a_comparison_with_opioids_is_not_about_combining_them(
    kb: KnowledgeBase, text: str, claim: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == claim
    assert result.verdict is Verdict.OVERSTATED


def test_a_match_rewrite_may_remove_words_without_naming_a_term(tmp_path: Path) -> None:
    # A rewrite with an empty replacement drops its words from matching; reading the
    # anchors of a sentence it matched used to fail on the missing word.
    from kbfactory import write_kb

    from ldncheck.kb import bundled_dir, load_kb

    write_kb(tmp_path)
    text = (bundled_dir() / "lexicon.yaml").read_text(encoding="utf-8")
    rule = "  - {pattern: '\\bfor what it is worth\\b', replacement: ''}\n"
    (tmp_path / "lexicon.yaml").write_text(
        text.replace("match_rewrites:\n", "match_rewrites:\n" + rule, 1), encoding="utf-8"
    )
    kb = load_kb(tmp_path)
    result = check_claim("For what it is worth, LDN works for MS.", kb)
    assert matched(result).id == "tiny-ms"


def test_at_the_same_time_as_is_taking_together(kb: KnowledgeBase) -> None:
    result = check_claim("Never take LDN at the same time as codeine or other opioids.", kb)
    assert matched(result).id == "opioid-must-not-combine"
    assert result.verdict is Verdict.ACCURATE


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Say goodbye to MS forever with LDN.", "multiple-sclerosis"),
        ("Thanks to LDN, my long COVID fatigue is a thing of the past.", "long-covid"),
    ],
)
def test_goodbye_and_a_thing_of_the_past_are_cures(
    kb: KnowledgeBase, text: str, topic: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == topic
    assert result.flagged


@pytest.mark.parametrize(
    "text",
    [
        "Because it is unlicensed, LDN is prescribed on the prescriber's own responsibility"
        " in the UK.",
        "As it is unlicensed, LDN can only be prescribed privately in the UK.",
    ],
)
def test_a_fronted_reason_denies_the_concept_it_names(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert matched(result).topic == "regulatory-status"
    assert result.verdict is Verdict.ACCURATE
    assert check_claim("LDN is licensed in the UK.", kb).verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    ["My doctor wasn't keen on prescribing LDN.", "Many GPs are not willing to prescribe LDN."],
)
def test_reluctance_to_prescribe_does_not_deny_that_doctors_can(
    kb: KnowledgeBase, text: str
) -> None:
    result = check_claim(text, kb)
    assert matched(result).id == "reg-uk-prescribable"
    assert result.verdict is Verdict.ACCURATE
    # A denial of permission still denies it, and reluctance to combine is still a denial.
    assert check_claim("GPs cannot prescribe LDN in the UK.", kb).verdict is Verdict.FALSE
    combining = check_claim("I'm not keen on taking LDN with my tramadol.", kb)
    assert combining.verdict is Verdict.ACCURATE


def test_a_side_effect_list_led_by_the_common_ones_is_accurate(kb: KnowledgeBase) -> None:
    text = "Common side effects include vivid dreams, difficulty sleeping and headache."
    result = check_claim(text, kb, assume_ldn=True)
    assert matched(result).id == "se-dreams-sleep"
    assert result.verdict is Verdict.ACCURATE
    # Headache alone is not shown to be more frequent than on placebo.
    assert check_claim("LDN commonly causes headaches.", kb).verdict is Verdict.OVERSTATED


def test_no_more_flares_with_a_word_between_is_a_benefit(kb: KnowledgeBase) -> None:
    result = check_claim("LDN changed my life!!! No more fibro flares", kb)
    assert matched(result).topic == "fibromyalgia"
    assert result.stance is not Stance.NEGATED
    assert result.verdict is Verdict.OVERSTATED


def test_helping_a_little_after_a_long_object_is_hedged(kb: KnowledgeBase) -> None:
    result = check_claim("LDN helped my MS fatigue a little, nothing dramatic tbh", kb)
    assert result.stance is Stance.HEDGED
    assert result.verdict is Verdict.ACCURATE


def test_an_instruction_with_should_not_spares_the_reason(kb: KnowledgeBase) -> None:
    text = (
        "You should not take LDN if you take opioid-based painkillers such as codeine or"
        " tramadol, because it can stop them working."
    )
    result = check_claim(text, kb)
    assert matched(result).topic == "opioid-interaction"
    assert result.verdict is Verdict.ACCURATE


def test_taking_it_to_try_to_ease_symptoms_is_what_people_seek(kb: KnowledgeBase) -> None:
    text = "LDN is a drug some people with MS take to try to ease their symptoms."
    result = check_claim(text, kb)
    assert matched(result).topic == "multiple-sclerosis"
    assert result.stance is Stance.HEDGED
    # The limit is the clause's: a result reported after it is still asserted.
    told = check_claim("I tried LDN to help my MS and it worked wonders.", kb)
    assert told.verdict is Verdict.OVERSTATED


def test_buying_privately_is_not_buying_over_the_counter(kb: KnowledgeBase) -> None:
    assert not check_claim("Some people buy LDN privately.", kb, assume_ldn=True).flagged
    assert check_claim("You can buy LDN without a prescription.", kb).verdict is Verdict.FALSE


@pytest.mark.parametrize(
    "text",
    [
        "You may read that LDN can shrink tumours or help cancer patients live longer.",
        "You may have heard that LDN cures MS.",
    ],
)
def test_what_the_reader_may_read_or_hear_is_reported(kb: KnowledgeBase, text: str) -> None:
    result = check_claim(text, kb)
    assert result.reported
    assert result.stance is Stance.HEDGED
    # A promise of what the reader will find is the writer's own claim.
    promise = check_claim("You will find that LDN relieves your pain within days.", kb)
    assert promise.verdict is Verdict.OVERSTATED
