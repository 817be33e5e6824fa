package dev.xtls.bench.timing;

/** One class of inputs to a timed operation: its name and the operation, which returns the nanoseconds it measured. */
record InputClass(String name, TimedOperation operation) {

    /** One measurement; any set-up it needs (a fresh engine, say) happens outside the nanoseconds it returns. */
    @FunctionalInterface
    interface TimedOperation {
        long measure() throws Exception;
    }
}
