package dev.gatehouse.cgi.client;

/**
 * Starts scripts. Every script runs in a session (and process group) of its own, so it can be
 * killed with whatever it started, with a working directory, an environment and fds 0, 1 and 2
 * only; its standard error goes to its {@link CgiStderrLog}; it is always reaped.
 */
interface CgiSpawner extends AutoCloseable {
    /**
     * The most request body bytes {@link #spawn} takes along: they fit in the channel to the
     * script whether or not it reads them, so handing them over never blocks.
     */
    int inlineInputLimit();

    /** Starts a script; the returned process may still turn out not to have started ({@link CgiProcess#exit()}). */
    CgiProcess spawn(CgiSpawnRequest request) throws CgiScriptException;

    /** {@code "helper"} or {@code "direct"}, for log lines. */
    String name();

    /** Stops the spawner; scripts still running are killed. */
    @Override
    void close();
}
