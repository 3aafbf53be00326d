package dev.hrvq.experiments.fid;

import java.util.Locale;

/**
 * FID and KID between two image sets, both computed on the penultimate features of the project's
 * own LeNet classifier ({@link FeatureClassifier}), not on Inception-v3: the numbers are comparable
 * with each other (same data set, same classifier) but not with published Inception FIDs, and are
 * always labelled so.
 *
 * @param fid Fréchet distance of the two feature sets
 * @param kid mean unbiased MMD^2 (polynomial kernel) over subsets
 * @param kidStd its standard deviation across subsets
 * @param n1 vectors in the first set
 * @param n2 vectors in the second set
 */
public record FeatureDistances(double fid, double kid, double kidStd, long n1, long n2) {

  /** The label every FID from this package carries. */
  public static final String FID_LABEL = "FID (LeNet features)";
  /** The label every KID from this package carries. */
  public static final String KID_LABEL = "KID (LeNet features)";

  /** Both distances between two sets of {@code d}-dimensional features (row-major floats). */
  public static FeatureDistances between(float[] a, int n1, float[] b, int n2, int d, long seed) {
    double fid = FrechetDistance.between(a, n1, b, n2, d);
    KernelInceptionDistance.Estimate kid = KernelInceptionDistance.between(a, n1, b, n2, d, seed);
    return new FeatureDistances(fid, kid.mean(), kid.std(), n1, n2);
  }

  /** E.g. {@code FID (LeNet features) 3.2104, KID (LeNet features) 0.00123 ± 0.00045 (n = 10000 vs 10000)}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s %.4f, %s %.5f ± %.5f (n = %d vs %d)", FID_LABEL, fid, KID_LABEL, kid, kidStd, n1, n2);
  }
}
