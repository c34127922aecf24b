"""Links into systems the city already runs: online services (OZG) and appointment booking.

A service's ``online_service_url`` and ``appointment_url`` may carry placeholders that are
filled in (URL-encoded) when the citizen follows the link, so they land on the right form or
calendar instead of a start page:

    {leika}     the service's 14-digit LeiKa key
    {service}   the service's key in this catalogue
    {district}  the key of the citizen's district, if known
    {postcode}  the citizen's postcode, if known
    {lang}      "de" or "en"

Appointment systems differ (TEVIS, Frontdesk, Qmatic, a city's own calendar). Each is an
adapter implementing :class:`AppointmentSystem`; :class:`UrlTemplateAppointments` serves any
system that takes its parameters in the URL and is the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from anliegen.catalog.models import Service

PLACEHOLDERS = frozenset({"leika", "service", "district", "postcode", "lang"})
_BRACES = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class LinkContext:
    """What is known about the citizen's concern when they follow a link (all optional)."""

    district: str = ""
    postcode: str = ""
    lang: str = "de"


class AppointmentSystem(Protocol):
    """An appointment booking system the helpdesk sends citizens to.

    ``booking_url`` returns where to book ``service`` (None if this system does not offer
    it); it must not block on the network, since it runs while a page is being rendered.
    """

    def booking_url(self, service: Service, context: LinkContext) -> str | None: ...


def fill(template: str, service: Service, context: LinkContext) -> str:
    """``template`` with its known placeholders URL-encoded; unknown ones are left as they
    are, so a URL with literal braces still works."""
    values = {
        "leika": service.leika_key,
        "service": service.key,
        "district": context.district,
        "postcode": context.postcode,
        "lang": context.lang,
    }

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return quote(values[name], safe="") if name in PLACEHOLDERS else match.group(0)

    return _BRACES.sub(replace, template)


class UrlTemplateAppointments:
    """Any booking system that takes the service (and the place) in the URL."""

    def booking_url(self, service: Service, context: LinkContext) -> str | None:
        if not service.appointment_url:
            return None
        return fill(service.appointment_url, service, context)


def online_service_url(service: Service, context: LinkContext) -> str | None:
    if not service.online_service_url:
        return None
    return fill(service.online_service_url, service, context)
