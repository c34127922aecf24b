"""A few text modules per office, so that answering starts from a sensible sentence."""

from __future__ import annotations

from anliegen.organization.models import OrgUnit
from anliegen.tickets.models import TextModule

GENERAL = {
    "Eingangsbestätigung": (
        "Guten Tag {name},\n\nvielen Dank für Ihr Anliegen {reference}. Wir haben es an "
        "{office} weitergegeben und melden uns, sobald wir mehr wissen.\n\nFreundliche Grüße"
    ),
    "Rückfrage: Angaben fehlen": (
        "Guten Tag {name},\n\num Ihr Anliegen {reference} bearbeiten zu können, benötigen wir "
        "noch folgende Angaben: …\n\nBitte antworten Sie über Ihren Link zur Vorgangsverfolgung."
        "\n\nFreundliche Grüße"
    ),
    "Erledigt": (
        "Guten Tag {name},\n\nIhr Anliegen {reference} ist erledigt. Vielen Dank für Ihren "
        "Hinweis.\n\nFreundliche Grüße\n{office}"
    ),
}
DEFECT = {
    "Schaden aufgenommen": (
        "Guten Tag {name},\n\nden gemeldeten Schaden haben wir aufgenommen und an den "
        "zuständigen Trupp gegeben. Die Behebung dauert erfahrungsgemäß einige Tage.\n\n"
        "Freundliche Grüße\n{office}"
    ),
}


def load_text_modules() -> int:
    for title, body in GENERAL.items():
        TextModule.objects.update_or_create(org_unit=None, title=title, defaults={"body": body})
    offices = OrgUnit.objects.filter(responsibilities__service__kind="defect").distinct()
    for office in offices:
        for title, body in DEFECT.items():
            TextModule.objects.update_or_create(
                org_unit=office, title=title, defaults={"body": body}
            )
    return TextModule.objects.count()
