package dev.qwenwb.inference.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-Sent Events as servers send them: multi-line data, keep-alive comments, every line ending, [DONE]. */
class SseReaderTest {

    private static List<SseReader.Event> read(String s) throws IOException {
        List<SseReader.Event> out = new ArrayList<>();
        try (SseReader r = new SseReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)))) {
            SseReader.Event e;
            while ((e = r.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void multiLineDataIsJoinedAndCommentsAreSkipped() throws IOException {
        List<SseReader.Event> ev = read(": keep-alive\n\ndata: {\"a\":\ndata:1}\n\n:ping\r\ndata: 快速\r\n\r\n"
                + "event: done\rid: 7\rdata: [DONE]\r\r");
        assertThat(ev).extracting(SseReader.Event::data).containsExactly("{\"a\":\n1}", "快速", "[DONE]");
        assertThat(ev.get(2).event()).isEqualTo("done");
        assertThat(ev.get(2).id()).isEqualTo("7");
        assertThat(ev.get(0).event()).isEqualTo("message");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDroppedAndAnEventCutOffAtTheEndIsDiscarded() throws IOException {
        List<SseReader.Event> ev = read("data:x\n\ndata:  two spaces\n\ndata\n\nretry: 10\ndata: cut off");
        assertThat(ev).extracting(SseReader.Event::data).containsExactly("x", " two spaces", "");
    }

    @Test
    void eventsArriveAsTheirBlankLineArrives() throws IOException {
        // a stream that hands out one byte at a time, as a slow network would
        byte[] bytes = "data: one\n\ndata: two\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        SseReader r = new SseReader(trickle);
        assertThat(r.next().data()).isEqualTo("one");
        assertThat(r.next().data()).isEqualTo("two");
        assertThat(r.next()).isNull();
    }
}
