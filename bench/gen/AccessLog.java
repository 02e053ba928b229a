import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic web server access log in nginx's {@code combined} format: the input of the
 * top-URLs benchmark.
 *
 * <pre>bench/gen.sh AccessLog --bytes 1g [--seed 42] --out FILE</pre>
 *
 * <p>One request per line, ASCII only, ending with {@code \n}:
 *
 * <pre>
 * IP - - [dd/Mon/yyyy:HH:mm:ss +0000] "METHOD URL PROTO" STATUS BYTES "REFERRER" "UA"
 * 203.0.113.9 - - [01/Jan/2025:00:00:00 +0000] "GET /blog/2019/04/cache-sync-41 HTTP/1.1" 200 17349 "-" "curl/8.5.0"
 * </pre>
 *
 * <p>No field before the user agent contains a blank, so {@code awk '{print $7}'} prints the URL
 * ({@code $1} IP, {@code $4 $5} time, {@code $6} {@code "METHOD}, {@code $9} status, {@code $10} bytes).
 *
 * <ul>
 *   <li><b>URLs</b>: 50,000 distinct paths (static assets, pages, blog posts, products, API calls,
 *       searches with a query string), shuffled, with 8 site-wide ones ({@code /},
 *       {@code /favicon.ico}, {@code /js/app.js} ...) pinned at the top ranks; popularity
 *       Zipf(s = 1.0) by rank, so {@code /} gets about 9 % of the requests and the top 10 about 26 %.
 *   <li><b>Clients</b>: 100,000 IPv4 addresses, Zipf(0.9). <b>User agents</b>: 12, Zipf(1.2).
 *   <li><b>Method</b>: GET 90 %, POST 7 %, HEAD 2 %, OPTIONS 1 %. <b>Protocol</b>: HTTP/1.1 80 %,
 *       HTTP/2.0 20 %.
 *   <li><b>Status</b>: 200 78 %, 304 9 %, 404 5 %, 301 2.5 %, 302 1.5 %, 206 1 %, 403 1 %, 500 1.5 %,
 *       503 0.5 %. <b>Bytes</b>: the URL's size (+-1 %) for 200, a prefix for 206, 0 for 304, a fixed
 *       error page size otherwise.
 *   <li><b>Referrer</b>: {@code "-"} 45 %, a page of the same site (Zipf) 35 %, a search engine or
 *       social site 20 %.
 *   <li><b>Time</b>: from 2025-01-01T00:00:00Z, each request 0-19 ms after the previous one (~100
 *       requests/s), always UTC ({@code +0000}).
 *   <li><b>Size</b>: lines are written while they fit: at most {@code --bytes} bytes, shorter by less
 *       than one line.
 * </ul>
 *
 * <p>One {@code SplittableRandom(seed)} drives everything: same arguments, same bytes; a smaller size
 * with the same seed gives a prefix. Written to {@code FILE.part}, renamed at the end; stdout gets
 * {@code SHA-256  FILE}, stderr the counts.
 */
public final class AccessLog {
    private static final String USAGE = "usage: bench/gen.sh AccessLog --bytes SIZE[k|m|g] [--seed N] --out FILE";
    private static final int URLS = 50_000;
    private static final int CLIENTS = 100_000;
    private static final String SITE = "https://www.example.com";
    private static final String[] WORDS = {
        "account", "alerts", "archive", "billing", "blue", "board", "cache", "camera", "cart", "chair",
        "cloud", "coffee", "config", "delta", "desk", "docs", "events", "export", "garden", "green",
        "guide", "help", "kernel", "lamp", "linux", "login", "maps", "metrics", "music", "news",
        "notes", "orders", "paper", "photos", "plans", "pricing", "profile", "queue", "radio", "recipes",
        "report", "river", "rust", "search", "sensor", "shoes", "spring", "status", "storage", "sync",
        "tables", "tags", "team", "travel", "users", "video", "wallet", "weather", "winter", "yellow",
    };
    private static final String[] PINNED = {
        "/", "/favicon.ico", "/js/app.js", "/css/site.css", "/img/logo.svg", "/index.html", "/robots.txt", "/about",
    };
    private static final int[] PINNED_SIZES = {18_234, 1_150, 48_211, 3_377, 2_291, 18_234, 67, 7_744};
    private static final String[] REFERRERS = {
        "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://news.ycombinator.com/",
        "https://www.reddit.com/", "https://t.co/", "https://search.yahoo.com/", "https://lobste.rs/",
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Go-http-client/2.0",
    };
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    };

    private AccessLog() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = GenSupport.options(args, Set.of("--bytes", "--seed", "--out"), AccessLog::usage);
        long limit = GenSupport.size(opts.get("--bytes"), AccessLog::usage);
        long seed = Long.parseLong(opts.getOrDefault("--seed", "42"));
        Path out = Path.of(opts.get("--out"));

        SplittableRandom rnd = new SplittableRandom(seed);
        String[] urlText = urls(rnd);
        byte[][] urls = ascii(urlText);
        int[] urlSize = new int[URLS];
        for (int u = 0; u < URLS; u++) {
            urlSize[u] = 200 + rnd.nextInt(urlText[u].startsWith("/img/") ? 400_000 : 60_000);
        }
        System.arraycopy(PINNED_SIZES, 0, urlSize, 0, PINNED_SIZES.length);
        byte[][] selfRefs = new byte[URLS][];
        for (int u = 0; u < URLS; u++) {
            selfRefs[u] = ascii(SITE + urlText[u]);
        }
        String[] ipText = new String[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            ipText[c] = (1 + rnd.nextInt(223)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        }
        byte[][] ips = ascii(ipText);
        byte[][] agents = ascii(AGENTS);
        byte[][] referrers = ascii(REFERRERS);
        GenSupport.Zipf urlZipf = new GenSupport.Zipf(URLS, 1.0);
        GenSupport.Zipf ipZipf = new GenSupport.Zipf(CLIENTS, 0.9);
        GenSupport.Zipf agentZipf = new GenSupport.Zipf(AGENTS.length, 1.2);

        Line line = new Line();
        long millis = LocalDateTime.of(2025, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
        long second = Long.MIN_VALUE;
        byte[] time = null;
        long lines = 0;
        try (GenSupport.Sink sink = new GenSupport.Sink(out, limit)) {
            while (true) {
                millis += rnd.nextInt(20);
                if (millis / 1000 != second) {
                    second = millis / 1000;
                    time = timestamp(second);
                }
                int u = urlZipf.sample(rnd);
                int m = rnd.nextInt(100);
                int status = status(rnd.nextInt(1000));
                line.reset();
                line.put(ips[ipZipf.sample(rnd)]).put(" - - [").put(time).put("] \"")
                        .put(m < 90 ? "GET" : m < 97 ? "POST" : m < 99 ? "HEAD" : "OPTIONS").put(' ')
                        .put(urls[u]).put(rnd.nextInt(10) < 8 ? " HTTP/1.1\" " : " HTTP/2.0\" ")
                        .put(status).put(' ').put(bytes(status, urlSize[u], rnd)).put(" \"");
                int r = rnd.nextInt(100);
                if (r < 45) {
                    line.put('-');
                } else if (r < 80) {
                    line.put(selfRefs[urlZipf.sample(rnd)]);
                } else {
                    line.put(referrers[rnd.nextInt(referrers.length)]);
                }
                line.put("\" \"").put(agents[agentZipf.sample(rnd)]).put("\"\n");
                if (!sink.fits(line.len)) {
                    break;
                }
                sink.write(line.buf, line.len);
                lines++;
            }
            String sha = sink.finish();
            System.out.println(sha + "  " + out);
            System.err.printf("AccessLog: %,d bytes, %,d lines, seed %d%n", sink.written(), lines, seed);
        }
    }

    /** 50,000 distinct paths, shuffled, with {@link #PINNED} at ranks 0..7. */
    private static String[] urls(SplittableRandom rnd) {
        String[] urls = new String[URLS];
        for (int i = 0; i < URLS; i++) {
            String a = WORDS[rnd.nextInt(WORDS.length)];
            String b = WORDS[rnd.nextInt(WORDS.length)];
            int kind = rnd.nextInt(20);
            // the number i keeps every path distinct
            urls[i] = switch (kind) {
                case 0, 1 -> "/css/" + a + "-" + i + ".css";
                case 2, 3 -> "/js/" + a + "." + b + "-" + i + ".js";
                case 4, 5, 6, 7 -> "/img/" + a + "/" + b + "-" + i + (kind < 6 ? ".jpg" : ".png");
                case 8, 9, 10, 11, 12 -> "/blog/" + (2015 + rnd.nextInt(11)) + "/" + two(1 + rnd.nextInt(12)) + "/" + a + "-" + b + "-" + i;
                case 13, 14 -> "/products/" + a + "/" + (100_000 + i);
                case 15, 16 -> "/api/v2/" + a + "/" + i + (rnd.nextBoolean() ? "" : "?fields=" + b);
                case 17 -> "/search?q=" + a + "+" + b + "&page=" + (1 + rnd.nextInt(9)) + "&r=" + i;
                default -> "/" + a + "/" + b + "-" + i;
            };
        }
        for (int i = URLS - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = urls[i];
            urls[i] = urls[j];
            urls[j] = t;
        }
        System.arraycopy(PINNED, 0, urls, 0, PINNED.length);
        return urls;
    }

    /** Per mille: 200 780, 304 90, 404 50, 301 25, 302 15, 206 10, 403 10, 500 15, 503 5. */
    private static int status(int r) {
        int[] upTo = {780, 870, 920, 945, 960, 970, 980, 995, 1000};
        int[] code = {200, 304, 404, 301, 302, 206, 403, 500, 503};
        int k = 0;
        while (r >= upTo[k]) {
            k++;
        }
        return code[k];
    }

    private static int bytes(int status, int size, SplittableRandom rnd) {
        return switch (status) {
            case 200 -> size + rnd.nextInt(size / 50 + 1) - size / 100;
            case 206 -> 1 + rnd.nextInt(size);
            case 304 -> 0;
            case 404 -> 153;
            case 301, 302 -> 169;
            default -> 497;
        };
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss +0000} */
    private static byte[] timestamp(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return ascii(two(t.getDayOfMonth()) + "/" + MONTHS[t.getMonthValue() - 1] + "/" + t.getYear() + ":"
                + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " +0000");
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] ascii(String[] s) {
        byte[][] b = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            b[i] = ascii(s[i]);
        }
        return b;
    }

    /** One log line being built, as bytes. */
    private static final class Line {
        final byte[] buf = new byte[4096];
        int len;

        void reset() {
            len = 0;
        }

        Line put(byte[] b) {
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Line put(String s) {
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        Line put(char c) {
            buf[len++] = (byte) c;
            return this;
        }

        Line put(int n) {
            if (n == 0) {
                return put('0');
            }
            int end = len + (int) StrictMath.log10(n) + 1;
            for (int i = end - 1; n > 0; i--, n /= 10) {
                buf[i] = (byte) ('0' + n % 10);
            }
            len = end;
            return this;
        }
    }

    private static void usage(String problem) {
        System.err.println("AccessLog: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
