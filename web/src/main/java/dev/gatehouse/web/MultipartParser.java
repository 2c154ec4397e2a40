package dev.gatehouse.web;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * multipart/form-data (RFC 7578) into a {@link FormData}: text fields as UTF-8 strings within
 * {@code maxFormBytes} together, files in memory while all the request's in-memory files together
 * stay within {@code memoryThreshold} and otherwise in a temp file, each within
 * {@code maxUploadBytes}, at most {@code maxParts} parts. Anything malformed is
 * a 400 that says what is wrong.
 */
final class MultipartParser {
    private final MultipartStream stream;
    private final WebConfig config;
    private final TempFiles tempFiles;
    private final FormData form = new FormData();
    private long textBytes;
    /** Bytes of the uploads kept in memory so far: the threshold bounds them together, not each one. */
    private long memoryBytes;

    private MultipartParser(InputStream in, String boundary, WebConfig config, TempFiles tempFiles) {
        this.stream = new MultipartStream(in, boundary);
        this.config = config;
        this.tempFiles = tempFiles;
    }

    static FormData parse(InputStream in, String contentType, WebConfig config, TempFiles tempFiles) throws IOException {
        return new MultipartParser(in, boundaryOf(contentType), config, tempFiles).parse();
    }

    /** The boundary parameter: 1 to 70 characters from RFC 2046's bchars. */
    static String boundaryOf(String contentType) {
        String boundary = HeaderParams.parse(contentType).get("boundary");
        if (boundary == null) throw new BadRequest("multipart/form-data without a boundary parameter");
        if (boundary.isEmpty() || boundary.length() > 70) throw new BadRequest("multipart boundary must have 1 to 70 characters");
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!ok || (c == ' ' && i == boundary.length() - 1)) throw new BadRequest("multipart boundary has a character RFC 2046 forbids");
        }
        return boundary;
    }

    private FormData parse() throws IOException {
        if (!stream.copyToDelimiter(MultipartStream.DISCARD)) throw new BadRequest("multipart body has no opening boundary");
        int parts = 0;
        while (!atCloseDelimiter()) {
            if (++parts > config.maxParts()) {
                throw new PayloadTooLarge("multipart body has more than maxParts (" + config.maxParts() + ") parts");
            }
            readPart();
        }
        return form;
    }

    /** After a delimiter: "--" ends the body, otherwise optional padding and CRLF open a part. */
    private boolean atCloseDelimiter() throws IOException {
        int b = stream.read();
        if (b == '-') {
            if (stream.read() != '-') throw new BadRequest("malformed multipart boundary line");
            return true; // the epilogue is ignored
        }
        while (b == ' ' || b == '\t') b = stream.read();
        if (b != '\r' || stream.read() != '\n') {
            throw new BadRequest(b < 0 ? "multipart body ended before the closing boundary" : "malformed multipart boundary line");
        }
        return false;
    }

    private void readPart() throws IOException {
        PartHeaders headers = readHeaders();
        if (headers.fileName() == null) readTextField(headers.name());
        else readUpload(headers);
    }

    private PartHeaders readHeaders() throws IOException {
        String limitMessage = "multipart part headers exceed maxPartHeaderBytes (" + config.maxPartHeaderBytes() + " bytes)";
        int budget = config.maxPartHeaderBytes();
        String disposition = null;
        String type = null;
        while (true) {
            String line = stream.readLine(budget, limitMessage);
            if (line.isEmpty()) break;
            budget -= line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2;
            if (budget < 0) throw new BadRequest(limitMessage);
            int colon = line.indexOf(':');
            if (colon <= 0) throw new BadRequest("malformed multipart part header (no name and colon)");
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition")) disposition = value;
            else if (name.equals("content-type")) type = value;
        }
        if (disposition == null) throw new BadRequest("multipart part without a Content-Disposition header");
        if (!HeaderParams.mainValue(disposition).equalsIgnoreCase("form-data")) {
            throw new BadRequest("multipart part Content-Disposition is not form-data");
        }
        Map<String, String> params = HeaderParams.parse(disposition);
        String name = params.get("name");
        if (name == null) throw new BadRequest("multipart part without a name in its Content-Disposition");
        String fileName = params.get("filename");
        return new PartHeaders(name, fileName == null ? null : lastSegment(fileName),
                type == null || type.isEmpty() ? "application/octet-stream" : type);
    }

    private void readTextField(String name) throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean closed = stream.copyToDelimiter((b, off, len) -> {
            textBytes += len;
            if (textBytes > config.maxFormBytes()) {
                throw new PayloadTooLarge("multipart text fields exceed maxFormBytes (" + config.maxFormBytes() + " bytes)");
            }
            value.write(b, off, len);
        });
        if (!closed) throw new BadRequest("multipart body ended before the closing boundary");
        byte[] bytes = value.toByteArray();
        form.add(name, FormDecoder.utf8(bytes, bytes.length, "multipart field '" + name + "'"));
    }

    private void readUpload(PartHeaders headers) throws IOException {
        UploadSink sink = new UploadSink();
        boolean closed;
        try {
            closed = stream.copyToDelimiter(sink);
        } finally {
            sink.closeFile();
        }
        if (!closed) throw new BadRequest("multipart body ended before the closing boundary");
        if (sink.file == null) memoryBytes += sink.size;
        form.add(sink.file == null
                ? new MemoryUpload(headers.name(), headers.fileName(), headers.contentType(), sink.memory.toByteArray())
                : new FileUpload(headers.name(), headers.fileName(), headers.contentType(), sink.file, sink.size));
    }

    /** Keeps an upload in memory until the request's in-memory uploads would pass the threshold, then moves it to a temp file. */
    private final class UploadSink implements MultipartStream.Sink {
        final ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file;
        OutputStream out;
        long size;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            size += len;
            if (size > config.maxUploadBytes()) {
                throw new PayloadTooLarge("an upload exceeds maxUploadBytes (" + config.maxUploadBytes() + " bytes)");
            }
            if (out == null && memoryBytes + size > config.memoryThreshold()) {
                file = tempFiles.create();
                out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                memory.writeTo(out);
                memory.reset();
            }
            if (out != null) out.write(b, off, len);
            else memory.write(b, off, len);
        }

        void closeFile() throws IOException {
            if (out != null) out.close();
        }
    }

    private record PartHeaders(String name, String fileName, String contentType) {}

    /** Browsers send the base name, but old ones sent whole client paths. */
    private static String lastSegment(String fileName) {
        int cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(cut + 1);
    }
}
