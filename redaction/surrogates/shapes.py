"""Format-preserving surrogates for structured identifiers: same shape, new characters.

Phone numbers keep "+" and the country code, e-mail keeps a public webmail domain, links keep a
public platform's host, dates keep their year and format, unit numbers their ordinal ending.
Nothing here depends on a real value beyond its shape.
"""

from __future__ import annotations

import re
from collections.abc import Container
from random import Random

from redaction.recognizers.date import MONTHS
from redaction.text import match_casing

ATTEMPTS = 20  # redraws so that a random surrogate never equals the original by chance

# fmt: off
_PUBLIC_MAIL = frozenset(
    [
        "gmail.com", "yandex.ru", "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "ukr.net",
        "i.ua", "meta.ua", "proton.me", "protonmail.com", "outlook.com", "hotmail.com",
        "yahoo.com", "icloud.com", "tutanota.com", "rambler.ru",
    ]
)
_PUBLIC_HOSTS = frozenset(
    [
        "t.me", "telegram.me", "vk.com", "facebook.com", "fb.com", "instagram.com", "youtube.com",
        "x.com", "twitter.com", "ok.ru", "tiktok.com", "linkedin.com",
    ]
)
_COUNTRY_CODES = (
    "380", "375", "370", "371", "372", "373", "374", "995", "998", "48", "49", "44", "7", "1",
)
# fmt: on
_ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyz",
    "cyrillic": "абвгдежзиклмнопрстуфхцчшэюя",
}
_MONTH_WORDS = re.compile(
    r"\b(?:" + "|".join(m for ms in MONTHS.values() for m in ms.split()) + r")\b", re.IGNORECASE
)


def scramble(value: str, rng: Random, keep_prefix: int = 0) -> str:
    """Same shape, new characters: digits stay digits, letters keep script and case; never
    the original value itself."""
    new = value
    for _ in range(ATTEMPTS):
        new = _scramble_once(value, rng, keep_prefix)
        if new != value:
            break
    return new


def _scramble_once(value: str, rng: Random, keep_prefix: int) -> str:
    out = list(value[:keep_prefix])
    for c in value[keep_prefix:]:
        if c.isdigit():
            out.append(str(rng.randint(1, 9)))
        elif c.isalpha():
            alphabet = _ALPHABETS["latin" if c.isascii() else "cyrillic"]
            new = rng.choice(alphabet)
            out.append(new.upper() if c.isupper() else new)
        else:
            out.append(c)
    return "".join(out)


def random_letter(rng: Random, like: str, avoid: Container[str] = ()) -> str:
    """An upper-case letter of the same script, for an initial; not one in `avoid` (lower-case
    letters standing alone in the text: another person's initial must not reappear as a
    surrogate, or a reader cannot tell who "K." is)."""
    alphabet = _ALPHABETS["latin" if like.isascii() else "cyrillic"]
    free = [c for c in alphabet if c not in avoid] or list(alphabet)
    return rng.choice(free).upper()


def contact(surface: str, rng: Random) -> str:
    """A phone number, e-mail address, link or handle of the same shape."""
    if "@" in surface and not surface.startswith("@"):
        local, _, domain = surface.rpartition("@")
        kept = domain if domain.lower() in _PUBLIC_MAIL else "example.org"
        return f"{scramble(local, rng)}@{kept}"
    host = re.match(r"(?:https?://)?(?:www\.)?([^/\s]+)", surface)
    if host and "." in host.group(1) and not surface.startswith(("+", "@")):
        path = scramble(surface[host.end() :], rng)
        if host.group(1).lower() in _PUBLIC_HOSTS:
            return surface[: host.end()] + path
        return surface[: host.start(1)] + "example.org" + path
    return scramble(surface, rng, keep_prefix=_phone_prefix(surface))


def date(surface: str, language: str, rng: Random) -> str:
    """Another day and month in the same format; the year stays (it dates events and alone
    identifies no one)."""
    numbers = iter((rng.randint(1, 28), rng.randint(1, 12)))

    def number(m: re.Match[str]) -> str:
        if len(m.group()) == 4:
            return m.group()
        return str(next(numbers, rng.randint(1, 12))).zfill(len(m.group()))

    months = MONTHS[language].split()
    text = re.sub(r"\d+", number, surface)
    return _MONTH_WORDS.sub(lambda m: match_casing(rng.choice(months), m.group()), text)


def renumbered(surface: str, rng: Random) -> str:
    """New digits, same letters and ordinal ending ("58-й" -> "31-й", "24th" -> "31st")."""
    digits = surface
    for _ in range(ATTEMPTS):
        digits = re.sub(r"\d", lambda _: str(rng.randint(1, 9)), surface)
        if digits != surface:
            break
    return re.sub(r"(\d+)(?:st|nd|rd|th)\b", lambda m: _english_ordinal(int(m.group(1))), digits)


def normalised_value(surface: str) -> str:
    """Letters and digits only, lower-cased: one identifier however it is punctuated."""
    return "".join(c for c in surface.lower() if c.isalnum())


def _english_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _phone_prefix(surface: str) -> int:
    """Characters to keep at the start of a phone number: '+' and the country code, or the
    national trunk prefix (0 in Ukraine, 8 in Russia)."""
    m = re.match(r"\s*\+\s*", surface)
    if not m:
        trunk = re.match(r"\s*\(?[08]", surface)
        return trunk.end() if trunk else 0
    rest = surface[m.end() :]
    code = next((c for c in _COUNTRY_CODES if rest.startswith(c)), "")
    return m.end() + len(code)
