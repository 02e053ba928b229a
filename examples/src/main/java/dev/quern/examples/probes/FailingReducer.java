package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Reducer;

/** Always throws on its first key: the job must fail cleanly, leaving no part files. */
public final class FailingReducer extends Reducer<String, Long, String, Long> {

    @Override
    public void reduce(String key, Iterable<Long> values, Context<String, Long> context) {
        throw new ArithmeticException("probe: this reducer always fails (key '" + key + "')");
    }
}
