"""/sachstand/: Aktenzeichen + verifier → the procedure, or nothing. Unknown number, wrong or
missing verifier, and a procedure without a verifier all give the same ``None`` after the same
work (one query, one HMAC), so neither the answer nor its time tells them apart."""

from __future__ import annotations

from anliegen.privacy import audit

from .actions import secrecy_of
from .models import Procedure, VerifierKind
from .references import reference_key
from .verifier import matches


def procedure_for_citizen(reference: str, verifier_value: str) -> Procedure | None:
    key = reference_key(reference)
    procedure = (
        Procedure.objects.filter(reference_key=key)
        .select_related("service", "org_unit")
        .order_by("pk")
        .first()
        if key
        else None
    )
    kind = procedure.verifier_kind if procedure is not None else VerifierKind.PIN
    stored = procedure.verifier_hash if procedure is not None else None
    # A procedure without a verifier (sensitive service or not) never answers: matches() is
    # False for an empty stored hash.
    if matches(kind, verifier_value, stored) and procedure is not None:
        audit.record(
            "citizen",
            "procedure.viewed",
            secrecy=secrecy_of(procedure),
            procedure_id=procedure.pk,
            system=procedure.system,
            reference=procedure.reference,
        )
        return procedure
    return None
