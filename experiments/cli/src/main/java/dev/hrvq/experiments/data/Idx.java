package dev.hrvq.experiments.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), plain or gzipped.
 *
 * <p>Layout: magic {@code 00 00 TYPE NDIMS}, then NDIMS big-endian int32 sizes, then the data.
 * Only TYPE 0x08 (unsigned byte) is supported: it is what MNIST and Fashion-MNIST use. Compression
 * is detected from the gzip magic {@code 1f 8b}, not from the file name, because packagers rename
 * and recompress files freely. Bytes after the data the header promises are an error, not
 * ignored: a longer file means the header and the data disagree, and guessing which is right
 * would hide a corrupt download.
 */
public final class Idx {

  /** The only element type we read: unsigned byte. */
  static final int TYPE_UBYTE = 0x08;

  private Idx() {}

  /** Reads a whole IDX file; every error message names the file. */
  public static IdxArray read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException("IDX file " + file + " does not exist");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(file.toString(), maybeGunzip(raw));
    }
  }

  /** Reads IDX from a stream (already decompressed); {@code name} is used in error messages. */
  static IdxArray read(String name, InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[4];
    int got = readFully(data, magic);
    if (got < 4) {
      throw new IOException("file " + name + " is truncated: " + got
          + " bytes, shorter than the 4-byte IDX magic");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IOException(String.format(
          "file %s is not an IDX file: bad magic %02x %02x %02x %02x (expected 00 00 TYPE NDIMS)",
          name, magic[0], magic[1], magic[2], magic[3]));
    }
    int type = magic[2] & 0xff;
    if (type != TYPE_UBYTE) {
      throw new IOException(String.format(
          "file %s has unsupported IDX type 0x%02x; only 0x08 (unsigned byte) is supported",
          name, type));
    }
    int ndims = magic[3] & 0xff;
    if (ndims == 0) {
      throw new IOException("file " + name + " has 0 dimensions in its IDX header");
    }
    byte[] header = new byte[4 * ndims];
    got = readFully(data, header);
    if (got < header.length) {
      throw new IOException("file " + name + " is truncated: header promises " + ndims
          + " dimension sizes (" + header.length + " bytes), found " + got + " bytes");
    }
    int[] dims = new int[ndims];
    long size = 1;
    for (int i = 0; i < ndims; i++) {
      dims[i] = ((header[4 * i] & 0xff) << 24) | ((header[4 * i + 1] & 0xff) << 16)
          | ((header[4 * i + 2] & 0xff) << 8) | (header[4 * i + 3] & 0xff);
      if (dims[i] < 0) {
        throw new IOException("file " + name + " has a negative dimension in its IDX header: "
            + Integer.toUnsignedString(dims[i]));
      }
      size *= dims[i];
    }
    // Java arrays stop just short of 2^31; no IDX data set we load comes near it.
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("file " + name + " promises " + size + " bytes of data (dims "
          + Arrays.toString(dims) + "); more than one Java array holds");
    }
    byte[] body = new byte[(int) size];
    got = readFully(data, body);
    if (got < body.length) {
      throw new IOException("file " + name + " is truncated: header promises " + size
          + " bytes of data, found " + got);
    }
    long extra;
    try {
      extra = data.transferTo(OutputStream.nullOutputStream());
    } catch (EOFException e) {
      throw new IOException("file " + name + " is a truncated gzip stream (the data is complete,"
          + " the gzip trailer is not)", e);
    }
    if (extra > 0) {
      throw new IOException("file " + name + " has " + extra
          + " bytes after the " + size + " bytes of data its header promises (dims "
          + Arrays.toString(dims) + ")");
    }
    return new IdxArray(dims, body);
  }

  /** Wraps the stream in a gunzipper when it starts with the gzip magic 1f 8b. */
  private static InputStream maybeGunzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /**
   * Reads until {@code buf} is full or the stream ends; returns the count read. A gzip stream
   * that ends mid-member throws EOFException: we count that as the end, so the caller's message
   * can say how many bytes arrived.
   */
  private static int readFully(InputStream in, byte[] buf) throws IOException {
    int off = 0;
    try {
      while (off < buf.length) {
        int n = in.read(buf, off, buf.length - off);
        if (n < 0) {
          break;
        }
        off += n;
      }
    } catch (EOFException e) {
      // Truncated gzip stream: fall through with what we have.
    }
    return off;
  }
}
