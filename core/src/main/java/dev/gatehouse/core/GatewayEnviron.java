package dev.gatehouse.core;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileWrapper;
import java.io.InputStream;
import java.io.PrintStream;

/** The {@code gateway.*} keys every long-running, multithreaded server adapter puts in the environ. */
public final class GatewayEnviron {
    private GatewayEnviron() {
    }

    /** Sets version, scheme, input, errors and the flags of a threaded server whose input ends by itself. */
    public static void put(Environ env, String urlScheme, InputStream input, PrintStream errors) {
        env.put(EnvironKeys.VERSION, EnvironKeys.INTERFACE_VERSION);
        env.put(EnvironKeys.URL_SCHEME, urlScheme);
        env.put(EnvironKeys.INPUT, input);
        env.put(EnvironKeys.ERRORS, errors);
        env.put(EnvironKeys.MULTITHREAD, Boolean.TRUE);
        env.put(EnvironKeys.MULTIPROCESS, Boolean.FALSE);
        env.put(EnvironKeys.RUN_ONCE, Boolean.FALSE);
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        env.put(EnvironKeys.FILE_WRAPPER, FileWrapper.DEFAULT);
    }
}
