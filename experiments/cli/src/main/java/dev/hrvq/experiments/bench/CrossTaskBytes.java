package dev.hrvq.experiments.bench;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * The bytes a placed training step sends between tasks, counted from its graph: every edge whose
 * two ends are on different tasks carries its tensor once per receiving task (TensorFlow sends a
 * tensor to a device once, however many of its ops read it). A leading dimension the graph leaves
 * unknown (the rows of a tower's share of the batch) counts as {@code rows}.
 *
 * @param total bytes per step over all pairs of tasks
 * @param byTask bytes per step sent or received by each task other than 0
 */
record CrossTaskBytes(long total, Map<Integer, Long> byTask) {
  private static final Pattern TASK = Pattern.compile("/task:(\\d+)");

  static CrossTaskBytes of(Graph graph, long rows) {
    Map<String, Integer> taskOf = new TreeMap<>();
    var def = graph.toGraphDef();
    for (NodeDef n : def.getNodeList()) {
      taskOf.put(n.getName(), task(n.getDevice()));
    }
    Set<String> sent = new HashSet<>();
    long total = 0;
    Map<Integer, Long> byTask = new TreeMap<>();
    for (NodeDef n : def.getNodeList()) {
      int to = taskOf.get(n.getName());
      for (String input : n.getInputList()) {
        if (input.startsWith("^")) {
          continue;
        }
        int colon = input.lastIndexOf(':');
        String source = colon < 0 ? input : input.substring(0, colon);
        int index = colon < 0 ? 0 : Integer.parseInt(input.substring(colon + 1));
        int from = taskOf.getOrDefault(source, 0);
        if (from == to || !sent.add(source + ":" + index + "->" + to)) {
          continue;
        }
        GraphOperation op = graph.operation(source);
        long bytes = bytes(op.output(index).shape(), op.output(index).dataType(), rows);
        total += bytes;
        for (int t : new int[] {from, to}) {
          if (t != 0) {
            byTask.merge(t, bytes, Long::sum);
          }
        }
      }
    }
    return new CrossTaskBytes(total, byTask);
  }

  private static int task(String device) {
    Matcher m = TASK.matcher(device);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static long bytes(Shape shape, DataType type, long rows) {
    long n = 1;
    for (int i = 0; i < shape.numDimensions(); i++) {
      long d = shape.get(i);
      n *= d < 0 ? (i == 0 ? rows : 1) : d;
    }
    return n * switch (type) {
      case DT_DOUBLE, DT_INT64, DT_DOUBLE_REF, DT_INT64_REF -> 8;
      case DT_HALF, DT_BFLOAT16, DT_BFLOAT16_REF, DT_HALF_REF -> 2;
      case DT_BOOL, DT_UINT8, DT_INT8 -> 1;
      default -> 4;
    };
  }
}
