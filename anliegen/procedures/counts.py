"""Anonymous counts of status questions (reports: answered without staff vs. as Anliegen)."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from anliegen.organization.models import OrgUnit

from .models import InquiryCount


def count_inquiry(org_unit: OrgUnit | None, way: InquiryCount.Way) -> None:
    today = timezone.localdate()
    updated = InquiryCount.objects.filter(date=today, org_unit=org_unit, way=way).update(
        count=F("count") + 1
    )
    if not updated:
        InquiryCount.objects.create(date=today, org_unit=org_unit, way=way, count=1)
