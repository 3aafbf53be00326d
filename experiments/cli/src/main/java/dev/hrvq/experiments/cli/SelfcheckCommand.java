package dev.hrvq.experiments.cli;

import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.experiments.run.PrecisionChoice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;

/**
 * {@code hrvq selfcheck}: loads TensorFlow, runs a tiny graph with a gradient, and prints the
 * TensorFlow version, the thread settings and the devices it sees. Exit code 1 if anything is off.
 */
@Command(name = "selfcheck", mixinStandardHelpOptions = true, description = "Load TensorFlow, run a tiny graph with a gradient, print version, threads and devices.")
public final class SelfcheckCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("TensorFlow " + TensorFlow.version());
    out.println("threads: intra-op " + SessionConfig.intraOpThreads() + ", inter-op " + SessionConfig.interOpThreads()
        + " (set HRVQ_INTRA_THREADS / HRVQ_INTER_THREADS to change)");
    float gradient = gradientOfSquareAtThree();
    boolean ok = gradient == 6f;
    out.println("gradient of x^2 at x=3: " + gradient + (ok ? " (ok)" : " (WRONG: expected 6)"));
    List<String> devices = devices();
    for (String device : devices) {
      out.println("device: " + device);
    }
    if (PrecisionChoice.gpuBuild() && devices.stream().noneMatch(d -> d.startsWith("GPU "))) {
      out.println("note: TensorFlow's GPU build sees no GPU and runs on the CPU: no NVIDIA driver"
          + " (libcuda.so.1) or no usable GPU; TensorFlow's own lines above say which");
    }
    out.println(ok ? "selfcheck passed" : "selfcheck FAILED");
    return ok ? 0 : 1;
  }

  /** d(x^2)/dx at 3 through a graph session, the path every training step takes. */
  static float gradientOfSquareAtThree() {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get())) {
      Ops tf = Ops.create(g);
      var x = tf.constant(3f);
      var y = tf.math.square(x);
      var dy = tf.gradients(y, List.of(x)).<TFloat32>dy(0);
      try (Result r = s.runner().fetch(dy).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  /** The devices TensorFlow can place ops on (CPU, and GPUs when the CUDA runtime is present). */
  /** The devices TensorFlow sees, as "TYPE NAME (memory)". */
  static List<String> devices() {
    return listDevices().stream().map(d -> d.type() + " " + d.name()
        + (d.bytes() > 0 ? String.format(" (%.1f GiB)", d.bytes() / (1024.0 * 1024 * 1024)) : "")).toList();
  }

  /** The full names of the devices TensorFlow sees ({@code /job:localhost/replica:0/task:0/device:GPU:0}). */
  static List<String> deviceNames() {
    return listDevices().stream().map(Device::name).toList();
  }

  private record Device(String type, String name, long bytes) {}

  private static List<Device> listDevices() {
    List<Device> out = new ArrayList<>();
    try (TF_Status status = TF_Status.newStatus()) {
      TFE_ContextOptions options = TFE_NewContextOptions();
      TFE_Context context = TFE_NewContext(options, status);
      status.throwExceptionIfNotOK();
      TF_DeviceList list = TFE_ContextListDevices(context, status);
      status.throwExceptionIfNotOK();
      for (int i = 0; i < TF_DeviceListCount(list); i++) {
        out.add(new Device(TF_DeviceListType(list, i, status).getString(), TF_DeviceListName(list, i, status).getString(),
            TF_DeviceListMemoryBytes(list, i, status)));
      }
      TF_DeleteDeviceList(list);
      TFE_DeleteContext(context);
      TFE_DeleteContextOptions(options);
    }
    return out;
  }
}
