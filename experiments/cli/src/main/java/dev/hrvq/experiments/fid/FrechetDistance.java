package dev.hrvq.experiments.fid;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (the "FID" formula):
 *
 * <pre>
 *   ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2))
 * </pre>
 *
 * <p>{@code Tr((S1 S2)^(1/2))} is computed through the symmetric form: {@code S1 S2} has the same
 * eigenvalues as {@code A = S1^(1/2) S2 S1^(1/2)}, which is symmetric positive semi-definite, so
 * {@code Tr((S1 S2)^(1/2)) = sum_i sqrt(lambda_i(A))}. Both square roots come from symmetric
 * eigendecompositions (EJML, double precision). Eigenvalues at or below rounding level,
 * {@code d * eps * lambda_max} (NumPy's {@code matrix_rank} tolerance), count as 0: this clamps the
 * slightly negative ones rounding makes, and keeps the square root from turning a rounding residue
 * of 1e-16 into a spurious 1e-8 for each null direction of a singular covariance. This avoids the complex intermediate values of a general {@code sqrtm(S1 S2)}.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** FID between the moments of two sets of {@code d}-dimensional vectors (row-major floats). */
  public static double between(float[] a, int n1, float[] b, int n2, int d) {
    return between(GaussianMoments.of(a, n1, d), GaussianMoments.of(b, n2, d));
  }

  /** FID between two Gaussians given by their moments. */
  public static double between(GaussianMoments p, GaussianMoments q) {
    if (p.d() != q.d()) {
      throw new IllegalArgumentException("feature dimensions differ: " + p.d() + " vs " + q.d());
    }
    int d = p.d();
    double meanTerm = 0;
    for (int j = 0; j < d; j++) {
      double diff = p.mean()[j] - q.mean()[j];
      meanTerm += diff * diff;
    }
    DMatrixRMaj s1 = DMatrixRMaj.wrap(d, d, p.covariance().clone());
    DMatrixRMaj s2 = DMatrixRMaj.wrap(d, d, q.covariance().clone());
    double traces = CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2);
    DMatrixRMaj root1 = sqrtPsd(s1);
    DMatrixRMaj tmp = new DMatrixRMaj(d, d);
    DMatrixRMaj a = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(root1, s2, tmp);
    CommonOps_DDRM.mult(tmp, root1, a);
    double traceRoot = 0;
    for (double lambda : clamped(eigenvaluesSymmetric(a))) {
      traceRoot += Math.sqrt(lambda);
    }
    return meanTerm + traces - 2 * traceRoot;
  }

  /** The square root of a symmetric positive semi-definite matrix: V diag(sqrt(max(l, 0))) V^T. */
  static DMatrixRMaj sqrtPsd(DMatrixRMaj s) {
    int d = s.numRows;
    DMatrixRMaj sym = symmetrised(s);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(sym)) {
      throw new ArithmeticException("eigendecomposition of a " + d + "x" + d + " covariance did not converge");
    }
    double[] values = new double[eig.getNumberOfEigenvalues()];
    for (int k = 0; k < values.length; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
    }
    values = clamped(values);
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    for (int k = 0; k < values.length; k++) {
      double root = Math.sqrt(values[k]);
      if (root == 0) {
        continue;
      }
      DMatrixRMaj v = eig.getEigenVector(k);
      for (int i = 0; i < d; i++) {
        double vi = root * v.get(i, 0);
        for (int j = 0; j < d; j++) {
          out.add(i, j, vi * v.get(j, 0));
        }
      }
    }
    return out;
  }

  /** The eigenvalues of a symmetric matrix (symmetrised first, against rounding). */
  static double[] eigenvaluesSymmetric(DMatrixRMaj s) {
    int d = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
    if (!eig.decompose(symmetrised(s))) {
      throw new ArithmeticException("eigendecomposition of a " + d + "x" + d + " matrix did not converge");
    }
    double[] values = new double[eig.getNumberOfEigenvalues()];
    for (int k = 0; k < values.length; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
    }
    return values;
  }

  /** Eigenvalues with those at or below {@code n * eps * max} (and every negative one) set to 0. */
  static double[] clamped(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double tolerance = values.length * Math.ulp(1.0) * max;
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[k] > tolerance ? values[k] : 0;
    }
    return out;
  }

  /** (S + S^T) / 2, a fresh matrix (EJML decompositions may overwrite their input). */
  private static DMatrixRMaj symmetrised(DMatrixRMaj s) {
    DMatrixRMaj t = new DMatrixRMaj(s.numRows, s.numCols);
    CommonOps_DDRM.transpose(s, t);
    CommonOps_DDRM.addEquals(t, s);
    CommonOps_DDRM.scale(0.5, t);
    return t;
  }
}
