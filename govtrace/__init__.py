"""govtrace: trace Chinese law-based-government policy from the national outline down to counties.

The distribution is organised as one package per stage of the data flow::

    documents -> ingest -> graph -> queries -> api / viz   (all under govtrace.)

``govtrace`` itself holds only what every stage shares: the settings object
(:mod:`govtrace.settings`), the coded exceptions (:mod:`govtrace.errors`), the
bundled data (:mod:`govtrace.data`) and the command line (:mod:`govtrace.cli`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govtrace")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
