package dev.gatehouse.http1.codec;

import java.util.function.Function;

/**
 * The segmentations every codec test replays its input in (LIMITS.md: whatever the TCP
 * segmentation, the outcome is the same): in one piece, line by line, byte by byte, three bytes
 * at a time and in two fixed-seed series of random pieces.
 */
enum Feed {
    WHOLE(PieceSource::whole),
    LINE_BY_LINE(PieceSource::lines),
    BYTE_BY_BYTE(data -> PieceSource.pieces(data, 1)),
    THREE_BYTES(data -> PieceSource.pieces(data, 3)),
    RANDOM_PIECES(data -> PieceSource.random(data, 0x6a7e, 11)),
    RANDOM_PIECES_2(data -> PieceSource.random(data, 20240601, 5));

    private final Function<byte[], PieceSource> source;

    Feed(Function<byte[], PieceSource> source) {
        this.source = source;
    }

    PieceSource source(byte[] data) {
        return source.apply(data);
    }

    Http1Reader reader(byte[] data, int initialSize, int maxBufferSize) {
        return new Http1Reader(source(data), initialSize, maxBufferSize);
    }
}
