package dev.hrvq.experiments.data;

/** A data set's files are not on this machine; the message gives the command that installs them. */
public final class MissingDataSetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String dataSet;

  /** {@code missing} names the file or folder looked for, so a user can check by hand. */
  public MissingDataSetException(String dataSet, String missing) {
    super("data set " + dataSet + " is not installed (" + missing + " not found); install it with: "
        + installCommand(dataSet));
    this.dataSet = dataSet;
  }

  /** The data set's name, as given to {@code DataSets.load}. */
  public String dataSet() {
    return dataSet;
  }

  /** The exact command a user runs to install {@code dataSet}. */
  public static String installCommand(String dataSet) {
    return "./hrvq data install " + dataSet;
  }
}
