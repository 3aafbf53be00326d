package dev.hrvq.experiments.fid;

/**
 * What {@code classifier.json} in a cached classifier's folder says: which data and image shape the
 * classifier was trained for, how, and its accuracy on the test split. Written after the
 * checkpoint, so its presence means the checkpoint is complete.
 *
 * @param featureScale the root mean square of the raw penultimate activations over the test split;
 *     {@link FeatureClassifier#features} divides by it, so features are of order 1 (as the KID
 *     kernel {@code (x.y/d + 1)^3} assumes) and fixed per classifier
 */
public record ClassifierRecord(
    String format,
    String dataset,
    int size,
    int channels,
    int classes,
    ClassifierTraining training,
    double testAccuracy,
    int testImages,
    double featureScale,
    double trainSeconds) {

  public static final String FORMAT = "hrvq-lenet-classifier-1";

  /** True when a classifier recorded so can stand in for one trained on these terms. */
  boolean matches(String dataset, LeNet net, ClassifierTraining training) {
    return FORMAT.equals(format) && this.dataset.equals(dataset) && size == net.size() && channels == net.channels()
        && classes == net.classes() && this.training.equals(training) && featureScale > 0;
  }
}
