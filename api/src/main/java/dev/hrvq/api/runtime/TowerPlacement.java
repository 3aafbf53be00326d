package dev.hrvq.api.runtime;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Places a training graph's towers on their devices. {@code Graph.addGradients} ignores the device
 * of the scope it is called in (TF Java 1.1.0), so a tower's gradient ops come out unplaced, and
 * {@code Ops.withDevice} could place only the forward half. Instead every node named under
 * {@code tower_<t>/} that has no device gets tower {@code t}'s, and every other unplaced node (the
 * variables, the split of the batch, the sums across towers, the update) gets the variables'
 * device. Ops cannot be changed once in a graph, so this goes through a GraphDef into a new graph,
 * which keeps every name; the caller looks its handles up again by name.
 */
final class TowerPlacement {
  private TowerPlacement() {}

  /** A new graph holding {@code graph}'s nodes, placed. Nodes a model placed itself keep their device. */
  static Graph place(Graph graph, List<String> towerDevices, String variableDevice) {
    GraphDef.Builder def = graph.toGraphDef().toBuilder();
    for (NodeDef.Builder node : def.getNodeBuilderList()) {
      if (node.getDevice().isEmpty()) {
        node.setDevice(deviceOf(node.getName(), towerDevices, variableDevice));
      }
    }
    Graph placed = new Graph();
    try {
      placed.importGraphDef(def.build());
      return placed;
    } catch (RuntimeException e) {
      placed.close();
      throw e;
    }
  }

  static String deviceOf(String node, List<String> towerDevices, String variableDevice) {
    for (int t = 0; t < towerDevices.size(); t++) {
      if (node.startsWith(TowerStep.towerScope(t) + "/")) {
        return towerDevices.get(t);
      }
    }
    return variableDevice;
  }
}
