package dev.gatehouse.cgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiEnvironBuilderTest {

    private static byte[] block(String... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String e : entries) {
            out.writeBytes(e.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Test
    void theEnvironmentBlockKeepsEveryByteAsOneIso88591Character() {
        byte[] raw = block("PATH_INFO=/caf\u00e9/\u00ff", "HTTP_X=a\u0080b");
        assertThat(CgiEnvironBuilder.parseEnvironBlock(raw)).containsEntry("PATH_INFO", "/caf\u00e9/\u00ff")
                .containsEntry("HTTP_X", "a\u0080b");
    }

    @Test
    void valuesMayHoldEqualsSignsAndBeEmpty() {
        Map<String, String> vars = CgiEnvironBuilder.parseEnvironBlock(block("QUERY_STRING=a=1&b=2", "CONTENT_TYPE=", "=junk", "NOEQUALS"));
        assertThat(vars).containsEntry("QUERY_STRING", "a=1&b=2").containsEntry("CONTENT_TYPE", "").hasSize(2);
    }

    @Test
    void theFirstOfTwoEntriesWithOneNameWinsAsGetenvDoes() {
        assertThat(CgiEnvironBuilder.parseEnvironBlock(block("A=1", "A=2"))).containsEntry("A", "1");
    }

    @Test
    void anEmptyBlockIsNoVariables() {
        assertThat(CgiEnvironBuilder.parseEnvironBlock(new byte[0])).isEmpty();
    }

    @Test
    void thisProcessEnvironmentIsRead() {
        assertThat(CgiEnvironBuilder.processEnvironment()).containsKey("PATH");
    }
}
