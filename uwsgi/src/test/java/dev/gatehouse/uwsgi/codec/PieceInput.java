package dev.gatehouse.uwsgi.codec;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntSupplier;

/** Fixed bytes handed out as a socket might: all at once, {@code n} bytes per read, or seeded random pieces. */
final class PieceInput extends InputStream {
    private final byte[] data;
    private final IntSupplier nextPiece;
    private int pos;

    private PieceInput(byte[] data, IntSupplier nextPiece) {
        this.data = data;
        this.nextPiece = nextPiece;
    }

    static PieceInput whole(byte[] data) {
        return new PieceInput(data, () -> Integer.MAX_VALUE);
    }

    static PieceInput pieces(byte[] data, int n) {
        return new PieceInput(data, () -> n);
    }

    static PieceInput random(byte[] data, long seed, int maxPiece) {
        Random random = new Random(seed);
        return new PieceInput(data, () -> 1 + random.nextInt(maxPiece));
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
        int n = Math.min(length, Math.min(nextPiece.getAsInt(), data.length - pos));
        System.arraycopy(data, pos, buffer, offset, n);
        pos += n;
        return n;
    }

    int remaining() {
        return data.length - pos;
    }
}
