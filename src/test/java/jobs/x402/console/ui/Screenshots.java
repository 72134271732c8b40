package jobs.x402.console.ui;

import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a scene to PNG without javafx.swing: the README's screenshot comes from the UI tests. */
public final class Screenshots {
    private Screenshots() {
    }

    /** Call on the FX thread. */
    public static Path write(Scene scene, String name) throws IOException {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path file = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        ImageIO.write(buffered, "png", file.toFile());
        return file;
    }
}
