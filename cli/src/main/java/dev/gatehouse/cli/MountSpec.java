package dev.gatehouse.cli;

/** One {@code --mount PREFIX=SPEC}: an app to serve under a URL prefix. */
record MountSpec(String prefix, AppSpec app) {
    /** The prefix the URL map files a mount under: no trailing '/', the root as "/". */
    String normalizedPrefix() {
        String p = prefix;
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? "/" : p;
    }

    static MountSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("'" + text + "' is not PREFIX=SPEC, as in /api=com.example.Api");
        String prefix = text.substring(0, eq);
        if (!prefix.startsWith("/")) throw new IllegalArgumentException("the prefix of '" + text + "' must start with '/'");
        if (prefix.contains("//")) throw new IllegalArgumentException("the prefix of '" + text + "' must not contain '//'");
        return new MountSpec(prefix, AppSpec.parse(text.substring(eq + 1)));
    }

    @Override
    public String toString() {
        return normalizedPrefix() + "=" + app;
    }
}
