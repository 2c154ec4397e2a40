package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.middleware.files.ByteRanges.Range;
import dev.gatehouse.middleware.files.FileResolver.Found;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request with one regular file, shared by {@link StaticFiles} and
 * {@link SendfileMiddleware}: chooses a precompressed sibling, computes the validators, evaluates
 * the preconditions and the byte ranges, and returns the file as a {@link FileBody} so the
 * server sends it with {@code FileChannel.transferTo} (a multi-range answer is the one copied
 * body). Every response of a file carries its validators; none carries a {@code Date}, which is
 * the server's.
 */
final class FileResponder {
    private static final Logger log = LoggerFactory.getLogger(FileResponder.class);

    private record Rule(PathMatcher matcher, boolean wholePath, String cacheControl) {
    }

    private final StaticFilesConfig config;
    private final MimeTypes mime;
    private final List<Rule> rules;
    private final SmallFileCache smallFiles = new SmallFileCache();

    FileResponder(StaticFilesConfig config) {
        this.config = config;
        this.mime = new MimeTypes(config);
        List<Rule> compiled = new ArrayList<>();
        for (StaticFilesConfig.CacheRule r : config.cacheRules()) {
            compiled.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + r.glob()), r.glob().indexOf('/') >= 0, r.cacheControl()));
        }
        this.rules = List.copyOf(compiled);
    }

    /**
     * @param appHeaders headers an application set for this file (X-Sendfile): kept on the
     *                   response; its {@code Content-Type}, {@code Cache-Control} and
     *                   {@code Content-Disposition} win over ours, its {@code Vary} is merged
     * @param head a HEAD request: same head, no body, and no ranges (RFC 9110 section 14.2
     *             defines them for GET only)
     */
    Body serve(Environ environ, StartResponse start, FileResolver resolver, Found file, List<Header> appHeaders, boolean head)
            throws IOException {
        Found chosen = file;
        String coding = null;
        boolean vary = false;
        if (config.precompressed() && !isCompressedName(file.name())) {
            Found br = resolver.sibling(file, ".br");
            Found gzip = resolver.sibling(file, ".gz");
            if (br != null || gzip != null) {
                vary = true;
                coding = AcceptEncoding.choose(environ.header("Accept-Encoding"), br != null, gzip != null);
                if (AcceptEncoding.BR.equals(coding)) chosen = br;
                else if (AcceptEncoding.GZIP.equals(coding)) chosen = gzip;
            }
        }
        boolean wholeFile = head || config.maxRanges() == 0 || environ.header("Range") == null;
        byte[] cached = wholeFile && SmallFileCache.fits(chosen) ? smallFiles.get(chosen) : null;
        if (cached != null) return respond(environ, start, file, chosen, coding, vary, null, cached, appHeaders, head);
        FileChannel channel;
        try {
            channel = FileChannel.open(chosen.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            log.info("cannot open {}: permission denied", chosen.file());
            return PlainResponses.text(start, 403);
        } catch (IOException e) { // removed or replaced since it was resolved
            log.debug("cannot open {}: {}", chosen.file(), e.toString());
            return PlainResponses.text(start, 404);
        }
        try {
            byte[] bytes = null;
            if (wholeFile && SmallFileCache.fits(chosen) && (bytes = smallFiles.read(chosen, channel)) != null) channel.close();
            return respond(environ, start, file, chosen, coding, vary, bytes == null ? channel : null, bytes, appHeaders, head);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private Body respond(Environ environ, StartResponse start, Found file, Found chosen, String coding, boolean vary,
                         FileChannel channel, byte[] bytes, List<Header> appHeaders, boolean head) throws IOException {
        // exactly one of channel and bytes is set; bytes only when no Range is to be served
        long size = chosen.attributes().size(); // just checked (ResolutionCache): no fstat
        long mtime = chosen.attributes().lastModifiedTime().to(TimeUnit.SECONDS);
        String etag = config.etags() ? EntityTags.of(mtime, size, coding) : null;

        List<Header> validators = new ArrayList<>(6);
        if (etag != null) validators.add(Header.of("ETag", etag));
        validators.add(Header.of("Last-Modified", HttpDates.format(mtime)));
        if (Header.find(appHeaders, "Cache-Control") == null) {
            String cacheControl = cacheControlFor(file);
            if (cacheControl != null) validators.add(Header.of("Cache-Control", cacheControl));
        }
        String varyValue = vary(appHeaders, vary);
        if (varyValue != null) validators.add(Header.of("Vary", varyValue));
        List<Header> appRest = new ArrayList<>(appHeaders.size());
        for (Header h : appHeaders) {
            if (!h.is("Content-Type") && !h.is("Vary")) appRest.add(h);
        }

        switch (Preconditions.evaluate(environ, etag, mtime)) {
            case FAILED -> {
                if (channel != null) channel.close();
                return PlainResponses.text(start, 412);
            }
            case NOT_MODIFIED -> {
                if (channel != null) channel.close();
                List<Header> headers = new ArrayList<>(validators);
                headers.addAll(appRest);
                start.start(Status.of(304), headers);
                return Body.empty();
            }
            case PROCEED -> { }
        }

        String appType = Header.find(appHeaders, "Content-Type");
        String contentType = appType != null ? appType : mime.contentType(file.name());
        List<Header> headers = new ArrayList<>(validators.size() + appRest.size() + 5);
        String range = bytes != null || head || config.maxRanges() == 0 ? null : environ.header("Range");
        if (range != null && Preconditions.rangeApplies(environ, etag, mtime)) {
            ByteRanges.Outcome outcome = ByteRanges.evaluate(range, size, config.maxRanges());
            if (outcome instanceof ByteRanges.Unsatisfiable) {
                channel.close();
                return PlainResponses.text(start, 416, Header.of("Content-Range", "bytes */" + size));
            }
            if (outcome instanceof ByteRanges.Partial partial && partial.ranges().size() == 1) {
                Range r = partial.ranges().getFirst();
                headers.add(Header.of("Content-Type", contentType));
                if (coding != null) headers.add(Header.of("Content-Encoding", coding));
                headers.addAll(validators);
                headers.add(Header.of("Content-Range", r.contentRange(size)));
                headers.add(Header.of("Content-Length", Long.toString(r.length())));
                headers.addAll(appRest);
                start.start(Status.of(206), headers);
                return new FileBody(channel, r.first(), r.length());
            }
            if (outcome instanceof ByteRanges.Partial partial) {
                String boundary = boundary();
                String partType = contentType; // each part carries the representation's own type
                headers.add(Header.of("Content-Type", "multipart/byteranges; boundary=" + boundary));
                if (coding != null) headers.add(Header.of("Content-Encoding", coding));
                headers.addAll(validators);
                headers.add(Header.of("Content-Length",
                        Long.toString(MultipartRangesBody.length(partial.ranges(), boundary, partType, size))));
                headers.addAll(appRest);
                start.start(Status.of(206), headers);
                return new MultipartRangesBody(channel, partial.ranges(), boundary, partType, size);
            }
            log.debug("Range {} ignored for {}: {}", LogText.quote(range), file.file(), ((ByteRanges.Full) outcome).why());
        }
        headers.add(Header.of("Content-Type", contentType));
        if (coding != null) headers.add(Header.of("Content-Encoding", coding));
        headers.addAll(validators);
        if (config.maxRanges() > 0) headers.add(Header.of("Accept-Ranges", "bytes"));
        headers.add(Header.of("Content-Length", Long.toString(size)));
        headers.addAll(appRest);
        start.start(Status.OK, headers);
        return bytes != null ? Body.of(bytes) : new FileBody(channel, 0, size);
    }

    /** The Cache-Control the configuration gives this file: the first matching rule, else the default. */
    String cacheControlFor(Found file) {
        for (Rule rule : rules) {
            Path p = Path.of(rule.wholePath() ? file.relativePath() : file.name());
            if (rule.matcher().matches(p)) return rule.cacheControl();
        }
        return config.cacheControl();
    }

    /** {@code Accept-Encoding} added to the app's own {@code Vary}, when there are representations to vary over. */
    private static String vary(List<Header> appHeaders, boolean byEncoding) {
        String app = Header.find(appHeaders, "Vary");
        if (!byEncoding) return app;
        if (app == null || app.isBlank()) return "Accept-Encoding";
        for (String token : app.split(",")) {
            String t = token.strip();
            if (t.equals("*") || t.equalsIgnoreCase("Accept-Encoding")) return app;
        }
        return app + ", Accept-Encoding";
    }

    private static boolean isCompressedName(String name) {
        return name.endsWith(".gz") || name.endsWith(".br");
    }

    private static String boundary() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String hex = Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        return "gatehouse-" + hex;
    }
}
