package dev.hrvq.experiments.codes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NumPy's {@code .npy} format, version 1.0, for int64 arrays: the magic {@code \x93NUMPY}, the
 * version, a little-endian header length, a Python dict literal ({@code descr '<i8'}, C order, the
 * shape) padded with spaces so the data starts at a multiple of 64 bytes, then the values
 * little-endian. {@code numpy.load} reads what {@link #write} writes.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '([<>|]?[a-z]\\d+)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), }\\s*");

  private Npy() {}

  /** An int64 array: row-major values and the shape. */
  public record LongArray(long[] values, long[] shape) {
    public LongArray {
      long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
      if (n != values.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
      }
    }
  }

  /** Writes {@code array} to {@code file}. */
  public static void write(Path file, LongArray array) throws IOException {
    String shape = Arrays.stream(array.shape()).mapToObj(Long::toString).collect(Collectors.joining(", "))
        + (array.shape().length == 1 ? "," : "");
    String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + shape + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 8 * array.values().length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (long v : array.values()) {
      out.putLong(v);
    }
    Files.write(file, out.array());
  }

  /** Reads an int64 {@code .npy} file; anything else is an error naming the file and what it holds. */
  public static LongArray read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    if (in.remaining() >= 10) {
      in.get(magic);
    }
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException(file + ": not a .npy file (it does not start with \\x93NUMPY)");
    }
    int major = in.get();
    in.get();
    int headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : in.getInt();
    if (headerLength > in.remaining()) {
      throw new IllegalArgumentException(file + ": truncated .npy header");
    }
    byte[] header = new byte[headerLength];
    in.get(header);
    Matcher m = HEADER.matcher(new String(header, StandardCharsets.ISO_8859_1));
    if (!m.matches()) {
      throw new IllegalArgumentException(file + ": unreadable .npy header: " + new String(header, StandardCharsets.ISO_8859_1).trim());
    }
    if (!m.group(1).equals("<i8") || m.group(2).equals("True")) {
      throw new IllegalArgumentException(file + ": holds " + m.group(1) + (m.group(2).equals("True") ? " in Fortran order" : "")
          + "; codes must be int64 ('<i8') in C order (numpy: a.astype('<i8'), np.ascontiguousarray)");
    }
    long[] shape = Arrays.stream(m.group(3).split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (count * 8 != in.remaining()) {
      throw new IllegalArgumentException(file + ": shape " + Arrays.toString(shape) + " needs " + count * 8 + " bytes of data, the file has "
          + in.remaining() + " (truncated?)");
    }
    long[] values = new long[(int) count];
    in.asLongBuffer().get(values);
    return new LongArray(values, shape);
  }
}
