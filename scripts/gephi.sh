#!/usr/bin/env bash
# The Gephi Toolkit 0.10.1 (Maven Central, org.gephi:gephi-toolkit:0.10.1, classifier "all":
# one jar with Gephi's importers and its NetBeans platform), run headless to check that Gephi
# opens rcx's GEXF and GraphML as rcx wrote them.
#
# Usage: bash scripts/gephi.sh fetch            # once: resolve the jar (~/.m2), compile the check
#        bash scripts/gephi.sh run FILE [ID...]  # import FILE in Gephi, print what it holds (JSON)
#        bash scripts/gephi.sh path              # print the jar's path (after fetch)
# Needs Java 17 and Maven 3 (fetch only). Files go to .gephi/ (override: RCX_GEPHI_HOME).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.10.1
HOME_DIR=${RCX_GEPHI_HOME:-$PWD/.gephi}
JAR=$HOME_DIR/lib/gephi-toolkit-$VERSION-all.jar
SRC=$PWD/tests/gephi/GephiImport.java
CLASSES=$HOME_DIR/classes
TIMEOUT=${RCX_GEPHI_TIMEOUT:-300}

die() { echo "gephi: $*" >&2; exit 1; }

fetch() {
  command -v java >/dev/null || die "java (17 or later) not found on PATH"
  command -v javac >/dev/null || die "javac (a JDK 17 or later) not found on PATH"
  if [ ! -s "$JAR" ]; then
    command -v mvn >/dev/null || die "mvn (Maven 3) not found on PATH; needed once to fetch the Gephi Toolkit"
    mkdir -p "$HOME_DIR/lib"
    local log=$HOME_DIR/fetch.log
    echo "gephi: fetching org.gephi:gephi-toolkit:$VERSION:jar:all (about 80 MB, cached in ~/.m2)" >&2
    if ! mvn -B -q dependency:copy -Dartifact="org.gephi:gephi-toolkit:$VERSION:jar:all" \
          -Dmdep.overWriteReleases=true -DoutputDirectory="$HOME_DIR/lib.tmp" >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      die "mvn dependency:copy failed for the Gephi Toolkit $VERSION (full log: $log)"
    fi
    mv "$HOME_DIR/lib.tmp/gephi-toolkit-$VERSION-all.jar" "$JAR"
    rm -rf "$HOME_DIR/lib.tmp"
  fi
  if [ ! -f "$CLASSES/GephiImport.class" ] || [ "$SRC" -nt "$CLASSES/GephiImport.class" ]; then
    rm -rf "$CLASSES.tmp" && mkdir -p "$CLASSES.tmp"
    javac -nowarn -cp "$JAR" -d "$CLASSES.tmp" "$SRC" || die "javac failed on $SRC"
    rm -rf "$CLASSES" && mv "$CLASSES.tmp" "$CLASSES"
  fi
}

run() {
  [ $# -ge 1 ] || die "usage: gephi.sh run FILE [NODE_ID...]"
  [ -s "$JAR" ] && [ -f "$CLASSES/GephiImport.class" ] || die "not fetched: run 'bash scripts/gephi.sh fetch' first"
  [ -f "$1" ] || die "no such file: $1"
  # Gephi's own log lines go to stderr; stdout is the one JSON line.
  timeout "$TIMEOUT" java -Djava.awt.headless=true -Xmx1g -cp "$JAR:$CLASSES" GephiImport "$@"
}

case "${1:-}" in
  fetch) fetch ;;
  run) shift; run "$@" ;;
  path) [ -s "$JAR" ] || die "not fetched: run 'bash scripts/gephi.sh fetch' first"; echo "$JAR" ;;
  *) die "usage: gephi.sh fetch | run FILE [NODE_ID...] | path" ;;
esac
