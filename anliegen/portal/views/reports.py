"""/meldungen/: the public defect reports as an accessible list (filters, paging, no
JavaScript needed), an optional map with the list as its equivalent, and RSS/JSON feeds of
the same public fields (defects.public — never the citizen's words or contact)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from anliegen.defects import listing, public


def _filters(request: HttpRequest) -> listing.Filters:
    return listing.Filters.of({k: str(v) for k, v in request.GET.items()})


def reports(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(listing.reports(filters), listing.PAGE_SIZE).get_page(request.GET.get("seite"))
    query = urlencode(filters.query())
    return render(
        request,
        "portal/reports.html",
        {
            "rows": public.reports(list(page.object_list)),
            "page": page,
            "filters": filters,
            "query": query,
            "kinds": listing.kinds(),
            "districts": listing.districts(),
            "statuses": listing.statuses(),
            "feed_query": f"?{query}" if query else "",
            "map_tiles": settings.MAP_TILE_URL,
        },
    )


def _item(row: public.PublicReport, request: HttpRequest) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("portal:reports") + f"#meldung-{row.reference}")
    item: dict[str, Any] = {
        "id": row.reference,
        "url": url,
        "title": f"{row.service}, {row.place}" if row.place else row.service,
        "content_text": row.text or row.service,
        "date_published": row.created_at.isoformat(timespec="seconds"),
        "date_modified": row.updated_at.isoformat(timespec="seconds"),
        "_anliegen": {
            "service": row.service,
            "kind": row.kind,
            "status": row.status.value,
            "status_label": row.status_label,
            "status_notes": row.status_text,
            "place": row.place,
            "district": row.district,
            "supporters": row.supporters,
            "lat": row.latitude,
            "long": row.longitude,
        },
    }
    return item


def json_feed(request: HttpRequest) -> JsonResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1); the map reads it too."""
    rows = public.reports(list(listing.reports(_filters(request))[: listing.FEED_SIZE]))
    body = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _("Mängelmeldungen – %(city)s") % {"city": settings.CITY_NAME},
        "home_page_url": request.build_absolute_uri(reverse("portal:reports")),
        "feed_url": request.build_absolute_uri(request.get_full_path()),
        "language": "de",
        "items": [_item(r, request) for r in rows],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return response


class ReportsFeed(Feed[public.PublicReport, listing.Filters]):
    """RSS 2.0 of the same rows and fields. The filters travel as the feed's object (one
    instance serves every request)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> listing.Filters:
        return _filters(request)

    def title(self) -> str:
        return _("Mängelmeldungen – %(city)s") % {"city": settings.CITY_NAME}

    def link(self) -> str:
        return reverse("portal:reports")

    def description(self) -> str:
        return _("Neue und geänderte Mängelmeldungen mit Stand und ungefährem Ort.")

    def items(self, obj: listing.Filters) -> list[public.PublicReport]:
        rows = listing.reports(obj)[: listing.FEED_SIZE]
        return public.reports(list(rows))

    def item_title(self, item: public.PublicReport) -> str:
        title = f"{item.service}, {item.place}" if item.place else item.service
        return f"{title} ({item.status_label})"

    def item_description(self, item: public.PublicReport) -> str:
        return item.text or item.service

    def item_link(self, item: public.PublicReport) -> str:
        return reverse("portal:reports") + f"#meldung-{item.reference}"

    def item_guid(self, item: public.PublicReport) -> str:
        return item.reference

    item_guid_is_permalink = False

    def item_pubdate(self, item: public.PublicReport) -> Any:
        return item.created_at

    def item_updateddate(self, item: public.PublicReport) -> Any:
        return item.updated_at


rss_feed = ReportsFeed()
