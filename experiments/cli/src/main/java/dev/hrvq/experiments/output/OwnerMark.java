package dev.hrvq.experiments.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * How an output says which hrvq command wrote it, so that command may later replace it and no
 * other file ever is: a folder holds {@code hrvq-output.json}; a JSON file has a top-level
 * {@code written_by}; a PNG carries a {@code tEXt} chunk with keyword {@code hrvq-output}.
 */
public final class OwnerMark {
  static final String FOLDER_FILE = "hrvq-output.json";
  static final String KEY = "written_by";
  private static final String PNG_KEYWORD = "hrvq-output";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OwnerMark() {}

  static String value(String command) {
    return "hrvq " + command;
  }

  /** Adds the mark of {@code command} to a freshly written output. */
  static void mark(Path output, String command) throws IOException {
    if (Files.isDirectory(output)) {
      ObjectNode mark = JSON.createObjectNode().put(KEY, value(command));
      JSON.writeValue(output.resolve(FOLDER_FILE).toFile(), mark);
    } else if (isPng(output)) {
      Files.write(output, withText(Files.readAllBytes(output), PNG_KEYWORD, value(command)));
    } else if (output.getFileName().toString().endsWith(".json")) {
      JsonNode node = JSON.readTree(output.toFile());
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalStateException(output + ": a marked JSON output must be an object");
      }
      object.put(KEY, value(command));
      JSON.writeValue(output.toFile(), object);
    } else {
      throw new IllegalStateException("hrvq " + command + " cannot mark " + output + " as its own (not a folder, PNG or JSON)");
    }
  }

  /**
   * Marks a folder that {@code command} fills over time (a sweep's), rather than writing it whole
   * through {@link OutputTarget}: later runs of the command may add to it, nothing else.
   */
  public static void markFolder(Path folder, String command) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(folder + " is not a folder");
    }
    mark(folder, command);
  }

  /** Whether {@code output} carries the mark of {@code command}. */
  public static boolean isMarked(Path output, String command) {
    try {
      if (Files.isDirectory(output)) {
        Path mark = output.resolve(FOLDER_FILE);
        return Files.isRegularFile(mark) && value(command).equals(JSON.readTree(mark.toFile()).path(KEY).asText());
      }
      if (isPng(output)) {
        return pngText(Files.readAllBytes(output), PNG_KEYWORD).equals(value(command));
      }
      if (output.getFileName().toString().endsWith(".json")) {
        return value(command).equals(JSON.readTree(output.toFile()).path(KEY).asText());
      }
      return false;
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  private static boolean isPng(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) < PNG_SIGNATURE.length) {
      return false;
    }
    try (var in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE);
    }
  }

  /** {@code png} with a tEXt chunk inserted right after IHDR (the first chunk, 8 + 25 bytes in). */
  static byte[] withText(byte[] png, String keyword, String text) {
    int afterHeader = PNG_SIGNATURE.length + 8 + ByteBuffer.wrap(png, PNG_SIGNATURE.length, 4).getInt() + 4;
    byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    chunk.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typeAndData = new byte[4 + data.length];
    System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
    System.arraycopy(data, 0, typeAndData, 4, data.length);
    chunk.writeBytes(typeAndData);
    CRC32 crc = new CRC32();
    crc.update(typeAndData);
    chunk.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterHeader);
    out.writeBytes(chunk.toByteArray());
    out.write(png, afterHeader, png.length - afterHeader);
    return out.toByteArray();
  }

  /** The text of the first tEXt chunk with {@code keyword}, or "" if there is none. */
  static String pngText(byte[] png, String keyword) {
    int at = PNG_SIGNATURE.length;
    while (at + 8 <= png.length) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
      if (length < 0 || at + 12 + length > png.length) {
        return "";
      }
      if (type.equals("tEXt")) {
        String body = new String(png, at + 8, length, StandardCharsets.ISO_8859_1);
        int nul = body.indexOf('\0');
        if (nul > 0 && body.substring(0, nul).equals(keyword)) {
          return body.substring(nul + 1);
        }
      }
      if (type.equals("IEND")) {
        return "";
      }
      at += 12 + length;
    }
    return "";
  }
}
