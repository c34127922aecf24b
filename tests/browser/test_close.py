"""Issue 17, point 4, in a real browser with and without JavaScript: "Mein Anliegen ist
erledigt" asks once, the confirmation closes, the undo opens the concern again where it was;
a citizen's message on a resolved concern reopens it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from anliegen.catalog.models import Service
from anliegen.organization.models import User
from anliegen.tickets.actions import CreatedTicket, NewTicket, change_status, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message
from anliegen.tickets.status import Status
from tests.portal.demo import BULKY_WASTE

from .conftest import axe_check
from .pages import WAIT, fill, press, press_button, submit_button, wait_for, wait_for_heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLOSE_FORM = "form[action='/verfolgen/erledigt/']"
REPLY_FORM = "form[action='/verfolgen/nachricht/']"


def _created() -> CreatedTicket:
    return create_ticket(
        NewTicket(
            text="Bitte holen Sie meine alte Couch ab.",
            channel=Channel.WEB,
            service=Service.objects.get(key=BULKY_WASTE),
            contact_name="Erika Mustermann",
            contact_email="erika@example.org",
        ),
        Actor.citizen(),
    )


def _clerk() -> Actor:
    return Actor.staff(User.objects.get(username="admin"))


def _open(driver: WebDriver, base: str, created: CreatedTicket) -> None:
    driver.get(f"{base}/verfolgen/{created.token}/")
    assert created.ticket.reference in wait_for(driver, "h1").text


def _status_reads(driver: WebDriver, label: str) -> None:
    WebDriverWait(driver, WAIT).until(
        ec.text_to_be_present_in_element((By.ID, "public-status"), label)
    )


def _close_and_undo(driver: WebDriver, base: str, *, javascript: bool) -> None:
    created = _created()
    ticket = created.ticket
    change_status(ticket, _clerk(), Status.IN_PROGRESS)
    _open(driver, base, created)
    _status_reads(driver, "In Bearbeitung")

    # The first press only asks; "Nein" goes back and nothing changed.
    submit_button(driver, CLOSE_FORM)
    wait_for_heading(driver, "Anliegen beenden?")
    if javascript:
        axe_check(driver)
    press(driver.find_element(By.LINK_TEXT, "Nein, zurück zu meinem Anliegen"))
    _status_reads(driver, "In Bearbeitung")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS

    # Asked again and confirmed: closed, with the undo offered instead of the reply form.
    submit_button(driver, CLOSE_FORM)
    wait_for_heading(driver, "Anliegen beenden?")
    press_button(driver, "Ja, Anliegen beenden")
    _status_reads(driver, "Abgeschlossen")
    assert "14 Tage lang rückgängig" in wait_for(driver, "[role=status]").text
    assert not driver.find_elements(By.CSS_SELECTOR, REPLY_FORM)
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    if javascript:
        axe_check(driver)

    press_button(driver, "Beenden rückgängig machen")
    _status_reads(driver, "In Bearbeitung")
    assert "wieder offen" in wait_for(driver, "[role=status]").text
    assert not driver.find_elements(By.XPATH, "//button[contains(., 'rückgängig machen')]")
    wait_for(driver, REPLY_FORM)
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.closed_at is None


def _reply_reopens(driver: WebDriver, base: str) -> None:
    created = _created()
    ticket = created.ticket
    change_status(ticket, _clerk(), Status.IN_PROGRESS)
    change_status(ticket, _clerk(), Status.RESOLVED)
    _open(driver, base, created)
    _status_reads(driver, "Erledigt")
    before = ticket.messages.filter(kind=Message.Kind.CITIZEN).count()

    fill(driver, "id_body", "Die Couch steht noch da.")
    submit_button(driver, REPLY_FORM)
    _status_reads(driver, "In Bearbeitung")
    assert "Die Couch steht noch da." in wait_for(driver, ".timeline").text
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.resolved_at is None
    assert ticket.messages.filter(kind=Message.Kind.CITIZEN).count() == before + 1


def test_close_asks_and_undo_works(portal: str, driver: WebDriver) -> None:
    _close_and_undo(driver, portal, javascript=True)


def test_close_asks_and_undo_works_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver
) -> None:
    _close_and_undo(nojs_driver, nojs_portal, javascript=False)


def test_a_reply_reopens_a_resolved_concern(portal: str, driver: WebDriver) -> None:
    _reply_reopens(driver, portal)


def test_a_reply_reopens_a_resolved_concern_without_javascript(
    nojs_portal: str, nojs_driver: WebDriver
) -> None:
    _reply_reopens(nojs_driver, nojs_portal)
