"""HMAC-SHA256 signatures over "<timestamp>.<body>", shared by webhooks and the bridge.

Signing the timestamp with the body lets a receiver refuse old messages (replays) even when
the attacker has a valid signature from earlier.
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


def fresh(timestamp: int, now: float) -> bool:
    return abs(now - timestamp) <= WINDOW_SECONDS
