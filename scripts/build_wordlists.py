"""Build the receipt word lists (intake/wordlists/<lang>.txt) from installed dictionaries.

Run once by a maintainer; the lists are committed, nothing is built at run time:
    PYTHONPATH=. .venv/bin/python scripts/build_wordlists.py

Russian and Ukrainian: inanimate common nouns in the nominative singular from pymorphy3's
dictionaries, only words whose every reading is that noun (no "стать", a verb too); English:
diceware's noun list. Commonness: for Russian, how many of the noun's inflected forms are among
the 250,000 most frequent words of natasha's news embeddings (navec); for Ukrainian, the same
for spellings shared with Russian plus the lemma's frequency in the NER-UK corpus when it is at
hand. Then, most common and shortest first, a word is kept only if, after folding look-alike
letters, it is at least two edits (transpositions count as one) from every kept word and
neither is a prefix of the other: one typo never yields another word, and words typed without
spaces still split one way.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from intake.receipt_words import LIST_SIZE, fold, near_keys

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "intake" / "wordlists"
NER_UK = ROOT.parent / "shared" / "eval" / "ner-uk-2.0-test" / "test.iob"
# Left out after reading the lists: war, violence, death, prison, drugs, sex, slurs and
# nationalities, religion, brands and places, and words that could frighten or shame a witness.
EXCLUDED = json.loads((Path(__file__).with_name("wordlists_excluded.json")).read_text("utf-8"))
SKIP = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Infr", "Slng", "Arch", "Litr"}
SKIP |= {"Erro", "Dist", "Fixd", "Pltm", "Init", "Ms-f", "Inmx", "Qual", "Apro"}


def _nouns(lang: str, letters: str, longest: int = 7) -> dict[str, object]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=lang)
    found: dict[str, object] = {}
    for word, tag, _normal, _para, idx in morph.dictionary.iter_known_words():
        grammemes = set(tag.grammemes)  # Ukrainian tags leave "sing" out
        if idx != 0 or tag.POS != "NOUN" or "nomn" not in grammemes or "plur" in grammemes:
            continue
        if SKIP & grammemes or not re.fullmatch(f"[{letters}]{{3,{longest}}}", word):
            continue
        parses = morph.parse(word)
        if all(p.tag.POS == "NOUN" and p.normal_form == word for p in parses):
            found[word] = parses[0]
    return found


def _navec_vocab() -> set[str]:
    import natasha
    from navec import Navec

    path = Path(natasha.__file__).parent / "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
    return set(Navec.load(path).vocab.words)


def _forms_in(parse: object, vocab: set[str]) -> int:
    return sum(form.word in vocab for form in parse.lexeme)  # type: ignore[attr-defined]


def _uk_corpus_counts(morph_nouns: dict[str, object]) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    if not NER_UK.exists():
        return counts
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="uk")
    for line in NER_UK.read_text(encoding="utf-8").splitlines():
        token = line.split(" ")[0].lower()
        if token.isalpha():
            lemma = morph.parse(token)[0].normal_form
            if lemma in morph_nouns:
                counts[lemma] += 1
    return counts


def choose(ranked: Iterable[str], lang: str, size: int = LIST_SIZE) -> list[str]:
    """Greedy: keep a word if it is far from, and no prefix of, every word kept before."""
    kept: list[str] = []
    near: set[str] = set()
    folded_kept: list[str] = []
    for word in ranked:
        if word in EXCLUDED[lang]:  # a list, searched once per candidate
            continue
        folded = fold(word, lang)
        if near & near_keys(folded):
            continue
        if any(f.startswith(folded) or folded.startswith(f) for f in folded_kept):
            continue
        kept.append(word)
        folded_kept.append(folded)
        near |= near_keys(folded)
        if len(kept) == size:
            return sorted(kept)
    raise SystemExit(f"{lang}: only {len(kept)} words qualify, {size} needed")


def ranked_ru(vocab: set[str], nouns: dict[str, object]) -> list[str]:
    return sorted(nouns, key=lambda w: (-min(_forms_in(nouns[w], vocab), 10), len(w), w))


def ranked_uk(vocab: set[str], ru_nouns: dict[str, object]) -> list[str]:
    """Spellings shared with a Russian common noun count by the Russian forms (no "квебек":
    Russian knows it as a place); others by their frequency in the Ukrainian corpus."""
    nouns = _nouns("uk", "а-щьюяєіїґ", longest=8)
    counts = _uk_corpus_counts(nouns)

    def score(word: str) -> int:
        shared = min(_forms_in(ru_nouns[word], vocab), 10) if word in ru_nouns else 0
        return shared + min(counts[word], 10)

    return sorted(nouns, key=lambda w: (-score(w), len(w), w))


def ranked_en() -> list[str]:
    from importlib.resources import files

    text = (files("diceware") / "wordlists" / "wordlist_en_nouns.txt").read_text()
    words = {w.lower() for w in text.split() if re.fullmatch(r"[a-z]{3,7}", w.lower())}
    plural = re.compile(r".*[^suia]s")  # "walks", "judges": keep the singular nouns only
    words = {w for w in words if not plural.fullmatch(w)}
    return sorted(words, key=lambda w: (len(w), w))


def main() -> None:
    vocab = _navec_vocab()
    ru_nouns = _nouns("ru", "а-я")  # no ё: it folds to е anyway, and people skip it
    OUT.mkdir(exist_ok=True)
    for lang, ranked in (
        ("ru", ranked_ru(vocab, ru_nouns)),
        ("uk", ranked_uk(vocab, ru_nouns)),
        ("en", ranked_en()),
    ):
        words = choose(ranked, lang)
        (OUT / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(lang, len(words), file=sys.stderr)


if __name__ == "__main__":
    main()
