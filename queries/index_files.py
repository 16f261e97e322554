"""How each part of the server's index (:mod:`govtrace.queries.serving_index`) is kept in
its file: a pickle whose large buffers lie after it in the same file, mapped into memory
when the part is opened instead of read and copied (issue 16: start-up).

At 30,000 documents the search passages' file was 454 MB, of which a 285 MB numpy array
(the bigram postings) and a string of 51M characters; unpickled, the array was read and
copied (0.16 s of CPU) and the string decoded from UTF-8 (0.16–0.22 s), before the first
``/api/search`` answer, in every serving process. Here:

* every buffer pickle protocol 5 sends out of band (numpy arrays, :class:`bytearray`) is
  written after the pickle, aligned, and opened as a read-only view of the mapped file:
  no copy, the pages are read when a question touches them, and every process serving
  the same store shares them in the page cache;
* every string of :data:`BIG_TEXT` characters or more is written out of band too, in
  Latin-1 when it can be (decoded by a copy), else in UTF-16 (which CPython decodes about
  twice as fast as UTF-8 for Chinese text, in a smaller file than UTF-32 for a tenth more
  time); a Python string cannot live in a mapped file, so it is still decoded, from the
  mapping.

The layout: :data:`MAGIC`, the part's format (:func:`index_format`), the pickle's length,
the number of buffers, each buffer's offset and length (little-endian 64-bit), the pickle,
then the buffers at offsets that are multiples of :data:`ALIGN`. A file with the first
magic (no format) or none (a plain pickle: an index written before this layout) is read as
before, its part of format 1.

A part's format is its class's ``INDEX_FORMAT`` (1 when it has none), raised when what its
pickle holds changes shape, so that the server refuses a part it cannot read
(:func:`part_format`, before unpickling it) and a build re-writes only the parts whose
format changed (issue 16: an index whose link table an older govtrace could not unpickle
failed at the first lineage answer instead of being refused).

A mapped file must never change under its reader: the index is written whole into a new
directory and renamed into place (:func:`~govtrace.queries.serving_index.write_index`),
never rewritten in place, so a server keeps reading the files it mapped (their inodes)
until it drops them. Only our own files are read here (serving_index's doc: trusted as
the store itself).
"""

from __future__ import annotations

import io
import mmap
import pickle
import struct
import zlib
from collections.abc import Iterable
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt

MAGIC = b"GTINDEX\x02"
_FIRST_MAGIC = b"GTINDEX\x01"  # without a format: a part of format 1
ALIGN = 64  # a cache line: numpy reads aligned columns fastest
BIG_TEXT = 1 << 20  # characters; smaller strings stay in the pickle
_TEXTS = ("latin-1", "utf-16-le")  # tried in this order
_LONE = "surrogatepass"  # a lone surrogate in a text survives the trip, as in a pickle
_COUNTS = struct.Struct("<QQ")  # the pickle's length, the number of buffers
_SPAN = struct.Struct("<QQ")  # a buffer's offset and length
_FORMAT = struct.Struct("<Q")


class _Pickler(pickle.Pickler):
    """Sends each big string out of band (the module's doc). ``persistent_id`` is called
    for every object, strings too (``reducer_override`` never is for a ``str``)."""

    def __init__(self, file: BinaryIO, buffers: list[pickle.PickleBuffer]) -> None:
        super().__init__(file, protocol=5, buffer_callback=buffers.append)
        # The same id each time a string recurs: pickled once, then from the memo.
        self._texts: dict[int, tuple[str, pickle.PickleBuffer]] = {}

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is not str or len(obj) < BIG_TEXT:
            return None
        if id(obj) not in self._texts:
            for encoding in _TEXTS:
                try:  # (Latin-1 fails at the first character it lacks: a short scan)
                    self._texts[id(obj)] = (encoding, pickle.PickleBuffer(
                        obj.encode(encoding, _LONE)))
                    break
                except UnicodeEncodeError:
                    continue
        return self._texts[id(obj)]


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, buffers: list[memoryview]) -> None:
        super().__init__(file, buffers=buffers)
        self._texts: dict[int, str] = {}  # by the id's own id: it recurs from the memo

    def persistent_load(self, pid: Any) -> Any:
        encoding, data = pid
        if encoding not in _TEXTS:
            raise pickle.UnpicklingError(f"unknown out-of-band value {encoding!r}")
        if id(pid) not in self._texts:
            self._texts[id(pid)] = str(data, encoding, _LONE)
        return self._texts[id(pid)]


def index_format(kind: type) -> int:
    """The format of a part of class ``kind`` (its ``INDEX_FORMAT``; the module's doc)."""
    found: int = getattr(kind, "INDEX_FORMAT", 1)
    return found


def part_format(file: BinaryIO) -> int:
    """The format of the part in ``file`` (opened at its start, and left there)."""
    magic = file.read(len(MAGIC))
    found = _FORMAT.unpack(file.read(_FORMAT.size))[0] if magic == MAGIC else 1
    file.seek(0)
    return int(found)


def write_part(out: BinaryIO, value: object) -> None:
    """Write ``value`` into ``out`` (a new file, at its start) in the layout above, stamped
    with its class's format."""
    buffers: list[pickle.PickleBuffer] = []
    stream = io.BytesIO()
    _Pickler(stream, buffers).dump(value)
    payload = stream.getbuffer()
    raws = [buffer.raw() for buffer in buffers]
    written = len(MAGIC) + _FORMAT.size + _COUNTS.size + _SPAN.size * len(raws) + payload.nbytes
    starts, end = [], written
    for raw in raws:
        starts.append(_aligned(end))
        end = starts[-1] + raw.nbytes
    out.write(MAGIC + _FORMAT.pack(index_format(type(value)))
              + _COUNTS.pack(payload.nbytes, len(raws)))
    out.write(b"".join(_SPAN.pack(at, raw.nbytes)
                       for at, raw in zip(starts, raws, strict=True)))
    out.write(payload)
    for at, raw in zip(starts, raws, strict=True):
        out.write(bytes(at - written))  # the padding up to the buffer's aligned start
        out.write(raw)
        written = at + raw.nbytes


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def read_part(file: BinaryIO) -> Any:
    """The value written by :func:`write_part` into ``file`` (or a plain pickle), its
    buffers views of the mapped file."""
    magic = file.read(len(MAGIC))
    if magic == MAGIC:
        file.read(_FORMAT.size)
    elif magic != _FIRST_MAGIC:
        file.seek(0)
        return pickle.load(file)
    length, count = _COUNTS.unpack(file.read(_COUNTS.size))
    spans = [_SPAN.unpack(file.read(_SPAN.size)) for _ in range(count)]
    buffers: list[memoryview] = []
    if spans:
        # Kept mapped as long as a view of it lives (an array of the part), then unmapped.
        view = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
        buffers = [view[at:at + size] for at, size in spans]
    return _Unpickler(io.BytesIO(file.read(length)), buffers=buffers).load()


class PackedBytes:
    """Byte strings kept end to end in one array, the ``at``-th read back by its place:
    a part holding many small records (a lineage link's details, a report's answer) as
    one array, which this module maps, instead of as many objects, which unpickling
    builds one by one and every serving process copies."""

    def __init__(self, items: Iterable[bytes]) -> None:
        listed = list(items)
        self.blob = np.frombuffer(b"".join(listed), np.uint8)
        self.ends = np.cumsum([0, *map(len, listed)], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ends) - 1

    def __getitem__(self, at: int) -> bytes:
        return self.blob[int(self.ends[at]):int(self.ends[at + 1])].tobytes()


class PackedStrings:
    """Strings kept end to end (UTF-8, in :class:`PackedBytes`), each found by its text
    through a hash table stored beside them: a part that looks its items up by name opens
    as mapped arrays, with no dictionary to build (issue 16: at 30,000 documents the link
    table's dictionary of 910,594 IRIs took 0.6 s of CPU to build in every serving process
    before the first lineage, task or search answer).

    Hand-written (open addressing, linear probing, ``zlib.crc32``: a hash that is the same
    in every process, unlike :func:`hash`): a library that maps a key set, a MARISA trie
    (``marisa-trie``), took 8 µs a look-up and 5 µs to spell an ordinal back over those
    IRIs, against 4 µs and 1.3 µs here (1.3–1.9 µs and 1 µs in a dictionary and a list),
    measured side by side. The table is at most half full: a look-up probes about 1.5
    slots."""

    def __init__(self, items: Iterable[str]) -> None:
        encoded = [item.encode("utf-8", _LONE) for item in items]
        slots = [0] * (1 << (2 * len(encoded)).bit_length())  # 0: empty; else ordinal + 1
        mask = len(slots) - 1
        for at, key in enumerate(encoded):
            slot = zlib.crc32(key) & mask
            while slots[slot]:
                slot = (slot + 1) & mask
            slots[slot] = at + 1
        self.__setstate__((PackedBytes(encoded), np.array(slots, np.uint32)))

    def __getstate__(self) -> tuple[PackedBytes, npt.NDArray[np.uint32]]:
        return self._packed, self._slots

    def __setstate__(self, state: tuple[PackedBytes, npt.NDArray[np.uint32]]) -> None:
        self._packed, self._slots = state
        # Read through memoryviews: an item of one is a Python int about ten times sooner
        # than numpy makes a scalar of an array's.
        self._blob = self._packed.blob.data
        self._ends = self._packed.ends.data
        self._slot = self._slots.data
        self._mask = len(self._slots) - 1

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, at: int) -> str:
        return str(self._blob[self._ends[at]:self._ends[at + 1]], "utf-8", _LONE)

    def find(self, text: str) -> int | None:
        """The ordinal of ``text`` (its first, were it there twice), or None."""
        key = text.encode("utf-8", _LONE)
        slot = zlib.crc32(key) & self._mask
        while at := self._slot[slot]:
            if self._blob[self._ends[at - 1]:self._ends[at]] == key:
                return at - 1
            slot = (slot + 1) & self._mask
        return None
