package dev.gatehouse.http1.codec;

import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * A {@link Http1Reader.Source} over fixed bytes that hands them out the way TCP might: all at
 * once, {@code n} bytes per read, one line per read, or in seeded random pieces. It also checks
 * the reader keeps the source's contract (asks for at least one byte).
 */
final class PieceSource implements Http1Reader.Source {
    private final byte[] data;
    private final IntUnaryOperator pieceAt;
    private int pos;
    private int reads;

    private PieceSource(byte[] data, IntUnaryOperator pieceAt) {
        this.data = data;
        this.pieceAt = pieceAt;
    }

    static PieceSource whole(byte[] data) {
        return new PieceSource(data, at -> Integer.MAX_VALUE);
    }

    /** {@code n} bytes per read at most ({@code 1}: byte by byte). */
    static PieceSource pieces(byte[] data, int n) {
        return new PieceSource(data, at -> n);
    }

    /** Up to and including the next LF per read. */
    static PieceSource lines(byte[] data) {
        return new PieceSource(data, at -> {
            int i = at;
            while (i < data.length && data[i] != '\n') i++;
            return Math.min(i, data.length - 1) - at + 1;
        });
    }

    /** Pieces of 1 to {@code maxPiece} bytes, the same ones for the same seed. */
    static PieceSource random(byte[] data, long seed, int maxPiece) {
        Random random = new Random(seed);
        return new PieceSource(data, at -> 1 + random.nextInt(maxPiece));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length <= 0) throw new AssertionError("the reader asked its source for " + length + " bytes");
        reads++;
        if (pos == data.length) return -1;
        int n = Math.min(length, Math.min(pieceAt.applyAsInt(pos), data.length - pos));
        System.arraycopy(data, pos, buffer, offset, n);
        pos += n;
        return n;
    }

    /** Bytes not handed out yet. */
    int remaining() {
        return data.length - pos;
    }

    int reads() {
        return reads;
    }
}
