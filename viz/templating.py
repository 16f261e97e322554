"""The HTML templates and static assets shipped in the package (viz/templates, viz/static).

The template environment is viz's own and complete: every helper a template calls is a
global here, so a page renders the same whoever renders it (the server, a test, a
notebook); callers pass a page's values, never change the environment.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

from govtrace.viz.comparison import compare_path, shared_phrases
from govtrace.viz.model import task_path
from govtrace.viz.pages import lineage_path, segments

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("govtrace.viz", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(task_path=task_path, lineage_path=lineage_path, segments=segments,
                       compare_path=compare_path, shared_phrases=shared_phrases)
    return env


def render_template(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@cache
def static_text(name: str) -> str:
    """A file of viz/static (only the names :data:`STATIC_NAMES` lists, or vendor/…)."""
    return (files("govtrace.viz") / "static" / name).read_text(encoding="utf-8")


STATIC_NAMES = ("vis-network.min.js", "vis-network.css", "govtrace-view.js", "govtrace.css")
# Third-party bundles as their registries ship them (viz/static/vendor/README.md).
VENDOR_NAMES = ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css")
