"""Vehicle registration plates in Russian (А123ВС 77) and Ukrainian (АА 1234 ВВ) formats."""

from redaction.labels import ID
from redaction.recognizers.base import Pattern, PatternRecognizer

# Letters shared by Cyrillic and Latin that plates use, in both scripts.
_RU = "АВЕКМНОРСТУХABEKMHOPCTYX"
_UA = "АВЕКМНОРСТУХІABEKMHOPCTYXI"
_UA_LOWER = _UA.lower()


class PlateRecognizer(PatternRecognizer):
    label = ID
    patterns = (
        Pattern(
            rf"(?<!\w)[{_RU}]\s?\d{{3}}\s?[{_RU}]{{2}}\s?\d{{2,3}}(?:\s?RUS)?(?!\w)", 0.85, flags=0
        ),
        Pattern(rf"(?<!\w)[{_UA}]{{2}}\s?\d{{4}}\s?[{_UA}]{{2}}(?!\w)", 0.85, flags=0),
        # lower-case phone messages: "номер ар 7719 ек" (Ukrainian format only: four digits
        # between two letter pairs is distinctive; the Russian one is too like "в 123 км")
        Pattern(
            rf"(?<!\w)[{_UA.lower()}]{{2}}\s?\d{{4}}\s?[{_UA.lower()}]{{2}}(?!\w)", 0.8, flags=0
        ),
    )
