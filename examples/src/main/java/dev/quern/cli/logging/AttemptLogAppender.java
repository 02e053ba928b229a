package dev.quern.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import dev.quern.executor.logs.AttemptOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** Lines logged on a task attempt's thread (the engine's and the user's slf4j logging) also go to its log. */
public final class AttemptLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + getName());
            return;
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Optional<OutputStream> log = AttemptOutput.current();
        if (log.isEmpty()) {
            return;
        }
        try {
            log.get().write(encoder.encode(event));
        } catch (IOException e) {
            // The attempt's log is full or gone: the line is still in the daemon's log.
        }
    }
}
