"""The archive offer package: one ZIP with metadata.json and the attachments.

Format: docs/privacy/packages.md.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import datetime

from django.conf import settings
from django.core.files import File

from anliegen.privacy.models import ArchiveOffer
from anliegen.tickets import access

from ..dossier import FORMAT_VERSION, ticket_record, write_attachments


def build_package(offer: ArchiveOffer, ticket_ids: list[int], now: datetime) -> None:
    """Write the ZIP for ``ticket_ids`` and attach it to ``offer`` (saved)."""
    records = []
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for ticket in access.tickets_by_ids(ticket_ids):
                records.append(ticket_record(ticket))
                write_attachments(archive, ticket)
            metadata = {
                "format": "anliegen-archive-offer",
                "version": FORMAT_VERSION,
                "offer_id": offer.pk,
                "created_at": now.isoformat(),
                "producer": settings.CITY_NAME,
                "ticket_count": len(records),
                "tickets": records,
            }
            archive.writestr(
                "metadata.json", json.dumps(metadata, ensure_ascii=False, indent=1, default=str)
            )
        buffer.seek(0)
        offer.package.save(f"angebot-{offer.pk}-{now:%Y%m%d}.zip", File(buffer), save=False)
    offer.ticket_count = len(records)
    offer.save()
