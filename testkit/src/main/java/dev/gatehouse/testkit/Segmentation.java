package dev.gatehouse.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Ways to cut a byte stream into writes, so a parser is seen to hold whatever the TCP
 * segmentation. The client sets TCP_NODELAY, so each write leaves as its own segment; the pieces
 * that are few get a short pause between them so the server's reads see them apart too.
 */
public enum Segmentation {
    ONE_WRITE(Duration.ZERO),
    LINE_BY_LINE(Duration.ofMillis(1)),
    /** Thousands of writes for the big cases: no pause, the syscall per byte already splits them. */
    BYTE_BY_BYTE(Duration.ZERO),
    RANDOM_PIECES(Duration.ofMillis(1));

    private static final int MAX_RANDOM_PIECES = 64;
    private final Duration pause;

    Segmentation(Duration pause) {
        this.pause = pause;
    }

    /** The pause to leave between two pieces. */
    public Duration pause() {
        return pause;
    }

    /** Cuts {@code bytes} into pieces; {@code seed} makes {@link #RANDOM_PIECES} reproducible. */
    public List<byte[]> split(byte[] bytes, long seed) {
        return switch (this) {
            case ONE_WRITE -> List.of(bytes.clone());
            case LINE_BY_LINE -> splitAfterEachLf(bytes);
            case BYTE_BY_BYTE -> splitEvery(bytes);
            case RANDOM_PIECES -> splitRandomly(bytes, new Random(seed));
        };
    }

    private static List<byte[]> splitAfterEachLf(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                pieces.add(Arrays.copyOfRange(bytes, from, i + 1));
                from = i + 1;
            }
        }
        if (from < bytes.length) pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return pieces;
    }

    private static List<byte[]> splitEvery(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>(bytes.length);
        for (byte b : bytes) pieces.add(new byte[] {b});
        return pieces;
    }

    /** Pieces of 1 to 2n/MAX bytes: about MAX_RANDOM_PIECES of them whatever the length. */
    private static List<byte[]> splitRandomly(byte[] bytes, Random random) {
        List<byte[]> pieces = new ArrayList<>();
        int maxPiece = Math.max(1, 2 * bytes.length / MAX_RANDOM_PIECES);
        int from = 0;
        while (from < bytes.length) {
            int size = Math.min(bytes.length - from, 1 + random.nextInt(maxPiece));
            pieces.add(Arrays.copyOfRange(bytes, from, from + size));
            from += size;
        }
        return pieces;
    }
}
