"""The catalogue import as an admin page: upload → review the diff → apply exactly that diff.

The same pipeline as ``manage.py import_catalogue`` (catalog/imports/pipeline.py). Between the
two steps the file waits under ``VAR_DIR/catalogue-imports`` under a random name, and the
second step applies only when the diff is still the one the person reviewed (a colleague's
edit in between shows the new diff instead).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anliegen.core.errors import DomainError

from .actions import CatalogueActor
from .imports import pipeline, report
from .imports.records import FormatError

UPLOAD_LIFETIME_SECONDS = 24 * 3600
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Datei"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("dldb", "DLDB (JSON)"),
            ("xzufi", "XZuFi 2.x (XML)"),
            ("csv", "CSV"),
            ("xlsx", "XLSX"),
        ],
    )
    full = forms.BooleanField(
        label=gettext_lazy("Vollständiger Katalog: fehlende Leistungen stilllegen"),
        required=False,
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 20 MB."))
        return bytes(upload.read())


class ApplyForm(forms.Form):
    digest = forms.RegexField(regex=_DIGEST)
    format = forms.ChoiceField(choices=[(f.value, f.value) for f in pipeline.Format])
    full = forms.BooleanField(required=False)
    fingerprint = forms.RegexField(regex=_DIGEST)


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "catalogue-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _keep(content: bytes) -> str:
    folder = _folder()
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    digest = secrets.token_hex(32)  # one file per review: applying one leaves the others
    (folder / digest).write_bytes(content)
    return digest


def _kept(digest: str) -> bytes | None:
    path = _folder() / digest
    return path.read_bytes() if path.is_file() else None


def _check(request: HttpRequest) -> None:
    user = request.user
    if not (user.has_perm("catalog.add_service") and user.has_perm("catalog.change_service")):
        raise PermissionDenied


def _render(
    request: HttpRequest, site: AdminSite, form: forms.Form, **context: object
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "admin/catalog/service/import.html",
        {**site.each_context(request), "title": _("Katalog einspielen"), "form": form, **context},
    )


def _review(
    request: HttpRequest, site: AdminSite, form: forms.Form, content: bytes, fmt: str, full: bool
) -> TemplateResponse:
    try:
        plan = pipeline.plan(content, fmt, full=full)
    except (FormatError, DomainError) as exc:
        return _render(request, site, form, error=str(exc))
    return _render(
        request,
        site,
        form,
        plan=plan,
        report=list(report.lines(plan)),
        summary=plan.diff.summary(),
        apply={
            "digest": _keep(content),
            "format": fmt,
            "full": full,
            "fingerprint": plan.diff.fingerprint(),
        },
    )


def import_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    _check(request)
    if request.method != "POST":
        return _render(request, site, UploadForm())
    if "fingerprint" in request.POST:
        return _apply(request, site)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, site, form)
    data = form.cleaned_data
    return _review(request, site, form, data["file"], data["format"], data["full"])


def _apply(request: HttpRequest, site: AdminSite) -> HttpResponse:
    confirm = ApplyForm(request.POST)
    content = _kept(confirm.data.get("digest", "")) if confirm.is_valid() else None
    if content is None:
        missing = _("Die Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut.")
        return _render(request, site, UploadForm(), error=missing)
    data = confirm.cleaned_data
    plan = pipeline.plan(content, data["format"], full=data["full"])
    if plan.diff.fingerprint() != data["fingerprint"] or not plan.can_apply:
        messages.warning(
            request,
            _(
                "Der Katalog hat sich seit der Vorschau geändert. "
                "Bitte prüfen Sie die neue Vorschau."
            ),
        )
        return _review(request, site, UploadForm(), content, data["format"], data["full"])
    actor = CatalogueActor(f"admin import by {request.user}", user_id=request.user.pk)
    _plan, result = pipeline.run(content, data["format"], actor, full=data["full"])
    (_folder() / data["digest"]).unlink(missing_ok=True)
    messages.success(
        request,
        _(
            "Katalog eingespielt: %(new)d neu, %(changed)d geändert, %(retired)d stillgelegt. "
            "Die Zuordnung wird neu trainiert."
        )
        % {
            "new": result.get("new", 0),
            "changed": result.get("changed", 0),
            "retired": result.get("retired", 0),
        },
    )
    return redirect("admin:catalog_service_changelist")
