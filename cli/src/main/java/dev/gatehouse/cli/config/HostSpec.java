package dev.gatehouse.cli.config;

import java.util.List;

/**
 * A virtual host: the names it answers (exact, or {@code *.example.com} for every name below
 * example.com), its middleware and its mounts in order.
 *
 * @param names lower-case host names without port; empty for the one host of a site without
 *              {@code [[host]]} tables
 * @param isDefault the host for requests whose Host matches no name
 */
public record HostSpec(List<String> names, boolean isDefault, MiddlewareSpec middleware, List<MountSpec> mounts) {
    public HostSpec {
        names = List.copyOf(names);
        mounts = List.copyOf(mounts);
    }

    /** The single host of a site that has no virtual hosts. */
    public static HostSpec only(List<MountSpec> mounts) {
        return new HostSpec(List.of(), true, MiddlewareSpec.NONE, mounts);
    }

    /** For logs: the first name, or "the default host". */
    public String label() {
        return names.isEmpty() ? "the default host" : names.getFirst();
    }
}
