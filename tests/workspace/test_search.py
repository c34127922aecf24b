"""One header search on every workspace page (issue 16, point 2): a reference number opens
the ticket; words search every ticket the user may see, the view only a filter."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from anliegen.core.refnum import format_reference, read_reference
from tests.conftest import City, submit

from .conftest import signed_in


@pytest.mark.parametrize(
    ("typed", "reference", "fits"),
    [
        ("2026-004711-K", "2026-004711-", None),
        ("2026-004711", "2026-004711-", True),
        ("2026-4711", "2026-004711-", True),
        (" 2026/004711 ", "2026-004711-", True),
        ("2026004711", "2026-004711-", True),
        ("2026 4711", "2026-004711-", True),
    ],
)
def test_typed_reference_numbers_are_read(typed: str, reference: str, fits: bool | None) -> None:
    found = read_reference(typed)
    assert found is not None and found.reference.startswith(reference)
    if fits is not None:
        assert found.letter_fits is fits and not found.letter_typed


def test_check_letter_is_verified_and_other_numbers_are_words() -> None:
    right = read_reference("2026-004711")
    assert right is not None
    letter = right.reference[-1]
    wrong = "A" if letter != "A" else "B"
    assert read_reference(f"2026-004711-{letter.lower()}") == right.__class__(
        right.reference, True, True
    )
    typo = read_reference(f"2026-004711-{wrong}")
    assert typo is not None and typo.letter_typed and not typo.letter_fits
    for words in ["0261 123456", "56068", "2026", "Wohnmobil 2026", "2026-0", "20261234"]:
        assert read_reference(words) is None, words


def search(client: Any, q: str, **extra: str) -> Any:
    return client.get(reverse("workspace:search"), {"q": q, **extra})


def test_reference_opens_the_ticket_with_or_without_letter(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    for typed in (ticket.reference, ticket.reference.lower(), ticket.reference[:-2]):
        response = search(client, typed, aus="mine")
        assert response.status_code == 302, typed
        assert response.url == reverse("workspace:ticket", args=[ticket.pk])


def test_foreign_reference_looks_like_a_missing_one(city: City) -> None:
    ticket = submit(city.wohngeld).ticket
    client = signed_in(city.clerk_vollzug)
    foreign = search(client, ticket.reference)
    nowhere = format_reference(2026, 999_999)
    missing = search(client, nowhere)
    assert foreign.url.replace(ticket.reference, "X") == missing.url.replace(nowhere, "X")
    rows = client.get(foreign.url).content.decode().split("<tbody>")[1]
    assert ticket.reference not in rows and "Keine Anliegen" in rows


def test_reference_of_a_forwarded_ticket_leads_to_where_it_went(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    client.post(
        reverse("workspace:action", args=[ticket.pk, "forward"]),
        {"org_unit": city.tiefbau.pk, "reason": "Tiefbau"},
    )
    opened: Any = client.get(search(client, ticket.reference).url)
    assert opened.url == reverse("workspace:whereabouts", args=[ticket.pk])


def test_wrong_check_letter_says_so_and_searches_words(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    letter = ticket.reference[-1]
    typo = ticket.reference[:-1] + ("A" if letter != "A" else "B")
    client = signed_in(city.clerk_vollzug)
    response = search(client, typo)
    assert response.status_code == 302 and "view=all" in response.url
    assert "Prüfbuchstabe passt nicht" in client.get(response.url).content.decode()


def test_words_search_every_visible_ticket_not_only_the_view(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        wanted = submit(city.falschparker, "Ein Wohnmobil parkt quer").ticket
        submit(city.laterne, "Wohnmobil an der Laterne")  # another office's: never found
    client = signed_in(city.clerk_vollzug)
    response = search(client, "Wohnmobil", aus="mine")  # from the default view, empty
    assert response.url.startswith(reverse("workspace:inbox") + "?view=all")
    page = client.get(response.url).content.decode()
    assert wanted.reference in page and "an der Laterne" not in page
    assert "in allen Anliegen, die Sie sehen dürfen" in page
    assert "?view=mine&amp;q=Wohnmobil" in page  # the view offered as a filter
    # With the view as a filter: none here, and the way out says how many there are.
    filtered = client.get(reverse("workspace:inbox"), {"view": "mine", "q": "Wohnmobil"})
    body = filtered.content.decode()
    assert wanted.reference not in body.split("<tbody>")[1]
    assert "Filter entfernen: 1 Treffer in allen sichtbaren Anliegen" in body


def test_every_workspace_page_has_the_header_search(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    for url in (
        reverse("workspace:inbox"),
        reverse("workspace:ticket", args=[ticket.pk]),
        reverse("workspace:intake"),
        reverse("workspace:textmodules"),
        reverse("workspace:whereabouts", args=[ticket.pk]),
        reverse("reports:dashboard"),
    ):
        response = client.get(url)
        if response.status_code == 403:  # reports: leads only
            continue
        assert response.content.decode().count('id="ws-search"') == 1, url


def test_overlong_search_is_cut_not_refused(city: City) -> None:
    client = signed_in(city.clerk_vollzug)
    response = search(client, "Wohnmobil " * 100)
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
