package dev.hrvq.experiments.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster file: the {@code host:port} of every task of one TensorFlow job named {@code worker}.
 * Task 0 is the chief ({@code ./hrvq run CONFIG --cluster FILE}: the training loop, logs and
 * checkpoints, and the variables); tasks 1.. are {@code ./hrvq worker --cluster FILE --task N}.
 * Each task computes one tower of every step.
 *
 * <pre>{@code
 * {"workers": ["127.0.0.1:2222", "127.0.0.1:2223", "127.0.0.1:2224"],
 *  "step_timeout_seconds": 120, "idle_timeout_seconds": 600}
 * }</pre>
 *
 * @param stepTimeout a step that takes longer fails (a frozen worker) instead of blocking
 * @param idleTimeout how long a worker waits for its chief before it gives up
 */
public record ClusterFile(Path file, List<String> workers, Duration stepTimeout, Duration idleTimeout) {
  /** The TensorFlow job every task belongs to. */
  public static final String JOB = "worker";
  static final long DEFAULT_STEP_TIMEOUT_SECONDS = 120;
  static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
  private static final Set<String> KEYS = Set.of("workers", "step_timeout_seconds", "idle_timeout_seconds");
  private static final Pattern ADDRESS = Pattern.compile("^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})$");

  public ClusterFile {
    workers = List.copyOf(workers);
  }

  /** The number of tasks (the chief included). */
  public int tasks() {
    return workers.size();
  }

  /** The TensorFlow device name of task {@code task}. */
  public static String device(int task) {
    return "/job:" + JOB + "/replica:0/task:" + task;
  }

  /** The flags that name this cluster on a command line ({@code --allow-remote} when an address needs it). */
  public String flags() {
    boolean remote = workers.stream().anyMatch(w -> !isLoopback(w.substring(0, w.lastIndexOf(':'))));
    return "--cluster " + dev.hrvq.experiments.run.ResumeHint.quote(file.toString()) + (remote ? " --allow-remote" : "");
  }

  /** The session target of the chief: its own server, which is the cluster's master. */
  public String chiefTarget() {
    return "grpc://" + workers.get(0);
  }

  /**
   * Reads and checks a cluster file. Addresses outside the loopback range are refused unless
   * {@code allowRemote}: TensorFlow's servers are unauthenticated and listen on every interface.
   */
  public static ClusterFile read(Path file, boolean allowRemote) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cluster file " + file + " does not exist; write one like {\"workers\": [\"127.0.0.1:2222\", "
          + "\"127.0.0.1:2223\"]} (see the README, \"Several machines\")");
    } catch (IOException e) {
      throw new IllegalArgumentException("cluster file " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("cluster file " + file + " must hold a JSON object with \"workers\": [\"host:port\", ...]");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("cluster file " + file + ": unknown key \"" + key + "\"; keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    JsonNode list = root.get("workers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("cluster file " + file + ": \"workers\" must be a non-empty array of \"host:port\" (task 0 first: the chief)");
    }
    List<String> workers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      String where = "cluster file " + file + ": workers[" + i + "]";
      if (!a.isTextual()) {
        throw new IllegalArgumentException(where + " is " + a + "; it must be a \"host:port\" string");
      }
      String address = a.asText().trim();
      Matcher m = ADDRESS.matcher(address);
      if (!m.matches()) {
        throw new IllegalArgumentException(where + " is \"" + address + "\"; it must be host:port, e.g. 127.0.0.1:2222");
      }
      int port = Integer.parseInt(m.group(2));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(where + " has port " + port + "; ports are 1..65535");
      }
      if (!seen.add(address)) {
        throw new IllegalArgumentException(where + " repeats \"" + address + "\": each task needs its own host:port");
      }
      if (!allowRemote && !isLoopback(m.group(1))) {
        throw new IllegalArgumentException(where + " is \"" + address + "\", outside the loopback range. TensorFlow's servers are "
            + "unauthenticated and listen on every interface: firewall their ports to the cluster's machines (README, \"Several machines\"), "
            + "then pass --allow-remote");
      }
      workers.add(address);
    }
    Duration step = seconds(root, "step_timeout_seconds", DEFAULT_STEP_TIMEOUT_SECONDS, file);
    Duration idle = seconds(root, "idle_timeout_seconds", DEFAULT_IDLE_TIMEOUT_SECONDS, file);
    return new ClusterFile(file, workers, step, idle);
  }

  private static Duration seconds(JsonNode root, String key, long fallback, Path file) {
    JsonNode v = root.get(key);
    if (v == null) {
      return Duration.ofSeconds(fallback);
    }
    if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 86_400 || Double.isNaN(v.asDouble())) {
      throw new IllegalArgumentException("cluster file " + file + ": \"" + key + "\" is " + v + "; it must be a number of seconds in (0, 86400]");
    }
    return Duration.ofMillis(Math.round(v.asDouble() * 1000));
  }

  /** Literal loopback addresses and {@code localhost}; no name is resolved (DNS may say anything). */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The task an error message names ({@code /task:N} or one of the addresses), or -1. */
  public int taskNamedIn(String message) {
    Matcher m = Pattern.compile("/job:" + JOB + "/replica:\\d+/task:(\\d+)").matcher(message);
    while (m.find()) {
      int t = Integer.parseInt(m.group(1));
      if (t > 0 && t < tasks()) {
        return t;
      }
    }
    for (int t = 1; t < tasks(); t++) {
      if (message.contains(workers.get(t))) {
        return t;
      }
    }
    return -1;
  }
}
