package jobs.x402.console.openrouter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads Server-Sent Events from a byte stream as the WHATWG event-stream rules say: lines end in LF, CRLF or CR
 * (even when the CR and LF arrive in different reads), {@code :} lines are comments, several {@code data:} lines join
 * with LF, a blank line dispatches. Works on bytes and decodes UTF-8 only per event, so a character split across reads
 * stays whole. Not thread-safe: one reader per stream.
 */
public final class SseEventReader {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final InputStream in;
    private final Consumer<String> comments;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLeadingLf;
    private boolean atStreamStart = true;

    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[1024];
    private int dataLength;
    private boolean hasData;
    private String eventType;
    private String lastEventId;
    private String truncatedTail;

    /** @param comments receives each comment's text (after the colon, one leading space removed); may be null */
    public SseEventReader(InputStream in, Consumer<String> comments) {
        this(in, comments, 8192);
    }

    SseEventReader(InputStream in, Consumer<String> comments, int bufferSize) {
        this.in = in;
        this.comments = comments;
        this.buffer = new byte[bufferSize];
    }

    /**
     * The next event, or null at the end of the stream. An event not closed by a blank line before the end is not
     * dispatched (the spec's rule); {@link #truncatedTail()} then tells what it held.
     */
    public SseEvent next() throws IOException {
        while (readLine()) {
            if (lineLength == 0) {
                SseEvent event = dispatch();
                if (event != null) {
                    return event;
                }
            } else {
                processLine();
            }
        }
        if (hasData || lineLength > 0) {
            truncatedTail = hasData ? utf8(data, dataLength) : utf8(line, lineLength);
            if (hasData && lineLength > 0) {
                truncatedTail = truncatedTail + "\n" + utf8(line, lineLength);
            }
        }
        return null;
    }

    /** What an unfinished last frame held when the stream ended, or null when it ended on a frame boundary. */
    public String truncatedTail() {
        return truncatedTail;
    }

    /** The last {@code id:} seen, as a client would send in Last-Event-ID. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Fills {@code line} with the next complete line; false at the end of the stream (a partial line stays). */
    private boolean readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos >= limit && !fill()) {
                return false;
            }
            if (skipLeadingLf) {
                skipLeadingLf = false;
                if (buffer[pos] == LF) {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int end = limit;
            byte[] buf = buffer;
            int i = start;
            while (i < end) {
                byte b = buf[i];
                if (b == LF || b == CR) {
                    append(buf, start, i - start);
                    pos = i + 1;
                    // a CR may be the first half of a CRLF whose LF is in the next read
                    skipLeadingLf = b == CR;
                    return true;
                }
                i++;
            }
            append(buf, start, end - start);
            pos = end;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        if (atStreamStart && n > 0) {
            atStreamStart = false;
            stripByteOrderMark();
        }
        return true;
    }

    private void stripByteOrderMark() throws IOException {
        // the spec allows one UTF-8 BOM at the very start; it may itself arrive split
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        int matched = 0;
        while (matched < 3) {
            if (pos >= limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    pos = 0;
                    limit = 0;
                    return;
                }
                pos = 0;
                limit = n;
                continue;
            }
            if (buffer[pos] != bom[matched]) {
                if (matched > 0) {
                    // not a BOM after all: give back the bytes taken
                    append(bom, 0, matched);
                }
                return;
            }
            matched++;
            pos++;
        }
    }

    private void append(byte[] src, int from, int length) {
        if (length == 0) {
            return;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(src, from, line, lineLength, length);
        lineLength += length;
    }

    private void processLine() {
        if (line[0] == ':') {
            if (comments != null) {
                int from = lineLength > 1 && line[1] == ' ' ? 2 : 1;
                comments.accept(new String(line, from, lineLength - from, StandardCharsets.UTF_8));
            }
            return;
        }
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? lineLength : colon;
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = lineLength - valueStart;
        if (isField("data", nameEnd)) {
            if (hasData) {
                appendData(new byte[]{LF}, 0, 1);
            }
            appendData(line, valueStart, valueLength);
            hasData = true;
        } else if (isField("event", nameEnd)) {
            eventType = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
        } else if (isField("id", nameEnd)) {
            String id = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
            if (id.indexOf('\0') < 0) {
                lastEventId = id;
            }
        }
        // "retry" and unknown fields are ignored: the client does not reconnect on its own
    }

    private boolean isField(String name, int nameEnd) {
        if (nameEnd != name.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (line[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void appendData(byte[] src, int from, int length) {
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(src, from, data, dataLength, length);
        dataLength += length;
    }

    private SseEvent dispatch() {
        if (!hasData) {
            eventType = null;
            return null;
        }
        SseEvent event = new SseEvent(eventType == null || eventType.isEmpty() ? "message" : eventType,
                utf8(data, dataLength), lastEventId);
        hasData = false;
        dataLength = 0;
        eventType = null;
        return event;
    }

    private static String utf8(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
