package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Mapper;
import java.io.IOException;

/** (offset, line) to (line, 1): with a sum reducer, how many times each distinct line occurs. */
public final class LineCountMapper extends Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws IOException {
        context.write(line, 1L);
    }
}
