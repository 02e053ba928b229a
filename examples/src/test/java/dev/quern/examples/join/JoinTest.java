package dev.quern.examples.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.HashPartitioner;
import dev.quern.proto.JobStatus;
import dev.quern.testing.ClusterFixture;
import dev.quern.testing.Outputs;
import dev.quern.testing.Shell;
import dev.quern.workflow.WorkflowResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code join} and {@code pagedemographics} on the embedded cluster against {@code join(1)}: users
 * without profiles, profiles without events, ids that are prefixes of others, extra columns.
 */
class JoinTest extends ClusterFixture {

    /** A table's first two columns, sorted on the first as join(1) needs them. */
    private static final String SORTED = "<(cut -f1,2 %s | LC_ALL=C sort -t \"$T\" -k1,1)";
    private static Path events;
    private static Path users;

    @BeforeAll
    static void tables() throws Exception {
        Random random = new Random(2026);
        List<String> ids = new ArrayList<>(List.of("u1", "u10", "u100x", "ü"));
        for (int i = 0; i < 100; i++) {
            ids.add(String.format("u%03d", i));
        }
        StringBuilder profiles = new StringBuilder();
        for (String id : ids.subList(0, 90)) { // the last 14 ids have events but no profile
            profiles.append(id).append('\t').append(1940 + random.nextInt(70)).append('\t').append("name of ").append(id).append('\n');
        }
        profiles.append("nobody-1\t1999\n").append("nobody-2\t2000\textra\n"); // profiles without events
        users = write(dir.resolve("users.tsv"), profiles.toString());
        List<String> pages = List.of("/", "/home", "/cart", "/é", "/a/b");
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int e = 0; e < 1500; e++) {
            String id = ids.get(random.nextInt(ids.size() - 10) + (e % 2) * 10); // some profiled users see none
            (e % 3 == 0 ? a : b).append(id).append('\t').append(pages.get(random.nextInt(pages.size()))).append('\t').append(e).append('\n');
        }
        events = Files.createDirectories(dir.resolve("events"));
        write(events.resolve("part-a.tsv"), a.toString());
        write(events.resolve("part-b.tsv"), b.toString());
    }

    private static List<String> shell(String script) throws Exception {
        return Shell.lines(dir, "T=\"$(printf '\\t')\"; " + script);
    }

    static String joined(Path ev, Path us, String joinOptions) {
        String evFiles = Files.isDirectory(ev) ? Shell.quote(ev) + "/*" : Shell.quote(ev);
        return "join " + joinOptions + " -t \"$T\" " + String.format(SORTED, evFiles) + " " + String.format(SORTED, Shell.quote(us));
    }

    @Test
    void joinEqualsJoinOfTheSortedTables() throws Exception {
        Path out = newOutput();
        JobStatus end = runOk(Join.job(events, users, out, 3));
        List<String> expected = sortedByBytes(shell(joined(events, users, "")));
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(allLinesSorted(out, 3)).isEqualTo(expected);
        // Each part: only its users (partitioned on the user id alone), sorted by user id.
        List<List<String>> parts = Outputs.parts(out, 3);
        for (int r = 0; r < 3; r++) {
            String previous = null;
            for (String line : parts.get(r)) {
                byte[] user = line.substring(0, line.indexOf('\t')).getBytes(StandardCharsets.UTF_8);
                assertThat(new HashPartitioner().partition(user, 0, user.length, 3)).as(line).isEqualTo(r);
                if (previous != null) {
                    assertThat(java.util.Arrays.compareUnsigned(previous.getBytes(StandardCharsets.UTF_8), user)).as(line).isLessThanOrEqualTo(0);
                }
                previous = new String(user, StandardCharsets.UTF_8);
            }
        }
        long withoutProfile = shell(joined(events, users, "-v1")).size();
        long withoutEvents = shell(joined(events, users, "-v2")).size();
        assertThat(withoutProfile).isPositive();
        assertThat(withoutEvents).isPositive();
        assertThat(counter(end, Join.COUNTERS, Join.EVENTS_WITHOUT_PROFILE)).isEqualTo(withoutProfile);
        assertThat(counter(end, Join.COUNTERS, Join.PROFILES_WITHOUT_EVENTS)).isEqualTo(withoutEvents);
        assertThat(counter(end, Join.COUNTERS, Join.DUPLICATE_PROFILES)).isZero();
    }

    @Test
    void pageDemographicsEqualsTheSqlAsAPipeline() throws Exception {
        Path out = dir.resolve("demographics");
        WorkflowResult result = runOk(PageDemographics.workflow(events, users, out, 2));
        assertThat(result.steps()).hasSize(2);
        List<String> expected = sortedByBytes(shell(joined(events, users, "")
                + " | awk -F\"$T\" '{print $2 \"\\t\" ($3 - $3 % 10) \"s\"}' | LC_ALL=C sort | uniq -c | " + UNIQ_TO_TAB));
        assertThat(expected).anyMatch(l -> l.startsWith("/é\t19"));
        assertThat(allLinesSorted(out, 2)).isEqualTo(expected);
        assertSortedAndPartitionedByLastTab(Outputs.parts(out, 2));
        assertThat(allLinesSorted(dir.resolve("demographics.steps/join"), 2)).isEqualTo(sortedByBytes(shell(joined(events, users, ""))));
    }

    @Test
    void emptyTablesJoinToNothing() throws Exception {
        Path noEvents = Files.createFile(dir.resolve("no-events.tsv"));
        Path noUsers = Files.createFile(dir.resolve("no-users.tsv"));
        assertThat(shell(joined(noEvents, noUsers, ""))).isEmpty();
        Path out = newOutput();
        JobStatus end = runOk(Join.job(noEvents, noUsers, out, 2));
        assertThat(allLinesSorted(out, 2)).isEmpty();
        assertThat(counter(end, Join.COUNTERS, Join.EVENTS_WITHOUT_PROFILE)).isZero();
        Path demographics = newOutput();
        runOk(PageDemographics.workflow(noEvents, noUsers, demographics, 1));
        assertThat(allLinesSorted(demographics, 1)).isEmpty();
        // Events with no profile at all: all counted, none written.
        Path lonely = newOutput();
        JobStatus onlyEvents = runOk(Join.job(events, noUsers, lonely, 1));
        assertThat(allLinesSorted(lonely, 1)).isEmpty();
        assertThat(counter(onlyEvents, Join.COUNTERS, Join.EVENTS_WITHOUT_PROFILE)).isEqualTo(1500);
    }

    @Test
    void aBirthYearThatIsNotAnIntegerIsCountedAndLeftOut() throws Exception {
        Path ev = write(dir.resolve("bad-years/events.tsv"), "u1\t/a\nu2\t/a\nu2\t/b\nu3\t/a\n");
        Path us = write(dir.resolve("bad-years/users.tsv"), "u1\t1984\nu2\tnineteen-ninety\nu3\t1989\n");
        Path out = dir.resolve("bad-years/out");
        WorkflowResult result = runOk(PageDemographics.workflow(ev, us, out, 1));
        assertThat(allLinesSorted(out, 1)).containsExactly("/a\t1980s\t2");
        JobStatus decades = result.steps().get(1).status().orElseThrow();
        assertThat(counter(decades, PageDemographics.COUNTERS, PageDemographics.BAD_YEARS)).isEqualTo(2);
    }

    @Test
    void aDecadeIsTheBirthYearRoundedDown() {
        assertThat(PageDemographics.decade(1987)).isEqualTo("1980s");
        assertThat(PageDemographics.decade(1980)).isEqualTo("1980s");
        assertThat(PageDemographics.decade(2009)).isEqualTo("2000s");
        assertThat(PageDemographics.decade(-5)).isEqualTo("-10s");
    }
}
