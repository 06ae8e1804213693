#!/usr/bin/env bash
# Run a command against a throw-away Neo4j server:
#   scripts/with-neo4j.sh CMD [ARGS...]
# Fetches the jars if needed, starts a fresh server (scripts/neo4j-server.sh start), exports
# NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE (and NEO4J_HTTP_URL), runs CMD,
# always stops the server (EXIT/INT/TERM traps, also when CMD fails) and exits with CMD's status.
# If NEO4J_URI is already set, nothing is started: CMD just runs against that server.
# Ports, heap, password etc.: see the environment variables in scripts/neo4j-server.sh.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [[ -n ${NEO4J_URI:-} ]]; then
  exec "$@"
fi

SERVER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/neo4j-server.sh"

"$SERVER" fetch
if pid=$("$SERVER" pid); then
  echo "with-neo4j: a server of this instance is already running (pid $pid); stop it first:" \
       "$SERVER stop   (or set NEO4J_URI to use it, or RCX_NEO4J_BOLT_PORT for another one)" >&2
  exit 1
fi

started=0
child=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((started)); then
    "$SERVER" stop || true
  fi
  exit "$rc"
}
on_signal() {   # $1 = signal, $2 = exit status
  if ((child)); then
    # INT normally comes from the terminal and already reached CMD (same process group);
    # TERM may have been sent to this script alone: pass it on. Then let CMD finish its cleanup.
    if [[ $1 == TERM ]]; then kill -TERM "$child" 2>/dev/null || true; fi
    wait "$child" 2>/dev/null || true
  fi
  exit "$2"
}
trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM

started=1   # neo4j-server.sh start cleans up after itself when it fails or is interrupted
out=$("$SERVER" start)
while IFS= read -r line; do
  case $line in
    NEO4J_*=*) export "${line?}" ;;
  esac
done <<<"$out"

# CMD runs as a background job (so that a TERM to this script is handled at once) but keeps
# stdin (<&0) and default SIGINT/SIGQUIT handling (bash would otherwise ignore them in an
# asynchronous command; `env --default-signal` needs GNU coreutils >= 8.31).
if env --default-signal=INT true 2>/dev/null; then
  env --default-signal=INT,QUIT -- "$@" <&0 &
else
  "$@" <&0 &
fi
child=$!
rc=0
wait "$child" || rc=$?
child=0
exit "$rc"
