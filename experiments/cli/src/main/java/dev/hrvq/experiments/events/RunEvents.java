package dev.hrvq.experiments.events;

import com.google.protobuf.ByteString;
import dev.hrvq.quantize.LayerHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * What a run shows in TensorBoard: one new event file in {@code RUN_DIR/events/} per process,
 * holding the loss terms {@code losses.jsonl} gets, each evaluation {@code metrics.jsonl} records,
 * and images of the PNGs the run makes. Each call writes one event and flushes it, so a killed run
 * keeps what it logged. Event files are never deleted or rewritten.
 *
 * <p>Every file starts, after its file version, with a {@code session_log START} at the first step
 * this process will log ({@code resumedStep + 1}). TensorBoard then drops the points at or after
 * that step from every earlier file of the run: what a killed run logged past its last checkpoint
 * disappears, and the points the checkpoint kept (up to and including {@code resumedStep}) stay.
 */
public final class RunEvents implements AutoCloseable {
  /** The folder in a run directory; {@code tensorboard --logdir runs} shows one run per run directory. */
  public static final String FOLDER = "events";
  /** Tag prefix of the training loss terms: {@code train/<term>}. */
  public static final String TRAIN = "train/";
  public static final String TEST_MSE = "test/mse";

  private final EventWriter writer;

  private RunEvents(EventWriter writer) {
    this.writer = writer;
  }

  /**
   * Opens a new event file in {@code runDir/events} for a process that continues a run from
   * {@code resumedStep} (0 for a new run) and writes the START that purges later points.
   */
  public static RunEvents open(Path runDir, long resumedStep) {
    EventWriter w = EventWriter.create(runDir.resolve(FOLDER));
    w.write(Event.newBuilder().setWallTime(now()).setStep(resumedStep + 1)
        .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
    w.flush();
    return new RunEvents(w);
  }

  public Path file() {
    return writer.file();
  }

  /** The loss terms of a logged training step, as {@code losses.jsonl} gets them: {@code train/<term>}. */
  public void losses(long step, Map<String, Float> terms) {
    Map<String, Number> tagged = new LinkedHashMap<>();
    terms.forEach((k, v) -> tagged.put(TRAIN + k, v));
    scalars(step, tagged);
  }

  /**
   * An evaluation, as {@code metrics.jsonl} records it: {@code test/mse}, and per code map and layer
   * {@code usage/<codes>/layer<l>} (fraction of codes used), {@code perplexity/<codes>/layer<l>}
   * and {@code dead_codes/<codes>/layer<l>}.
   */
  public void evaluation(long step, double testMse, List<LayerHealth> layers) {
    Map<String, Number> tagged = new LinkedHashMap<>();
    tagged.put(TEST_MSE, testMse);
    for (LayerHealth h : layers) {
      String where = "/" + h.codes() + "/layer" + h.layer();
      tagged.put("usage" + where, h.usage());
      tagged.put("perplexity" + where, h.perplexity());
      tagged.put("dead_codes" + where, h.deadCodes());
    }
    scalars(step, tagged);
  }

  /** Scalars by tag, in one event (TensorBoard's summaries hold 32-bit floats). */
  public void scalars(long step, Map<String, ? extends Number> values) {
    Summary.Builder s = Summary.newBuilder();
    values.forEach((tag, v) -> s.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.floatValue())));
    emit(step, s);
  }

  /** A PNG file as an image summary, its bytes as they are. */
  public void image(String tag, long step, Path png) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + png, e);
    }
    PngHeader h = PngHeader.of(bytes, png);
    Summary.Image image = Summary.Image.newBuilder().setWidth(h.width()).setHeight(h.height()).setColorspace(h.colorspace())
        .setEncodedImageString(ByteString.copyFrom(bytes)).build();
    emit(step, Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setImage(image)));
  }

  private void emit(long step, Summary.Builder summary) {
    writer.write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build());
    writer.flush();
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  @Override
  public void close() {
    writer.close();
  }
}
