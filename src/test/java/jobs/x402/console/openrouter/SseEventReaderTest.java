package jobs.x402.console.openrouter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventReaderTest {

    /** Hands out at most {@code size} bytes per read, as a slow network would. */
    static final class TrickleInputStream extends InputStream {
        private final byte[] bytes;
        private final int size;
        private int pos;

        TrickleInputStream(byte[] bytes, int size) {
            this.bytes = bytes;
            this.size = size;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, size), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static List<SseEvent> readAll(SseEventReader reader) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseEvent e;
        while ((e = reader.next()) != null) {
            events.add(e);
        }
        return events;
    }

    private static List<SseEvent> readAll(String stream, int readSize, List<String> comments) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        return readAll(new SseEventReader(new TrickleInputStream(bytes, readSize), comments::add, 16));
    }

    private static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }

    private static final String TRICKY = ": OPENROUTER PROCESSING\r\n\r\n"
            + "data: {\"a\":\"é中😀\"}\r\n\r\n"
            + ":keep-alive\n"
            + "data: line one\n"
            + "data: line two\r"
            + "data:no-space\r\n"
            + "\r"
            + "event: custom\n"
            + "id: 42\n"
            + "data:  two spaces keep one\n\n"
            + "data: " + "x".repeat(100) + "\n\n"
            + "data: [DONE]\r\n\r\n";

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 3, 5, 7, 13, 64, 8192})
    void the_same_events_come_out_whatever_the_read_sizes(int readSize) throws IOException {
        List<String> comments = new ArrayList<>();
        List<SseEvent> events = readAll(TRICKY, readSize, comments);

        assertThat(data(events)).containsExactly(
                "{\"a\":\"é中😀\"}",
                "line one\nline two\nno-space",
                " two spaces keep one",
                "x".repeat(100),
                "[DONE]");
        assertThat(comments).containsExactly("OPENROUTER PROCESSING", "keep-alive");
        assertThat(events.get(2).type()).isEqualTo("custom");
        assertThat(events.get(2).id()).isEqualTo("42");
        assertThat(events.get(0).type()).isEqualTo("message");
        assertThat(events.get(4).isDone()).isTrue();
    }

    @Test
    void a_cr_at_the_end_of_one_read_and_its_lf_in_the_next_make_one_line_break() throws IOException {
        // with 2-byte reads "a\r" and "\n\n" fall apart exactly at the CRLF
        List<SseEvent> events = readAll("da" + "ta: a\r\n\r\ndata: b\r\n\r\n", 9, new ArrayList<>());
        assertThat(data(events)).containsExactly("a", "b");
    }

    @Test
    void comment_lines_are_never_parsed_as_data() throws IOException {
        List<String> comments = new ArrayList<>();
        List<SseEvent> events = readAll(": {\"not\":\"json\"}\n:\ndata: {}\n\n", 4, comments);
        assertThat(data(events)).containsExactly("{}");
        assertThat(comments).containsExactly("{\"not\":\"json\"}", "");
    }

    @Test
    void blank_lines_without_data_dispatch_nothing() throws IOException {
        List<SseEvent> events = readAll("\n\n\r\n\nevent: ping\n\ndata: x\n\n", 3, new ArrayList<>());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo("message");
    }

    @Test
    void a_stream_cut_inside_a_frame_dispatches_nothing_and_reports_the_tail() throws IOException {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(
                "data: {\"ok\":1}\n\ndata: {\"choices\":[{\"del".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(reader.next().data()).isEqualTo("{\"ok\":1}");
        assertThat(reader.truncatedTail()).isNull();
        assertThat(reader.next()).isNull();
        assertThat(reader.truncatedTail()).isEqualTo("data: {\"choices\":[{\"del");
    }

    @Test
    void data_lines_without_their_closing_blank_line_are_not_dispatched() throws IOException {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(
                "data: [DONE]\n".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(reader.next()).isNull();
        assertThat(reader.truncatedTail()).isEqualTo("[DONE]");
    }

    @Test
    void a_stream_ending_on_a_frame_boundary_has_no_tail() throws IOException {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(
                "data: a\n\n".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(readAll(reader)).hasSize(1);
        assertThat(reader.truncatedTail()).isNull();
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 8192})
    void a_leading_byte_order_mark_is_dropped(int readSize) throws IOException {
        byte[] body = "\uFEFFdata: a\n\n".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> events = readAll(new SseEventReader(new TrickleInputStream(body, readSize), null, 16));
        assertThat(data(events)).containsExactly("a");
    }

    @Test
    void a_field_without_colon_is_a_name_with_an_empty_value() throws IOException {
        List<SseEvent> events = readAll("data\ndata\n\n", 1, new ArrayList<>());
        assertThat(data(events)).containsExactly("\n");
    }

    @Test
    void an_empty_stream_gives_no_event_and_no_tail() throws IOException {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(new byte[0]), null);
        assertThat(reader.next()).isNull();
        assertThat(reader.truncatedTail()).isNull();
    }
}
