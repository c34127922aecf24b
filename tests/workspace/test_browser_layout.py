"""The ticket page built for work (issue 16, point 5), in headless Chromium: one column without
horizontal scrolling at 320 px (WCAG 1.4.10) on the clerk's pages, the conversation beside the
facts on a wide screen, text modules inserted without a reload, the shortcut help on "?"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from anliegen.tickets import actions
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import TextModule, Ticket
from anliegen.tickets.status import Status
from tests.browser.conftest import axe_check, driver  # noqa: F401 - the shared fixture
from tests.browser.pages import press, press_button, wait_for
from tests.conftest import City, submit
from tests.workspace.test_browser_workspace import server, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = (
    "Seit dem Hochwasser am Deutschen Eck steht in der Tiefgarage unter der Rhein-Mosel-Halle "
    "das Wasser; die Entwässerungsrinne an der Zufahrt Julius-Wegeler-Straße ist verstopft. "
)


@pytest.fixture
def phone(driver: WebDriver) -> Iterator[WebDriver]:  # noqa: F811
    """The shared browser as a 320 px wide phone (CSS pixels), reset afterwards."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        yield driver
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _busy_ticket(city: City) -> Ticket:
    """A ticket with what makes a page wide: long text, a forward, a reference, a note."""
    ticket = submit(
        city.falschparker,
        LONG * 3,
        contact_name="Friederike Müller-Lüdenscheidt",
        location_text="Julius-Wegeler-Straße 100, Tiefgarage Ebene -2",
    ).ticket
    staff = Actor.staff(city.clerk_vollzug)
    actions.link_external_reference(ticket, staff, "OWi-Fachverfahren", "OWI-2026-000123456789")
    actions.set_tags(ticket, staff, ["Hochwasser", "Tiefgarage", "Entwässerung"])
    actions.change_status(ticket, staff, Status.IN_PROGRESS, note="Rückruf vereinbart")
    return Ticket.objects.get(pk=ticket.pk)


def _page_width(driver: WebDriver) -> int:  # noqa: F811
    return int(driver.execute_script("return document.documentElement.scrollWidth"))


WIDE = """return Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' '
    + Math.round(e.getBoundingClientRect().right));"""


def _too_wide(driver: WebDriver) -> str:  # noqa: F811
    """What sticks out, for the failure message."""
    return "; ".join(driver.execute_script(WIDE))


def test_no_horizontal_scroll_at_320_px(server: str, phone: WebDriver, city: City) -> None:  # noqa: F811
    ticket = _busy_ticket(city)
    for n in range(12):
        submit(city.falschparker, f"Auto {n} parkt auf dem Gehweg der Löhrstraße")
    sign_in(phone, server, city.clerk_vollzug)
    pages = [
        reverse("workspace:inbox") + "?view=office",
        reverse("workspace:ticket", args=[ticket.pk]),
        reverse("workspace:intake"),
    ]
    for path in pages:
        phone.get(server + path)
        wait_for(phone, "h1")
        assert _page_width(phone) <= 320, f"{path} at 320 px: {_too_wide(phone)}"
    sign_in(phone, server, city.lead_ordnung)
    phone.get(server + reverse("reports:dashboard"))
    wait_for(phone, "h1")
    assert _page_width(phone) <= 320, f"reports at 320 px: {_too_wide(phone)}"


def test_conversation_first_facts_beside_it_on_a_wide_screen(
    server: str,  # noqa: F811
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    ticket = _busy_ticket(city)
    sign_in(driver, server, city.clerk_vollzug)
    driver.get(server + reverse("workspace:ticket", args=[ticket.pk]))
    main = wait_for(driver, ".ws-ticket__main")
    side = driver.find_element(By.CSS_SELECTOR, ".ws-ticket__side")
    reply = driver.find_element(By.ID, "reply-id_body")
    assert side.location["x"] > main.location["x"] + main.size["width"] / 2  # beside, not below
    assert side.location["y"] < reply.location["y"]  # the facts do not push the reply down
    assert reply.location["y"] < 1024 * 2  # the reply box is near the top, not 1,500 px down
    # Timeline in sentences, never the raw keys of the event data.
    timeline = driver.find_element(By.CSS_SELECTOR, ".ws-timeline").text
    assert "In Bearbeitung" in timeline and "Rückruf vereinbart" in timeline
    assert "OWI-2026-000123456789" in timeline
    assert "org_unit" not in timeline and "service:" not in timeline
    # The other actions are menus, closed until opened.
    status_menu = driver.find_element(By.ID, "menu-status")
    assert not driver.find_element(By.ID, "status-id_status").is_displayed()
    press(status_menu)
    assert driver.find_element(By.ID, "status-id_status").is_displayed()
    axe_check(driver)


def test_text_module_is_inserted_without_reload(
    server: str,  # noqa: F811
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    ticket = submit(city.falschparker, "Wohnmobil vor der Einfahrt", contact_name="Herr Beispiel")
    TextModule.objects.create(
        org_unit=city.vollzugsdienst, title="Danke", body="Guten Tag {name}, danke für {reference}."
    )
    sign_in(driver, server, city.clerk_vollzug)
    driver.get(server + reverse("workspace:ticket", args=[ticket.ticket.pk]))
    body = wait_for(driver, "#reply-id_body")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!window.htmx"))
    body.send_keys("Vorab: ")
    driver.execute_script("window.scrollTo(0, 300); window.wsStayed = true;")
    Select(driver.find_element(By.ID, "reply-id_text_module")).select_by_visible_text("Danke")
    press_button(driver, "Einfügen")

    def filled(d: Any) -> bool:
        value = d.find_element(By.ID, "reply-id_body").get_attribute("value") or ""
        return "Herr Beispiel" in value

    WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(filled)
    value = driver.find_element(By.ID, "reply-id_body").get_attribute("value") or ""
    assert value.startswith("Vorab:") and ticket.ticket.reference in value
    assert driver.execute_script("return window.wsStayed === true")  # the same page, no reload
    axe_check(driver)


def test_question_mark_opens_the_shortcut_help(
    server: str,  # noqa: F811
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    sign_in(driver, server, city.clerk_vollzug)
    help_box = driver.find_element(By.ID, "ws-shortcuts")
    assert help_box.get_attribute("open") is None
    driver.find_element(By.TAG_NAME, "body").send_keys("?")
    WebDriverWait(driver, 10).until(lambda d: help_box.get_attribute("open") is not None)
    assert "Posteingang" in help_box.text and "Antwortfeld" in help_box.text
    axe_check(driver)
