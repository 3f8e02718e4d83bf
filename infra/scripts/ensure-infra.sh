#!/usr/bin/env bash
# Makes sure the local infrastructure is present; idempotent. Used by `npm start`, `npm test`
# (its pretest step) and `.ci/run`.
#   postgres      PostgreSQL reachable on 127.0.0.1:5432 as user postgres (trust auth);
#                 starts an installed cluster, or installs Debian's postgresql when root.
#   nats-binary   the nats-server binary (tests start private servers from it).
#   chromium      Debian's chromium and CJK fonts (browser tests).
set -euo pipefail

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing $*; install it (on Debian: sudo apt-get install $*) and run again" >&2
    exit 1
  fi
  if [ "$apt_updated" = 0 ]; then
    echo "[infra] apt-get update" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  echo "[infra] apt-get install $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_accepts() { psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc 'select 1' >/dev/null 2>&1; }
port_open() { (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1; }

ensure_postgres() {
  command -v psql >/dev/null 2>&1 || [ -d /etc/postgresql ] || apt_install postgresql
  if pg_accepts; then ensure_pg_connections; return 0; fi
  local installed_now=0
  if ! ls -d /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; installed_now=1; fi
  local ver
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  if [ "$installed_now" = 1 ]; then
    # A cluster we just created: let local TCP connections of the postgres user in without a password.
    local hba="/etc/postgresql/$ver/main/pg_hba.conf"
    sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
  fi
  if ! port_open 5432; then
    echo "[infra] starting PostgreSQL $ver" >&2
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  else
    pg_ctlcluster --skip-systemctl-redirect "$ver" main reload || true
  fi
  for _ in $(seq 1 30); do pg_accepts && { ensure_pg_connections; return 0; }; sleep 1; done
  echo "error: PostgreSQL is not accepting connections as postgres@127.0.0.1:5432 (trust auth expected)" >&2
  exit 1
}

# Five services, two gateways and the test pools of two suites at once need more than the
# default 100 connections: raise the limit once (a restart), when we may manage the cluster.
PG_MIN_CONNECTIONS=300
ensure_pg_connections() {
  local now
  now=$(psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc 'show max_connections' 2>/dev/null || echo 0)
  [ "${now:-0}" -ge "$PG_MIN_CONNECTIONS" ] && return 0
  if [ "$(id -u)" != 0 ] || ! ls -d /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "warning: PostgreSQL allows $now connections; the full test suite wants $PG_MIN_CONNECTIONS (ALTER SYSTEM SET max_connections)" >&2
    return 0
  fi
  local ver
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  echo "[infra] PostgreSQL max_connections $now -> $PG_MIN_CONNECTIONS (restart)" >&2
  psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc "ALTER SYSTEM SET max_connections = $PG_MIN_CONNECTIONS" >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$ver" main restart || true
  for _ in $(seq 1 30); do pg_accepts && return 0; sleep 1; done
  echo "error: PostgreSQL did not come back after raising max_connections" >&2
  exit 1
}

ensure_nats_binary() {
  command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || apt_install nats-server
}

ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || apt_install chromium
  # Not `grep -q`: it exits at the first match, fc-list dies of SIGPIPE, and under pipefail the
  # fonts would look missing (and be reinstalled) on every run.
  if ! fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then apt_install fonts-noto-cjk; fi
}

for want in "$@"; do
  case "$want" in
    postgres) ensure_postgres ;;
    nats-binary) ensure_nats_binary ;;
    chromium) ensure_chromium ;;
    *) echo "unknown requirement: $want" >&2; exit 2 ;;
  esac
done
