package dev.hrvq.experiments.run;

import dev.hrvq.experiments.data.Dataset;

/**
 * Which images make up training step {@code s}: a pure function of (seed, step), so a resumed run
 * sees exactly the batches an uninterrupted one would. Each epoch is a fresh seeded permutation;
 * the last partial batch of an epoch is dropped.
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final long seed;
  private final int perEpoch;
  private int cachedEpoch = -1;
  private int[] order;

  public Batches(Dataset data, int batchSize, long seed) {
    if (data.n() < batchSize) {
      throw new IllegalArgumentException("the training set has " + data.n() + " images, fewer than one batch of " + batchSize
          + "; lower data.batch_size or raise data.train_limit");
    }
    this.data = data;
    this.batchSize = batchSize;
    this.seed = seed;
    this.perEpoch = data.n() / batchSize;
  }

  /** The images of step {@code step}, NHWC. */
  public float[] images(long step) {
    int epoch = Math.toIntExact(step / perEpoch);
    if (epoch != cachedEpoch) {
      order = data.epochOrder(seed * 1_000_003L + epoch);
      cachedEpoch = epoch;
    }
    int start = (int) (step % perEpoch) * batchSize;
    int[] indices = new int[batchSize];
    System.arraycopy(order, start, indices, 0, batchSize);
    return data.batch(indices);
  }

  public int batchSize() {
    return batchSize;
  }

  public int batchesPerEpoch() {
    return perEpoch;
  }
}
