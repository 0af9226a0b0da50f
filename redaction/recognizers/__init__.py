"""Recognisers for identifiers that NER does not cover; the registry picks them per language.

Adding an identifier kind = adding a module here and listing its class in RECOGNIZERS.
"""

from __future__ import annotations

from redaction.recognizers.address import AddressRecognizer
from redaction.recognizers.base import Recognizer
from redaction.recognizers.callsign import CallsignRecognizer
from redaction.recognizers.case_number import CaseNumberRecognizer
from redaction.recognizers.date import DateRecognizer
from redaction.recognizers.date_words import DateInWordsRecognizer
from redaction.recognizers.email import EmailRecognizer
from redaction.recognizers.en_initials import InitialsRecognizer
from redaction.recognizers.en_places import EnglishPlaceRecognizer
from redaction.recognizers.en_preposition_places import EnglishPrepositionPlaceRecognizer
from redaction.recognizers.en_titles import EnglishTitleRecognizer
from redaction.recognizers.facility import FacilityRecognizer
from redaction.recognizers.handle import HandleRecognizer
from redaction.recognizers.id_number import IdNumberRecognizer
from redaction.recognizers.military_unit import MilitaryUnitRecognizer
from redaction.recognizers.names import NameRecognizer
from redaction.recognizers.ner import NerRecognizer
from redaction.recognizers.org_code import OrganisationCodeRecognizer
from redaction.recognizers.phone import PhoneRecognizer
from redaction.recognizers.plate import PlateRecognizer
from redaction.recognizers.postcode import PostcodeRecognizer
from redaction.recognizers.quoted import QuotedNameRecognizer
from redaction.recognizers.self_named import SelfNamedRecognizer
from redaction.recognizers.slavic_places import SlavicPlaceRecognizer
from redaction.recognizers.surname_cue import SurnameCueRecognizer
from redaction.recognizers.url import UrlRecognizer

RECOGNIZERS: tuple[Recognizer, ...] = (
    NerRecognizer(),
    NameRecognizer(),
    SelfNamedRecognizer(),
    SurnameCueRecognizer(),
    EnglishTitleRecognizer(),
    InitialsRecognizer(),
    EnglishPlaceRecognizer(),
    EnglishPrepositionPlaceRecognizer(),
    EmailRecognizer(),
    UrlRecognizer(),
    HandleRecognizer(),
    PhoneRecognizer(),
    MilitaryUnitRecognizer(),
    CallsignRecognizer(),
    QuotedNameRecognizer(),
    SlavicPlaceRecognizer(),
    IdNumberRecognizer(),
    CaseNumberRecognizer(),
    FacilityRecognizer(),
    OrganisationCodeRecognizer(),
    PlateRecognizer(),
    PostcodeRecognizer(),
    AddressRecognizer(),
    DateRecognizer(),
    DateInWordsRecognizer(),
)


def recognizers_for(language: str) -> list[Recognizer]:
    return [r for r in RECOGNIZERS if language in r.languages]
