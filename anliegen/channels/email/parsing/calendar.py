"""Calendar invites (text/calendar): a one-line summary for the ticket text."""

from __future__ import annotations

import re


def _unfold(ics: str) -> list[str]:
    return re.sub(r"\r?\n[ \t]", "", ics).splitlines()


def _value(lines: list[str], name: str) -> str:
    for line in lines:
        key, _, value = line.partition(":")
        if key.split(";")[0].upper() == name:
            return value.replace("\\,", ",").replace("\\n", " ").replace("\\;", ";").strip()
    return ""


def describe_invite(ics: str) -> str:
    lines = _unfold(ics)
    summary = _value(lines, "SUMMARY") or "?"
    start = _value(lines, "DTSTART")
    location = _value(lines, "LOCATION")
    method = _value(lines, "METHOD")
    text = f"Termin: {summary}"
    if start:
        text += f", Beginn {_pretty(start)}"
    if location:
        text += f", Ort: {location}"
    if method.upper() == "CANCEL":
        text += " (abgesagt)"
    return text


def _pretty(stamp: str) -> str:
    match = re.match(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d))?", stamp)
    if not match:
        return stamp
    year, month, day, hour, minute = match.groups()
    date = f"{day}.{month}.{year}"
    return f"{date} {hour}:{minute}" if hour else date
