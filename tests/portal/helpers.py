"""Walking the submission flow through the test client, as a citizen's browser would."""

from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

from altcha.v1 import solve_challenge
from django.test import Client
from django.urls import reverse

from anliegen.portal.spam import SESSION_SUM


def base_values(**extra: Any) -> dict[str, Any]:
    values = {
        "text": "Ich möchte eine alte Couch abholen lassen.",
        "contact_name": "Erika Mustermann",
        "contact_email": "erika@example.org",
        "contact_phone": "",
        "location_text": "Musterstraße 1",
        "privacy": "on",
    }
    values.update(extra)
    return values


def altcha_payload(page: str) -> str:
    """Solve the proof of work embedded in the review page, like static/anliegen/js/altcha.js."""
    found = re.search(r'data-altcha="([^"]+)"', page)
    assert found, "review page has no challenge"
    challenge = json.loads(html.unescape(found.group(1)))
    solution = solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"]
    )
    assert solution is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def confirm(client: Client, *, use_sum: bool = False) -> Any:
    review = client.get(reverse("portal:review"))
    assert review.status_code == 200
    if use_sum:
        return client.post(
            reverse("portal:review"), {"math_answer": str(client.session[SESSION_SUM])}
        )
    return client.post(reverse("portal:review"), {"altcha": altcha_payload(review.text)})
