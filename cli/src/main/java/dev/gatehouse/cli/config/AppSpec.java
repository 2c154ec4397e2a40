package dev.gatehouse.cli.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to serve, as named on the command line: {@code SCHEME:TARGET}, or a bare target for the
 * default scheme {@code app} ({@code com.example.MyApp}, {@code com.example.Apps::create}).
 * A scheme is lower-case letters, digits, '+' and '-' before a single ':', so a class name
 * (dots) or a factory ({@code ::}) is never mistaken for one.
 *
 * @param scheme which {@link AppResolver} builds it
 * @param target the rest, as that resolver reads it ({@code //host:9000} for {@code fastcgi://host:9000})
 */
public record AppSpec(String scheme, String target) {
    public static final String DEFAULT_SCHEME = "app";
    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+-]*):(?!:)(.*)", Pattern.DOTALL);

    public static AppSpec parse(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("an app is needed, such as com.example.MyApp");
        Matcher m = SCHEME.matcher(text);
        return m.matches() ? new AppSpec(m.group(1), m.group(2)) : new AppSpec(DEFAULT_SCHEME, text);
    }

    @Override
    public String toString() {
        return scheme.equals(DEFAULT_SCHEME) ? target : scheme + ":" + target;
    }
}
