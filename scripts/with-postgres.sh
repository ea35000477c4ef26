#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/with-postgres.sh CMD [ARGS...]   start a cluster, run CMD with DATABASE_URL /
#                                            GUATU_TEST_PG_URL (and PGHOST/PGPORT/PGUSER/PGDATABASE)
#                                            set, stop and delete the cluster, exit with CMD's code
#   scripts/with-postgres.sh --check         print the binaries' directory; exit 0, or 3 if none
#
# The cluster lives in a mktemp directory, listens on 127.0.0.1 on a free port (and a socket in
# the same directory), is created with `initdb -A trust -U postgres -E UTF8 --locale=C --no-sync`
# and runs with fsync off: for tests only. It goes to /dev/shm when that has room (else $TMPDIR),
# and a pristine copy of the initdb result is kept there as a template
# (guatu-pg-template-uid$EUID/), so later runs skip initdb and start in a fraction of a second. As root, initdb/pg_ctl run as the `postgres` system
# user (created if missing). Set PG_BINDIR to choose the binaries.
# Exit codes: CMD's; 3 when no PostgreSQL binaries are found; 4 when the cluster will not start.
set -euo pipefail

die_no_binaries() {
  {
    echo
    echo "################################################################################"
    echo "##  with-postgres.sh: NO POSTGRESQL SERVER BINARIES FOUND (initdb, pg_ctl)."
    echo "##  Looked at \$PG_BINDIR, \`pg_config --bindir\` and /usr/lib/postgresql/*/bin."
    echo "##  Install them, e.g.: apt-get install -y postgresql"
    echo "################################################################################"
    echo
  } >&2
  exit 3
}

find_bindir() {
  local d
  if [[ -n "${PG_BINDIR:-}" ]]; then
    [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] && { echo "$PG_BINDIR"; return 0; }
    return 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  fi
  # Newest version first (sort -V: 9.6 < 15 < 16).
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  for d in /usr/local/pgsql/bin /usr/pgsql-*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

BINDIR="$(find_bindir)" || die_no_binaries

if [[ "${1:-}" == "--check" ]]; then
  echo "$BINDIR"
  exit 0
fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...] | --check" >&2
  exit 2
fi

# PostgreSQL refuses to run as root: run it as the `postgres` system user.
as_pg() { "$@"; }
if [[ $EUID -eq 0 ]]; then
  if ! id -u postgres >/dev/null 2>&1; then
    if getent group postgres >/dev/null 2>&1; then group_opt=(--gid postgres); else group_opt=(--user-group); fi
    useradd --system "${group_opt[@]}" --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin postgres
  fi
  as_pg() { runuser -u postgres -- "$@"; }
fi

# Where the cluster lives: file creation on this kind of disk is slow (initdb 1.5 s, copying a
# cluster 1.3 s) and fsync is off anyway, so prefer tmpfs (/dev/shm) when it has room.
# WITH_POSTGRES_DIR overrides.
BASE="${WITH_POSTGRES_DIR:-}"
if [[ -z "$BASE" ]]; then
  BASE="${TMPDIR:-/tmp}"
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    shm_free_kb="$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')"
    [[ "${shm_free_kb:-0}" -gt 1048576 ]] && BASE=/dev/shm
  fi
fi
PGTMP="$(mktemp -d "$BASE/guatu-pg.XXXXXX")"
chmod 700 "$PGTMP"
[[ $EUID -eq 0 ]] && chown postgres: "$PGTMP"
PGDATA_DIR="$PGTMP/data"
PGLOG="$PGTMP/postgres.log"
STARTED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ $STARTED -eq 1 ]]; then
    # Throwaway cluster: immediate shutdown, nothing to keep.
    (cd "$PGTMP" && as_pg "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 20 stop >/dev/null 2>&1) || true
  fi
  rm -rf "$PGTMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# initdb takes ~1.5 s here, copying its result ~0.05 s: keep a pristine initdb'd cluster as a
# template, per PostgreSQL version and user (WITH_POSTGRES_NO_TEMPLATE=1 to always initdb).
PGVERSION="$("$BINDIR/postgres" -V | awk '{print $3}')"
# The template sits beside the clusters (same fast filesystem), in a directory only we own.
TEMPLATE=""
if [[ -z "${WITH_POSTGRES_NO_TEMPLATE:-}" ]]; then
  tdir="$BASE/guatu-pg-template-uid$EUID"
  mkdir -p -m 700 "$tdir" 2>/dev/null || true
  if [[ -d "$tdir" && -O "$tdir" && ! -L "$tdir" ]]; then
    TEMPLATE="$tdir/v1-$PGVERSION"
  fi
fi
USED_TEMPLATE=0
if [[ -n "$TEMPLATE" && -f "$TEMPLATE/PG_VERSION" ]] && cp -a "$TEMPLATE" "$PGDATA_DIR" 2>/dev/null; then
  USED_TEMPLATE=1
else
  rm -rf "$PGDATA_DIR"
  # The postgres user may not be able to enter the caller's working directory: run from PGTMP.
  if ! (cd "$PGTMP" && as_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 --locale=C \
    --no-sync --no-instructions >"$PGTMP/initdb.log" 2>&1); then
    echo "with-postgres.sh: initdb failed:" >&2
    cat "$PGTMP/initdb.log" >&2
    exit 4
  fi
  if [[ -n "$TEMPLATE" ]]; then
    # Best effort, atomic: copy aside, then rename into place (a concurrent run may win).
    if cp -a "$PGDATA_DIR" "$TEMPLATE.tmp.$$" 2>/dev/null; then
      mv -T "$TEMPLATE.tmp.$$" "$TEMPLATE" 2>/dev/null || true
    fi
    rm -rf "$TEMPLATE.tmp.$$"
  fi
fi

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -Htln "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

PORT=""
for attempt in 1 2 3 4 5 6 7 8; do
  candidate=$((20000 + RANDOM % 40000))
  port_in_use "$candidate" && continue
  if (cd "$PGTMP" && as_pg "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -w -t 30 -s \
    -o "-c listen_addresses=127.0.0.1 -p $candidate -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1); then
    PORT=$candidate
    STARTED=1
    break
  fi
  # Probably lost a race for the port: make sure nothing is left running, then retry.
  (cd "$PGTMP" && as_pg "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1) || true
done
if [[ -z "$PORT" ]]; then
  # A damaged template would fail every run: drop it so the next run rebuilds it.
  [[ $USED_TEMPLATE -eq 1 ]] && rm -rf "$TEMPLATE"
  echo "with-postgres.sh: PostgreSQL did not start; last log:" >&2
  tail -n 30 "$PGLOG" >&2 2>/dev/null || true
  exit 4
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export GUATU_TEST_PG_URL="$DATABASE_URL"
export PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=postgres PGDATABASE=postgres
[[ -n "${WITH_POSTGRES_QUIET:-}" ]] || echo "with-postgres.sh: PostgreSQL $PGVERSION at $DATABASE_URL" >&2

# Run CMD in the background and wait for it, so that a TERM/INT to this script is handled at once
# (forwarded to CMD, then the cluster is removed) instead of after CMD ends. Keep our stdin.
CHILD=""
forward() {
  [[ -n "$CHILD" ]] && kill -"$1" "$CHILD" 2>/dev/null
  wait "$CHILD" 2>/dev/null
  exit "$2"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
trap 'forward HUP 129' HUP
set +e
"$@" <&0 &
CHILD=$!
wait "$CHILD"
rc=$?
set -e
exit "$rc"
