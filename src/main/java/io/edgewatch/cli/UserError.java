package io.edgewatch.cli;

/** A problem the user can fix (named file, port, option): reported as its message alone, exit 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
