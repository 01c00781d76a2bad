#!/usr/bin/env bash
# Install the test dependencies and run the whole suite: lint, types, tests on SQLite, then
# the same tests on PostgreSQL (a throwaway database), browser tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e '.[test]'

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
command -v chromium >/dev/null || apt_install chromium

# PostgreSQL: start it if it is not running (install it if it is not there at all).
PGHOST=127.0.0.1 PGPORT=5432
if ! pg_isready -q -h $PGHOST -p $PGPORT 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_isready -q -h $PGHOST -p $PGPORT && break; sleep 1; done
fi
# Redis: the tests of the shared rate-limit store use it (they skip without it); start it if
# it is installed but stopped. The helpline itself never needs it.
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    >/dev/null || true
fi
PGDB="paisano_test_$(date +%s)_$$"
psql -q -h $PGHOST -U postgres -d postgres -c "CREATE DATABASE $PGDB" >/dev/null
trap 'psql -q -h $PGHOST -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true' EXIT

"$VENV/bin/ruff" check bot intents webhooks tests benchmarks
"$VENV/bin/mypy"

echo "== tests on SQLite"
"$VENV/bin/pytest" -q -p no:cacheprovider "$@"
echo "== tests on PostgreSQL"
TEST_DATABASE_URL="postgresql+psycopg://postgres@$PGHOST:$PGPORT/$PGDB" \
  "$VENV/bin/pytest" -q -p no:cacheprovider -m "not browser" "$@"
