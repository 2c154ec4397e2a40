package dev.gatehouse.cgi.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link CgiSpawner} needs to start one script.
 *
 * @param executable the file to execute (the script's real path); its only argument
 * @param directory the working directory (the script's directory, as RFC 3875 section 7.2 advises)
 * @param environment the whole environment, values in the environ's form (bytes as ISO-8859-1)
 * @param stderr where the script's standard error goes
 * @param input request body bytes to hand over with the start (at most the spawner's
 *     {@link CgiSpawner#inlineInputLimit()}), possibly empty
 * @param inputComplete true if {@code input} is the whole body: standard input is closed after it
 */
record CgiSpawnRequest(Path executable, Path directory, Map<String, String> environment, CgiStderrLog stderr, byte[] input,
                       boolean inputComplete) {
}
