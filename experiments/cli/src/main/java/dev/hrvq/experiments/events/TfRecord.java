package dev.hrvq.experiments.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files: each record is its length as a
 * little-endian uint64, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the
 * data (both CRCs little-endian uint32).
 */
public final class TfRecord {
  /** Bytes before the data: length and its CRC. */
  static final int HEADER = 12;
  /** Bytes after the data: its CRC. */
  static final int FOOTER = 4;

  private TfRecord() {}

  /** One record holding {@code data}. */
  public static byte[] frame(byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + data.length + FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(data.length);
    b.putInt(maskedCrc(b.array(), 0, 8));
    b.put(data);
    b.putInt(maskedCrc(data, 0, data.length));
    return b.array();
  }

  /**
   * TensorFlow's masked CRC32C: rotated right by 15 bits plus a constant, so a CRC stored inside
   * CRC-protected data does not checksum to a trivial value.
   */
  public static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }
}
