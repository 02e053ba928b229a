package dev.quern.examples.join;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A reduce-side sort-merge join of activity events with user profiles on user_id:
 *
 * <pre>
 * SELECT e.user_id, e.page, u.birth_year FROM events e JOIN users u ON e.user_id = u.user_id
 * join -t TAB &lt;(cut -f1,2 EVENTS | LC_ALL=C sort -t TAB -k1,1) &lt;(cut -f1,2 USERS | LC_ALL=C sort -t TAB -k1,1)
 * </pre>
 *
 * <pre>join EVENTS USERS OUT</pre>
 *
 * Inputs are tab-separated lines: EVENTS {@code user_id<TAB>page[<TAB>anything]}, USERS
 * {@code user_id<TAB>birth_year[<TAB>anything]}, user_id unique in USERS. Each is read as
 * KEY_VALUE_TEXT by a mapper of its own, which tags its records ({@link JoinKey}). The secondary sort
 * brings each user's profile to the reducer first, then that user's events, so the reducer holds one
 * profile at a time, never a user's events. Output: {@code user_id<TAB>page<TAB>birth_year}, one line
 * per event whose user has a profile, sorted by user_id in each part file (a user's events in no
 * particular order).
 *
 * <p>Nothing is dropped silently; counters in group {@code join}: {@code events without a profile}
 * (the inner join leaves them out; {@code join -v1} would list them), {@code profiles without events},
 * and {@code duplicate profiles} (a second profile of a user is ignored: which one is used is not defined).
 */
public final class Join implements Tool {

    public static final String USAGE = "usage: join EVENTS USERS OUT  (tab-separated: user_id, page / user_id, birth_year)";
    public static final String COUNTERS = "join";
    public static final String EVENTS_WITHOUT_PROFILE = "events without a profile";
    public static final String PROFILES_WITHOUT_EVENTS = "profiles without events";
    public static final String DUPLICATE_PROFILES = "duplicate profiles";
    /** A value's first character says which table it comes from: the key's tag is not seen per value. */
    static final char PROFILE = 'P';
    static final char EVENT = 'E';

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() != 3) {
            throw new IllegalArgumentException("join: expected EVENTS, USERS and OUT, got " + args.size() + " arguments " + args + "; " + USAGE);
        }
        return Workflow.of(job(Path.of(args.get(0)), Path.of(args.get(1)), Path.of(args.get(2)), reducers));
    }

    public static Job job(Path events, Path users, Path out, int reducers) {
        return Job.builder("join")
                .input(Input.keyValueText(events).with(EventMapper.class))
                .input(Input.keyValueText(users).with(ProfileMapper.class))
                .reducer(JoinReducer.class)
                .mapOutput(JoinKey.class, String.class).codec(JoinKey.class, JoinKey.KeyCodec.class)
                .sortComparator(JoinKey.SortComparator.class)
                .groupingComparator(JoinKey.GroupingComparator.class)
                .partitioner(JoinKey.UserPartitioner.class)
                .outputTypes(String.class, String.class).reducers(reducers).output(out).build();
    }

    /** The first tab-separated field of {@code s} (all of it when it has no tab). */
    static String firstField(String s) {
        int tab = s.indexOf('\t');
        return tab < 0 ? s : s.substring(0, tab);
    }

    /** (user_id, {@code page[<TAB>...]}) to ((user_id, EVENT), "E" + page). */
    public static final class EventMapper extends Mapper<String, String, JoinKey, String> {
        @Override
        public void map(String userId, String rest, Context<JoinKey, String> context) throws IOException {
            context.write(new JoinKey(userId, JoinKey.EVENT), EVENT + firstField(rest));
        }
    }

    /** (user_id, {@code birth_year[<TAB>...]}) to ((user_id, PROFILE), "P" + birth_year). */
    public static final class ProfileMapper extends Mapper<String, String, JoinKey, String> {
        @Override
        public void map(String userId, String rest, Context<JoinKey, String> context) throws IOException {
            context.write(new JoinKey(userId, JoinKey.PROFILE), PROFILE + firstField(rest));
        }
    }

    /** One user: the profile (if any) comes first, then the events; writes (user_id, page TAB birth_year) per event. */
    public static final class JoinReducer extends Reducer<JoinKey, String, String, String> {
        private Counter withoutProfile;
        private Counter withoutEvents;
        private Counter duplicates;

        @Override
        public void setup(Context<String, String> context) {
            withoutProfile = context.counter(COUNTERS, EVENTS_WITHOUT_PROFILE);
            withoutEvents = context.counter(COUNTERS, PROFILES_WITHOUT_EVENTS);
            duplicates = context.counter(COUNTERS, DUPLICATE_PROFILES);
        }

        @Override
        public void reduce(JoinKey user, Iterable<String> values, Context<String, String> context) throws IOException {
            String birthYear = null;
            boolean events = false;
            for (String v : values) {
                if (v.charAt(0) == PROFILE) {
                    if (events) {
                        throw new IllegalStateException("a profile of user '" + user.userId() + "' came after its events: the sort is broken");
                    }
                    if (birthYear == null) {
                        birthYear = v.substring(1);
                    } else {
                        duplicates.increment(1);
                    }
                } else if (birthYear == null) {
                    events = true;
                    withoutProfile.increment(1);
                } else {
                    events = true;
                    context.write(user.userId(), v.substring(1) + "\t" + birthYear);
                }
            }
            if (!events) {
                withoutEvents.increment(1);
            }
        }
    }
}
