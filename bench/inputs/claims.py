"""Varied one-line claims for the batch benchmark: LDN claims, hedged, negated, off-topic."""

from __future__ import annotations

import random
from collections.abc import Iterator

CONDITIONS = (
    "MS",
    "multiple sclerosis",
    "fibromyalgia",
    "Crohn's disease",
    "ulcerative colitis",
    "long COVID",
    "ME/CFS",
    "chronic fatigue syndrome",
    "cancer",
    "depression",
    "CRPS",
    "complex regional pain syndrome",
    "Hashimoto's",
    "psoriasis",
    "autism",
    "HIV",
    "rheumatoid arthritis",
    "lupus",
    "chronic pain",
    "diabetic neuropathy",
    "IBS",
    "endometriosis",
    "Parkinson's",
    "ALS",
    "alopecia",
    "eczema",
    "migraines",
    "lichen planus",
)
DRUGS = ("LDN", "low-dose naltrexone", "low dose naltrexone", "naltrexone 4.5 mg", "LDN (4.5mg)")
VERBS = (
    "treats",
    "cures",
    "helps",
    "improves",
    "reduces the symptoms of",
    "reverses",
    "prevents",
    "slows",
    "eases pain in",
    "is approved for",
    "stops the progression of",
    "works for",
    "is safe in",
    "has no side effects in",
    "is better than standard drugs for",
)
OPENERS = (
    "",
    "",
    "",
    "Studies show that ",
    "My doctor says ",
    "Some small trials suggest ",
    "There is no evidence that ",
    "It is not true that ",
    "Everyone knows ",
    "A 2020 review found that ",
    "Honestly, ",
    "I read that ",
)
HEDGES = ("", "", "", " may", " might", " could", " will probably")
ENDINGS = (".", ".", "!", " for most people.", " within weeks.", " in some patients.", "?")
OFF_TOPIC = (
    "The train to Leeds was late again this morning.",
    "Ibuprofen can upset the stomach when taken without food.",
    "Our garden needs more compost before spring.",
    "Metformin is a first-line treatment for type 2 diabetes.",
    "She finished the marathon in under four hours.",
    "Vitamin D levels drop in winter in northern countries.",
    "Naltrexone 50 mg is used for alcohol dependence.",
    "The committee meets every second Tuesday.",
)


def _ldn_claim(rng: random.Random) -> str:
    drug = rng.choice(DRUGS)
    hedge = rng.choice(HEDGES)
    verb = rng.choice(VERBS)
    if hedge:
        verb = verb.replace("treats", "treat").replace("cures", "cure").replace("helps", "help")
        verb = (
            verb.replace("improves", "improve")
            .replace("reduces", "reduce")
            .replace("reverses", "reverse")
            .replace("prevents", "prevent")
            .replace("slows", "slow")
        )
        verb = verb.replace("eases", "ease").replace("is ", "be ").replace("stops", "stop")
        verb = verb.replace("works", "work").replace("has ", "have ")
    sentence = f"{rng.choice(OPENERS)}{drug}{hedge} {verb} {rng.choice(CONDITIONS)}"
    return sentence[0].upper() + sentence[1:] + rng.choice(ENDINGS)


def claims(count: int, *, seed: int = 6) -> Iterator[str]:
    """``count`` claims, about one in eight off topic; the same seed gives the same lines."""
    rng = random.Random(seed)
    for _ in range(count):
        yield rng.choice(OFF_TOPIC) if rng.random() < 0.125 else _ldn_claim(rng)
