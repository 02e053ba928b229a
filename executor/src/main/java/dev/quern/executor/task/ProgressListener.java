package dev.quern.executor.task;

/** Receives an attempt's progress, from 0 to 1, now and then (not per record). */
@FunctionalInterface
public interface ProgressListener {
    void progress(float fraction);
}
