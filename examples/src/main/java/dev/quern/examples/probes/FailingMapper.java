package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Mapper;

/** Always throws on its first record: the job must fail cleanly, leaving no output. */
public final class FailingMapper extends Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) {
        throw new IllegalStateException("probe: this mapper always fails (line at offset " + offset + ")");
    }
}
