#!/usr/bin/env bash
# Shows that the security suite can fail: removes one access check from one view at a time,
# runs tests/security, and expects failures. The file is restored afterwards, whatever happens.
# Usage: tests/security/mutation_check.sh [extra pytest arguments, e.g. -n 2]
# Exit status 0: every mutation was caught; 1: one survived (the suite has a gap).
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/.venv/bin:$PATH"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/test-mutation.sqlite3}
TARGET=anliegen/workspace/views/ticket.py
if ! git diff --quiet -- "$TARGET"; then
  echo "$TARGET has uncommitted changes; commit or stash them first." >&2
  exit 2
fi
backup=$(mktemp)
cp "$TARGET" "$backup"
trap 'cp "$backup" "$TARGET"; rm -f "$backup"' EXIT

# name | Python expression turning the source text `s` into the mutant
mutations=(
  "ticket page without sign-in|s.replace('@login_required\ndef ticket_page', 'def ticket_page', 1)"
  "ticket page without need-to-know|s.replace('render_ticket(request, ticket_or_404(request, pk))', 'render_ticket(request, Ticket.objects.get(pk=pk))', 1)"
  "attachment download without need-to-know|s.replace('found = access.get_attachment(staff(request), pk)', 'from anliegen.tickets.models import Attachment\n\n        found = Attachment.objects.get(pk=pk)', 1)"
)

survived=0
for entry in "${mutations[@]}"; do
  name=${entry%%|*}
  expression=${entry#*|}
  cp "$backup" "$TARGET"
  python - "$TARGET" "$expression" <<'PY'
import sys
from pathlib import Path

path = Path(sys.argv[1])
s = path.read_text()
mutant = eval(sys.argv[2])  # the expressions are the fixed list above
if mutant == s:
    sys.exit(f"mutation did not apply to {path}")
path.write_text(mutant)
PY
  printf '\n==> mutation: %s\n' "$name"
  git --no-pager diff --stat -- "$TARGET"
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
