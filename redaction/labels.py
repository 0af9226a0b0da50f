"""Identifier labels, one constant each, so a typo is an import error rather than a silent miss."""

PERSON = "PERSON"
LOCATION = "LOCATION"
ORGANIZATION = "ORGANIZATION"
FACILITY = "FACILITY"
CONTACT = "CONTACT"
MILITARY_UNIT = "MILITARY_UNIT"
CALLSIGN = "CALLSIGN"
ID = "ID"
ADDRESS = "ADDRESS"
DATE = "DATE"
# Editors only (recognisers never emit it): any other identifying detail, such as a religion or a
# scar. It gets a neutral numbered marker, never an invented value of some other kind.
OTHER = "OTHER"

ALL_LABELS: frozenset[str] = frozenset(
    {PERSON, LOCATION, ORGANIZATION, FACILITY, CONTACT, MILITARY_UNIT, CALLSIGN, ID, ADDRESS, DATE}
)
# Labels whose surface is a word that inflects and recurs: they get document-level consistency.
NAME_LIKE: frozenset[str] = frozenset({PERSON, LOCATION, ORGANIZATION, FACILITY, CALLSIGN})
LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
