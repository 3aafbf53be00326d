package dev.hrvq.experiments.events;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * The scalars and images of one TensorBoard run (a folder of event files) as TensorBoard shows
 * them: its purge rules applied in file order. A {@code session_log START} at step s drops every
 * point at step s or later; a summary whose step is below the newest step seen drops its own tags'
 * points from its step on. At one step the later point wins.
 */
public record TensorBoardView(Map<String, NavigableMap<Long, Float>> scalars, Map<String, NavigableMap<Long, Summary.Image>> images) {

  /** The view of the event files in {@code folder}. */
  public static TensorBoardView read(Path folder) {
    return of(EventReader.readAll(folder));
  }

  public static TensorBoardView of(List<Event> events) {
    TensorBoardView v = new TensorBoardView(new TreeMap<>(), new TreeMap<>());
    long newest = -1;
    for (Event e : events) {
      if (e.hasSessionLog() && e.getSessionLog().getStatus() == SessionLog.SessionStatus.START) {
        v.dropFrom(e.getStep(), null);
      }
      if (e.hasSummary() && e.getStep() < newest) {
        e.getSummary().getValueList().forEach(value -> v.dropFrom(e.getStep(), value.getTag()));
      } else {
        newest = e.getStep();
      }
      for (Summary.Value value : e.getSummary().getValueList()) {
        if (value.hasImage()) {
          v.images.computeIfAbsent(value.getTag(), t -> new TreeMap<>()).put(e.getStep(), value.getImage());
        } else if (value.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
          v.scalars.computeIfAbsent(value.getTag(), t -> new TreeMap<>()).put(e.getStep(), value.getSimpleValue());
        }
      }
    }
    return v;
  }

  /** Drops points at {@code step} or later: of {@code tag}, or of every tag when it is null. */
  private void dropFrom(long step, String tag) {
    for (Map<String, ? extends NavigableMap<Long, ?>> byTag : List.of(scalars, images)) {
      byTag.forEach((t, points) -> {
        if (tag == null || tag.equals(t)) {
          points.tailMap(step, true).clear();
        }
      });
    }
  }
}
