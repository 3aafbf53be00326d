package dev.hrvq.experiments.data;

/** Real MNIST for the {@code real-data} tests; see {@link RealData}. */
public final class RealMnist {
  private RealMnist() {}

  /** The user's data sets, with MNIST installed. */
  public static DataSets dataSets() {
    return RealData.dataSets("mnist");
  }
}
