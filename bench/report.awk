# bench/report.awk: bench/run.sh's report, from its results.tsv (-F'\t' -v inv=INVOCATION): one line per
# measurement of this invocation (median/min/max wall, MiB/s, peak RSS, CPU, Quern's start and job
# times), then, when Hadoop ran beside Quern (--with-hadoop), Hadoop's wall time over Quern's for
# each pair of runs (run i of each: the same file, minutes apart) and the median of those ratios.
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
  for (o = 1; o <= names; o++) {
    q = order[o]
    if (q !~ /^quern-wordcount\./ || !("hadoop-wordcount-par2" in n)) continue
    pairs = n[q] < n["hadoop-wordcount-par2"] ? n[q] : n["hadoop-wordcount-par2"]
    line = ""; r = 0
    for (i = 1; i <= pairs; i++) {
      if (wall[q, i] <= 0) continue
      ratio[++r] = wall["hadoop-wordcount-par2", i] / wall[q, i]
      line = line sprintf(" %.2f/%.2f=%.2fx", wall["hadoop-wordcount-par2", i], wall[q, i], ratio[r])
    }
    if (r > 0) printf "\nhadoop/quern wall, run by run (hadoop s/quern s):%s\nhadoop/quern median: %.2fx over %d pairs\n", line, median(ratio, r), r
  }
}
