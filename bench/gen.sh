#!/usr/bin/env bash
# bench/gen.sh GENERATOR ARGS...: compiles the data generators in bench/gen (once, again when a
# source changes) and runs one: ZipfText, TeraGen or AccessLog. They share GenSupport.java, which the
# JDK's single-file source launcher could not do.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLASSES="${QUERN_BENCH_CLASSES:-${TMPDIR:-/tmp}/quern-bench-gen-classes}"
if [[ $# -lt 1 ]]; then
  echo "usage: bench/gen.sh ZipfText|TeraGen|AccessLog ARGS..." >&2
  exit 2
fi
if [[ ! -f "$CLASSES/GenSupport.class" || -n "$(find "$HERE/gen" -name '*.java' -newer "$CLASSES/GenSupport.class" -print -quit)" ]]; then
  mkdir -p "$CLASSES"
  javac -d "$CLASSES" "$HERE"/gen/*.java
fi
exec java -cp "$CLASSES" "$@"
