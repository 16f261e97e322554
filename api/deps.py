"""What every JSON route needs: the answers object over the app's SPARQL service."""

from __future__ import annotations

from fastapi import Request

from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.settings import Settings


def answers(request: Request) -> Answers:
    settings: Settings = request.app.state.settings
    return Answers(request.app.state.sparql, IriScheme(settings.base_iri))
