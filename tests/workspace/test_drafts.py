"""Work is never lost (issue 16, point 6): drafts per clerk and ticket on the server, restored
on return (also in the browser, across navigation), and the collision notice when someone
else changed the ticket since the page was opened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from anliegen.tickets.models import Message, Ticket
from anliegen.workspace.models import Draft
from tests.browser.conftest import driver  # noqa: F401 - the shared fixture
from tests.browser.pages import wait_for
from tests.conftest import City, _user, submit
from tests.workspace.test_browser_workspace import server, sign_in  # noqa: F401

from .conftest import signed_in


def _draft(client: Any, ticket: Ticket, kind: str, body: str) -> Any:
    return client.post(reverse("workspace:draft", args=[ticket.pk]), {"kind": kind, "body": body})


def _seen(html: str, form: str) -> str:
    found = re.search(rf'id="{form}".*?name="gesehen" value="([^"]+)"', html, re.S)
    assert found, f"no 'gesehen' in {form}"
    return found.group(1)


def test_draft_is_kept_per_clerk_restored_and_dropped_when_sent(city: City) -> None:
    ticket = submit(city.falschparker, "Lieferwagen in zweiter Reihe").ticket
    clerk, colleague = signed_in(city.clerk_vollzug), signed_in(city.lead_ordnung)
    assert _draft(clerk, ticket, "reply", "Sehr geehrte Damen und Herren,\nwir").status_code == 204
    assert _draft(clerk, ticket, "note", "Halter ermitteln").status_code == 204
    page = clerk.get(reverse("workspace:ticket", args=[ticket.pk])).content.decode()
    assert "Sehr geehrte Damen und Herren,\nwir</textarea>" in page
    assert "Halter ermitteln</textarea>" in page
    assert "ist wiederhergestellt" in page
    # Drafts are their author's own: the colleague sees the ticket with empty boxes.
    other = colleague.get(reverse("workspace:ticket", args=[ticket.pk])).content.decode()
    assert "Halter ermitteln" not in other and "Sehr geehrte" not in other
    # Someone who may not see the ticket cannot leave a draft on it (same 404 as missing).
    assert _draft(signed_in(city.clerk_sozial), ticket, "note", "x").status_code == 404
    assert _draft(clerk, ticket, "letter", "x").status_code == 400

    clerk.post(
        reverse("workspace:reply", args=[ticket.pk]),
        {"body": "Wir kümmern uns.", "send": "1", "gesehen": _seen(page, "form-reply")},
    )
    assert Message.objects.filter(ticket=ticket, kind="public_reply").count() == 1
    assert list(Draft.objects.filter(ticket=ticket).values_list("kind", flat=True)) == ["note"]
    _draft(clerk, ticket, "note", "   ")  # an emptied box leaves no draft
    assert not Draft.objects.filter(ticket=ticket).exists()


def test_collision_notice_when_someone_answered_meanwhile(city: City) -> None:
    ticket = submit(city.falschparker, "Wohnmobil blockiert Einfahrt").ticket
    clerk = signed_in(city.clerk_vollzug)
    colleague = signed_in(_user("clerk.vollzug2", city.vollzugsdienst, first_name="Jana"))
    url = reverse("workspace:ticket", args=[ticket.pk])
    opened = clerk.get(url).content.decode()
    colleague.post(
        reverse("workspace:reply", args=[ticket.pk]),
        {"body": "Wir schicken jemanden.", "send": "1", "gesehen": _seen(opened, "form-reply")},
    )
    assert Message.objects.filter(ticket=ticket, kind="public_reply").count() == 1

    reply = reverse("workspace:reply", args=[ticket.pk])
    data = {"body": "Wir schicken jemanden vorbei.", "send": "1"}
    held = clerk.post(reply, {**data, "gesehen": _seen(opened, "form-reply")})
    text = held.content.decode()
    assert held.status_code == 200
    assert "Seit Sie die Seite geöffnet haben" in text, text
    assert "Jana" in text
    assert "Wir schicken jemanden vorbei.</textarea>" in text  # nothing typed is lost
    assert Message.objects.filter(ticket=ticket, kind="public_reply").count() == 1
    # The refreshed page knows the colleague's answer: sending again goes through.
    sent = clerk.post(reply, {**data, "gesehen": _seen(text, "form-reply")})
    assert sent.status_code == 302
    assert Message.objects.filter(ticket=ticket, kind="public_reply").count() == 2

    # The same for an internal note; the clerk's own changes never hold anything back.
    page = clerk.get(url).content.decode()
    clerk.post(reverse("workspace:action", args=[ticket.pk, "tags"]), {"tags": "Einfahrt"})
    note = {"body": "Rückruf um 15 Uhr", "gesehen": _seen(page, "form-note")}
    assert (
        clerk.post(reverse("workspace:action", args=[ticket.pk, "note"]), note).status_code == 302
    )
    assert Message.objects.filter(ticket=ticket, kind="internal_note").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_survives_navigation_in_the_browser(
    server: str,  # noqa: F811
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    ticket = submit(city.falschparker, "Anhänger steht seit Wochen am Zentralplatz").ticket
    sign_in(driver, server, city.clerk_vollzug)
    url = server + reverse("workspace:ticket", args=[ticket.pk])
    driver.get(url)
    box = wait_for(driver, "#reply-id_body")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!window.htmx"))
    box.send_keys("Guten Tag, wir lassen den Anhänger")
    wait_for(driver, "#form-reply .ws-draft-status")
    WebDriverWait(driver, 30).until(
        lambda d: (
            "gespeichert" in d.find_element(By.CSS_SELECTOR, "#form-reply .ws-draft-status").text
        )
    )
    assert (
        Draft.objects.get(ticket=ticket, kind="reply").body == "Guten Tag, wir lassen den Anhänger"
    )
    driver.find_element(By.LINK_TEXT, "Posteingang").click()  # saved: no leave warning
    WebDriverWait(driver, 30).until(lambda d: "/anliegen/" not in d.current_url)
    driver.get(url)
    restored = wait_for(driver, "#reply-id_body").get_attribute("value")
    assert restored == "Guten Tag, wir lassen den Anhänger"
    assert "wiederhergestellt" in driver.find_element(By.ID, "form-reply").text
