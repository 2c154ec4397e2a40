package dev.gatehouse.middleware.files;

import dev.gatehouse.api.PathCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The HTML page of a directory without an index file (nginx {@code autoindex}): directories
 * first, then files, each group sorted by name; sizes in bytes and modification times in UTC.
 * Names are HTML-escaped, links percent-encoded and prefixed with {@code ./} (so a name like
 * {@code javascript:x} stays a relative path). Hidden names, and links the symlink policy would
 * refuse, are left out.
 * At most {@code maxListingEntries} entries are read; past that the page says it was cut.
 */
final class DirectoryListing {
    private record Entry(String name, boolean directory, long size, long mtime) {
    }

    private DirectoryListing() {
    }

    /**
     * @param title the directory's URL path, decoded (e.g. {@code /static/img/})
     * @param parentLink whether to link {@code ../} (not at the top of the mount)
     */
    static byte[] render(Path root, Path dir, String title, boolean parentLink, StaticFilesConfig config) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean cut = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !config.hiddenFiles() && !config.hiddenAllowed().contains(name)) continue;
                if (!servable(root, p, config)) continue;
                if (entries.size() == config.maxListingEntries()) {
                    cut = true;
                    break;
                }
                entries.add(entry(p, name));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(Entry::name));
        StringBuilder html = new StringBuilder(256 + entries.size() * 160);
        String escapedTitle = escape(title);
        html.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Index of ").append(escapedTitle)
                .append("</title>\n</head>\n<body>\n<h1>Index of ").append(escapedTitle).append("</h1>\n<table>\n")
                .append("<tr><th>Name</th><th>Last modified</th><th>Size</th></tr>\n");
        if (parentLink) html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        for (Entry e : entries) {
            String display = e.name() + (e.directory() ? "/" : "");
            html.append("<tr><td><a href=\"./").append(escape(href(e.name()) + (e.directory() ? "/" : ""))).append("\">")
                    .append(escape(display)).append("</a></td><td>")
                    .append(e.mtime() == Long.MIN_VALUE ? "" : HttpDates.formatShort(e.mtime())).append("</td><td>")
                    .append(e.directory() || e.size() < 0 ? "-" : Long.toString(e.size())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (cut) html.append("<p>Only the first ").append(config.maxListingEntries()).append(" entries are listed.</p>\n");
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Links the policy would refuse are not listed either. */
    private static boolean servable(Path root, Path p, StaticFilesConfig config) {
        if (config.symlinks() == StaticFilesConfig.Symlinks.ANY || !Files.isSymbolicLink(p)) return true;
        if (config.symlinks() == StaticFilesConfig.Symlinks.REFUSE) return false;
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private static Entry entry(Path p, String name) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class); // follows links, as a click would
            return new Entry(name, a.isDirectory(), a.size(), a.lastModifiedTime().toInstant().getEpochSecond());
        } catch (IOException e) { // a dangling link, or no permission: list the name only
            return new Entry(name, false, -1, Long.MIN_VALUE);
        }
    }

    /** The name's UTF-8 bytes percent-encoded as a path segment. */
    private static String href(String name) {
        String bytes = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return PathCodec.encode(bytes).replace("/", "%2F");
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            b.append(rep);
        }
        return b == null ? s : b.toString();
    }
}
