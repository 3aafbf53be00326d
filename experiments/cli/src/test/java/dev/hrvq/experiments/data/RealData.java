package dev.hrvq.experiments.data;

/**
 * Real data sets for the {@code real-data} tests ({@code mvn -B verify -Preal-data}): installs each
 * into the user's data root (HRVQ_DATA or ~/.hrvq/data) when it is missing, so those tests fail
 * rather than skip where it cannot be had.
 */
public final class RealData {
  private RealData() {}

  /** The user's data sets, with {@code names} installed. */
  public static DataSets dataSets(String... names) {
    DataLocations locations = DataLocations.fromEnvironment();
    Installer installer = new Installer(locations, System.out);
    for (String name : names) {
      installer.install(name);
    }
    return new DataSets(locations);
  }
}
