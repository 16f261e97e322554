"""Text with an exact map back to the characters it came from.

Every reader and every normalization step produces a :class:`MappedText`
whose ``starts``/``ends`` index the *original* source text, so chaining steps
never needs a separate composition: an edit of a mapped text looks the
origins of the characters it keeps up in that text's own map.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Edit = tuple[int, int, str]
"""Replace ``text[start:end]`` by a string: deletion when it is empty."""


@dataclass(frozen=True)
class MappedText:
    """Text derived from a source text, with each character's position in the source.

    ``text[i]`` came from ``source[starts[i]:ends[i]]``. Both tuples are
    non-decreasing, and ``starts[i] < ends[i]``: every character has at least
    one source character as its origin.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __post_init__(self) -> None:
        if not len(self.text) == len(self.starts) == len(self.ends):
            raise ValueError(
                f"map length mismatch: text {len(self.text)}, starts {len(self.starts)}, "
                f"ends {len(self.ends)}"
            )

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> MappedText:
        """``text`` mapped onto itself (shifted by ``offset`` when it is a slice of a source)."""
        n = len(text)
        return cls(text, tuple(range(offset, offset + n)), tuple(range(offset + 1, offset + n + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of :attr:`text` to the source span covering those characters.

        An empty span maps to the empty source span at the position where it sits.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start < end:
            return self.starts[start], self.ends[end - 1]
        if start < len(self.text):
            return self.starts[start], self.starts[start]
        if self.ends:
            return self.ends[-1], self.ends[-1]
        return 0, 0

    def slice_source(self, source: str, start: int, end: int) -> str:
        """The source characters behind ``text[start:end]``."""
        s, e = self.to_source(start, end)
        return source[s:e]

    def apply(self, edits: Iterable[Edit]) -> MappedText:
        """Apply sorted, non-overlapping edits; the result still maps into the same source.

        A replacement as long as what it replaces maps character by character;
        otherwise every new character maps to the whole replaced run (which
        must not be empty: inserted text would have no origin).
        """
        text, starts, ends = self.text, self.starts, self.ends
        out_text: list[str] = []
        out_starts: list[int] = []
        out_ends: list[int] = []
        pos = 0
        for start, end, new in edits:
            if start < pos or end < start:
                raise ValueError(f"edits overlap or are unsorted at [{start}, {end})")
            out_text.append(text[pos:start])
            out_starts.extend(starts[pos:start])
            out_ends.extend(ends[pos:start])
            if new:
                if len(new) == end - start:
                    out_starts.extend(starts[start:end])
                    out_ends.extend(ends[start:end])
                elif end > start:
                    out_starts.extend([starts[start]] * len(new))
                    out_ends.extend([ends[end - 1]] * len(new))
                else:
                    raise ValueError(f"insertion of {new!r} at {start} has no source characters")
                out_text.append(new)
            pos = end
        if pos == 0:
            return self
        out_text.append(text[pos:])
        out_starts.extend(starts[pos:])
        out_ends.extend(ends[pos:])
        return MappedText("".join(out_text), tuple(out_starts), tuple(out_ends))

    def sub(
        self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
    ) -> MappedText:
        """Like :func:`re.sub`, keeping the map (see :meth:`apply` for how replacements map).

        A string ``repl`` is literal (no group references); pass a function for those.
        """
        matches = pattern.finditer(self.text)
        if isinstance(repl, str):
            return self.apply((m.start(), m.end(), repl) for m in matches)
        return self.apply((m.start(), m.end(), repl(m)) for m in matches)

    def replace_chars(self, new_text: str) -> MappedText:
        """Same map, new characters: for length-preserving, character-for-character rewrites."""
        if len(new_text) != len(self.text):
            raise ValueError(
                f"replace_chars needs equal lengths, got {len(new_text)} for {len(self.text)}"
            )
        if new_text == self.text:
            return self
        return MappedText(new_text, self.starts, self.ends)
