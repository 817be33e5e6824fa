package dev.xtls.cli;

/** The command line is wrong: exit code 2 with this message. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
