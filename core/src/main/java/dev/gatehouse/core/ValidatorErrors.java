package dev.gatehouse.core;

import java.io.PrintStream;

/** {@code gateway.errors} as the {@link Validator} hands it to the application: everything but close goes through. */
final class ValidatorErrors extends PrintStream {
    private final ValidatorRequest request;

    ValidatorErrors(PrintStream errors, ValidatorRequest request) {
        super(errors, true, errors.charset());
        this.request = request;
    }

    /** Never closes the server's stream; an application closing it while it runs is a breach. */
    @Override
    public void close() {
        flush();
        if (request.running()) {
            throw request.validator().appBreach("the application closed gateway.errors, which belongs to the server");
        }
    }
}
