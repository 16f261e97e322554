"""The HTML templates and static assets shipped in the package (viz/templates, viz/static)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("govtrace.viz", "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True,
                       lstrip_blocks=True)


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@cache
def static_text(name: str) -> str:
    """A file of viz/static (only the names :data:`STATIC_NAMES` lists)."""
    return (files("govtrace.viz") / "static" / name).read_text(encoding="utf-8")


STATIC_NAMES = ("vis-network.min.js", "vis-network.css", "govtrace-view.js", "govtrace.css")
