package dev.gatehouse.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpCorkTest {
    @TempDir
    Path tmp;

    @Test
    void isAvailableWithTheOptionsTheGatehouseJarGrants() {
        // The tests run with the manifest's --add-exports and native access, on Linux and JDK 25.
        assertThat(TcpCork.available()).isTrue();
    }

    @Test
    void setsAndClearsTheCorkOnATcpSocketAndWhatItHeldArrivesOnceItIsPulled() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel server = listener.accept()) {
            assertThat(TcpCork.isSet(server)).contains(false);

            assertThat(TcpCork.set(server, true)).isTrue();
            assertThat(TcpCork.isSet(server)).contains(true);
            server.write(ByteBuffer.wrap("held".getBytes()));

            assertThat(TcpCork.set(server, false)).isTrue();
            assertThat(TcpCork.isSet(server)).contains(false);
            ByteBuffer received = ByteBuffer.allocate(4);
            while (received.hasRemaining()) client.read(received);
            assertThat(new String(received.array())).isEqualTo("held");
        }
    }

    @Test
    void aUnixSocketRefusesItAndNothingIsSet() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(tmp.resolve("s.sock"));
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address);
             SocketChannel server = listener.accept()) {
            assertThat(TcpCork.set(server, true)).isFalse();
            assertThat(TcpCork.isSet(server)).isEmpty();
        }
    }
}
