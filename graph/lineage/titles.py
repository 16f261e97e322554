"""Matching cited titles to documents despite the ways one title gets written.

The same document is cited as 《法治政府建设实施纲要（2021—2025年）》,
《法治政府建设实施纲要(2021－2025年)》 or, nested in another title, with
〈〉; prefixes such as the issuer (中共中央 国务院) or the place come and go.
"""

from __future__ import annotations

import re

_DROP = re.compile(r"[\s《》〈〉<>＜＞“”\"‘’'「」『』]")
_DASHES = re.compile(r"[—–－‐‑‒―~～-]+")
_FOLD = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "［": "(", "］": ")"})
MIN_SUFFIX = 8
"""Shortest title that may match a longer one by suffix (so 工作计划 alone never does)."""


def title_key(title: str) -> str:
    """The form two writings of one title share: no quotes or brackets, one dash, ASCII ()."""
    return _DASHES.sub("-", _DROP.sub("", title).translate(_FOLD))


def titles_match(cited: str, title: str) -> bool:
    """Whether a cited title names the document titled ``title`` (keys equal, or one is the
    other with a prefix missing)."""
    return keys_match(title_key(cited), title_key(title))


def keys_match(a: str, b: str) -> bool:
    """:func:`titles_match` of two titles' keys (:func:`title_key`)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MIN_SUFFIX and long_.endswith(short)


def matching_keys(key: str) -> tuple[str, ...]:
    """The keys no longer than ``key`` that match it (:func:`keys_match`): itself, and its
    suffixes of :data:`MIN_SUFFIX` characters or more."""
    if len(key) < MIN_SUFFIX:
        return (key,)
    return tuple(key[k:] for k in range(len(key) - MIN_SUFFIX + 1))


def bucket(title: str) -> str:
    """A hash key two matching titles always share (the last :data:`MIN_SUFFIX` characters of
    the key), so citations can be looked up without comparing every title pair."""
    return title_key(title)[-MIN_SUFFIX:]
