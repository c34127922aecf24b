from django.urls import path

from .views import legal, question, reports, search, service, status, submit, support, track

app_name = "portal"
urlpatterns = [
    path("", search.home, name="home"),
    path("suche/", search.results, name="results"),
    path("themen/<slug:key>/", search.topic, name="topic"),
    path("leistungen/", search.catalogue, name="catalogue"),
    path("leistungen/<slug:key>/", service.detail, name="service"),
    path("leistungen/<slug:key>/weiter/<slug:channel>/", service.go, name="go"),
    path("leistungen/<slug:key>/anliegen/", submit.form, name="submit"),
    path("anliegen/neu/", submit.form, name="submit_generic"),
    path("anliegen/meinen-sie/", question.question, name="question"),
    path("anliegen/pruefen/", submit.review, name="review"),
    path("anliegen/bestaetigung/", submit.confirmation, name="confirmation"),
    path("anliegen/unterstuetzt/", support.supported, name="supported"),
    path("verfolgen/", track.track, name="track"),
    path("verfolgen/nachricht/", track.reply, name="reply"),
    path("verfolgen/erledigt/", track.close, name="close"),
    path("verfolgen/link-verloren/", track.lost_link, name="lost_link"),
    path("verfolgen/meldung/", support.track, name="support_track"),
    path("verfolgen/meldung/<str:token>/", support.entry, name="support_entry"),
    path("verfolgen/<str:token>/", track.entry, name="track_entry"),
    path("meldungen/", reports.reports, name="reports"),
    path("meldungen/feed.rss", reports.rss_feed, name="reports_rss"),
    path("meldungen/feed.json", reports.json_feed, name="reports_json"),
    path("sachstand/", status.lookup, name="status"),
    path("sachstand/anfrage/", status.inquiry, name="status_inquiry"),
    path("impressum/", legal.imprint, name="imprint"),
    path("datenschutz/", legal.privacy, name="privacy"),
    path("barrierefreiheit/", legal.accessibility, name="accessibility"),
    path("leichte-sprache/", legal.easy_language, name="easy_language"),
    path("health/", search.health, name="health"),
]
