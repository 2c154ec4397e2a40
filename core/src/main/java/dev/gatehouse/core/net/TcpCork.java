package dev.gatehouse.core.net;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code TCP_CORK} on a TCP socket, set around a response head and the {@code sendfile} of its
 * body, as nginx does with {@code tcp_nopush on}: the head is held back to leave in the same
 * segment as the file's first bytes, and only full segments go out until the cork is pulled.
 * Measured on loopback with 50 connections fetching a 1 MiB file, it also keeps the sending on
 * the server's own CPU instead of the client's (uncorked, nginx and Gatehouse alike managed about
 * two thirds of corked nginx's rate; see docs/benchmarks.md, "Static files").
 *
 * <p>The JDK has no option for it, so {@code setsockopt(2)} is called through the Foreign Function
 * API on the socket's descriptor. The build targets release 21, where that API is a preview, so
 * it is reached reflectively, once, and works from JDK 22 on Linux; the descriptor needs
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the gatehouse jar's manifest says so).
 * Where any of this is missing, {@link #available()} is false and responses go out uncorked.
 */
public final class TcpCork {
    private static final Logger log = LoggerFactory.getLogger(TcpCork.class);
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_CORK = 3;
    private static final Native NATIVE = Native.load();

    private TcpCork() {
    }

    /** Whether corking works in this JVM (Linux, JDK 22+, the descriptor reachable). */
    public static boolean available() {
        return NATIVE != null;
    }

    /**
     * Sets or clears the cork; pulling it sends what it held. Returns false, having done nothing,
     * where corking is not {@link #available()} or the socket refuses it (a Unix socket).
     */
    public static boolean set(SocketChannel channel, boolean on) {
        if (NATIVE == null) return false;
        try {
            return NATIVE.setInt(channel, on ? 1 : 0);
        } catch (Throwable e) {
            log.debug("TCP_CORK not set: {}", e.toString());
            return false;
        }
    }

    /** Reads the option back (for tests); empty where corking is not available or the call failed. */
    public static Optional<Boolean> isSet(SocketChannel channel) {
        if (NATIVE == null) return Optional.empty();
        try {
            return NATIVE.getInt(channel).map(value -> value != 0);
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** The reflective handles: setsockopt, getsockopt, the descriptor getter and two constant ints. */
    private record Native(MethodHandle fd, MethodHandle setsockopt, MethodHandle getsockopt, Object one, Object zero, FfmCalls ffm) {
        private static final MethodType SETSOCKOPT = MethodType.methodType(int.class, int.class, int.class, int.class, Object.class, int.class);
        private static final MethodType GETSOCKOPT = MethodType.methodType(int.class, int.class, int.class, int.class, Object.class, Object.class);

        static Native load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return null;
            try {
                Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
                MethodHandle fd = MethodHandles.lookup().unreflect(getFd).asType(MethodType.methodType(int.class, SocketChannel.class));
                FfmCalls ffm = new FfmCalls();
                MethodHandle set = ffm.downcall("setsockopt", ffm.intLayout, ffm.intLayout, ffm.intLayout, ffm.intLayout, ffm.addressLayout, ffm.intLayout).asType(SETSOCKOPT);
                MethodHandle get = ffm.downcall("getsockopt", ffm.intLayout, ffm.intLayout, ffm.intLayout, ffm.intLayout, ffm.addressLayout, ffm.addressLayout).asType(GETSOCKOPT);
                return new Native(fd, set, get, ffm.globalInt(1), ffm.globalInt(0), ffm);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.debug("TCP_CORK unavailable, responses go out uncorked: {}", e.toString());
                return null;
            }
        }

        boolean setInt(SocketChannel channel, int value) throws Throwable {
            int descriptor = (int) fd.invokeExact(channel);
            return (int) setsockopt.invokeExact(descriptor, IPPROTO_TCP, TCP_CORK, value == 0 ? zero : one, 4) == 0;
        }

        Optional<Integer> getInt(SocketChannel channel) throws Throwable {
            int descriptor = (int) fd.invokeExact(channel);
            Object value = ffm.autoInt(0);
            Object length = ffm.autoInt(4);
            if ((int) getsockopt.invokeExact(descriptor, IPPROTO_TCP, TCP_CORK, value, length) != 0) return Optional.empty();
            return Optional.of(ffm.readInt(value));
        }
    }

    /** The few java.lang.foreign calls needed, made reflectively (the API is a preview in release 21). */
    private static final class FfmCalls {
        private final Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> ofInt = Class.forName("java.lang.foreign.ValueLayout$OfInt");
        private final Class<?> linkerOption = Class.forName("java.lang.foreign.Linker$Option");
        private final Class<?> functionDescriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> arena = Class.forName("java.lang.foreign.Arena");
        private final Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        private final Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        final Object intLayout = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
        final Object addressLayout = Class.forName("java.lang.foreign.ValueLayout").getField("ADDRESS").get(null);

        FfmCalls() throws ReflectiveOperationException {
        }

        /** A handle on the C function, {@code result} and {@code arguments} being its layouts. */
        MethodHandle downcall(String function, Object result, Object... arguments) throws ReflectiveOperationException {
            Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class).invoke(lookup, function);
            Object layouts = Array.newInstance(memoryLayout, arguments.length);
            for (int i = 0; i < arguments.length; i++) Array.set(layouts, i, arguments[i]);
            Object descriptor = functionDescriptor.getMethod("of", memoryLayout, layouts.getClass()).invoke(null, result, layouts);
            Object noOptions = Array.newInstance(linkerOption, 0);
            return (MethodHandle) linkerClass.getMethod("downcallHandle", memorySegment, functionDescriptor, noOptions.getClass())
                    .invoke(linker, symbol.orElseThrow(() -> new NoSuchMethodException(function)), descriptor, noOptions);
        }

        /** A 4-byte segment that lives as long as the JVM, holding {@code value}; never written again. */
        Object globalInt(int value) throws ReflectiveOperationException {
            return filledInt(arena.getMethod("global").invoke(null), value);
        }

        /** A 4-byte segment freed by the garbage collector. */
        Object autoInt(int value) throws ReflectiveOperationException {
            return filledInt(arena.getMethod("ofAuto").invoke(null), value);
        }

        private Object filledInt(Object anArena, int value) throws ReflectiveOperationException {
            Object segment = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class).invoke(anArena, 4L);
            memorySegment.getMethod("set", ofInt, long.class, int.class).invoke(segment, intLayout, 0L, value);
            return segment;
        }

        int readInt(Object segment) throws ReflectiveOperationException {
            return (int) memorySegment.getMethod("get", ofInt, long.class).invoke(segment, intLayout, 0L);
        }
    }
}
