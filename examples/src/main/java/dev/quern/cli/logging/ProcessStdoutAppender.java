package dev.quern.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.quern.executor.logs.AttemptOutput;
import java.io.OutputStream;

/** The daemon's log on the process's stdout, whatever System.out is routed to. */
public final class ProcessStdoutAppender extends OutputStreamAppender<ILoggingEvent> {

    @Override
    public void start() {
        setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                AttemptOutput.processOut().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                AttemptOutput.processOut().write(b, off, len);
            }

            @Override
            public void flush() {
                AttemptOutput.processOut().flush();
            }

            @Override
            public void close() {
                flush(); // closing the appender must not close the process's stdout
            }
        });
        super.start();
    }
}
