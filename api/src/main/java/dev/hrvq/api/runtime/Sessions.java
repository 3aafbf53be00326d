package dev.hrvq.api.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ConfigProto;

/**
 * Opening a session in this process or on a TensorFlow server.
 *
 * <p>TF Java 1.1.0's {@link Session} takes no target: its public constructors pass none to the C
 * API. A session on a server ({@code grpc://host:port}) is therefore opened through the C API's
 * {@code TF_SetTarget} and {@code TF_NewSession} (TF Java's own {@code internal.c_api} bindings)
 * and wrapped in a {@link Session} through its package-private {@code Session(Graph, TF_Session)}
 * constructor, by reflection. Such a session runs no initializers by itself: callers run
 * {@link Session#initialize()} before each use ({@link Trainer} does). {@code SessionsTest} pins
 * both private entry points; if a TF Java release moves them, it fails there first.
 */
public final class Sessions {
  private static final Pattern CPU_INDEX = Pattern.compile("/device:CPU:(\\d+)$", Pattern.CASE_INSENSITIVE);

  private Sessions() {}

  /** A session on {@code graph}: in this process when {@code target} is null, else on that server. */
  public static Session open(Graph graph, ConfigProto config, String target) {
    return target == null ? new Session(graph, config) : remote(graph, config, target);
  }

  /**
   * This process's session config, with as many CPU devices as {@code devices} name ({@code
   * /device:CPU:1} needs two): TensorFlow makes one CPU device unless asked for more.
   */
  static ConfigProto config(List<String> devices) {
    int cpus = 1;
    for (String d : devices) {
      Matcher m = CPU_INDEX.matcher(d);
      if (m.find() && !d.contains("/job:")) {
        cpus = Math.max(cpus, Integer.parseInt(m.group(1)) + 1);
      }
    }
    ConfigProto base = SessionConfig.get();
    return cpus == 1 ? base : base.toBuilder().putDeviceCount("CPU", cpus).build();
  }

  private static Session remote(Graph graph, ConfigProto config, String target) {
    TF_Session handle;
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      BytePointer bytes = new BytePointer(config.toByteArray());
      tensorflow.TF_SetConfig(options, bytes, bytes.capacity(), status);
      status.throwExceptionIfNotOK();
      tensorflow.TF_SetTarget(options, target);
      handle = TF_Session.newSession(nativeGraph(graph), options, status);
      status.throwExceptionIfNotOK();
      handle.retainReference();
    }
    try {
      Constructor<Session> wrap = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      wrap.setAccessible(true);
      return wrap.newInstance(graph, handle);
    } catch (ReflectiveOperationException | RuntimeException e) {
      handle.releaseReference();
      throw new IllegalStateException("cannot wrap a session on " + target + ": this TensorFlow Java has no Session(Graph, TF_Session)"
          + " constructor (hrvq is built for 1.1.0)", e);
    }
  }

  /** The graph's native handle, from its package-private {@code ref()}; the reference is released at once. */
  private static TF_Graph nativeGraph(Graph graph) {
    try {
      Method ref = Graph.class.getDeclaredMethod("ref");
      ref.setAccessible(true);
      Object reference = ref.invoke(graph);
      try (AutoCloseable r = (AutoCloseable) reference) {
        Method handle = reference.getClass().getMethod("nativeHandle");
        handle.setAccessible(true);
        return (TF_Graph) handle.invoke(reference);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot reach the native graph of a TensorFlow Java Graph (hrvq is built for 1.1.0)", e);
    }
  }
}
