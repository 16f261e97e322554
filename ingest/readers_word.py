"""Read legacy Word 97–2003 (.doc) and WPS Writer (.wps) files with antiword.

Both are OLE compound documents with a Word binary stream (WPS Writer has saved
.wps that way since WPS 2005). Of the Debian tools that read them, measured on seed
000 saved as .doc by LibreOffice: ``antiword -m UTF-8.txt -w 0`` gives text whose
normalized form equals the seed's; ``catdoc -d utf-8`` garbles most of the Chinese
text (58 % similar). No maintained pure-Python reader of the Word binary format
exists on PyPI (``olefile`` only opens the container), so antiword runs as a
subprocess, with a timeout, on a temporary copy of the bytes.

The source text is antiword's output, decoded as UTF-8.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from govtrace.errors import INGEST_TOOL_MISSING, INGEST_TRUNCATED, IngestError, Location
from govtrace.ingest.offsets import MappedText
from govtrace.ingest.source import ReadText

READER = "antiword"
DEBIAN_PACKAGE = "antiword"
TIMEOUT_SECONDS = 60.0


def antiword() -> str | None:
    """Path of the antiword program, or None when it is not installed."""
    return shutil.which("antiword")


def read_doc(data: bytes, path: Path) -> ReadText:
    """The document's text as antiword writes it (paragraphs on one line each)."""
    where = Location(file=str(path))
    program = antiword()
    if program is None:
        raise IngestError(INGEST_TOOL_MISSING, f"reading {path.suffix} needs antiword: "
                          f"apt-get install {DEBIAN_PACKAGE}", location=where)
    with tempfile.TemporaryDirectory(prefix="govtrace-doc-") as tmp:
        copy = Path(tmp) / "document.doc"
        copy.write_bytes(data)
        try:
            # -m UTF-8.txt: output in UTF-8 (the default mapping is Latin-1 and drops
            # Chinese); -w 0: one line per paragraph, no wrapping
            done = subprocess.run([program, "-m", "UTF-8.txt", "-w", "0", str(copy)],
                                  capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise IngestError(INGEST_TRUNCATED, f"antiword did not finish within "
                              f"{TIMEOUT_SECONDS:.0f} s", location=where) from exc
    message = done.stderr.decode("utf-8", "replace").replace(str(copy), path.name).strip()
    if done.returncode != 0:
        raise IngestError(INGEST_TRUNCATED, f"not a readable Word 97–2003 document "
                          f"({message or f'antiword exit status {done.returncode}'})",
                          location=where)
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(INGEST_TRUNCATED, f"antiword wrote invalid UTF-8 ({exc.reason})",
                          location=where) from exc
    return ReadText(text, MappedText.identity(text), None, reader=READER)
