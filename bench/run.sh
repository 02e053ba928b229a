#!/usr/bin/env bash
# bench/run.sh: times Quern's WordCount on the embedded cluster and, in the same run on the same file,
# the Unix yardstick `tr -s '[:space:]' '\n' | LC_ALL=C sort | uniq -c` (with --with-logs also topurls
# against `awk '{print $7}' | sort | uniq -c | sort | head`); checks Quern's output once per workload;
# prints median/min/max wall, MiB/s and peak RSS. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--size 256m] [--runs 3] [--executors 2] [--slots 1] [--reducers 2] [--seed 42]
                    [--data-dir /tmp/quern-bench] [--results DATA_DIR/results] [--with-tera] [--with-logs]
  --size       input size, k/m/g = KiB/MiB/GiB (the text; also the TeraGen and log inputs)
  --runs       timed runs of each measurement
  --executors, --slots, --reducers   passed to `bin/mr local`
  --with-tera  also generate the total-order sort input (TeraGen, size/100 rows)
  --with-logs  also generate an access log and time topurls on it (top 5) beside its Unix pipeline
Environment: JAVA_OPTS (passed to Quern's JVM), QUIET_PCT=15, QUIET_MAX_S=120, LIMIT_S=900.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE=256m RUNS=3 EXECUTORS=2 SLOTS=1 REDUCERS=2 SEED=42 DATA_DIR=/tmp/quern-bench RESULTS="" TERA=0 LOGS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --executors) EXECUTORS="$2"; shift 2 ;;
    --slots) SLOTS="$2"; shift 2 ;;
    --reducers) REDUCERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    --with-tera) TERA=1; shift ;;
    --with-logs) LOGS=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
: "${QUIET_PCT:=15}" "${QUIET_MAX_S:=120}" "${LIMIT_S:=900}"
[[ "$SIZE" =~ ^[0-9]+[kKmMgG]?$ ]] || { echo "run.sh: --size $SIZE: expected a number with k, m or g" >&2; exit 2; }
for v in "--runs $RUNS" "--executors $EXECUTORS" "--slots $SLOTS" "--reducers $REDUCERS"; do
  [[ "${v#* }" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $v: expected a positive number" >&2; exit 2; }
done
[[ "$SEED" =~ ^-?[0-9]+$ ]] || { echo "run.sh: --seed $SEED: expected an integer" >&2; exit 2; }
RESULTS="${RESULTS:-$DATA_DIR/results}"
export LC_ALL=C
mkdir -p "$DATA_DIR" "$RESULTS/logs"
DATA_DIR="$(cd "$DATA_DIR" && pwd)" RESULTS="$(cd "$RESULTS" && pwd)"

# One benchmark at a time: the figures mean nothing when two runs share the CPUs.
exec 9>"$DATA_DIR/.lock"
flock -n 9 || { echo "run.sh: another bench/run.sh holds $DATA_DIR/.lock" >&2; exit 2; }

bytes_of() {  # 256m -> 268435456
  local n="${1%[kKmMgG]}" s=0
  case "$1" in *[kK]) s=10 ;; *[mM]) s=20 ;; *[gG]) s=30 ;; esac
  echo $((n << s))
}

# gen FILE GENERATOR ARGS...: runs bench/gen.sh GENERATOR unless FILE exists (generators write FILE.part,
# then rename, so FILE exists only when complete); records its SHA-256 in DATA_DIR/SHA256SUMS.
gen() {
  local file="$1" generator="$2"; shift 2
  [[ -f "$file" ]] && return 0
  echo "generating $file ..." >&2
  "$ROOT/bench/gen.sh" "$generator" "$@" --seed "$SEED" --out "$file" >> "$DATA_DIR/SHA256SUMS"
}

TEXT="$DATA_DIR/words-$SIZE-s$SEED.txt"
gen "$TEXT" ZipfText --bytes "$SIZE"
if [[ $TERA == 1 ]]; then
  TERA_FILE="$DATA_DIR/tera-$SIZE-s$SEED.bin"
  gen "$TERA_FILE" TeraGen --rows $(( $(bytes_of "$SIZE") / 100 ))
fi
if [[ $LOGS == 1 ]]; then
  LOG_FILE="$DATA_DIR/access-$SIZE-s$SEED.log"
  gen "$LOG_FILE" AccessLog --bytes "$SIZE"
fi
BYTES=0  # of the input being measured; set by workload

# Untimed: build the jar if stale (bin/mr does it before anything else).
"$ROOT/bin/mr" local --help > /dev/null

# ---- timing (the same method as ../shared/bench/peers/env.sh, written small) ----

busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }  # all CPUs, since boot

# Waits until the CPUs were < QUIET_PCT % busy over 2 s, at most QUIET_MAX_S; prints the seconds waited.
wait_quiet() {
  local t0=$SECONDS a b hz n
  hz=$(getconf CLK_TCK) n=$(nproc)
  while :; do
    a=$(busy_jiffies); sleep 2; b=$(busy_jiffies)
    (( (b - a) * 100 < QUIET_PCT * 2 * hz * n )) && break
    (( SECONDS - t0 >= QUIET_MAX_S )) && break
  done
  echo $((SECONDS - t0))
}

INVOCATION="$(date -u +%Y%m%dT%H%M%SZ)-$$"
TSV="$RESULTS/results.tsv"
[[ -f "$TSV" ]] || printf 'invocation\tname\trun\tinput_bytes\twall_s\tmaxrss_kib\tuser_s\tsys_s\texit\tstart_s\tjob_s\twaited_s\tforeign_cpu_s\tdate\n' > "$TSV"

# measure NAME RUN CMD: one run of CMD under /usr/bin/time -v and timeout, after a sync and a quiet wait;
# appends a row to results.tsv, keeps stdout+stderr+time's report in RESULTS/logs; returns CMD's exit code.
# foreign_cpu_s = busy CPU seconds of the whole machine during the run minus the run's own user+sys.
measure() {
  local name="$1" run="$2" cmd="$3" log tf waited j0 j1 rc=0 wall rss usr sys first total start job foreign
  log="$RESULTS/logs/$INVOCATION.$name.$run.log" tf="$(mktemp)"
  sync
  waited=$(wait_quiet)
  echo "== $name run $run (waited ${waited}s for quiet): $cmd" > "$log"
  j0=$(busy_jiffies)
  /usr/bin/time -v -o "$tf" timeout -k 10 "$LIMIT_S" bash -c "set -o pipefail; $cmd" >> "$log" 2>&1 || rc=$?
  j1=$(busy_jiffies)
  cat "$tf" >> "$log"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$tf")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tf")
  usr=$(awk -F': ' '/User time \(seconds\)/{print $2}' "$tf")
  sys=$(awk -F': ' '/System time \(seconds\)/{print $2}' "$tf")
  rm -f "$tf"
  # Quern's reporter: "[  1.2s] job-...: map 0/1 ..." lines, then "job ... SUCCEEDED in 8.1 s" (a chain: a
  # line per step, then "workflow ... SUCCEEDED in 9.0 s"), timed from before the embedded cluster starts;
  # start = the first status line, job = from there to the last SUCCEEDED line.
  first=$(sed -n 's/^\[ *\([0-9.]*\)s\] .*/\1/p' "$log" | head -1)
  total=$(sed -n 's/.* SUCCEEDED in \([0-9.]*\) s.*/\1/p' "$log" | tail -1)
  start=- job=-
  if [[ -n "$first" && -n "$total" ]]; then
    start="$first" job=$(awk -v a="$first" -v b="$total" 'BEGIN{printf "%.1f", b - a}')
  fi
  foreign=$(awk -v d=$((j1 - j0)) -v hz="$(getconf CLK_TCK)" -v u="$usr" -v s="$sys" \
      'BEGIN{f=d/hz-u-s; printf "%.1f", f<0?0:f}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$INVOCATION" "$name" "$run" "$BYTES" "$wall" "$rss" \
      "$usr" "$sys" "$rc" "$start" "$job" "$waited" "$foreign" "$(date -u +%FT%TZ)" >> "$TSV"
  printf '  %-26s run %s  wall %7ss  rss %8s KiB  exit %s  waited %ss  foreign cpu %ss\n' \
      "$name" "$run" "$wall" "$rss" "$rc" "$waited" "$foreign" >&2
  return "$rc"
}

# ---- the runs ----

OUT_BASE="$DATA_DIR/out"
mkdir -p "$OUT_BASE"
trap 'rm -rf "$OUT_BASE/$INVOCATION".*' EXIT
q() { printf '%q' "$1"; }
declare -A CHECKS=()   # workload -> "OK ..." or "MISMATCH ..."
WORKLOADS=()
TOP=5                  # topurls: the N of `head -n N`

# check_wordcount OUT: Quern's output, sorted, must equal the Unix count of the same file, byte for byte.
# Expected files are cached next to the data and rebuilt when the data is newer.
check_wordcount() {
  local out="$1" expected="$TEXT.expected" got="$RESULTS/$INVOCATION.wordcount.got"
  if [[ ! -f "$expected" || "$TEXT" -nt "$expected" ]]; then
    echo "computing the expected counts (untimed) ..." >&2
    tr -s '[:space:]' '\n' < "$TEXT" | grep -v '^$' | LC_ALL=C sort | uniq -c | awk '{print $2"\t"$1}' \
        | LC_ALL=C sort > "$expected.part"
    mv "$expected.part" "$expected"
  fi
  cat "$out"/part-r-* | LC_ALL=C sort > "$got"
  compare "$got" "$expected" "$(wc -l < "$expected") distinct words"
}

# check_topurls OUT: Quern's part-r-00000 must equal the pipeline's top N, its `uniq -c` columns joined by a tab.
check_topurls() {
  local out="$1" expected="$LOG_FILE.top$TOP.expected"
  if [[ ! -f "$expected" || "$LOG_FILE" -nt "$expected" ]]; then
    echo "computing the expected top $TOP URLs (untimed) ..." >&2
    # No pipefail here: head exits after N lines and the sort before it may die of SIGPIPE.
    (set +o pipefail; awk '{print $7}' "$LOG_FILE" | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2,2 \
        | head -n "$TOP" | awk '{print $1 "\t" $2}') > "$expected.part"
    [[ -s "$expected.part" || ! -s "$LOG_FILE" ]] || { echo "run.sh: the topurls pipeline printed nothing" >&2; exit 1; }
    mv "$expected.part" "$expected"
  fi
  compare "$out/part-r-00000" "$expected" "top $TOP of $(wc -l < "$LOG_FILE") requests"
}

# check_sort OUT: teravalidate (untimed) must find Quern's part files, in order, globally sorted, with the
# same record count and order-independent checksum as the input (the input's are cached).
check_sort() {
  local out="$1" expected="$TERA_FILE.validate" got="$RESULTS/$INVOCATION.sort.got"
  if [[ ! -f "$expected" || "$TERA_FILE" -nt "$expected" ]]; then
    echo "checksumming the sort input (untimed) ..." >&2
    rm -rf "$expected.d"
    "$ROOT/bin/mr" local teravalidate "$TERA_FILE" "$expected.d" > /dev/null
    grep -hE '^(records|checksum)' "$expected.d"/part-* > "$expected.part" && mv "$expected.part" "$expected"
    rm -rf "$expected.d"
  fi
  rm -rf "$got.d"
  "$ROOT/bin/mr" local teravalidate "$out" "$got.d" > /dev/null
  grep -hE '^(records|checksum)' "$got.d"/part-* > "$got"
  if ! grep -hqx $'unsorted\t0' "$got.d"/part-*; then
    CHECKS[$WORKLOAD]="MISMATCH: teravalidate found keys out of order in $out (report: $got.d)"
    return
  fi
  rm -rf "$got.d"
  compare "$got" "$expected" "$(awk '$1 == "records" {print $2}' "$expected") records, globally sorted, same checksum as the input"
}

# compare GOT EXPECTED WHAT: sets CHECKS[$WORKLOAD].
compare() {
  if cmp -s "$1" "$2"; then
    CHECKS[$WORKLOAD]="OK ($3)"
  else
    CHECKS[$WORKLOAD]="MISMATCH: $1 differs from $2: $(cmp "$1" "$2" 2>&1 | head -1 || true)"
  fi
}

# workload NAME INPUT "JOB ARGS before OUT" "ARGS after OUT" YARDSTICK_NAME YARDSTICK_CMD: RUNS times, Quern
# (`bin/mr local ... JOB ARGS OUT ARGS`, a new OUT each time, and its OUT.steps for a chain), then the
# yardstick; check_NAME OUT after Quern's first run.
workload() {
  local name="$1" input="$2" before="$3" after="$4" yname="$5" ycmd="$6" run out qname
  WORKLOAD="$name" BYTES=$(stat -c %s "$input") qname="quern-$name.e${EXECUTORS}s${SLOTS}r${REDUCERS}"
  WORKLOADS+=("$name")
  CHECKS[$name]="not run"
  echo "input: $input ($BYTES bytes), $RUNS runs"
  cat "$input" > /dev/null  # page cache warm-up, untimed (the inputs fit in RAM)
  for run in $(seq 1 "$RUNS"); do
    out="$OUT_BASE/$INVOCATION.$name.$run"
    if measure "$qname" "$run" "$(q "$ROOT/bin/mr") local --executors $EXECUTORS --slots $SLOTS --reducers $REDUCERS $before $(q "$out") $after"; then
      if [[ $run == 1 ]]; then
        "check_$name" "$out"
      fi
    elif [[ $run == 1 ]]; then
      CHECKS[$name]="MISMATCH: Quern failed on run 1, see $RESULTS/logs/$INVOCATION.$qname.1.log"
    fi
    rm -rf "$out" "$out.steps"
    measure "$yname" "$run" "$ycmd" || true
  done
}

echo "bench: $(date -u +%FT%TZ), quern $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo '+dirty'), $(nproc) CPUs, JAVA_OPTS='${JAVA_OPTS:-}'"
echo "results in $TSV"
workload wordcount "$TEXT" "wordcount $(q "$TEXT")" "" \
    unix-tr-sort-uniq "tr -s '[:space:]' '\n' < $(q "$TEXT") | LC_ALL=C sort | uniq -c > /dev/null"
if [[ $LOGS == 1 ]]; then
  # The yardstick runs without pipefail, as a shell runs it: head may end the last sort with SIGPIPE.
  workload topurls "$LOG_FILE" "topurls $(q "$LOG_FILE")" "--top $TOP" \
      unix-awk-sort-uniq-top "set +o pipefail; awk '{print \$7}' $(q "$LOG_FILE") | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2,2 | head -n $TOP > /dev/null"
fi
if [[ $TERA == 1 ]]; then
  # GNU sort cannot sort binary records as lines: the yardstick sorts them re-encoded as hex lines
  # (200 digits + \n each, the same order), made untimed: a related workload, not the same one.
  [[ -f "$TERA_FILE.hex" && ! "$TERA_FILE" -nt "$TERA_FILE.hex" ]] || xxd -p -c 100 "$TERA_FILE" > "$TERA_FILE.hex"
  workload sort "$TERA_FILE" "sort $(q "$TERA_FILE")" "" \
      unix-sort-hex-lines "LC_ALL=C sort -S 1G $(q "$TERA_FILE.hex") > /dev/null"
fi
# A new workload is one more `workload NAME INPUT ...` line and a check_NAME function.

# ---- the report ----

echo
awk -F'\t' -v inv="$INVOCATION" '
  function median(a, n,   i, j, t) {  # sorts a[1..n] in place
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  $1 == inv {
    if (!($2 in n)) order[++names] = $2
    k = ++n[$2]; wall[$2, k] = $5 + 0; cpu[$2, k] = $7 + $8
    if ($11 != "-") { k = ++nj[$2]; start[$2, k] = $10 + 0; job[$2, k] = $11 + 0 }
    if ($6 > rss[$2]) rss[$2] = $6 + 0
    if ($13 + 0 > foreign[$2]) foreign[$2] = $13 + 0
    if ($9 != 0) bad[$2] = bad[$2] " " $9
    bytes[$2] = $4
  }
  END {
    printf "%-26s %4s %9s %8s %8s %8s %8s %8s %7s %7s %9s  %s\n", "measurement", "runs", "median s", "min s", "max s",
        "MiB/s", "RSS MiB", "CPU s", "start s", "job s", "foreign s", "exit"
    for (o = 1; o <= names; o++) {
      m = order[o]; c = n[m]
      for (i = 1; i <= c; i++) { w[i] = wall[m, i]; u[i] = cpu[m, i] }
      for (i = 1; i <= nj[m]; i++) { jb[i] = job[m, i]; st[i] = start[m, i] }
      med = median(w, c); lo = w[1]; hi = w[c]
      js = nj[m] ? sprintf("%.1f", median(jb, nj[m])) : "-"
      ss = nj[m] ? sprintf("%.1f", median(st, nj[m])) : "-"
      printf "%-26s %4d %9.2f %8.2f %8.2f %8.1f %8.0f %8.1f %7s %7s %9.1f  %s\n", m, c, med, lo, hi,
          (med > 0 ? bytes[m] / 1048576 / med : 0), rss[m] / 1024, median(u, c), ss, js, foreign[m], ((m in bad) ? "FAILED:" bad[m] : "0")
    }
  }' "$TSV"
echo
for name in "${WORKLOADS[@]}"; do
  QLOG="$RESULTS/logs/$INVOCATION.quern-$name.e${EXECUTORS}s${SLOTS}r${REDUCERS}.1.log"
  [[ -f "$QLOG" ]] || continue
  sed -n 's/^\(job .*\|step .*\|workflow .*\)$/quern '"$name"' run 1: \1/p' "$QLOG"
  grep '^\[' "$QLOG" | tail -1 | sed 's/^\[ *[0-9.]*s\] [^:]*: /  last job tasks: /'
  grep -E '^  (map input records|map output records|reduce output records|shuffle bytes|topurls: .*) ' "$QLOG" || true
done
if [[ $TERA == 0 ]]; then
  echo "sort: not run; --with-tera generates its input and times it"
fi
if [[ $LOGS == 0 ]]; then
  echo "topurls: not run; --with-logs generates its input and times it"
fi
ok=1
for name in "${WORKLOADS[@]}"; do
  echo "check $name: ${CHECKS[$name]}"
  [[ "${CHECKS[$name]}" == OK* ]] || ok=0
done
[[ $ok == 1 ]]
