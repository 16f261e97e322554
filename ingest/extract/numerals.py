"""Chinese numerals as used in headings: 一 … 九十九 (and Arabic digits)."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}

CN_NUMERAL_CHARS = "一二三四五六七八九十"


def numeral_value(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 三十五 → 35, 27 → 27.

    Hand-written because headings only need 1–99 and jionlp's converter also
    accepts units (百, 万) and yields floats, which would hide malformed numbers.
    """
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if len(text) != 1 or text not in _DIGITS:
            raise ValueError(f"not a heading numeral: {text!r}")
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise ValueError(f"not a heading numeral: {text!r}")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
