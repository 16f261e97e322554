"""``python -m govtrace`` is the ``govtrace`` command."""

from govtrace.cli import main

main()
