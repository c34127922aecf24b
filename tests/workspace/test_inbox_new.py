"""An inbox that shows what is new (issue 16, point 3, first part): "Neu in meinen Stellen"
when nothing is assigned; received and updated columns; overdue and due-today marked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from anliegen.tickets.actions import assign_ticket
from anliegen.tickets.actors import Actor
from tests.conftest import City, submit

from .conftest import signed_in


def test_default_view_is_new_in_my_offices_when_nothing_is_assigned(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    page: Any = client.get(reverse("workspace:inbox"))
    assert page.context["current_view"] == "office"
    assert ticket.reference in page.content.decode().split("<tbody>")[1]
    assert "Neu in meinen Stellen" in page.content.decode()
    assign_ticket(ticket, Actor.staff(city.clerk_vollzug), city.clerk_vollzug)
    assert client.get(reverse("workspace:inbox")).context["current_view"] == "mine"
    chosen = client.get(reverse("workspace:inbox"), {"view": "mine"})
    assert chosen.context["current_view"] == "mine"


def test_received_updated_overdue_and_due_today(city: City) -> None:
    late = submit(city.falschparker, "Spät").ticket
    today = submit(city.falschparker, "Heute").ticket
    later = submit(city.falschparker, "Später").ticket
    now = timezone.now()
    type(late).objects.filter(pk=late.pk).update(resolution_due=now - timedelta(days=1))
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=0)
    type(today).objects.filter(pk=today.pk).update(resolution_due=end_of_day)
    type(later).objects.filter(pk=later.pk).update(resolution_due=now + timedelta(days=9))
    html = signed_in(city.clerk_vollzug).get(reverse("workspace:inbox"), {"view": "all"})
    body = html.content.decode()
    assert "Eingang" in body and "Geändert" in body

    def row(pk: int) -> str:
        return body.split(f'id="t-{pk}"', 1)[1].split("</tr>", 1)[0]

    assert 'class="ws-overdue"' in body.split(f'id="t-{late.pk}"', 1)[1][:30]
    assert "überfällig" in row(late.pk)
    # In the last second of the day the due time may pass while the page renders.
    assert "heute fällig" in row(today.pk) or end_of_day <= timezone.now()
    assert "fällig" not in row(later.pk).replace("Fällig", "")
    assert timezone.localtime(late.created_at).strftime("%d.%m.%Y %H:%M") in row(late.pk)


def test_column_headers_sort_the_list(city: City) -> None:
    """Issue 16.3: "Eingang" and "Fällig" are links that sort; the current order is marked."""
    first = submit(city.falschparker, "Erstes Auto auf dem Gehweg").ticket
    second = submit(city.falschparker, "Zweites Auto auf dem Gehweg").ticket
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:inbox")
    newest = client.get(url, {"view": "office"}).content.decode()
    assert newest.index(second.reference) < newest.index(first.reference)
    assert 'aria-sort="descending"' in newest and "view=office&amp;sort=oldest" in newest
    oldest = client.get(url, {"view": "office", "sort": "oldest"}).content.decode()
    assert oldest.index(first.reference) < oldest.index(second.reference)
    assert 'aria-sort="ascending"' in oldest and "view=office&amp;sort=newest" in oldest
    due = client.get(url, {"view": "office", "sort": "due"}).content.decode()
    assert "sort=due" in due and due.count('aria-sort="ascending"') == 1


def test_counters_refresh_without_reloading_the_page(city: City) -> None:
    """Issue 16.3: the page asks for its counters again (htmx, every 30 s); the answer is only
    the views with their current numbers, for the same view and filters."""
    submit(city.falschparker, "Erstes Auto auf dem Gehweg")
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:inbox")
    page = client.get(url, {"view": "office"}).content.decode()
    assert 'hx-get="/arbeitsplatz/?view=office&amp;teil=zaehler"' in page
    assert 'hx-trigger="every 30s"' in page
    submit(city.falschparker, "Zweites Auto auf dem Gehweg")  # arrives while the page is open
    part = client.get(url, {"view": "office", "teil": "zaehler"}, HTTP_HX_REQUEST="true")
    text = part.content.decode()
    assert part.status_code == 200 and "<table" not in text and "<html" not in text
    assert 'id="ws-counts"' in text and "view=office&amp;teil=zaehler" in text
    office = text.split('href="?view=office"', 1)[1].split("</li>", 1)[0]
    assert "(2)" in office and 'aria-current="page"' in office
