"""The settings object: environment variables, overrides and documentation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from govtrace.settings import MAX_DEFAULT_SERVE_PROCESSES, Settings, StoreBackend


def test_environment_variables_use_the_govtrace_prefix(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("GOVTRACE_PORT", "9001")
    monkeypatch.setenv("GOVTRACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GOVTRACE_STORE_BACKEND", "remote")
    settings = Settings()
    assert settings.port == 9001
    assert settings.data_dir == tmp_path
    assert settings.store_backend is StoreBackend.REMOTE


def test_flags_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVTRACE_PORT", "9001")
    settings = Settings().with_overrides(port=9100, host=None)
    assert settings.port == 9100
    assert settings.host == "127.0.0.1"  # a flag not given (None) keeps the value


def test_store_dir_defaults_under_the_data_dir(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path).resolved_store_dir == tmp_path / "store"
    custom = Settings(data_dir=tmp_path, store_dir=tmp_path / "x")
    assert custom.resolved_store_dir == tmp_path / "x"


def test_invalid_values_are_rejected_with_the_field_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVTRACE_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Settings.model_validate({"colour": "red"})


def test_serving_processes_default_to_the_cores_up_to_a_cap_issue_16(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The ratios to `oxigraph serve` at 8 and 32 clients needed a process per core
    # (issue 16); a many-core machine still starts only a few, each holding its answers.
    for cores, expected in ((1, 1), (2, 2), (64, MAX_DEFAULT_SERVE_PROCESSES)):
        monkeypatch.setattr("os.sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert Settings().serving_processes == expected
        assert Settings(serve_processes=3).serving_processes == 3
    monkeypatch.setenv("GOVTRACE_SERVE_PROCESSES", "1")
    assert Settings().serving_processes == 1
