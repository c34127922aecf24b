"""Are the catalogue's online-service and appointment links still there? A periodic job asks
each address once (HEAD, then GET where HEAD is refused), with a timeout, a few at a time."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LinkCheck, Service

PARALLEL = 8
USER_AGENT = "Anliegen-Linkpruefung/1.0 (+https://anliegen.example/docs/admin/catalogue-import)"


@dataclass(frozen=True)
class Answer:
    ok: bool
    status_code: int | None = None
    error: str = ""


def probe(url: str, timeout: float) -> Answer:
    answer = _ask(url, "HEAD", timeout)
    if answer.status_code in {403, 405, 501}:  # servers that refuse HEAD but serve GET
        answer = _ask(url, "GET", timeout)
    return answer


def _ask(url: str, method: str, timeout: float) -> Answer:
    if not url.startswith(("http://", "https://")):  # the catalogue validates it; file: never
        return Answer(ok=False, error="not an http(s) address")
    headers = {"User-Agent": USER_AGENT}
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Answer(ok=response.status < 400, status_code=response.status)
    except urllib.error.HTTPError as exc:
        return Answer(ok=False, status_code=exc.code, error=f"HTTP {exc.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(ok=False, error=str(reason)[:300] or exc.__class__.__name__)


def _targets() -> list[tuple[Service, str, str]]:
    targets: list[tuple[Service, str, str]] = []
    for service in Service.objects.filter(is_active=True).only(
        "pk", "online_service_url", "appointment_url"
    ):
        if service.online_service_url:
            targets.append((service, LinkCheck.Kind.ONLINE, service.online_service_url))
        if service.appointment_url:
            targets.append((service, LinkCheck.Kind.APPOINTMENT, service.appointment_url))
    return targets


def check_all(timeout: float | None = None) -> dict[str, int]:
    """Check every link of every active service; returns how many were ok and broken."""
    wait = timeout if timeout is not None else settings.CATALOGUE_LINK_TIMEOUT
    targets = _targets()
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        answers = list(pool.map(lambda t: probe(t[2], wait), targets))
    now = timezone.now()
    with transaction.atomic():
        LinkCheck.objects.filter(service__is_active=True).delete()
        LinkCheck.objects.bulk_create(
            LinkCheck(
                service=service,
                kind=kind,
                url=url[:500],
                ok=answer.ok,
                status_code=answer.status_code,
                error=answer.error,
                checked_at=now,
            )
            for (service, kind, url), answer in zip(targets, answers, strict=True)
        )
    broken = sum(not a.ok for a in answers)
    return {"checked": len(answers), "ok": len(answers) - broken, "broken": broken}
