"""„Meinen Sie …?“ (issue 23, point 6): when routing a generic concern is unsure and its first
suggestions are close, the citizen picks the service (or „etwas anderes“) before the review,
instead of the engine guessing. A plain form: the same with JavaScript and without."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from anliegen.catalog.models import District
from anliegen.routing.api import decide

from .. import drafts
from ..forms import OTHER, QuestionForm
from ..status_path import status_path


def needs_question(request: HttpRequest, text: str, district: District | None) -> bool:
    """Ask when the routing's short list has two or three services (routing.api.shortlist);
    an answer already given to this same text is kept."""
    asked = drafts.question(request.session)
    if asked is not None:
        return asked.get("chosen") is None
    offered = [(s.service.key, str(s.service)) for s in decide(text, district=district).shortlist]
    if not offered:
        drafts.forget_question(request.session)
        return False
    drafts.ask(request.session, text, offered)
    return True


def question(request: HttpRequest) -> HttpResponse:
    asked = drafts.question(request.session)
    if asked is None or drafts.load(request.session).get("service"):
        return redirect("portal:review")
    offered = [(str(key), str(name)) for key, name in asked["offered"]]
    if request.method == "POST":
        form = QuestionForm(offered, request.POST)
        if form.is_valid():
            picked = form.cleaned_data["choice"]
            drafts.answer(request.session, "" if picked == OTHER else picked)
            return redirect("portal:review")
    else:
        chosen = asked.get("chosen")
        initial = None if chosen is None else {"choice": chosen or OTHER}
        form = QuestionForm(offered, initial=initial)
    return render(
        request,
        "portal/question.html",
        # A status question that reached this step is offered /sachstand/ first.
        {"form": form, "status_path": status_path(str(asked.get("text", "")))},
        status=400 if form.errors else 200,
    )
