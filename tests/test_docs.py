"""Docs generated from the code are current, and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from govtrace import docgen
from govtrace.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    assert docgen.stale(ROOT) == [], "run `python -m govtrace.docgen` and commit the result"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`GOVTRACE_{name.upper()}`" in text, name


def test_a_stale_file_is_reported(tmp_path: Path) -> None:
    docgen.write(tmp_path)
    (tmp_path / "docs" / "errors.md").write_text("old", encoding="utf-8")
    assert docgen.stale(tmp_path) == ["docs/errors.md"]
