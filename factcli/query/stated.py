"""What the claims citing a sentence state, and the words of it they leave unstated.

A quote that touches a sentence is not a claim that states it. The claims
citing a sentence state their own words: their fields (a registry id as the
entity's name), whom they name (``mentions``) and who asserts them
(``according_to``), their values and their dates in words and as the source
gives them, and the names and aliases of the people and organisations of
their record, since a claim is read within its record. The sentence's
content words (not ``STOPWORDS``, compared by stem) that none of those state
are its *unstated* words. They carry a fact when they hold a number or at
least ``FACT_WORDS`` content words; the sentence is then partly stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcli.model.claims import Claim, record_claims, walk
from factcli.model.dates import date_text, plain_date
from factcli.model.records import FactBase
from factcli.query.text import fold
from factcli.query.words import stem

#: Words that carry no fact on their own: articles, pronouns, prepositions, auxiliaries.
_STOPWORDS_TEXT = """
a an the and or but nor of to in on at by for with from as into onto over under
is are was were be been being am has have had do does did will would shall should
can could may might must it its this that these those he she they his her their him
them we our us you your i me my who whom whose which what when where while than then
so not no also there here up out about after before during since until some such
any each both either other only just very
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
#: How many unstated content words (with no number among them) carry a fact.
FACT_WORDS = 3

#: The key of a claim in coverage answers: its record id and its place in the record.
ClaimKey = tuple[str, str]

_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` that may carry a fact, in order (no single letters)."""
    return [
        w for w in _WORD.findall(fold(text)) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def _names(facts: FactBase, ids: Iterable[str]) -> list[str]:
    found = []
    for entity_id in ids:
        entity = facts.entities.get(entity_id)
        if entity is not None:
            found += [entity.name, *entity.aliases]
    return found


def _claim_texts(facts: FactBase, claim: Claim) -> list[str]:
    texts = [value for _, value in claim.named_fields(facts.name_of)]
    texts += _names(facts, (*claim.entities, *claim.setting.mentions))
    if claim.according_to:
        # Who asserts it is said on the row ("[1] according to ..."), registered or not.
        texts += _names(facts, (claim.according_to,)) or [claim.according_to]
    if claim.date is not None:
        texts += [date_text(claim.date), claim.date.as_stated or ""]
        for other in claim.date.alternatives:
            texts += [plain_date(other.value), other.as_stated or ""]
    return texts


def stated_stems(facts: FactBase) -> dict[ClaimKey, frozenset[str]]:
    """For every claim, the stems of the words it states (see the module's rules)."""
    stated: dict[ClaimKey, frozenset[str]] = {}
    record_names: dict[str, list[str]] = {}
    for record in facts.items():
        involved = {e for claim in record_claims(record) for e in claim.entities}
        record_names[record.id] = _names(facts, sorted(involved))
    for claim in walk(facts):
        texts = _claim_texts(facts, claim) + record_names.get(claim.record_id, [])
        if claim.record_kind in ("person", "org"):
            texts += _names(facts, (claim.record_id,))
        stated[(claim.record_id, claim.where)] = frozenset(
            stem(w) for text in texts for w in content_words(text)
        )
    return stated


def unstated_words(sentence: str, stated: Iterable[frozenset[str]]) -> tuple[str, ...]:
    """The content words of ``sentence`` none of the ``stated`` stem sets holds, each once."""
    known = frozenset().union(*stated)
    return tuple(dict.fromkeys(w for w in content_words(sentence) if stem(w) not in known))


def carries_fact(words: tuple[str, ...]) -> bool:
    """True when unstated words say something: a number, or ``FACT_WORDS`` words or more."""
    return any(w.isdigit() for w in words) or len(words) >= FACT_WORDS
