package dev.hrvq.api.runtime;

import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** The named results of one function call; close it (try-with-resources) to free the tensors. */
public final class Outputs implements AutoCloseable {
  private final List<String> names;
  private final int[] index;
  private final Result result;

  /** {@code index[i]}: where in {@code result} the output named {@code names.get(i)} is. */
  Outputs(List<String> names, int[] index, Result result) {
    this.names = names;
    this.index = index;
    this.result = result;
  }

  public List<String> names() {
    return names;
  }

  public Shape shape(String name) {
    return tensor(name).shape();
  }

  /** A float output copied to a row-major array. */
  public float[] floats(String name) {
    Tensor t = tensor(name);
    if (!(t instanceof TFloat32 f)) {
      throw new IllegalArgumentException("output '" + name + "' is " + t.dataType() + ", not float32");
    }
    float[] out = new float[Math.toIntExact(f.size())];
    f.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** An integer output (int32 or int64) copied to a row-major array. */
  public long[] longs(String name) {
    Tensor t = tensor(name);
    if (t instanceof TInt64 l) {
      long[] out = new long[Math.toIntExact(l.size())];
      l.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
    if (t instanceof TInt32 i) {
      int[] ints = new int[Math.toIntExact(i.size())];
      i.copyTo(DataBuffers.of(ints, false, false));
      long[] out = new long[ints.length];
      for (int k = 0; k < ints.length; k++) {
        out[k] = ints[k];
      }
      return out;
    }
    throw new IllegalArgumentException("output '" + name + "' is " + t.dataType() + ", not an integer type");
  }

  /** The tensor itself, owned by this object: valid until {@link #close()}. */
  public Tensor tensor(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no output '" + name + "'; outputs are " + names);
    }
    return result.get(index[i]);
  }

  @Override
  public void close() {
    result.close();
  }
}
