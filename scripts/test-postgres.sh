#!/usr/bin/env bash
# Start a throw-away PostgreSQL on a private port, run the given command with
# CROSSBMO_TEST_POSTGRES_URL pointing at it, then stop it. Runs as root (CI) or as a normal user.
# Without PostgreSQL binaries the command runs alone (the postgres tests then skip), except under
# CI=true, where PostgreSQL is required.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PGPORT=${CROSSBMO_TEST_PGPORT:-55432}

if [ -z "${PGBIN}" ] || [ ! -x "${PGBIN}/initdb" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "test-postgres: PostgreSQL binaries not found; CI requires them (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "test-postgres: PostgreSQL not installed; the PostgreSQL tests will be skipped" >&2
    exec "$@"
fi

PGDIR=$(mktemp -d /tmp/crossbmo-pg.XXXXXX)
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PGDIR"; fi

stop() {
    as_owner "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}
trap stop EXIT

as_owner "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w start \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
echo "test-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT" >&2

export CROSSBMO_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:${PGPORT}/postgres"
set +e
"$@"
status=$?
set -e
exit $status
