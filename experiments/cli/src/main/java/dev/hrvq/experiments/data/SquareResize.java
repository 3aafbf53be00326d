package dev.hrvq.experiments.data;

/**
 * Resizes a picture to {@code size x size}: the shorter side is scaled to {@code size} and the
 * centre square of the scaled picture is kept, by area averaging.
 *
 * <p>Precisely: for a {@code W x H} picture with shorter side {@code s = min(W, H)}, the kept source
 * square is {@code [x0, x0 + s) x [y0, y0 + s)} with {@code x0 = (W - s) / 2}, {@code y0 = (H - s) / 2}
 * (a half pixel when the margin is odd). Output pixel {@code (i, j)} covers the source rectangle
 * {@code [x0 + j f, x0 + (j + 1) f) x [y0 + i f, y0 + (i + 1) f)} with {@code f = s / size}; its
 * value is the mean of the source pixels weighted by how much of each that rectangle covers (a
 * box filter). Shrinking by a whole factor is the plain mean of each block; enlarging
 * ({@code f < 1}) copies each source pixel, blending where an output pixel straddles two.
 * Each channel is resized on its own; values are not clamped (means of [0, 1] stay in [0, 1]).
 */
public final class SquareResize {
  private SquareResize() {}

  /** A picture read one row at a time: {@code channels} interleaved values per pixel. */
  public interface Pixels {
    int width();

    int height();

    int channels();

    /** Writes row {@code y} ({@code width() * channels()} values) into {@code out}. */
    void row(int y, float[] out);
  }

  /** {@code size x size x channels} values, row-major, channels interleaved. */
  public static float[] apply(Pixels p, int size) {
    int w = p.width();
    int h = p.height();
    int c = p.channels();
    int s = Math.min(w, h);
    double f = (double) s / size;
    Weights cols = new Weights((w - s) / 2.0, f, size, w);
    Weights rows = new Weights((h - s) / 2.0, f, size, h);
    double[] acc = new double[size * size * c];
    float[] src = new float[w * c];
    double[] line = new double[size * c];
    for (int y = rows.first(); y < rows.last(); y++) {
      p.row(y, src);
      java.util.Arrays.fill(line, 0);
      for (int j = 0; j < size; j++) {
        for (int x = cols.start[j]; x < cols.end[j]; x++) {
          double wx = cols.weight(j, x);
          for (int ch = 0; ch < c; ch++) {
            line[j * c + ch] += wx * src[x * c + ch];
          }
        }
      }
      for (int i = rows.firstCovering(y); i < size && rows.start[i] <= y; i++) {
        double wy = rows.weight(i, y);
        if (wy > 0) {
          int base = i * size * c;
          for (int k = 0; k < size * c; k++) {
            acc[base + k] += wy * line[k];
          }
        }
      }
    }
    float[] out = new float[acc.length];
    double area = f * f;
    for (int k = 0; k < acc.length; k++) {
      out[k] = (float) (acc[k] / area);
    }
    return out;
  }

  /**
   * Along one axis: output pixel {@code k} covers {@code [origin + k f, origin + (k + 1) f)}, which
   * overlaps source pixels {@code start[k]} to {@code end[k] - 1}.
   */
  private static final class Weights {
    final double origin;
    final double f;
    final int[] start;
    final int[] end;

    Weights(double origin, double f, int size, int length) {
      this.origin = origin;
      this.f = f;
      start = new int[size];
      end = new int[size];
      for (int k = 0; k < size; k++) {
        start[k] = (int) Math.floor(lo(k));
        end[k] = Math.min(length, (int) Math.ceil(hi(k)));
      }
    }

    double lo(int k) {
      return origin + k * f;
    }

    double hi(int k) {
      return origin + (k + 1) * f;
    }

    /** How much of source pixel {@code x} (the interval [x, x + 1)) output pixel {@code k} covers. */
    double weight(int k, int x) {
      return Math.max(0, Math.min(hi(k), x + 1) - Math.max(lo(k), x));
    }

    int first() {
      return start[0];
    }

    int last() {
      return end[end.length - 1];
    }

    /** The first output pixel whose interval reaches source pixel {@code x}. */
    int firstCovering(int x) {
      int k = Math.max(0, (int) Math.floor((x - origin) / f) - 1);
      while (k < end.length && end[k] <= x) {
        k++;
      }
      return k;
    }
  }
}
