"""What every part's commands read from the ``govtrace`` command line.

The parts' ``cli`` modules import this, never :mod:`govtrace.cli`: that module loads
them (through entry points), so importing it back would be a loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from govtrace.settings import Settings, get_settings

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Embedded store directory [env: GOVTRACE_STORE_DIR]."),
]
"""The ``--store`` option of the commands that open the store."""


def settings_of(ctx: typer.Context, **overrides: Any) -> Settings:
    """The settings the root command read, as every sub-command sees them, with the
    command's own flags applied (``None`` means a flag was not given)."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # a command invoked without the root callback
        settings = get_settings()
    return settings.with_overrides(**overrides)
