import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the console's application icon (a database cylinder on a slate tile with the "402" status code) and writes
 * every format jpackage wants: PNGs for Linux, an ICO for Windows and an ICNS for macOS. ICO and ICNS both carry
 * PNG-compressed images, which Windows Vista+ and macOS 10.7+ read. Run: java installer/icons/IconRenderer.java
 */
public final class IconRenderer {
    private static final int[] PNG_SIZES = {16, 32, 48, 64, 128, 256, 512};
    private static final int[] ICO_SIZES = {16, 32, 48, 64, 128, 256};
    /** ICNS OSType per pixel size, PNG payloads. */
    private static final Map<String, Integer> ICNS_TYPES = new LinkedHashMap<>();

    static {
        ICNS_TYPES.put("icp4", 16);
        ICNS_TYPES.put("icp5", 32);
        ICNS_TYPES.put("icp6", 64);
        ICNS_TYPES.put("ic07", 128);
        ICNS_TYPES.put("ic08", 256);
        ICNS_TYPES.put("ic09", 512);
        ICNS_TYPES.put("ic10", 1024);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "installer/icons");
        Files.createDirectories(dir);
        for (int size : PNG_SIZES) {
            Files.write(dir.resolve("x402-console-" + size + ".png"), png(draw(size)));
        }
        Files.write(dir.resolve("x402-console.ico"), ico());
        Files.write(dir.resolve("x402-console.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        double margin = s * 0.06;
        RoundRectangle2D tile = new RoundRectangle2D.Double(margin, margin, s - 2 * margin, s - 2 * margin,
                s * 0.22, s * 0.22);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1F2A44), 0, (float) s, new Color(0x0D1321)));
        g.fill(tile);

        // database cylinder: three stacked discs
        double cx = s * 0.5;
        double width = s * 0.56;
        double ellipseHeight = s * 0.14;
        double top = s * 0.13;
        double bodyHeight = s * 0.34;
        Color body = new Color(0x2DD4BF);
        Color rim = new Color(0x99F6E4);
        g.setColor(body);
        g.fill(new Rectangle2D.Double(cx - width / 2, top + ellipseHeight / 2, width, bodyHeight));
        g.fill(new Ellipse2D.Double(cx - width / 2, top + bodyHeight, width, ellipseHeight));
        g.setColor(new Color(0x0F766E));
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.018)));
        for (int i = 1; i <= 2; i++) {
            double y = top + bodyHeight * i / 3.0;
            g.draw(new java.awt.geom.Arc2D.Double(cx - width / 2, y, width, ellipseHeight, 180, 180,
                    java.awt.geom.Arc2D.OPEN));
        }
        g.setColor(rim);
        g.fill(new Ellipse2D.Double(cx - width / 2, top, width, ellipseHeight));

        // "402" under the cylinder, left out where it would be unreadable
        if (size >= 32) {
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, 10).deriveFont((float) (s * 0.21));
            FontRenderContext frc = g.getFontRenderContext();
            GlyphVector glyphs = font.createGlyphVector(frc, "402");
            Rectangle2D bounds = glyphs.getVisualBounds();
            float x = (float) (cx - bounds.getWidth() / 2 - bounds.getX());
            float y = (float) (s * 0.85);
            g.setColor(new Color(0xFBBF24));
            g.drawGlyphVector(glyphs, x, y);
        }
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** ICONDIR + ICONDIRENTRY per size, PNG payloads; little-endian. */
    static byte[] ico() throws IOException {
        byte[][] images = new byte[ICO_SIZES.length][];
        for (int i = 0; i < ICO_SIZES.length; i++) {
            images[i] = png(draw(ICO_SIZES[i]));
        }
        int headerSize = 6 + 16 * ICO_SIZES.length;
        int total = headerSize;
        for (byte[] image : images) {
            total += image.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length);
        int offset = headerSize;
        for (int i = 0; i < ICO_SIZES.length; i++) {
            int size = ICO_SIZES[i];
            buffer.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            buffer.put((byte) 0).put((byte) 0); // no palette, reserved
            buffer.putShort((short) 1).putShort((short) 32); // colour planes, bits per pixel
            buffer.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            buffer.put(image);
        }
        return buffer.array();
    }

    /** 'icns' + total length, then OSType + length + PNG per entry; big-endian. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(entries);
        for (Map.Entry<String, Integer> type : ICNS_TYPES.entrySet()) {
            byte[] image = png(draw(type.getValue()));
            data.writeBytes(type.getKey());
            data.writeInt(8 + image.length);
            data.write(image);
        }
        data.flush();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + entries.size());
        header.write(entries.toByteArray());
        header.flush();
        return file.toByteArray();
    }
}
