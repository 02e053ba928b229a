package dev.quern.executor.shuffle;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class if Netty reported a leaked buffer. Paranoid leak detection only logs a leak when
 * the garbage collector finds an unreleased buffer, and a log line fails nothing; so this listens to
 * the detector's logger and, after the class, runs collections and allocations (a leak is reported
 * on the next tracked allocation) before checking what it heard.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final int GC_ROUNDS = 5;

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("run tests with -Dio.netty.leakDetectionLevel=paranoid, got "
                    + ResourceLeakDetector.getLevel());
        }
        leaks.start();
        detectorLogger().addAppender(leaks);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            for (int i = 0; i < GC_ROUNDS && leaks.list.isEmpty(); i++) {
                System.gc();
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        } finally {
            detectorLogger().detachAppender(leaks);
            leaks.stop();
        }
        List<String> reports = leaks.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("LEAK"))
                .toList();
        if (!reports.isEmpty()) {
            throw new AssertionError(reports.size() + " Netty buffer leak(s) in " + context.getDisplayName()
                    + " or a class before it:\n" + String.join("\n", reports));
        }
    }

    private static Logger detectorLogger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
