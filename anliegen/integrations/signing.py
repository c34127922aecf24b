"""HMAC-SHA256 signatures. Outbound webhooks sign "<timestamp>.<body>"; the inbound status
bridge signs "<timestamp>\n<delivery id>\n<body>" (scheme ``v2``).

Signing the timestamp with the body lets a receiver refuse old messages (replays) even when
the attacker has a valid signature from earlier; signing the delivery id too means a captured
message cannot be applied again under a new delivery id within the time window. Headers
cannot hold a line break, so the newline-separated string to sign is unambiguous.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Anliegen-Signature"
TIMESTAMP_HEADER = "X-Anliegen-Timestamp"
DELIVERY_HEADER = "X-Anliegen-Delivery"
EVENT_HEADER = "X-Anliegen-Event"
IDEMPOTENCY_HEADER = "Idempotency-Key"
WINDOW_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(secret: str, timestamp: int, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature.strip())


def sign_delivery(secret: str, timestamp: int, delivery_id: str, body: bytes) -> str:
    """The status bridge's signature (scheme v2): timestamp, delivery id and body."""
    message = f"{timestamp}\n{delivery_id}\n".encode() + body
    return f"v2={hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()}"


def verify_delivery(
    secret: str, timestamp: int, delivery_id: str, body: bytes, signature: str
) -> bool:
    expected = sign_delivery(secret, timestamp, delivery_id, body)
    return hmac.compare_digest(expected, signature.strip())


def fresh(timestamp: int, now: float) -> bool:
    return abs(now - timestamp) <= WINDOW_SECONDS
