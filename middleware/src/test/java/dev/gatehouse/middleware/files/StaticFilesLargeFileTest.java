package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB (sparse) file sent whole through Http1Server to a client that reads and discards it:
 * the bytes go out by {@code transferTo} (only the small pieces written to park on a full socket
 * are read into the heap), and the server's heap (this JVM's) neither keeps nor churns through the
 * file. Memory bounds, not timings.
 */
class StaticFilesLargeFileTest {
    private static final long GIB = 1L << 30;
    private static final long HEAP_GROWTH_BOUND = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void aGibibyteGoesOutZeroCopyWithoutGrowingTheHeap() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("www"));
        try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            file.setLength(GIB);
        }
        TransferProbe probe = new TransferProbe();
        try (FilesServer server = new FilesServer(probe.wrap(StaticFiles.of(root)))) {
            server.get("/missing"); // warm the connection path up before measuring
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedHeapAfterGc(memory);
            long allocatedBefore = allocatedBytes();

            long received = downloadAndDiscard(server.address(), "/big.bin");

            long allocated = allocatedBytes() - allocatedBefore;
            long heapAfter = usedHeapAfterGc(memory);
            assertThat(received).isEqualTo(GIB);
            assertThat(probe.fileBodies()).isEqualTo(1);
            // When the client's socket is full, sendfile returns 0 and the server writes one 16 KiB
            // piece with a blocking write (which parks until the socket is writable): the only copies.
            assertThat(probe.transferred() + probe.bytesRead()).as("bytes sent by transferTo or stall pieces").isEqualTo(GIB);
            assertThat(probe.bytesRead()).as("bytes read into the heap (stall pieces, no body chunks)").isLessThan(GIB / 100);
            assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(HEAP_GROWTH_BOUND);
            if (allocated >= 0) assertThat(allocated).as("heap allocated while sending 1 GiB").isLessThan(HEAP_GROWTH_BOUND);
            assertThat(server.violations()).isEmpty();
        }
    }

    /** GET {@code target}, read the head, then read and drop exactly Content-Length bytes; returns them counted. */
    private static long downloadAndDiscard(InetSocketAddress address, String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(120_000); // a bound on each read, not a timed assertion
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200 ");
            long length = -1;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).strip());
            }
            assertThat(length).isEqualTo(GIB);
            byte[] buffer = new byte[256 * 1024];
            long received = 0;
            while (received < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - received));
                if (n < 0) break;
                received += n;
            }
            return received;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed in the response head: " + head);
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Bytes allocated on the heap by all platform threads (virtual threads count on their carriers), or -1. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return -1;
    }
}
