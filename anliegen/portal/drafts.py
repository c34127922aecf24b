"""The citizen's unfinished submission: typed values in the session, uploaded files in a
temporary folder under a random id. Neither appears in a URL, so "Ändern" and validation
errors keep everything, and nothing personal lands in server logs."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from anliegen.core.uploads import CheckedUpload
from anliegen.tickets.actions import AttachmentInput, CitizenChoice

SESSION_KEY = "portal_draft"
TEMP_DIR = "portal-drafts"


@dataclass(frozen=True)
class DraftFile:
    id: str
    filename: str
    content_type: str
    size: int


def _new_draft(service_key: str) -> dict[str, Any]:
    # The submission key makes the final step idempotent: every POST of this draft, repeated
    # or concurrent, ends at the same ticket (tickets.actions.create_ticket).
    return {
        "service": service_key,
        "values": {},
        "files": [],
        "submission_key": secrets.token_urlsafe(32),
    }


def load(session: SessionBase) -> dict[str, Any]:
    draft: dict[str, Any] = session.get(SESSION_KEY) or {}
    return draft


def values(session: SessionBase, service_key: str) -> dict[str, Any] | None:
    """The typed values of the draft for this service (""= generic), or None."""
    draft = load(session)
    if draft.get("service", None) != service_key:
        return None
    data: dict[str, Any] = draft.get("values", {})
    return data


def save_values(session: SessionBase, service_key: str, data: dict[str, Any]) -> None:
    draft = _draft_for(session, service_key)
    draft["values"] = data
    session[SESSION_KEY] = draft


def _draft_for(session: SessionBase, service_key: str) -> dict[str, Any]:
    """The draft of this service; a draft of another service is discarded first."""
    draft = load(session)
    if draft.get("service") != service_key:
        discard(session)
        return _new_draft(service_key)
    # Drafts begun before submission keys existed get one now.
    draft.setdefault("submission_key", secrets.token_urlsafe(32))
    return draft


def submission_key(session: SessionBase) -> str:
    key: str = load(session).get("submission_key", "")
    return key


def ask(session: SessionBase, text: str, offered: list[tuple[str, str]]) -> None:
    """Remember the „Meinen Sie …?“ question asked for ``text``: (service key, plain name)."""
    draft = load(session)
    draft["question"] = {"text": text, "offered": [list(o) for o in offered], "chosen": None}
    session[SESSION_KEY] = draft


def forget_question(session: SessionBase) -> None:
    draft = load(session)
    if draft.pop("question", None) is not None:
        session[SESSION_KEY] = draft


def question(session: SessionBase) -> dict[str, Any] | None:
    """The question of the draft's current text, or None (none asked, or the text changed)."""
    draft = load(session)
    asked: dict[str, Any] | None = draft.get("question")
    text = draft.get("values", {}).get("text", "")
    return asked if asked and asked.get("text") == text else None


def answer(session: SessionBase, chosen: str) -> None:
    """The citizen's answer: one of the offered keys, or "" for „etwas anderes“."""
    draft = load(session)
    draft["question"]["chosen"] = chosen
    session[SESSION_KEY] = draft


def choice(session: SessionBase) -> CitizenChoice | None:
    """The answered question of the draft's current text, for create_ticket."""
    asked = question(session)
    if asked is None or asked.get("chosen") is None:
        return None
    offered = tuple((str(key), str(name)) for key, name in asked["offered"])
    return CitizenChoice(offered=offered, chosen=str(asked["chosen"]))


def files(session: SessionBase) -> list[DraftFile]:
    return [DraftFile(**row) for row in load(session).get("files", [])]


def add_file(session: SessionBase, service_key: str, upload: CheckedUpload) -> DraftFile:
    draft = _draft_for(session, service_key)
    file_id = secrets.token_urlsafe(16)
    default_storage.save(f"{TEMP_DIR}/{file_id}", ContentFile(upload.content))
    entry = DraftFile(file_id, upload.filename, upload.content_type, len(upload.content))
    draft.setdefault("files", []).append(entry.__dict__)
    session[SESSION_KEY] = draft
    return entry


def remove_file(session: SessionBase, file_id: str) -> None:
    draft = load(session)
    kept = [row for row in draft.get("files", []) if row["id"] != file_id]
    if len(kept) != len(draft.get("files", [])):
        default_storage.delete(f"{TEMP_DIR}/{file_id}")
        draft["files"] = kept
        session[SESSION_KEY] = draft


def attachments(session: SessionBase) -> tuple[AttachmentInput, ...]:
    """The draft's files. FileNotFoundError: a concurrent submission of the same draft has
    already turned them into a ticket and removed them (or they were purged)."""
    result = []
    for entry in files(session):
        with default_storage.open(f"{TEMP_DIR}/{entry.id}", "rb") as handle:
            content = handle.read()
        result.append(AttachmentInput(entry.filename, content, entry.content_type))
    return tuple(result)


def discard(session: SessionBase) -> None:
    """Forget the draft and delete its temporary files."""
    for entry in files(session):
        default_storage.delete(f"{TEMP_DIR}/{entry.id}")
    session.pop(SESSION_KEY, None)


def purge_abandoned(older_than: timedelta) -> int:
    """Delete uploads of drafts nobody finished; returns how many files went.

    A draft lives in the session, so once the session has expired its files can never be
    submitted: ``older_than`` is at least the session lifetime.
    """
    if not default_storage.exists(TEMP_DIR):
        return 0
    cutoff = timezone.now() - older_than
    _dirs, names = default_storage.listdir(TEMP_DIR)
    removed = 0
    for name in names:
        path = f"{TEMP_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
