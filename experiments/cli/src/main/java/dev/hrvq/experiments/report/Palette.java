package dev.hrvq.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.List;
import org.jfree.chart.plot.DefaultDrawingSupplier;

/**
 * The line colours of every hrvq chart: a fixed qualitative palette, so a series keeps its colour
 * from one chart to the next and colour-blind readers can tell lines apart. The first eight are
 * Okabe-Ito (yellow moved last: it is faint on white), then three from Tableau 10.
 */
public final class Palette {

  /** The colours, in the order series receive them. */
  public static final List<Color> COLOURS = List.of(
      new Color(0x00, 0x72, 0xB2), // blue
      new Color(0xE6, 0x9F, 0x00), // orange
      new Color(0x00, 0x9E, 0x73), // bluish green
      new Color(0xD5, 0x5E, 0x00), // vermillion
      new Color(0xCC, 0x79, 0xA7), // reddish purple
      new Color(0x56, 0xB4, 0xE9), // sky blue
      new Color(0x00, 0x00, 0x00), // black
      new Color(0x9C, 0x75, 0x5F), // Tableau brown
      new Color(0xFF, 0x9D, 0xA7), // Tableau pink
      new Color(0x79, 0x70, 0x6E), // Tableau dark grey
      new Color(0xF0, 0xE4, 0x42)); // yellow

  // Past the palette, colours repeat with a dash pattern, so (colour, stroke) stays unique.
  private static final float[][] DASHES = {null, {6f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};

  // Marker shapes (square, circle, triangles, diamond...), also chosen by index, so a series keeps
  // its marker across panels and a colour-blind reader has a second cue.
  private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

  private Palette() {}

  /** The marker shape of series {@code index}; shapes repeat every few series. */
  public static Shape shape(int index) {
    return SHAPES[Math.floorMod(index, SHAPES.length)];
  }

  /** The colour of series {@code index} (from 0); it repeats every {@link #COLOURS} entries. */
  public static Color colour(int index) {
    return COLOURS.get(Math.floorMod(index, COLOURS.size()));
  }

  /**
   * The stroke of series {@code index}: solid for the first round of colours, then dashed, so a
   * repeated colour is still told apart by its line.
   */
  public static Stroke stroke(int index, float width) {
    float[] dash = DASHES[Math.floorMod(index / COLOURS.size(), DASHES.length)];
    return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }
}
