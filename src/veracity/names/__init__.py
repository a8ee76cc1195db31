"""Names across scripts: Uyghur Arabic script, Latin spellings, Cyrillic and Chinese
transcriptions read onto one phonetic key, compared with reasons, and blocked for linkage.

>>> compare("Abdurehim Tursun", "阿不都热合木·吐尔逊").same_person
True
>>> keys("Memet Tohti") == keys("Mamat Tohti")
True
"""

from veracity.names.compare import SAME_PERSON_THRESHOLD, Method, NameMatch, PartMatch, compare
from veracity.names.keys import block_key, keys, part_keys
from veracity.names.phonetic import similarity
from veracity.names.structure import NamePart, ParsedName, parse

__all__ = [
    "SAME_PERSON_THRESHOLD",
    "Method",
    "NameMatch",
    "NamePart",
    "ParsedName",
    "PartMatch",
    "block_key",
    "compare",
    "keys",
    "parse",
    "part_keys",
    "similarity",
]
