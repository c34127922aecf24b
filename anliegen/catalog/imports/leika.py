"""LeiKa keys (Leistungsschlüssel of the Leistungskatalog), checked by their published structure.

A LeiKa 2.0 key has 14 digits: ``99`` (the catalogue's own prefix for service keys), a
3-digit Leistungsgruppierung and a 3-digit Leistungskennung (together the Leistungsobjekt),
a 3-digit Verrichtungskennung and a 3-digit Verrichtungsdetail (``000`` when none). The
Leistungskatalog defines no check digit: the last three digits are the Verrichtungsdetail, so
a key can only be checked by its format and structure (docs/admin/catalogue-import.md).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

KEY_RE = re.compile(r"^99(\d{3})(\d{3})(\d{3})(\d{3})$")
SEPARATORS = re.compile(r"[\s.\-/]")


def normalise(raw: str) -> str:
    """Spreadsheets write keys as '99 050 012 104 000' or as a number that lost nothing."""
    return SEPARATORS.sub("", raw.strip())


def problem(key: str) -> str | None:
    """Why ``key`` is not a LeiKa key, or None when it is one."""
    if not key.isdigit() or len(key) != 14:
        return _("Ein LeiKa-Schlüssel hat 14 Ziffern (gefunden: „%(key)s“).") % {"key": key}
    match = KEY_RE.match(key)
    if match is None:
        return _("Ein LeiKa-Leistungsschlüssel beginnt mit 99 (gefunden: „%(key)s“).") % {
            "key": key
        }
    grouping, object_id, _act, _detail = match.groups()
    if grouping == "000" or object_id == "000":
        return _(
            "Im LeiKa-Schlüssel „%(key)s“ fehlen Leistungsgruppierung oder Leistungskennung."
        ) % {"key": key}
    return None


def split_keys(raw: str) -> list[str]:
    """A cell or field may carry several keys ('99036008007003, 99036008007004')."""
    return [normalise(part) for part in re.split(r"[,;\n]", raw) if part.strip()]
