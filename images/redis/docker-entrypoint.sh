#!/bin/sh
# Options or a config file alone mean "run redis-server with these". Without a password redis' protected
# mode refuses every client that is not on loopback, which in a pod is every client: turn it off (as the
# official image does) unless a config file is given.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ] && [ "${2%.conf}" = "${2:-}" ]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi
exec "$@"
