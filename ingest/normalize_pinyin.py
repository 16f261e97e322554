"""Find pinyin annotations after Han characters: ``內(nèi)``, ``國(guo)``, ``黨委(dǎng wěi)``.

An annotation is removed only when it really is the reading of what it
follows, so real parentheticals (``(试行)``, ``(2021)``, ``(a)``, ``(APP)``)
survive:

* tone-marked syllables (``nèi``) must each be a valid pinyin syllable;
* plain syllables (``guo``, ``guo2``, ``lv``) must each be a reading of the
  Han character they annotate (pypinyin's dictionary), because plain
  lowercase Latin in parentheses could be anything.

A parenthesis holding *k* syllables annotates the *k* Han characters before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from pypinyin.pinyin_dict import pinyin_dict

from govtrace.ingest.offsets import Edit

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_MAX_WORD = 8  # most syllables one bracket may annotate
_SYLLABLE = rf"[a-zA-Z{_TONED}\u0300-\u036f]{{1,7}}[1-5]?"
# Bracketed groups of syllables; the Han characters before them are checked in Python.
# Brackets are ASCII here (normalization folds （） first), and a pattern opening with one
# literal character scans many times faster than one opening with a class or lookbehind.
ANNOTATION = re.compile(
    rf"(?:\([ \t]*{_SYLLABLE}(?:[ \t'’]+{_SYLLABLE}){{0,{_MAX_WORD - 1}}}[ \t]*\))+"
)
_HAN_RUN = re.compile(rf"[{HAN}]+")
_GROUP = re.compile(r"\(([^()]*)\)")
_SEPARATOR = re.compile(r"[ \t'’]+")
_NOT_TONE = str.maketrans("", "", "".join(chr(c) for c in range(0x0300, 0x0370) if c != 0x0308))


@cache
def toneless(syllable: str) -> str:
    """``nǚ`` → ``nv``, ``guo2`` → ``guo``: the syllable without tone, ü written as v."""
    plain = unicodedata.normalize("NFD", syllable.lower()).translate(_NOT_TONE)
    return unicodedata.normalize("NFC", plain).replace("ü", "v").rstrip("12345")


def _is_toned(syllable: str) -> bool:
    return any(c in _TONED or "\u0300" <= c <= "\u036f" for c in syllable)


@cache
def _syllables() -> frozenset[str]:
    return frozenset(
        toneless(reading) for readings in pinyin_dict.values() for reading in readings.split(",")
    )


@cache
def readings(char: str) -> frozenset[str]:
    """The toneless readings pypinyin knows for one Han character."""
    return frozenset(toneless(r) for r in pinyin_dict.get(ord(char), "").split(",") if r)


@cache
def _syllables_in(group: str) -> list[str]:
    return _SEPARATOR.split(group.strip())


@cache
def _annotates(chars: str, group: str) -> bool:
    """Whether the bracket content ``group`` is the reading of the Han characters ``chars``."""
    syllables = _syllables_in(group)
    if len(syllables) != len(chars) or not _HAN_RUN.fullmatch(chars):
        return False
    for char, syllable in zip(chars, syllables, strict=True):
        plain = toneless(syllable)
        if _is_toned(syllable):
            if plain not in _syllables():
                return False
        elif plain not in readings(char):
            return False
    return True


def annotation_edits(text: str) -> Iterator[Edit]:
    """Deletions of every pinyin annotation in ``text`` (the blanks before it included).

    ``text`` has ASCII brackets (full-width ones folded).
    """
    for match in ANNOTATION.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        groups = [g.group(1) for g in _GROUP.finditer(match.group())]
        if all(
            _annotates(text[max(0, start - len(_syllables_in(g))):start], g) for g in groups
        ):
            yield start, match.end(), ""
