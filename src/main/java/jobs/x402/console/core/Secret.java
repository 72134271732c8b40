package jobs.x402.console.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password, API key or integration secret held as chars so it can be wiped; its {@code toString} never shows it.
 */
public final class Secret implements AutoCloseable {
    private char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** Copies the chars; the caller may wipe its own array afterwards. */
    public static Secret of(char[] chars) {
        return new Secret(Arrays.copyOf(chars, chars.length));
    }

    public static Secret of(String text) {
        return new Secret(text.toCharArray());
    }

    public boolean isEmpty() {
        return value == null || value.length == 0;
    }

    public boolean isCleared() {
        return value == null;
    }

    /** A copy of the chars; wipe it after use. */
    public char[] chars() {
        ensureNotCleared();
        return Arrays.copyOf(value, value.length);
    }

    /** Only for APIs that insist on a String (JDBC properties, HTTP headers); keep the result short-lived. */
    public String reveal() {
        ensureNotCleared();
        return new String(value);
    }

    /** Same characters, compared in time that does not depend on where they differ. */
    public boolean sameAs(Secret other) {
        char[] a = chars();
        char[] b = other.chars();
        try {
            int difference = a.length ^ b.length;
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                difference |= (i < a.length ? a[i] : 0) ^ (i < b.length ? b[i] : 0);
            }
            return difference == 0;
        } finally {
            java.util.Arrays.fill(a, '\0');
            java.util.Arrays.fill(b, '\0');
        }
    }

    public byte[] utf8() {
        ensureNotCleared();
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    public void clear() {
        if (value != null) {
            Arrays.fill(value, '\0');
            value = null;
        }
    }

    @Override
    public void close() {
        clear();
    }

    private void ensureNotCleared() {
        if (value == null) {
            throw new IllegalStateException("secret was cleared");
        }
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
