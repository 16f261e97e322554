"""OFD (GB/T 33190, China's fixed-layout format): refused with a coded error, for now.

No maintained PyPI package reads OFD text for govtrace (checked 2026-04):

* ``easyofd`` (date-versioned, one maintainer) converts OFD to PDF or images; it depends
  on PyMuPDF, which is AGPL-3.0 (govtrace is Apache-2.0), plus reportlab and loguru, and
  offers no text-with-positions API;
* ``ofdparser`` 0.0.8 (2023, same author, licence field UNKNOWN) renders pages to images
  through temporary directories.

So an ``.ofd`` gets ``GT-INGEST-012`` with the advice to convert it to PDF, which govtrace
reads with its page and line positions (docs/ingest.md, "Formats").
"""

from __future__ import annotations

from pathlib import Path

from govtrace.errors import INGEST_OFD, IngestError, Location
from govtrace.ingest.source import ReadText


def read_ofd(data: bytes, path: Path) -> ReadText:
    """Always raises: see the module doc."""
    raise IngestError(INGEST_OFD, "OFD is not supported: convert it to PDF",
                      location=Location(file=str(path)))
