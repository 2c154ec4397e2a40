package dev.gatehouse.cli;

/** A reason the server cannot start, worded for the user: printed as one line, exit code 1. */
class StartupException extends Exception {
    StartupException(String message) {
        super(message);
    }
}
