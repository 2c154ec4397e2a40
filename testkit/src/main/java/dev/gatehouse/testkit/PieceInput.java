package dev.gatehouse.testkit;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * An {@link InputStream} over fixed bytes that hands them out the way a socket might: all at once,
 * {@code n} bytes per read, or in seeded random pieces. A read never returns 0 bytes. The codec
 * tests of every protocol feed their decoders through it.
 */
public final class PieceInput extends InputStream {
    private final byte[] data;
    private final IntUnaryOperator pieceAt;
    private int pos;

    private PieceInput(byte[] data, IntUnaryOperator pieceAt) {
        this.data = data;
        this.pieceAt = pieceAt;
    }

    public static PieceInput whole(byte[] data) {
        return new PieceInput(data, at -> Integer.MAX_VALUE);
    }

    /** {@code n} bytes per read at most ({@code 1}: byte by byte). */
    public static PieceInput pieces(byte[] data, int n) {
        return new PieceInput(data, at -> n);
    }

    /** Pieces of 1 to {@code maxPiece} bytes, the same ones for the same seed. */
    public static PieceInput random(byte[] data, long seed, int maxPiece) {
        Random random = new Random(seed);
        return new PieceInput(data, at -> 1 + random.nextInt(maxPiece));
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) return 0;
        if (pos == data.length) return -1;
        int n = Math.min(length, Math.min(pieceAt.applyAsInt(pos), data.length - pos));
        System.arraycopy(data, pos, buffer, offset, n);
        pos += n;
        return n;
    }

    /** Bytes not handed out yet. */
    public int remaining() {
        return data.length - pos;
    }
}
