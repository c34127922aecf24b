"""The ticket page and its actions. Each action is a plain POST form calling one action;
a refusal re-renders the page with the message and the entered text kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.expressions import BaseExpression
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from anliegen.catalog.models import Service
from anliegen.catalog.responsibility import responsibilities_for
from anliegen.channels.email import display as mail_display
from anliegen.core.errors import DomainError, NotFound, ValidationFailed
from anliegen.defects import actions as defect_actions
from anliegen.organization.models import OrgUnit, User
from anliegen.tickets import access, actions, page, queries
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Priority, TextModule, Ticket
from anliegen.tickets.status import Status

from .. import collision, drafts, publication, timeline
from .. import forms as f
from ..models import Draft
from ..placeholders import fill
from .common import (
    actor,
    after_action,
    queue_url,
    staff,
    ticket_or_404,
    whereabouts_instead_of_404,
)
from .queue import queue_answer

Run = Callable[[Ticket, Actor, dict[str, Any]], object]


def _modules(ticket: Ticket) -> list[TextModule]:
    return page.text_modules(ticket)


def _rows(request: HttpRequest) -> dict[str, BaseExpression]:
    """What the ticket page reads along with the ticket (one query for all its lists)."""
    visible = access.visible_tickets(staff(request))
    return {
        **page.ticket_rows(visible),
        **mail_display.bounce_columns(),
        **drafts.columns(staff(request)),
    }


def _ticket(request: HttpRequest, pk: int, purpose: str = "view") -> Ticket:
    return ticket_or_404(request, pk, purpose=purpose, rows=_rows(request))


def _forms(ticket: Ticket, modules: list[TextModule]) -> dict[str, forms.Form]:
    saved = drafts.of(ticket)
    reply_draft, note_draft = saved.get(Draft.Kind.REPLY), saved.get(Draft.Kind.NOTE)
    return {
        "reply": f.ReplyForm(
            modules=modules, initial={"body": reply_draft.body} if reply_draft else None
        ),
        "note": f.NoteForm(initial={"body": note_draft.body} if note_draft else None),
        "status": f.StatusForm(current=ticket.status),
        "consult": f.ConsultForm(),
        "merge": f.MergeForm(),
        "external": f.ExternalForm(),
        "priority": f.PriorityForm(initial={"priority": ticket.priority}),
        "tags": f.TagsForm(initial={"tags": ", ".join(page.tag_names(ticket))}),
        "effort": f.EffortForm(),
        "publish": f.PublicTextForm(initial={"text": publication.draft_text(ticket)}),
    }


def render_ticket(
    request: HttpRequest,
    ticket: Ticket,
    *,
    bound: dict[str, forms.Form] | None = None,
    error: str = "",
    preview: str = "",
) -> HttpResponse:
    user = staff(request)
    visible = access.visible_tickets(user)
    entries = page.timeline(ticket, **mail_display.mail_columns())
    modules = _modules(ticket)
    all_forms = {**_forms(ticket, modules), **(bound or {})}
    context = {
        "ticket": ticket,
        "entries": entries,
        "sentences": timeline.sentences(entries),
        "seen": collision.seen_value(entries),
        "drafts": drafts.of(ticket),
        "routing": queries.latest_routing(entries),
        "responsibilities": _responsibilities(ticket) if "forward" in (bound or {}) else None,
        "lazy_actions": [(name, *labels) for name, labels in LAZY_ACTIONS.items()],
        "consultations": page.consultations(ticket),
        "my_units": queries.Scope.of(user).unit_ids,
        "same_contact": page.same_contact(ticket),
        "similar": queries.similar_open(visible, ticket),
        "external_refs": page.external_references(ticket),
        "tags": page.tag_names(ticket),
        "effort_minutes": queries.recorded_effort(entries),
        "mails": {
            e.message.pk: view
            for e in entries
            if e.message and (view := mail_display.mail_view(e.message))
        },
        "bounces": mail_display.bounces_of(ticket),
        "publication": publication.facts(ticket),
        "forms": all_forms,
        "error": error,
        "preview": preview,
        "error_form": next(iter(bound)) if bound else "",
        "back": queue_url(request),
    }
    return render(request, "workspace/ticket.html", context)


# Actions whose forms need long pickers (every office, every service, the colleagues): the
# ticket page shows them as menus that load the form when opened, or open it as a page of its
# own without JavaScript; their pickers cost the ticket page neither queries nor markup.
LAZY_ACTIONS: dict[str, tuple[Promise, Promise]] = {
    "assign": (gettext_lazy("Zuweisen an …"), gettext_lazy("Zuweisen")),
    "forward": (gettext_lazy("Weiterleiten an andere Stelle"), gettext_lazy("Weiterleiten")),
}


def _responsibilities(ticket: Ticket) -> tuple[Any, ...]:
    if ticket.service is None:
        return ()
    return responsibilities_for([ticket.service], ticket.district)[ticket.service.pk]


def _lazy_form(request: HttpRequest, ticket: Ticket, name: str) -> HttpResponse:
    """The form of one menu action: a fragment for htmx, a page of its own without it."""
    title, button = LAZY_ACTIONS[name]
    context = {
        "ticket": ticket,
        "name": name,
        "title": title,
        "button": button,
        "form": _bind(name, ticket, None),
        "responsibilities": _responsibilities(ticket) if name == "forward" else None,
        "back": queue_url(request),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "workspace/partials/action_form.html" if partial else "workspace/action_page.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
@whereabouts_instead_of_404
def ticket_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_ticket(request, _ticket(request, pk))


def _unit(pk: int | None) -> OrgUnit | None:
    return OrgUnit.objects.filter(pk=pk, is_active=True).first() if pk else None


def _service(pk: int | None) -> Service | None:
    return Service.objects.filter(pk=pk, is_active=True).first() if pk else None


def _assign(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    assignee = User.objects.filter(pk=data["assignee"]).first() if data["assignee"] else None
    return actions.assign_ticket(ticket, who, assignee)


def _forward(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    return actions.route_ticket(
        ticket,
        who,
        org_unit=_unit(data["org_unit"]),
        service=_service(data["service"]),
        reason=data["reason"],
    )


def _consult(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    unit = _unit(data["org_unit"])
    if unit is None:
        raise ValidationFailed(_("Bitte wählen Sie eine Stelle."))
    return actions.request_consultation(ticket, who, unit, data["question"])


def _answer(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    consultation = ticket.consultations.filter(pk=data["consultation"]).first()
    if consultation is None:
        raise ValidationFailed(_("Diese Beteiligung gibt es nicht."))
    return actions.answer_consultation(consultation, who, data["answer"])


def _merge(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    assert who.user is not None
    target = access.get_ticket(who.user, reference=data["reference"], purpose="merge")
    if defect_actions.is_public_service(target.service):
        return defect_actions.merge_into_report(ticket, who, target)
    return actions.merge_ticket(ticket, who, target)


def _accept(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    service = _service(data["service"])
    if service is None:
        raise ValidationFailed(_("Diese Leistung gibt es nicht mehr."))
    return actions.route_ticket(
        ticket, who, service=service, reason=_("Vorschlag der Zuordnung übernommen")
    )


def _note(ticket: Ticket, who: Actor, data: dict[str, Any]) -> object:
    return actions.add_message(ticket, who, Message.Kind.INTERNAL_NOTE, data["body"])


ACTIONS: dict[str, tuple[type[forms.Form], Run, Promise]] = {
    "note": (f.NoteForm, _note, gettext_lazy("Vermerk gespeichert.")),
    "status": (
        f.StatusForm,
        lambda t, a, d: actions.change_status(t, a, Status(d["status"]), note=d["note"]),
        gettext_lazy("Status geändert."),
    ),
    "assign": (f.AssignForm, _assign, gettext_lazy("Zuweisung geändert.")),
    "forward": (f.ForwardForm, _forward, gettext_lazy("Anliegen weitergeleitet.")),
    "consult": (f.ConsultForm, _consult, gettext_lazy("Stelle beteiligt.")),
    "answer": (
        f.AnswerForm,
        _answer,
        gettext_lazy("Antwort an die federführende Stelle gespeichert."),
    ),
    "merge": (f.MergeForm, _merge, gettext_lazy("Als Duplikat zusammengeführt.")),
    "external": (
        f.ExternalForm,
        lambda t, a, d: actions.link_external_reference(t, a, d["system"], d["reference"]),
        gettext_lazy("Aktenzeichen verknüpft."),
    ),
    "priority": (
        f.PriorityForm,
        lambda t, a, d: actions.set_priority(t, a, Priority(d["priority"])),
        gettext_lazy("Priorität geändert."),
    ),
    "tags": (
        f.TagsForm,
        lambda t, a, d: actions.set_tags(t, a, d["tags"].split(",")),
        gettext_lazy("Schlagwörter gespeichert."),
    ),
    "effort": (
        f.EffortForm,
        lambda t, a, d: actions.record_effort(t, a, d["minutes"], note=d["note"]),
        gettext_lazy("Aufwand erfasst."),
    ),
    "accept": (f.AcceptForm, _accept, gettext_lazy("Vorschlag übernommen.")),
    "publish": (
        f.PublicTextForm,
        lambda t, a, d: defect_actions.set_public_text(t, a, d["text"]),
        gettext_lazy("Öffentliche Beschreibung gespeichert."),
    ),
}


def _bind(name: str, ticket: Ticket, data: Any) -> forms.Form:
    form_class = ACTIONS[name][0]
    if form_class is f.StatusForm:
        return f.StatusForm(data, current=ticket.status)
    if form_class is f.AssignForm:
        return f.AssignForm(data, unit_id=ticket.org_unit_id)
    return form_class(data)


@login_required
@require_http_methods(["GET", "POST"])
@whereabouts_instead_of_404
def ticket_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in ACTIONS or (request.method == "GET" and name not in LAZY_ACTIONS):
        raise Http404
    if request.method == "GET":
        return _lazy_form(request, ticket_or_404(request, pk), name)
    ticket = _ticket(request, pk, purpose=name)
    form = _bind(name, ticket, request.POST)
    if not form.is_valid():
        error = _("Bitte prüfen Sie die Eingaben.")
        in_queue = queue_answer(request, ticket, error=error)
        return in_queue or render_ticket(request, ticket, bound={name: form}, error=error)
    held = collision.notice(request, ticket) if name == "note" else ""
    if held:
        return render_ticket(request, ticket, bound={name: form}, error=held)
    try:
        result = ACTIONS[name][1](ticket, actor(request), form.cleaned_data)
    except DomainError as refusal:
        in_queue = queue_answer(request, ticket, error=str(refusal.message))
        return in_queue or render_ticket(
            request, ticket, bound={name: form}, error=str(refusal.message)
        )
    changed = result if isinstance(result, Ticket) else ticket
    if name == "note":
        drafts.discard(staff(request), ticket.pk, Draft.Kind.NOTE)
    in_queue = queue_answer(request, changed, done=str(ACTIONS[name][2]))
    if in_queue is not None:
        return in_queue
    messages.success(request, str(ACTIONS[name][2]))
    return after_action(request, ticket)


@login_required
@require_POST
@whereabouts_instead_of_404
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a public reply; "insert" fills in a text module, "preview" shows the letter."""
    ticket = _ticket(request, pk, purpose="reply")
    form = f.ReplyForm(request.POST, modules=_modules(ticket))
    if not form.is_valid():
        return render_ticket(
            request, ticket, bound={"reply": form}, error=_("Bitte prüfen Sie die Eingaben.")
        )
    body = form.cleaned_data["body"]
    if "insert" in request.POST:
        module = next(
            (m for m in _modules(ticket) if m.pk == form.cleaned_data["text_module"]), None
        )
        data = request.POST.copy()
        data["body"] = (
            (body + "\n\n" if body else "") + fill(module.body, ticket) if module else body
        )
        filled = f.ReplyForm(data, modules=_modules(ticket))
        if request.headers.get("HX-Request"):
            # htmx swaps only the reply box: the page keeps its place and everything typed.
            return render(request, "workspace/partials/reply_body.html", {"form": filled})
        return render_ticket(request, ticket, bound={"reply": filled})
    if "preview" in request.POST:
        return render_ticket(request, ticket, bound={"reply": form}, preview=fill(body, ticket))
    held = collision.notice(request, ticket)
    if held:
        return render_ticket(request, ticket, bound={"reply": form}, error=held)
    try:
        actions.add_message(ticket, actor(request), Message.Kind.PUBLIC_REPLY, fill(body, ticket))
    except DomainError as refusal:
        return render_ticket(request, ticket, bound={"reply": form}, error=str(refusal.message))
    drafts.discard(staff(request), ticket.pk, Draft.Kind.REPLY)
    messages.success(request, _("Antwort gesendet."))
    return after_action(request, ticket)


@login_required
@require_POST
def save_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the text of the reply or note box while the clerk types (called by the page's
    script); 204 without a body, 404 for a ticket the clerk may not see."""
    if not access.can_view_id(staff(request), pk):
        raise Http404
    kind = request.POST.get("kind", "")
    if kind not in Draft.Kind.values:
        return HttpResponse(status=400)
    drafts.save(staff(request), pk, kind, request.POST.get("body", ""))
    return HttpResponse(status=204)


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Download only when the ticket is visible; never rendered inline by the browser."""
    try:
        found = access.get_attachment(staff(request), pk)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
