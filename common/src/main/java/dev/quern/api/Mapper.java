package dev.quern.api;

import java.io.IOException;

/**
 * Turns each input record into zero or more intermediate records. One instance runs per map attempt,
 * on one thread: {@code setup} once, {@code map} once per input record in input order, then
 * {@code cleanup} once. The engine partitions what it writes by key, sorts each partition by key and
 * hands every key with all its values to one {@link Reducer} call.
 *
 * <p>For text input the key is the byte offset of the line in its file ({@code Long}) and the value is
 * the line ({@code String}, decoded as UTF-8) without its {@code \n} or {@code \r\n}.
 *
 * <pre>{@code
 * public class TokenizerMapper extends Mapper<Long, String, String, Long> {
 *     @Override
 *     public void map(Long offset, String line, Context<String, Long> context) throws IOException {
 *         for (String word : line.split("[ \t\n\r\f\u000b]+")) {
 *             if (!word.isEmpty()) {
 *                 context.write(word, 1L);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The default {@code map} writes its input unchanged (the identity mapper). A subclass must have a
 * public no-argument constructor: executors create it by name.
 *
 * @param <KIN> input key type
 * @param <VIN> input value type
 * @param <KOUT> output key type
 * @param <VOUT> output value type
 */
public abstract class Mapper<KIN, VIN, KOUT, VOUT> {

    /** Called once before the first record. */
    public void setup(Context<KOUT, VOUT> context) throws IOException, InterruptedException {}

    /** Called once per input record. */
    @SuppressWarnings("unchecked")
    public void map(KIN key, VIN value, Context<KOUT, VOUT> context) throws IOException, InterruptedException {
        context.write((KOUT) key, (VOUT) value);
    }

    /** Called once after the last record, also when the input was empty. */
    public void cleanup(Context<KOUT, VOUT> context) throws IOException, InterruptedException {}
}
