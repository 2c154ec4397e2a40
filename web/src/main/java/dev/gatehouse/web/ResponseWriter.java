package dev.gatehouse.web;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileWrapper;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Write;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Turns a finished {@link Response} into start_response and a {@link Body}. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    static Body send(Response response, Request request, StartResponse startResponse) throws Exception {
        Status status = Status.of(response.statusCode());
        List<Header> headers = headersOf(response, status);
        return switch (response.content()) {
            case null -> {
                if (!status.forbidsBody()) headers.add(Header.of("Content-Length", "0"));
                startResponse.start(status, headers);
                yield Body.empty();
            }
            case Response.Content.Bytes b -> {
                if (!status.forbidsBody()) headers.add(Header.of("Content-Length", Integer.toString(b.bytes().length)));
                startResponse.start(status, headers);
                yield b.bytes().length == 0 ? Body.empty() : Body.of(b.bytes());
            }
            case Response.Content.Stream s -> {
                startOrClose(startResponse, status, headers, s.in());
                yield Body.of(s.in());
            }
            case Response.Content.File f -> {
                FileChannel channel = openFile(f);
                long size = sizeOrClose(channel);
                headers.add(Header.of("Content-Length", Long.toString(size)));
                startOrClose(startResponse, status, headers, channel);
                FileWrapper wrapper = request.environ().get(EnvironKeys.FILE_WRAPPER) instanceof FileWrapper w ? w : FileWrapper.DEFAULT;
                yield wrapper.wrap(channel, 0, size);
            }
            case Response.Content.Writer w -> {
                Write write = startResponse.start(status, headers);
                if (!request.method().equals("HEAD")) {
                    // flushed on success only: a writer that fails early leaves the head unsent, so a 500 page can replace it
                    OutputStream out = new BufferedOutputStream(new WriteOutputStream(write), 8192);
                    w.writer().writeTo(out);
                    out.flush();
                }
                yield Body.empty();
            }
            case Response.Content.Raw r -> {
                startOrClose(startResponse, status, headers, r.body());
                yield r.body();
            }
        };
    }

    /**
     * Starts the response; when that fails (a header the server refuses, a session too large for
     * its cookie), closes what the body holds open, since no Body will reach the server to close it.
     */
    private static void startOrClose(StartResponse startResponse, Status status, List<Header> headers, AutoCloseable held) throws Exception {
        try {
            startResponse.start(status, headers);
        } catch (Exception | Error e) {
            closeAfter(held, e);
            throw e;
        }
    }

    private static long sizeOrClose(FileChannel channel) throws IOException {
        try {
            return channel.size();
        } catch (IOException e) {
            closeAfter(channel, e);
            throw e;
        }
    }

    private static void closeAfter(AutoCloseable held, Throwable failure) {
        try {
            held.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static List<Header> headersOf(Response response, Status status) {
        List<Header> headers = new ArrayList<>();
        boolean typeGiven = Header.find(response.headers(), "Content-Type") != null;
        if (!typeGiven && response.contentType() != null && !status.forbidsBody()) {
            headers.add(Header.of("Content-Type", response.contentType()));
        }
        headers.addAll(response.headers());
        for (Cookie c : response.cookies()) headers.add(Header.of("Set-Cookie", c.toHeaderValue()));
        return headers;
    }

    private static FileChannel openFile(Response.Content.File f) throws IOException {
        try {
            return FileChannel.open(f.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NotFound("No such file");
        }
    }

    /** The legacy write callable as an OutputStream (not closing anything). */
    private static final class WriteOutputStream extends OutputStream {
        private final Write write;

        WriteOutputStream(Write write) {
            this.write = write;
        }

        @Override
        public void write(int b) throws IOException {
            write.write(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) write.write(b, off, len);
        }
    }
}
