#!/usr/bin/env bash
# Shows that the security suite can fail: removes one access check at a time (from the
# staff views, from the one need-to-know rule, from the secret-row rule), runs
# tests/security, and expects failures. The file is restored afterwards, whatever happens.
# Usage: tests/security/mutation_check.sh [extra pytest arguments, e.g. -n 2]
# Exit status 0: every mutation was caught; 1: one survived (the suite has a gap).
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/.venv/bin:$PATH"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/test-mutation.sqlite3}
VIEWS=anliegen/workspace/views/ticket.py
RULE=anliegen/privacy/needtoknow.py
SECRECY=anliegen/privacy/secrecy.py
TARGETS=("$VIEWS" "$RULE" "$SECRECY")
for file in "${TARGETS[@]}"; do
  if ! git diff --quiet -- "$file"; then
    echo "$file has uncommitted changes; commit or stash them first." >&2
    exit 2
  fi
done
backups=$(mktemp -d)
for file in "${TARGETS[@]}"; do cp "$file" "$backups/$(basename "$file")"; done
restore() { local file; for file in "${TARGETS[@]}"; do cp "$backups/$(basename "$file")" "$file"; done; }
trap 'restore; rm -rf "$backups"' EXIT

# file | name | Python expression turning the source text `s` into the mutant
mutations=(
  "$VIEWS|ticket page without sign-in|s.replace('@login_required\n@whereabouts_instead_of_404\ndef ticket_page', '@whereabouts_instead_of_404\ndef ticket_page', 1)"
  "$VIEWS|ticket page without need-to-know|s.replace('render_ticket(request, ticket_or_404(request, pk))', 'render_ticket(request, Ticket.objects.get(pk=pk))', 1)"
  "$VIEWS|attachment download without need-to-know|s.replace('found = access.get_attachment(staff(request), pk)', 'from anliegen.tickets.models import Attachment\n\n        found = Attachment.objects.get(pk=pk)', 1)"
  "$RULE|administrators see tickets under secrecy|s.replace('q |= Q(is_sensitive=False)', 'q |= Q(pk__isnull=False)', 1)"
  "$RULE|triage sees unsorted tickets under secrecy|s.replace('q |= Q(status=TRIAGE, is_sensitive=False)', 'q |= Q(status=TRIAGE)', 1)"
  "$RULE|other offices see a ticket|s.replace('q = Q(org_unit_id__in=sorted(self.units))', 'q = Q(org_unit_id__isnull=False)', 1)"
  "$SECRECY|administrators see secret audit and mail rows|s.replace('everything=who.active and who.dpo', 'everything=who.active and (who.dpo or who.superuser)', 1)"
)

survived=0
for entry in "${mutations[@]}"; do
  target=${entry%%|*}
  rest=${entry#*|}
  name=${rest%%|*}
  expression=${rest#*|}
  restore
  if ! python - "$target" "$expression" <<'PY'
import sys
from pathlib import Path

path = Path(sys.argv[1])
s = path.read_text()
mutant = eval(sys.argv[2])  # the expressions are the fixed list above
if mutant == s:
    sys.exit(f"mutation did not apply to {path}")
path.write_text(mutant)
PY
  then
    echo "BROKEN: the mutation '$name' no longer applies; fix the list"
    survived=1
    continue
  fi
  printf '\n==> mutation: %s\n' "$name"
  git --no-pager diff --stat -- "$target"
  output=$(pytest tests/security "$@" 2>&1)
  status=$?
  echo "$output" | grep -E '^(FAILED|ERROR) ' | cut -c1-160
  echo "$output" | tail -1
  if [ "$status" -eq 0 ]; then
    echo "SURVIVED: the suite passed without this check"
    survived=1
  else
    echo "caught (pytest exit status $status)"
  fi
done
exit "$survived"
