#!/bin/sh
# Runs haproxy in the foreground in master-worker mode, so SIGUSR1 stops it gracefully and
# SIGUSR2 reloads it; options alone mean "run haproxy with these".
set -e
if [ "${1#-}" != "$1" ]; then
  set -- haproxy "$@"
fi
if [ "$1" = haproxy ]; then
  shift
  set -- haproxy -W -db "$@"
fi
exec "$@"
