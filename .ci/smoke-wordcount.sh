#!/usr/bin/env bash
# Runs bin/mr local wordcount over examples/data/text and compares the counts with
# tr -s '[:space:]' '\n' | LC_ALL=C sort | uniq -c. Also checks the exit codes of bad input.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

code=0
JAVA_OPTS=-Xmx256m bin/mr local --reducers 3 wordcount examples/data/text "$work/counts" 2> "$work/run-err.txt" || code=$?
cat "$work/run-err.txt" >&2
[[ $code -eq 0 ]] || exit "$code"
test -f "$work/counts/_SUCCESS"
# A user's run prints progress, not the logging library's start-up warnings (SLF4J's replay notice
# appeared on every run when two threads logged while it was still being set up).
if grep -q 'SLF4J' "$work/run-err.txt"; then
  echo "smoke: the run printed SLF4J warnings" >&2
  exit 1
fi
cat "$work/counts"/part-r-* | LC_ALL=C sort > "$work/quern.txt"
cat examples/data/text/* | tr -s '[:space:]' '\n' | { grep -v '^$' || true; } | LC_ALL=C sort | uniq -c \
  | awk '{print $2 "\t" $1}' | LC_ALL=C sort > "$work/unix.txt"
if ! cmp -s "$work/quern.txt" "$work/unix.txt"; then
  echo "smoke: WordCount output differs from the Unix pipeline" >&2
  diff "$work/quern.txt" "$work/unix.txt" | head -20 >&2
  exit 1
fi
echo "smoke: wordcount equals tr | sort | uniq -c ($(wc -l < "$work/unix.txt") words)"

set +e
bin/mr local wordcount "$work/no-such-input" "$work/out2" 2> "$work/err.txt"; code=$?
set -e
if [[ $code -ne 2 ]] || ! grep -q "no-such-input" "$work/err.txt"; then
  echo "smoke: a missing input should exit 2 naming the path (exit $code)" >&2
  exit 1
fi
echo "smoke: missing input -> exit 2"
