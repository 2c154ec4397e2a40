package dev.gatehouse.core;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.util.List;

/**
 * One request seen by the {@link Validator}: the checking {@code start} handed to the
 * application, and what the checks need to remember (started? returned? over?).
 */
final class ValidatorRequest implements StartResponse {
    private final Validator validator;
    private final StartResponse server;
    private boolean started;
    private boolean returned;
    private boolean over;

    ValidatorRequest(Validator validator, Environ environ, StartResponse server) {
        this.validator = validator;
        this.server = server;
        environ.put(EnvironKeys.INPUT, new ValidatorInput(environ.input(), environ.contentLength(), this));
        environ.put(EnvironKeys.ERRORS, new ValidatorErrors(environ.errors(), this));
    }

    Validator validator() {
        return validator;
    }

    boolean started() {
        return started;
    }

    /** True until the application is done with the request: its call threw, or its body was closed. */
    boolean running() {
        return !over;
    }

    void end() {
        returned = true;
        over = true;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        if (started && excInfo == null) throw validator.appBreach("start called a second time without excInfo");
        ValidatorHead.check(status, headers, validator);
        Write write = server.start(status, headers, excInfo);
        if (write == null) throw validator.serverBreach("start returned a null write callable");
        started = true;
        return checked(write);
    }

    private Write checked(Write write) {
        return (bytes, offset, length) -> {
            if (bytes == null) throw validator.appBreach("write called with a null array");
            if (offset < 0 || length < 0 || length > bytes.length - offset) {
                throw validator.appBreach("write range [" + offset + ", +" + length + ") lies outside the array of " + bytes.length);
            }
            if (returned) {
                throw validator.appBreach("write called after call returned; write is for bytes that precede the body,"
                        + " later bytes belong in the body's chunks");
            }
            write.write(bytes, offset, length);
        };
    }

    /** The application's body, checked; called when {@code call} returned normally. */
    Body checkedBody(Body body) throws IOException {
        returned = true;
        if (body == null) {
            end();
            throw validator.appBreach("call returned a null body; return Body.empty() for none");
        }
        if (body instanceof FileBody file) {
            end(); // passed through unwrapped: nothing of the app runs any more
            checkFileBody(file);
            return file;
        }
        return new ValidatorBody(body, this);
    }

    private void checkFileBody(FileBody file) throws IOException {
        if (!started) {
            throw validator.appBreach("a FileBody was returned before start was called; a file body cannot call it later");
        }
        long size = file.channel().size();
        if (file.start() + file.length() > size) {
            throw validator.appBreach("the FileBody region [" + file.start() + ", +" + file.length()
                    + ") reaches past the end of the file (" + size + " bytes)");
        }
    }
}
