package jobs.x402.console.ui;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The application icon at every size the installers ship (installer/icons, copied into the jar by the build), for
 * the stages: the window manager, the task switcher and the dock pick the size they draw from this list
 * ({@code _NET_WM_ICON} on X11). Without it a running console shows a generic icon even when its menu entry has one.
 */
public final class AppIcons {
    /** Where the build puts installer/icons/x402-console-N.png. */
    public static final String RESOURCE_FORMAT = "/jobs/x402/console/ui/icons/x402-console-%d.png";
    public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

    private static List<Image> icons;

    private AppIcons() {
    }

    /** The icon at the given size (one of {@link #SIZES}, or 512), or null when the jar lacks it. */
    public static Image at(int size) {
        try (InputStream in = AppIcons.class.getResourceAsStream(String.format(RESOURCE_FORMAT, size))) {
            return in == null ? null : new Image(in);
        } catch (IOException e) {
            return null; // a window without its icon is still a complete window
        }
    }

    /** All sizes, read once per process (on the FX thread, where stages are made). */
    public static synchronized List<Image> all() {
        if (icons == null) {
            List<Image> loaded = new ArrayList<>();
            for (int size : SIZES) {
                Image image = at(size);
                if (image != null) {
                    loaded.add(image);
                }
            }
            icons = List.copyOf(loaded);
        }
        return icons;
    }

    /** Gives a stage the application icon; dialogs get it too, since not every window manager takes the owner's. */
    public static void apply(Stage stage) {
        stage.getIcons().setAll(all());
    }
}
