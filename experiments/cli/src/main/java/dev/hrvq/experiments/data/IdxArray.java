package dev.hrvq.experiments.data;

import java.util.Arrays;

/**
 * The contents of one IDX file: its dimensions and its unsigned-byte data in row-major order.
 *
 * <p>Arrays are not copied (the files hold tens of megabytes), so equality is by reference.
 */
public record IdxArray(int[] dims, byte[] data) {

  /** Checks that the data length is the product of the dimensions. */
  public IdxArray {
    long expected = 1;
    for (int d : dims) {
      expected *= d;
    }
    if (expected != data.length) {
      throw new IllegalArgumentException(
          "dims " + Arrays.toString(dims) + " need " + expected + " bytes, got " + data.length);
    }
  }

  /** The element at a flat (row-major) index, as 0..255. */
  public int unsignedAt(int flatIndex) {
    return data[flatIndex] & 0xff;
  }

  /** The number of elements along the first dimension (images or labels in MNIST files). */
  public int count() {
    return dims.length == 0 ? 1 : dims[0];
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}
