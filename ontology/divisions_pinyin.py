"""Hanyu Pinyin for division names, with tone marks: 乌审旗 → "Wūshěn Qí".

Words follow GB/T 16159 for place names: the specific part (专名), each
ethnic group and the generic designation (通名) are written apart, each
capitalized, syllables within a word joined, with an apostrophe before a
syllable that starts with a, o or e (Xī'ān). The whole name is converted in
one call so that pypinyin's phrase dictionary picks readings in context
(长春 cháng, 重庆 chóng), then cut into words by character counts.
"""

from __future__ import annotations

import unicodedata

from govtrace.ontology.divisions_model import NameParts

# pypinyin reads 蒙古 as "méng gǔ"; as the people and the place it is Měnggǔ
# (现代汉语词典, and the romanization of 内蒙古). pypinyin's own remedy,
# load_phrases_dict, changes a process-wide table other code shares, so the
# reading is corrected here instead.
_READINGS: dict[str, tuple[str, ...]] = {"蒙古": ("měng", "gǔ")}


def _syllables(name: str) -> list[str]:
    """One pinyin syllable per Han character of ``name``."""
    # Imported here: its phrase dictionary takes about 1 s to load, which a server would pay
    # before opening its port although only the gazetteer, loaded afterwards, asks (issue 16).
    from pypinyin import Style, pinyin

    syllables = [reading[0] for reading in pinyin(name, style=Style.TONE)]
    if len(syllables) != len(name):  # non-Han characters come back as one chunk
        return syllables
    for phrase, fixed in _READINGS.items():
        start = name.find(phrase)
        while start >= 0:
            syllables[start: start + len(phrase)] = fixed
            start = name.find(phrase, start + len(phrase))
    return syllables


def _starts_with_vowel(syllable: str) -> bool:
    base = unicodedata.normalize("NFD", syllable[:1])[:1]
    return base in ("a", "o", "e")


def _word(syllables: list[str]) -> str:
    text = syllables[0]
    for syllable in syllables[1:]:
        text += ("'" if _starts_with_vowel(syllable) else "") + syllable
    return text[:1].upper() + text[1:]


def pinyin_of(parts: NameParts) -> str:
    """The name's pinyin, one capitalized word per part of ``parts``."""
    words = parts.words
    syllables = _syllables("".join(words))
    if len(syllables) != sum(len(word) for word in words):  # pypinyin merged characters
        return " ".join(_word(_syllables(word)) for word in words)
    result: list[str] = []
    position = 0
    for word in words:
        result.append(_word(syllables[position: position + len(word)]))
        position += len(word)
    return " ".join(result)
