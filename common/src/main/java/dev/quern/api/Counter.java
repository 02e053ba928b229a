package dev.quern.api;

/** A named 64-bit count kept per attempt and summed over successful attempts by the coordinator. */
public interface Counter {

    void increment(long delta);

    long value();
}
