package dev.hrvq.experiments.data;

/**
 * Real MNIST for the {@code real-data} tests ({@code mvn -B verify -Preal-data}): installs it into the
 * user's data root (HRVQ_DATA or ~/.hrvq/data) when it is missing, so those tests fail rather than skip
 * where it cannot be had.
 */
public final class RealMnist {
  private RealMnist() {}

  /** The user's data sets, with MNIST installed. */
  public static DataSets dataSets() {
    DataLocations locations = DataLocations.fromEnvironment();
    new Installer(locations, System.out).install("mnist");
    return new DataSets(locations);
  }
}
