package dev.quern.api;

import java.io.IOException;

/**
 * Aggregates all the values of one key. One instance runs per reduce attempt, on one thread:
 * {@code setup} once, {@code reduce} once per key in sorted key order, then {@code cleanup} once.
 *
 * <p>The values are streamed from the merged map outputs: {@code values} can be iterated once, and
 * the engine never holds all of one key's values in memory, so a key may have billions of them.
 * Copy a value if you keep it past the next call to {@code next()}.
 *
 * <pre>{@code
 * public class SumReducer extends Reducer<String, Long, String, Long> {
 *     @Override
 *     public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) throws IOException {
 *         long sum = 0;
 *         for (long c : counts) {
 *             sum += c;
 *         }
 *         context.write(word, sum);
 *     }
 * }
 * }</pre>
 *
 * <p>A Reducer whose input and output types are equal, and whose result does not change when it is
 * applied to partial groups (sum, max, min), can also serve as the job's combiner: the engine may run
 * it zero, one or several times on a map's sorted output before the shuffle.
 *
 * <p>The default {@code reduce} writes every value with its key (the identity reducer). A subclass
 * must have a public no-argument constructor: executors create it by name.
 *
 * @param <KIN> input key type (the map output key type)
 * @param <VIN> input value type (the map output value type)
 * @param <KOUT> output key type
 * @param <VOUT> output value type
 */
public abstract class Reducer<KIN, VIN, KOUT, VOUT> {

    /** Called once before the first key. */
    public void setup(Context<KOUT, VOUT> context) throws IOException, InterruptedException {}

    /** Called once per key, with a single-pass iterable over that key's values. */
    @SuppressWarnings("unchecked")
    public void reduce(KIN key, Iterable<VIN> values, Context<KOUT, VOUT> context)
            throws IOException, InterruptedException {
        for (VIN value : values) {
            context.write((KOUT) key, (VOUT) value);
        }
    }

    /** Called once after the last key, also when the partition was empty. */
    public void cleanup(Context<KOUT, VOUT> context) throws IOException, InterruptedException {}
}
