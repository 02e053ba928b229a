#!/usr/bin/env bash
# bench/run.sh: times Quern's WordCount on the embedded cluster and, in the same run on the same file,
# the Unix yardstick `tr -s '[:space:]' '\n' | LC_ALL=C sort | uniq -c` (with --with-logs also topurls
# against `awk '{print $7}' | sort | uniq -c | sort | head`; with --with-hadoop also Hadoop's WordCount
# in local mode); checks each engine's output once per workload; prints median/min/max wall, MiB/s and
# peak RSS. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--size 256m] [--runs 3] [--executors 2] [--slots 1] [--reducers 2] [--seed 42]
                    [--data-dir /tmp/quern-bench] [--results DATA_DIR/results] [--with-tera] [--with-logs]
                    [--text FILE] [--with-hadoop PEERS_DIR]
  --size       input size, k/m/g = KiB/MiB/GiB (the text; also the TeraGen and log inputs)
  --text       WordCount's input: this file instead of the generated Zipf text (e.g. the peers'
               Brown-corpus words-256m.txt, the file ../shared/bench measured Hadoop on)
  --runs       timed runs of each measurement
  --executors, --slots, --reducers   passed to `bin/mr local`
  --with-tera  also generate the total-order sort input (TeraGen, size/100 rows)
  --with-logs  also generate an access log and time topurls on it (top 5) beside its Unix pipeline
  --with-hadoop  after each Quern WordCount run, Hadoop 3's WordCount example in local mode on the same
               file (2 map slots, the same reducers, -Xmx$HADOOP_XMX), from the peers harness in
               PEERS_DIR (../shared/bench/peers; its env.sh builds it); its output is checked too, and
               the report prints Hadoop's time over Quern's for each pair of runs
Environment: JAVA_OPTS (passed to Quern's JVM), QUIET_PCT=15, QUIET_MAX_S=120, LIMIT_S=900, HADOOP_XMX=4g.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE=256m RUNS=3 EXECUTORS=2 SLOTS=1 REDUCERS=2 SEED=42 DATA_DIR=/tmp/quern-bench RESULTS="" TERA=0 LOGS=0
TEXT_ARG="" PEERS=""
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
    --text) TEXT_ARG="$2"; shift 2 ;;
    --with-hadoop) PEERS="$2"; shift 2 ;;
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
[[ -z "$TEXT_ARG" || -f "$TEXT_ARG" ]] || { echo "run.sh: --text $TEXT_ARG: no such file" >&2; exit 2; }
[[ -z "$PEERS" || -f "$PEERS/env.sh" ]] || { echo "run.sh: --with-hadoop $PEERS: no env.sh there (expected the peers harness, ../shared/bench/peers)" >&2; exit 2; }
: "${HADOOP_XMX:=4g}"
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

if [[ -n "$TEXT_ARG" ]]; then
  TEXT="$(cd "$(dirname "$TEXT_ARG")" && pwd)/$(basename "$TEXT_ARG")"
else
  TEXT="$DATA_DIR/words-$SIZE-s$SEED.txt"
  gen "$TEXT" ZipfText --bytes "$SIZE"
fi
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

# Untimed: build the peers harness and take its classpath and Hadoop options (in a subshell: its env.sh
# defines functions and variables of the same names as ours). Hadoop's temporary files go under DATA_DIR.
HADOOP_CMD=""
if [[ -n "$PEERS" ]]; then
  PEERS="$(cd "$PEERS" && pwd)"
  peer_env() { DATA_DIR="$DATA_DIR/hadoop" RESULTS_DIR="$RESULTS/hadoop" bash -c "source $(printf '%q' "$PEERS/env.sh") >/dev/null && $1"; }
  HADOOP_CP="$(peer_env 'build && printf %s "$CP"')" || { echo "run.sh: the peers harness in $PEERS did not build" >&2; exit 1; }
  HADOOP_CMD="java -Xmx$HADOOP_XMX -cp $(printf '%q' "$HADOOP_CP") org.apache.hadoop.examples.ExampleDriver wordcount $(peer_env 'hadoop_conf par2') -D mapreduce.job.reduces=$REDUCERS"
fi

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

# check_wordcount OUT: the output (Quern's or Hadoop's), sorted, must equal the Unix count of the same file, byte for byte.
# Expected files are cached next to the data and rebuilt when the data is newer.
check_wordcount() {
  local out="$1" expected="$TEXT.expected" got="$RESULTS/$INVOCATION.$WORKLOAD.got"
  # A --text file may live elsewhere: its expected counts are cached here, named by its path.
  [[ -z "$TEXT_ARG" ]] || expected="$DATA_DIR/$(basename "$TEXT").$(printf %s "$TEXT" | cksum | cut -d' ' -f1).expected"
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

# workload NAME INPUT "JOB ARGS before OUT" "ARGS after OUT" YARDSTICK_NAME YARDSTICK_CMD [PEER_NAME "PEER_CMD before IN OUT"]:
# RUNS times, Quern (`bin/mr local ... JOB ARGS OUT ARGS`, a new OUT each time, and its OUT.steps for a
# chain), then the yardstick, then the peer engine if any (`PEER_CMD INPUT OUT`); check_NAME OUT after
# the first run of Quern and of the peer.
workload() {
  local name="$1" input="$2" before="$3" after="$4" yname="$5" ycmd="$6" pname="${7:-}" pcmd="${8:-}" run out qname
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
    [[ -n "$pname" ]] || continue
    out="$OUT_BASE/$INVOCATION.$pname.$run"
    WORKLOAD="$pname"
    [[ $run == 1 ]] && { WORKLOADS+=("$pname"); CHECKS[$pname]="not run"; }
    if measure "$pname" "$run" "$pcmd $(q "$input") $(q "$out")"; then
      [[ $run == 1 ]] && "check_$name" "$out"
    elif [[ $run == 1 ]]; then
      CHECKS[$pname]="MISMATCH: $pname failed on run 1, see $RESULTS/logs/$INVOCATION.$pname.1.log"
    fi
    rm -rf "$out"
    WORKLOAD="$name"
  done
}

echo "bench: $(date -u +%FT%TZ), quern $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo '+dirty'), $(nproc) CPUs, JAVA_OPTS='${JAVA_OPTS:-}'"
[[ -z "$PEERS" ]] || echo "hadoop: the peers harness in $PEERS, -Xmx$HADOOP_XMX, 2 local map slots, $REDUCERS reducers"
echo "results in $TSV"
workload wordcount "$TEXT" "wordcount $(q "$TEXT")" "" \
    unix-tr-sort-uniq "tr -s '[:space:]' '\n' < $(q "$TEXT") | LC_ALL=C sort | uniq -c > /dev/null" \
    ${HADOOP_CMD:+hadoop-wordcount-par2 "$HADOOP_CMD"}
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
awk -F'\t' -v inv="$INVOCATION" -f "$ROOT/bench/report.awk" "$TSV"
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
