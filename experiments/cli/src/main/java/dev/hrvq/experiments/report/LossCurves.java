package dev.hrvq.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's loss terms by step ({@code loss_curves.png}): three panels stacked on one step axis,
 * each with its own log y axis and legend, an empty panel left out.
 *
 * <p>The panel rule, on the term's name: a name containing {@code codebook} goes to the codebook
 * panel, else one containing {@code commitment} to the commitment panel, and every other name
 * ({@code recon}, the total {@code loss}, {@code test_mse}, anything new) to the first panel. It
 * fits the names the models log: {@code codebook}/{@code commitment} (VQ-VAE), {@code
 * layer<i>_codebook}, {@code combined_commitment} (HR-VQVAE), {@code codebook_level<j>}
 * (VQ-VAE-2).
 *
 * <p>A term equal in value at every step to a later term of its panel is drawn once, under the
 * later name with its own in brackets ({@code layer3_codebook (= combined)}). HR-VQVAE's {@code
 * combined_codebook} always equals {@code layer<n>_codebook}: the last layer quantizes {@code
 * r_{n-1}}, and {@code r_{n-1} - e_n = xi0 - (e_1 + ... + e_n) = xi0 - e_C}, the combined error.
 * {@code combined_commitment} equals {@code layer<n>_commitment} when {@code beta0 == beta_n}
 * (the default); comparing values, not names, keeps both lines when the betas differ.
 */
public final class LossCurves {

  /** The panels, top to bottom, by their y-axis labels. */
  static final List<String> PANELS = List.of("reconstruction", "codebook", "commitment");

  // Logged float32 terms computed by different ops agree to ~1e-6 relative; distinct terms
  // differ by far more than this at some step.
  private static final double SAME = 1e-4;
  private static final String MERGED = " (= ";

  private LossCurves() {}

  /** {@link #write(Path, String, Map, int, int)} at 900 pixels wide, 220 per panel. */
  public static Path write(Path png, String runName, Map<String, double[][]> terms) {
    return write(png, runName, terms, StackedCurves.WIDTH, StackedCurves.PANEL_HEIGHT);
  }

  /**
   * Writes the loss curves of run {@code runName}: {@code terms} maps each term's name (as in
   * {@code losses.jsonl}, plus {@code test_mse}) to its {@code {step, value}} points, in the
   * order the legend should list them. Non-finite values are left out. The image is {@code
   * width} wide and {@link #height(int, int)} high.
   *
   * @throws IllegalArgumentException if there are no terms, or a term has no points
   */
  public static Path write(Path png, String runName, Map<String, double[][]> terms, int width,
      int panelHeight) {
    List<StackedCurves.Panel> panels = panels(terms);
    boolean merged = panels.stream().flatMap(p -> p.lines().stream())
        .anyMatch(l -> l.label().contains(MERGED));
    return StackedCurves.write(png, runName + ": loss terms by step",
        "test_mse on the test split"
            + (merged ? "; a (= b): b has the same values, drawn once" : ""),
        "step", panels, width, panelHeight);
  }

  /** The height of a chart of {@code panels} panels (1 to 3). */
  public static int height(int panels, int panelHeight) {
    return StackedCurves.height(panels, panelHeight);
  }

  /** The panel of a term (an index into {@link #PANELS}): the rule in the class comment. */
  static int panelOf(String term) {
    if (term.contains("codebook")) {
      return 1;
    }
    if (term.contains("commitment")) {
      return 2;
    }
    return 0;
  }

  /**
   * The non-empty panels with their lines: duplicates merged, styles 0, 1, 2... within each
   * panel so no two lines of a panel share a colour (up to {@link Palette#COLOURS} lines).
   */
  static List<StackedCurves.Panel> panels(Map<String, double[][]> terms) {
    if (terms == null || terms.isEmpty()) {
      throw new IllegalArgumentException("loss curves: no series to draw");
    }
    List<List<String>> names = new ArrayList<>();
    PANELS.forEach(p -> names.add(new ArrayList<>()));
    terms.forEach((name, points) -> {
      new StackedCurves.Line(name, points, 0); // checks the points before anything is drawn
      names.get(panelOf(name)).add(name);
    });
    List<StackedCurves.Panel> out = new ArrayList<>();
    for (int p = 0; p < PANELS.size(); p++) {
      List<String> inPanel = names.get(p);
      List<String> labels = new ArrayList<>(inPanel);
      boolean[] dropped = new boolean[inPanel.size()];
      for (int i = 0; i < inPanel.size(); i++) {
        for (int j = i + 1; j < inPanel.size(); j++) {
          if (!dropped[j] && same(terms.get(inPanel.get(i)), terms.get(inPanel.get(j)))) {
            dropped[i] = true;
            // Any names already merged into i carry over to j.
            String earlier = labels.get(i).substring(inPanel.get(i).length());
            labels.set(j, labels.get(j) + MERGED + alias(inPanel.get(j), inPanel.get(i)) + ")"
                + earlier);
            break;
          }
        }
      }
      List<StackedCurves.Line> lines = new ArrayList<>();
      for (int i = 0; i < inPanel.size(); i++) {
        if (!dropped[i]) {
          lines.add(new StackedCurves.Line(labels.get(i), terms.get(inPanel.get(i)),
              lines.size()));
        }
      }
      if (!lines.isEmpty()) {
        out.add(new StackedCurves.Panel(PANELS.get(p), lines, true));
      }
    }
    return out;
  }

  /**
   * How a merged term is named after the kept one: without the suffix they share, so {@code
   * layer3_codebook} and {@code combined_codebook} read {@code layer3_codebook (= combined)}.
   */
  static String alias(String kept, String dropped) {
    int k = kept.lastIndexOf('_');
    int d = dropped.lastIndexOf('_');
    return k > 0 && d > 0 && kept.substring(k).equals(dropped.substring(d))
        ? dropped.substring(0, d) : dropped;
  }

  /** Same steps, and values equal to {@link #SAME} relative (non-finite ones equal each other). */
  static boolean same(double[][] a, double[][] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i][0] != b[i][0]) {
        return false;
      }
      double x = a[i][1];
      double y = b[i][1];
      boolean bothNonFinite = !Double.isFinite(x) && !Double.isFinite(y);
      if (!bothNonFinite && !(Math.abs(x - y) <= SAME * Math.max(Math.abs(x), Math.abs(y)))) {
        return false;
      }
    }
    return true;
  }
}
