package dev.quern.examples.join;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.WordCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Page views per page and decade of the viewer's birth, as a chain on top of {@link Join}:
 *
 * <pre>
 * SELECT e.page, floor(u.birth_year / 10) * 10 AS decade, count(*) AS views
 *   FROM events e JOIN users u ON e.user_id = u.user_id
 *  GROUP BY e.page, decade
 * </pre>
 *
 * <pre>pagedemographics EVENTS USERS OUT</pre>
 *
 * <ol>
 *   <li>{@code join} writes {@code user_id<TAB>page<TAB>birth_year} into {@code OUT.steps/join}, a
 *       sibling of OUT that is kept (a rerun after a failure of step 2 skips it; delete it when done).
 *   <li>{@code page-decades} reads those lines (KEY_VALUE_TEXT), emits ({@code page<TAB>decade}, 1)
 *       per line and sums with a combiner: {@code page<TAB>decade<TAB>views} lines in OUT, sorted by
 *       page, then decade, in each part file.
 * </ol>
 *
 * The decade of a birth year is written like {@code 1980s}: the year rounded down to a multiple of 10
 * ({@code floorMod}, so it holds for any integer year). A birth year that is not an integer is counted
 * in {@code pagedemographics: unparsable birth years} and its event is left out.
 */
public final class PageDemographics implements Tool {

    public static final String USAGE = "usage: pagedemographics EVENTS USERS OUT";
    public static final String COUNTERS = "pagedemographics";
    public static final String BAD_YEARS = "unparsable birth years";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("pagedemographics: expected EVENTS, USERS and OUT, got " + args.size() + " arguments "
                    + args + "; " + USAGE);
        }
        return workflow(Path.of(args.get(0)), Path.of(args.get(1)), Path.of(args.get(2)), reducers);
    }

    public static Workflow workflow(Path events, Path users, Path out, int reducers) {
        if (out.getFileName() == null) {
            throw new IllegalArgumentException("pagedemographics: OUT must name a directory, got " + out + "; " + USAGE);
        }
        Job join = Join.job(events, users, out.resolveSibling(out.getFileName() + ".steps").resolve("join"), reducers);
        Job decades = Job.builder("page-decades").input(Input.keyValueText(join.output())).mapper(DecadeMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(reducers).output(out).build();
        return Workflow.builder("pagedemographics").step(join).step(decades, join).build();
    }

    /** The decade of birth of {@code year}: 1987 is {@code 1980s}. */
    public static String decade(long year) {
        return (year - Math.floorMod(year, 10)) + "s";
    }

    private static OptionalLong integer(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** (user_id, {@code page<TAB>birth_year}) to ({@code page<TAB>decade}, 1). */
    public static final class DecadeMapper extends Mapper<String, String, String, Long> {
        private static final Long ONE = 1L;
        private Counter badYears;

        @Override
        public void setup(Context<String, Long> context) {
            badYears = context.counter(COUNTERS, BAD_YEARS);
        }

        @Override
        public void map(String userId, String pageAndYear, Context<String, Long> context) throws IOException {
            int tab = pageAndYear.lastIndexOf('\t'); // the page is a field of a tab-separated line: it has no tab
            OptionalLong year = tab < 0 ? OptionalLong.empty() : integer(pageAndYear.substring(tab + 1));
            if (year.isEmpty()) {
                badYears.increment(1);
                return;
            }
            context.write(pageAndYear.substring(0, tab) + "\t" + decade(year.getAsLong()), ONE);
        }
    }
}
