#!/usr/bin/env bash
# Usage: bench/load.sh sqlite|postgres [seconds] [users]
# Starts gunicorn on a fresh database on 127.0.0.1, runs bench/load.py against it with
# locust (headless, bounded), and exits non-zero on any 5xx, lock error or lost write.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-sqlite}
seconds=${2:-60}
users=${3:-20}
port=${RCM_LOAD_PORT:-8101}
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

export DJANGO_SETTINGS_MODULE=rcm_site.settings
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY=load-test-only-not-a-secret-key-0123456789abcdefghij
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_MEDIA_ROOT="$work/media"
export DJANGO_EXPORTS_ROOT="$work/exports"
export RCM_LOAD_PASSWORD=load-test-password-1
case "$kind" in
  sqlite) export DATABASE_URL="sqlite:///$work/load.sqlite3" ;;
  postgres)
    database=${RCM_LOAD_DATABASE:-rcm_load}
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$database
    export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
    dropdb -h 127.0.0.1 -U postgres --if-exists "$database"
    createdb -h 127.0.0.1 -U postgres "$database"
    ;;
  *) echo "usage: $0 sqlite|postgres [seconds] [users]" >&2; exit 2 ;;
esac

py=.venv/bin/python
# locust and its gevent/Flask stack, kept out of the test environment (make install).
$py -m pip install --quiet --require-hashes -r requirements-load.txt
$py manage.py migrate --noinput -v0
$py manage.py loaddata countries mexico-city-workshop-2018 -v0
$py manage.py collectstatic --noinput -v0 >/dev/null
eval "$($py - <<'PY'
import django
django.setup()
from django.contrib.auth.models import Group, User
from events.models import Event
from people.models import Organization
import os
for name, group in (("load-editor", "Editor"), ("load-publisher", "Publisher")):
    user = User.objects.create_user(name, password=os.environ["RCM_LOAD_PASSWORD"], is_staff=True)
    user.groups.add(Group.objects.get(name=group))
print(f"export RCM_LOAD_EVENT_ID={Event.objects.get().pk}")
print(f"export RCM_LOAD_ORGANIZATION_ID={Organization.objects.get(slug='iom').pk}")
PY
)"
if [ -n "${REDIS_URL:-}" ]; then redis-cli -u "$REDIS_URL" flushdb >/dev/null; fi

.venv/bin/gunicorn rcm_site.wsgi --bind "127.0.0.1:$port" --workers 4 --timeout 30 \
  --error-logfile "$work/gunicorn.log" --log-level warning &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

status=0
.venv/bin/locust -f bench/load.py --headless --only-summary -u "$users" -r "$users" \
  -t "${seconds}s" --host "http://127.0.0.1:$port" --stop-timeout 5 || status=$?
if grep -q "database is locked" "$work/gunicorn.log"; then
  echo "PROBLEM: database is locked (gunicorn log)"; status=1
fi
echo "load test on $kind: exit $status"
exit $status
