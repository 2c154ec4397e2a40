package dev.gatehouse.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file as read: the site it describes (null when it could not be read at all),
 * the problems found, and the line of each mount, so the checks that need the apps (classes,
 * directories, backends) can report at the right line too.
 *
 * @param name the file as the user named it, for messages
 */
public record LoadedConfig(Path file, String name, SiteSpec site, List<ConfigProblem> problems, Map<MountSpec, Integer> mountLines) {
    public LoadedConfig {
        problems = new ArrayList<>(problems);
        mountLines = new IdentityHashMap<>(mountLines);
    }

    /** The line the mount was written at, 0 when it did not come from this file. */
    public int lineOf(MountSpec mount) {
        return mountLines.getOrDefault(mount, 0);
    }

    public void addProblem(int line, String message) {
        problems.add(new ConfigProblem(line, message));
    }

    public boolean ok() {
        return site != null && problems.isEmpty();
    }

    /** Every problem as {@code FILE:LINE: message}, in the order of the file. */
    public List<String> messages() {
        return problems.stream().sorted(java.util.Comparator.comparingInt(ConfigProblem::line)).map(p -> p.format(name)).toList();
    }
}
