package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.PixelCnnPrior;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt64;

/**
 * Ancestral sampling one row at a time, for a prior without attention
 * ({@link PixelCnnPrior#incremental()}): per row, {@link PixelCnnPrior#rowContext()} once (the
 * vertical stacks over the whole map); per position, {@link PixelCnnPrior#rowStep()} on that row
 * alone, fed the row context's tensors as they came out. The logits are those of the whole network
 * and the random numbers are taken in {@link AncestralSampler}'s order (position-major, then sample;
 * batching does not change it), so for one seed both samplers draw the same codes, unless a float
 * rounding difference between the two graphs moves a draw across the edge of a code's probability
 * interval (about 1e-7 of the interval: rare).
 *
 * <p>Samples are run in batches of at most {@code batch}; every batch's row context is held while
 * the row is drawn.
 */
public final class IncrementalSampler implements CodeSampler {
  /** Samples per network call: large enough to amortise a call, small enough to bound the memory of the row context. */
  public static final int DEFAULT_BATCH = 1000;
  private final CompiledFunction rowContext;
  private final CompiledFunction rowStep;
  private final PixelCnnPrior prior;
  private final int batch;
  private final int height;
  private final int width;

  /**
   * @param rowContext {@link PixelCnnPrior#rowContext()} compiled on {@link PixelCnnPrior#rowContextInputs()}
   * @param rowStep {@link PixelCnnPrior#rowStep()} compiled on {@link PixelCnnPrior#rowStepInputs()}
   * @param batch the most samples per network call
   */
  public IncrementalSampler(CompiledFunction rowContext, CompiledFunction rowStep, PixelCnnPrior prior, int batch) {
    if (!prior.incremental()) {
      throw new IllegalArgumentException("this prior has attention, which attends across the whole map: sample it with AncestralSampler");
    }
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    this.rowContext = rowContext;
    this.rowStep = rowStep;
    this.prior = prior;
    this.batch = batch;
    this.height = Math.toIntExact(prior.height());
    this.width = Math.toIntExact(prior.width());
  }

  /**
   * Compiles the row context and row step of {@code prior} into {@code trainer}'s graph (functions
   * {@code row_context} and {@code row_step}: once per trainer) and samples in batches of
   * {@link #DEFAULT_BATCH}.
   */
  public static IncrementalSampler compile(Trainer trainer, PixelCnnPrior prior) {
    return compile(trainer, prior, DEFAULT_BATCH);
  }

  /** As {@link #compile(Trainer, PixelCnnPrior)}, sampling in batches of {@code batch}. */
  public static IncrementalSampler compile(Trainer trainer, PixelCnnPrior prior, int batch) {
    return new IncrementalSampler(
        trainer.function("row_context", prior.rowContextInputs(), prior.rowContext(), false),
        trainer.function("row_step", prior.rowStepInputs(), prior.rowStep(), false),
        prior, batch);
  }

  /** This sampler's compiled functions in batches of {@code batch} (a trainer compiles each function once). */
  public IncrementalSampler withBatch(int batch) {
    return new IncrementalSampler(rowContext, rowStep, prior, batch);
  }

  @Override
  public long[] sample(int n, float[] labels, Map<String, long[]> uppers, float temperature, long seed) {
    Random random = new Random(seed);
    int k = (int) prior.codes();
    int positions = height * width;
    long[] codes = new long[n * positions];
    double[] p = new double[k];
    int batches = (n + batch - 1) / batch;
    Outputs[] context = new Outputs[batches];
    for (int row = 0; row < height; row++) {
      try {
        for (int b = 0; b < batches; b++) {
          context[b] = context(b * batch, size(n, b), codes, labels, uppers, row);
        }
        for (int column = 0; column < width; column++) {
          int pos = row * width + column;
          // Batches inside the position: the random numbers go position by position, then sample by sample.
          for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int m = size(n, b);
            float[] l = step(context[b], from, m, codes, row, column);
            for (int i = 0; i < m; i++) {
              codes[(from + i) * positions + pos] = AncestralSampler.draw(l, i * k, k, temperature, random, p);
            }
          }
        }
      } finally {
        for (int b = 0; b < batches; b++) {
          if (context[b] != null) {
            context[b].close();
            context[b] = null;
          }
        }
      }
    }
    return codes;
  }

  private int size(int n, int b) {
    return Math.min(batch, n - b * batch);
  }

  /** The row context of samples {@code [from, from + m)} for {@code row}; the caller closes it. */
  private Outputs context(int from, int m, long[] codes, float[] labels, Map<String, long[]> uppers, int row) {
    int positions = height * width;
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      feeds.put("codes", longs(Arrays.copyOfRange(codes, from * positions, (from + m) * positions), m, height, width));
      if (prior.labels() > 0) {
        feeds.put("labels", Tensors.of(Arrays.copyOfRange(labels, from * prior.labels(), (from + m) * prior.labels()), m, prior.labels()));
      }
      for (PixelCnnPrior.Upper u : prior.uppers()) {
        int size = Math.toIntExact(u.height() * u.width());
        feeds.put(u.name(), longs(Arrays.copyOfRange(uppers.get(u.name()), from * size, (from + m) * size), m, u.height(), u.width()));
      }
      feeds.put(PixelCnnPrior.ROW, TInt64.scalarOf(row));
      return rowContext.call(feeds);
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** The logits {@code [m, K]} at {@code (row, column)} of samples {@code [from, from + m)}. */
  private float[] step(Outputs context, int from, int m, long[] codes, int row, int column) {
    int positions = height * width;
    long[] rowCodes = new long[m * width];
    for (int i = 0; i < m; i++) {
      System.arraycopy(codes, (from + i) * positions + row * width, rowCodes, i * width, width);
    }
    Map<String, Tensor> own = new LinkedHashMap<>();
    try {
      own.put(PixelCnnPrior.ROW_CODES, longs(rowCodes, m, 1, width));
      own.put(PixelCnnPrior.COLUMN, TInt64.scalarOf(column));
      Map<String, Tensor> feeds = new LinkedHashMap<>(own);
      // The row context's tensors go back in as they are; they stay the context's to close.
      context.names().forEach(name -> feeds.put(name, context.tensor(name)));
      try (Outputs out = rowStep.call(feeds)) {
        return out.floats("logits");
      }
    } finally {
      own.values().forEach(Tensor::close);
    }
  }

  private static TInt64 longs(long[] values, long... dims) {
    return TInt64.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false));
  }
}
