package dev.hrvq.experiments.report;

import dev.hrvq.models.Pictures;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PNG grid of NHWC images in [0, 1]: one row per group (originals, reconstructions from some
 * layers), optional row labels in a left margin, nearest-neighbour upscaling, 2-pixel gaps.
 *
 * <p>Layout, in output pixels, with {@code cw = w * scale}, {@code ch = h * scale}, {@code G = GAP}
 * and {@code L} the label margin (0 without labels): width {@code L + G + columns * (cw + G)},
 * height {@code G + rows * (ch + G)}; image {@code k} of row {@code r} has its top-left corner at
 * ({@link #imageX(int) L + G + k * (cw + G)}, {@link #imageY(int) G + r * (ch + G)}).
 */
public final class ImageGrid {

  /** Pixels between images, and around the edge of the grid. */
  public static final int GAP = 2;

  private static final Color BACKGROUND = Color.WHITE;
  private static final Color LABEL_COLOUR = Color.BLACK;
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  // Space either side of the widest label, so it does not touch the edge or the first image.
  private static final int LABEL_PADDING = 6;

  static {
    Png.ensureHeadless();
  }

  /** One row: {@code count} images starting at image {@code first} of {@code images}. */
  private record Row(String label, float[] images, int first, int count) {}

  private final int h;
  private final int w;
  private final int c;
  private final int scale;
  private final int columns;
  private final int labelWidth;
  private final List<Row> rows;

  private ImageGrid(int h, int w, int c, int scale, int columns, int labelWidth, List<Row> rows) {
    this.h = h;
    this.w = w;
    this.c = c;
    this.scale = scale;
    this.columns = columns;
    this.labelWidth = labelWidth;
    this.rows = List.copyOf(rows);
  }

  /** Starts a grid of {@code h x w} images with {@code c} channels (1 = grayscale, 3 = RGB). */
  public static Builder builder(int h, int w, int c) {
    return new Builder(h, w, c);
  }

  /**
   * Writes {@code n} images as a plain grid of {@code columns} columns, without labels (e.g. 64
   * samples in 8 columns); a last row that is not full is left blank on the right.
   */
  public static Path tile(float[] images, int n, int h, int w, int c, int columns, int scale,
      Path png) {
    checkShape(h, w, c, scale);
    if (n < 1 || columns < 1) {
      throw new IllegalArgumentException("image grid: need n >= 1 and columns >= 1, got n " + n
          + ", columns " + columns);
    }
    checkLength("tile", images, n, h, w, c);
    List<Row> rows = new ArrayList<>();
    for (int first = 0; first < n; first += columns) {
      rows.add(new Row(null, images, first, Math.min(columns, n - first)));
    }
    return new ImageGrid(h, w, c, scale, Math.min(columns, n), 0, rows).write(png);
  }

  /** Width of the output PNG in pixels. */
  public int width() {
    return labelWidth + GAP + columns * (w * scale + GAP);
  }

  /** Height of the output PNG in pixels. */
  public int height() {
    return GAP + rows.size() * (h * scale + GAP);
  }

  /** Width of the label margin in pixels; 0 when no row has a label. */
  public int labelWidth() {
    return labelWidth;
  }

  /** Left edge, in output pixels, of the images in column {@code k}. */
  public int imageX(int k) {
    return labelWidth + GAP + k * (w * scale + GAP);
  }

  /** Top edge, in output pixels, of the images in row {@code r}. */
  public int imageY(int r) {
    return GAP + r * (h * scale + GAP);
  }

  /** Draws the grid. */
  public BufferedImage render() {
    // RGB even for grayscale input: labels are anti-aliased, and one type keeps readers simple.
    BufferedImage out = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        for (int k = 0; k < row.count(); k++) {
          paint(out, row.images(), row.first() + k, imageX(k), imageY(r));
        }
        if (row.label() != null) {
          drawLabel(g, row.label(), imageY(r));
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Draws the grid and writes it to {@code png} (atomically); returns {@code png}. */
  public Path write(Path png) {
    return Png.write(render(), png);
  }

  private void paint(BufferedImage out, float[] images, int index, int x0, int y0) {
    int base = index * h * w * c;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = base + (y * w + x) * c;
        int red = Pictures.toByte(images[p]);
        int rgb = c == 1
            ? red << 16 | red << 8 | red
            : red << 16 | Pictures.toByte(images[p + 1]) << 8 | Pictures.toByte(images[p + 2]);
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            out.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
          }
        }
      }
    }
  }

  private void drawLabel(Graphics2D g, String label, int top) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(LABEL_FONT);
    g.setColor(LABEL_COLOUR);
    FontMetrics metrics = g.getFontMetrics();
    // Right-aligned against the images, vertically centred on the row.
    int x = labelWidth - LABEL_PADDING - metrics.stringWidth(label);
    int y = top + (h * scale - metrics.getHeight()) / 2 + metrics.getAscent();
    g.drawString(label, Math.max(0, x), y);
  }

  private static void checkShape(int h, int w, int c, int scale) {
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("image grid: need h, w >= 1, got " + h + "x" + w);
    }
    if (c != 1 && c != 3) {
      throw new IllegalArgumentException("image grid: channels must be 1 (grayscale) or 3 (RGB),"
          + " got " + c);
    }
    if (scale < 1) {
      throw new IllegalArgumentException("image grid: scale must be >= 1, got " + scale);
    }
  }

  private static void checkLength(String what, float[] images, int n, int h, int w, int c) {
    long need = (long) n * h * w * c;
    if (images == null || images.length != need) {
      throw new IllegalArgumentException("image grid: " + what + " has "
          + (images == null ? "no" : String.valueOf(images.length)) + " values; " + n
          + " images of " + h + "x" + w + "x" + c + " need " + need);
    }
  }

  /** Collects the rows of an {@link ImageGrid}. */
  public static final class Builder {
    private final int h;
    private final int w;
    private final int c;
    private int scale = 1;
    private int labelWidth = -1;
    private final List<Row> rows = new ArrayList<>();

    private Builder(int h, int w, int c) {
      checkShape(h, w, c, 1);
      this.h = h;
      this.w = w;
      this.c = c;
    }

    /** Nearest-neighbour upscale factor (default 1), e.g. 3 so 32x32 digits are visible. */
    public Builder scale(int scale) {
      checkShape(h, w, c, scale);
      this.scale = scale;
      return this;
    }

    /**
     * Fixes the label margin in pixels; by default it fits the widest label, which depends on
     * the fonts installed, so callers that need exact positions can pin it.
     */
    public Builder labelWidth(int pixels) {
      if (pixels < 0) {
        throw new IllegalArgumentException("image grid: label width must be >= 0, got " + pixels);
      }
      this.labelWidth = pixels;
      return this;
    }

    /** Adds a row of {@code n} NHWC images labelled {@code label} (null for none). */
    public Builder row(String label, float[] images, int n) {
      String name = label == null ? "row " + rows.size() : "row '" + label + "'";
      if (n < 1) {
        throw new IllegalArgumentException("image grid: " + name + " needs n >= 1, got " + n);
      }
      checkLength(name, images, n, h, w, c);
      if (!rows.isEmpty() && rows.get(0).count() != n) {
        throw new IllegalArgumentException("image grid: " + name + " has " + n
            + " images but the first row has " + rows.get(0).count()
            + "; every row needs the same number");
      }
      rows.add(new Row(label, images, 0, n));
      return this;
    }

    /** Adds an unlabelled row of {@code n} NHWC images. */
    public Builder row(float[] images, int n) {
      return row(null, images, n);
    }

    /** The grid so far. */
    public ImageGrid build() {
      if (rows.isEmpty()) {
        throw new IllegalStateException("image grid: no rows; add at least one with row(...)");
      }
      int margin = labelWidth >= 0 ? labelWidth : fitLabels();
      return new ImageGrid(h, w, c, scale, rows.get(0).count(), margin, rows);
    }

    /** Builds the grid and writes it to {@code png} (atomically); returns {@code png}. */
    public Path write(Path png) {
      return build().write(png);
    }

    private int fitLabels() {
      int widest = -1;
      BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scratch.createGraphics();
      try {
        FontMetrics metrics = g.getFontMetrics(LABEL_FONT);
        for (Row row : rows) {
          if (row.label() != null) {
            widest = Math.max(widest, metrics.stringWidth(row.label()));
          }
        }
      } finally {
        g.dispose();
      }
      return widest < 0 ? 0 : widest + 2 * LABEL_PADDING;
    }
  }
}
