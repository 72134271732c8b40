package jobs.x402.console.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;

/**
 * Standard output and error in the terminal's charset. The console's text uses a few typographic characters (the
 * "·" separator, "…", "→", "—"); in a locale whose charset cannot encode them (POSIX/C is ASCII) Java would print
 * "?" instead. There they become their ASCII spelling ("-", "...", "->", "--"), accented letters lose their accent,
 * and JSON documents escape what is left ({@code \u00fc}), so a script's parser still gets the exact data.
 */
final class PortableOutput {
    /** The ASCII spelling of the characters the console's own texts use. */
    private static final Map<Character, String> ASCII = Map.ofEntries(
            Map.entry('·', "-"), Map.entry('…', "..."), Map.entry('→', "->"), Map.entry('←', "<-"),
            Map.entry('—', "--"), Map.entry('–', "-"), Map.entry('−', "-"), Map.entry('•', "*"),
            Map.entry('×', "x"), Map.entry('≠', "!="), Map.entry('≤', "<="), Map.entry('≥', ">="),
            Map.entry('§', "S."), Map.entry('⚠', "!"), Map.entry('✓', "ok"), Map.entry('✗', "x"),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('“', "\""), Map.entry('”', "\""),
            Map.entry('²', "2"), Map.entry('⁶', "6"), Map.entry('\u00a0', " "));

    private PortableOutput() {
    }

    /** The charset the terminal reads: Java 19+ names it; Java 17 encodes standard output in the default charset. */
    static Charset terminalCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** A writer onto {@code stream} in {@code charset}; one that spells unencodable characters in ASCII if need be. */
    static PrintWriter writer(OutputStream stream, Charset charset) {
        Writer encoded = new OutputStreamWriter(stream, charset);
        if (encodesTypography(charset)) {
            return new PrintWriter(encoded, true);
        }
        return new LimitedCharsetWriter(new Transliterating(encoded, charset.newEncoder()));
    }

    /** True when {@code out} cannot carry every character, so JSON should escape them instead. */
    static boolean isLimited(PrintWriter out) {
        return out instanceof LimitedCharsetWriter;
    }

    static boolean encodesTypography(Charset charset) {
        return charset.canEncode() && charset.newEncoder().canEncode("·…→—");
    }

    /** The ASCII (or accent-free) spelling of {@code c} when the encoder cannot encode it. */
    static String spelling(char c, CharsetEncoder encoder) {
        String ascii = ASCII.get(c);
        if (ascii != null) {
            return ascii;
        }
        String stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (!stripped.isEmpty() && encoder.canEncode(stripped)) {
            return stripped;
        }
        return "?";
    }

    private static final class LimitedCharsetWriter extends PrintWriter {
        LimitedCharsetWriter(Writer out) {
            super(out, true);
        }
    }

    private static final class Transliterating extends Writer {
        private final Writer target;
        private final CharsetEncoder encoder;

        Transliterating(Writer target, CharsetEncoder encoder) {
            this.target = target;
            this.encoder = encoder;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            StringBuilder out = new StringBuilder(length + 16);
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c < 0x80 || encoder.canEncode(c)) {
                    out.append(c);
                } else if (Character.isHighSurrogate(c) && i + 1 < offset + length) {
                    i++; // a character outside the BMP (an emoji): no ASCII spelling
                    out.append('?');
                } else {
                    out.append(spelling(c, encoder));
                }
            }
            target.write(out.toString());
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
