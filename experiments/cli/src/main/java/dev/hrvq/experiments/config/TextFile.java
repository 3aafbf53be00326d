package dev.hrvq.experiments.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes a file the user names as UTF-8 text, or says what it is instead: UTF-16 (by its byte
 * order mark), binary (NUL bytes), or bytes that are not UTF-8 (with the offset of the first one).
 */
public final class TextFile {
  private TextFile() {}

  /**
   * The text of {@code bytes} (read from {@code file}); a UTF-8 byte order mark is dropped.
   *
   * @throws IllegalArgumentException naming the file and what it is when it is not UTF-8 text
   */
  public static String utf8(Path file, byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      throw new IllegalArgumentException(file + ": UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8 JSON text; "
          + "save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new IllegalArgumentException(file + ": a binary file (byte " + i + " is NUL), not UTF-8 JSON text");
      }
    }
    int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 JSON text (invalid UTF-8 at byte " + in.position() + "); save it as UTF-8");
    }
  }
}
