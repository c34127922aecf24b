"""End to end in headless Chromium: find, answer, forward; need-to-know; axe-core clean."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from anliegen.organization.models import User
from anliegen.tickets.models import Message, TextModule, Ticket
from tests.browser.conftest import axe_check, driver  # noqa: F401 - the shared fixture
from tests.browser.pages import fill, press, press_button, wait_for, wait_for_path
from tests.conftest import City, _user, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(transactional_db: None, live_server: Any, driver: WebDriver) -> str:  # noqa: F811
    cache.clear()
    driver.get(live_server.url + "/health/")
    driver.delete_all_cookies()
    driver.add_cookie({"name": "django_language", "value": "de"})
    return str(live_server.url)


def sign_in(
    driver: WebDriver,  # noqa: F811
    server: str,
    user: User,
) -> None:
    driver.delete_all_cookies()
    driver.get(server + reverse("workspace:login"))
    fill(driver, "id_username", user.username)
    fill(driver, "id_password", "Test-Passwort-123")
    press_button(driver, "Anmelden")
    wait_for_path(driver, reverse("workspace:inbox"))


def test_clerk_finds_answers_and_forwards(server: str, driver: WebDriver, city: City) -> None:  # noqa: F811
    ticket = submit(
        city.falschparker,
        "Ein Wohnmobil blockiert seit Tagen die Einfahrt",
        contact_name="Frau Muster",
    ).ticket
    TextModule.objects.create(
        org_unit=city.vollzugsdienst, title="Danke", body="Guten Tag {name}, danke für {reference}."
    )
    tiefbau_clerk = _user("clerk.tiefbau", city.tiefbau)

    sign_in(driver, server, city.clerk_vollzug)
    axe_check(driver)
    # The header search from the default view searches every visible ticket (issue 16.2).
    wait_for(driver, "#ws-search")
    fill(driver, "ws-search", "Wohnmobil")
    driver.find_element(By.ID, "ws-search").send_keys(Keys.ENTER)
    wait_for(driver, "mark")
    assert "q=Wohnmobil" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "h1")  # the page around the rows is intact
    axe_check(driver)
    press(driver.find_element(By.LINK_TEXT, ticket.reference))
    wait_for_path(driver, reverse("workspace:ticket", args=[ticket.pk]))
    axe_check(driver)

    Select(driver.find_element(By.ID, "reply-id_text_module")).select_by_visible_text("Danke")
    press_button(driver, "Einfügen")  # swapped in place by htmx (a reload without JavaScript)
    WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: (
            "Frau Muster" in (d.find_element(By.ID, "reply-id_body").get_attribute("value") or "")
        )
    )
    press_button(driver, "Antwort senden")
    wait_for(driver, ".ws-msg--success")
    assert Message.objects.filter(ticket=ticket, kind="public_reply").exists()

    # Forwarding is a menu: its form (every office, every service) loads when it is opened.
    assert not driver.find_elements(By.ID, "forward-id_org_unit")
    press(driver.find_element(By.ID, "menu-forward"))
    wait_for(driver, "#forward-id_org_unit")
    axe_check(driver)
    Select(driver.find_element(By.ID, "forward-id_org_unit")).select_by_value(str(city.tiefbau.pk))
    fill(driver, "forward-id_reason", "Zufahrt gehört zum Tiefbau")
    press(driver.find_element(By.CSS_SELECTOR, "#form-forward button[type=submit]"))
    # Forwarded out of sight: where it went, never the 404 page (issue 16, point 1).
    wait_for_path(driver, reverse("workspace:whereabouts", args=[ticket.pk]))
    assert Ticket.objects.get(pk=ticket.pk).org_unit == city.tiefbau
    assert "Tiefbauamt" in driver.find_element(By.TAG_NAME, "main").text
    assert len(driver.find_elements(By.CSS_SELECTOR, ".ws-msg--success")) == 1
    axe_check(driver)
    driver.get(server + reverse("workspace:ticket", args=[ticket.pk]))
    wait_for_path(driver, reverse("workspace:whereabouts", args=[ticket.pk]))
    assert "Seite nicht gefunden" not in driver.page_source

    sign_in(driver, server, tiefbau_clerk)
    driver.get(server + reverse("workspace:inbox") + "?view=office")
    wait_for(driver, "table")
    assert ticket.reference in driver.page_source

    sign_in(driver, server, city.clerk_sozial)
    driver.get(server + reverse("workspace:ticket", args=[ticket.pk]))
    assert ticket.reference not in driver.page_source
    assert "Frau Muster" not in driver.page_source

    driver.get(server + reverse("workspace:intake"))
    wait_for(driver, "h1")
    axe_check(driver)


def test_intake_shows_where_the_new_ticket_went(server: str, driver: WebDriver, city: City) -> None:  # noqa: F811
    """A phone intake for another office ends on where it went, not on the 404 page."""
    sign_in(driver, server, city.clerk_sozial)
    driver.get(server + reverse("workspace:intake"))
    wait_for(driver, "#id_text")
    Select(driver.find_element(By.ID, "id_channel")).select_by_value("phone")
    fill(driver, "id_text", "Die Laterne vor Hausnummer 5 ist aus")
    Select(driver.find_element(By.ID, "id_service")).select_by_value(str(city.laterne.pk))
    press_button(driver, "Anliegen anlegen")
    WebDriverWait(driver, 30).until(lambda d: "/verbleib/" in d.current_url)
    ticket = Ticket.objects.get(subject="Die Laterne vor Hausnummer 5 ist aus")
    assert driver.current_url.endswith(reverse("workspace:whereabouts", args=[ticket.pk]))
    main = driver.find_element(By.TAG_NAME, "main").text
    assert ticket.reference in main and "Tiefbauamt" in main
    assert main.count(f"Anliegen {ticket.reference} angelegt.") == 1
    assert reverse("workspace:ticket", args=[ticket.pk]) in main  # the link for its office
    axe_check(driver)


def test_reference_opens_the_ticket_from_any_view(
    server: str,
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    """A reference number, with or without its check letter, typed into the header search of
    any workspace page opens the ticket, even when the current view does not hold it."""
    ticket = submit(city.falschparker, "Transporter auf dem Radweg").ticket
    sign_in(driver, server, city.clerk_vollzug)  # the default view does not list it
    for page, typed in [
        (reverse("workspace:inbox") + "?view=mine", ticket.reference),
        (reverse("workspace:textmodules"), ticket.reference.rsplit("-", 1)[0]),
        (reverse("workspace:intake"), ticket.reference.lower()),
    ]:
        driver.get(server + page)
        fill(driver, "ws-search", typed)
        driver.find_element(By.ID, "ws-search").send_keys(Keys.ENTER)
        wait_for_path(driver, reverse("workspace:ticket", args=[ticket.pk]))
        assert ticket.reference in driver.find_element(By.TAG_NAME, "h1").text
    axe_check(driver)


def test_triage_accept_stays_in_the_queue(
    server: str,
    driver: WebDriver,  # noqa: F811
    city: City,
) -> None:
    """Accepting a suggestion replaces only that row: the clerk stays in the triage queue."""
    from tests.workspace.test_triage import FIVE, in_triage

    tickets = [in_triage(city, f"Lampe {i} ist dunkel", FIVE) for i in range(3)]
    sign_in(driver, server, city.triage)
    driver.get(server + reverse("workspace:inbox") + "?view=triage")
    wait_for(driver, f"#t-{tickets[1].pk}")
    axe_check(driver)
    row = driver.find_element(By.ID, f"t-{tickets[1].pk}")
    press(row.find_element(By.XPATH, ".//button[contains(., 'Übernehmen')]"))
    wait_for(driver, f"#t-{tickets[1].pk}.ws-row-done")
    assert "view=triage" in driver.current_url
    assert "Tiefbauamt" in driver.find_element(By.ID, f"t-{tickets[1].pk}").text
    for other in (tickets[0], tickets[2]):  # the rest of the queue is where it was
        assert driver.find_element(By.ID, f"t-{other.pk}").find_elements(By.TAG_NAME, "button")
    assert Ticket.objects.get(pk=tickets[1].pk).org_unit == city.tiefbau
    axe_check(driver)
