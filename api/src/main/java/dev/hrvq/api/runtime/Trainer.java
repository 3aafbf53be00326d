package dev.hrvq.api.runtime;

import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.optim.GradientTransformation;
import dev.hrvq.api.optim.Optimizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The one place that owns variables and a session: it traces a model's loss, its gradients with
 * respect to the parameter reads and the optimizer's update into one graph, runs training steps,
 * compiles evaluation functions over the same variables, and saves, restores and exports them.
 *
 * <pre>{@code
 * try (Trainer t = Trainer.builder().setModel(model).setOptimizer(Optimizers.adam(1e-3f)).build()) {
 *   Map<String, Float> terms = t.step(Map.of("x", batch));
 * }
 * }</pre>
 */
public final class Trainer implements AutoCloseable {
  /**
   * The variable groups, as they prefix variable names in checkpoints and in {@link #assign}:
   * {@code params/<path>} (trained), {@code state/<path>} (model state), {@code opt/...} (optimizer
   * slots), {@code avg/<path>} (Polyak averages).
   */
  public static final String PARAMS = "params";
  public static final String STATE = "state";
  public static final String OPT = "opt";
  public static final String AVG = "avg";

  /** The name of the variable of parameter (or, with {@code state}, state) {@code path}, as {@link #assign} takes it. */
  public static String variableName(boolean state, String path) {
    return (state ? STATE : PARAMS) + "/" + path;
  }

  private final Model model;
  private final long seed;
  private final float polyakDecay;
  private final String configHash;
  private final Graph graph;
  private final Ops tf;
  private final Session session;
  private final int towers;
  private final org.tensorflow.proto.RunOptions stepOptions;
  private final VariableGroup params;
  private final VariableGroup state;
  private final VariableGroup opt;
  private final VariableGroup avg;
  private final Feeds inputs;
  private final List<String> termNames;
  private final List<Operand<TFloat32>> terms;
  private final Fetches fetches;
  private final Operation trainOp;
  private final Map<String, CompiledFunction> functions = new LinkedHashMap<>();
  private final Map<String, Assignment> assignments = new LinkedHashMap<>();
  private final Map<String, Object> modelDescription;
  private final boolean remote;
  /** A step on a server failed: its session cannot be closed (see {@link #close}). */
  private boolean lostRemote;
  private WeightRestore weightRestore;
  private CompiledFunction weightReader;
  private long step;
  /** The terms of the last step taken, recorded in each checkpoint's manifest. */
  private Map<String, Float> lastTerms = Map.of();

  private Trainer(Builder b) {
    this.model = Objects.requireNonNull(b.model, "setModel is required");
    // Without an optimizer the trainer is for inference: variables, functions, weights-only restore.
    GradientTransformation optimizer = b.optimizer;
    this.seed = b.seed;
    this.polyakDecay = optimizer == null ? 0 : b.polyakDecay;
    this.configHash = b.configHash;
    this.modelDescription = b.modelDescription;
    this.towers = Math.max(1, b.towerDevices.size());
    this.remote = b.sessionTarget != null;
    this.stepOptions = b.stepTimeoutMillis > 0 ? org.tensorflow.proto.RunOptions.newBuilder().setTimeoutInMs(b.stepTimeoutMillis).build() : null;
    Graph built = new Graph();
    Graph placed = null;
    try {
      Ops ops = Ops.create(built);
      VariableGroup params = VariableGroup.fromSpecs(ops, PARAMS, model.params(), seed);
      VariableGroup state = VariableGroup.fromSpecs(ops, STATE, model.state(), seed);
      VariableGroup opt = optimizer == null ? null
          : VariableGroup.fromInitialValues(ops, OPT, optimizer.init().init(ops.withInitScope(), params.initial));
      VariableGroup avg = polyakDecay > 0 ? VariableGroup.fromInitialValues(ops, AVG, params.initial) : null;
      Feeds inputs = Feeds.declare(ops.withSubScope("train"), model.inputs());
      List<String> names = new ArrayList<>();
      List<Operand<TFloat32>> values = new ArrayList<>();
      Op update = null;
      if (optimizer != null) {
        TowerStep traced = TowerStep.trace(ops, model, new Vars(params.reads, state.reads), inputs.inputs(), towers);
        traced.terms().forEach((k, v) -> {
          names.add(k);
          values.add(v);
        });
        update = buildUpdate(ops, optimizer, traced, values, params, state, opt, avg, polyakDecay);
      }
      if (b.towerDevices.isEmpty()) {
        this.graph = built;
        this.trainOp = update == null ? null : update.op();
      } else {
        // The towers' gradient ops were made unplaced: place the whole graph, then find every handle again.
        placed = TowerPlacement.place(built, b.towerDevices, b.variableDevice != null ? b.variableDevice : b.towerDevices.get(0));
        Graph g = placed;
        params = params.rebind(g);
        state = state.rebind(g);
        opt = opt == null ? null : opt.rebind(g);
        avg = avg == null ? null : avg.rebind(g);
        inputs = inputs.rebind(g);
        values.replaceAll(v -> Rebind.same(g, v));
        this.trainOp = update == null ? null : g.operationOrThrow(update.op().name());
        this.graph = placed;
        built.close();
      }
      this.tf = Ops.create(graph);
      this.params = params;
      this.state = state;
      this.opt = opt;
      this.avg = avg;
      this.inputs = inputs;
      this.termNames = List.copyOf(names);
      this.terms = List.copyOf(values);
      // A term may be the total itself: Fetches fetches it once.
      this.fetches = Fetches.of(terms);
      this.session = Sessions.open(graph, Sessions.config(b.towerDevices), b.sessionTarget);
    } catch (RuntimeException e) {
      built.close();
      if (placed != null) {
        placed.close();
      }
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The optimizer update and every assignment, grouped in one op run after the loss and gradients. */
  private static Op buildUpdate(Ops tf, GradientTransformation optimizer, TowerStep traced, List<Operand<TFloat32>> terms,
      VariableGroup params, VariableGroup state, VariableGroup opt, VariableGroup avg, float polyakDecay) {
    for (String path : traced.state().paths()) {
      if (!state.reads.contains(path)) {
        throw new IllegalArgumentException("the loss returned a new value for undeclared state '" + path + "'; declared: " + state.reads.paths());
      }
    }
    TreeMap<String, Operand<TFloat32>> grads = traced.grads();
    GradientTransformation.Step update = optimizer.update().update(tf, Params.of(grads), opt.reads, params.reads);
    if (!update.state().paths().equals(opt.reads.paths())) {
      throw new IllegalStateException("optimizer returned state " + update.state().paths() + " but initialised " + opt.reads.paths());
    }
    Params newParams = params.reads.zip(update.updates(), tf.math::add);

    // Assignments write into the variables' buffers, which the identity reads may share: they
    // must wait until every consumer of the old values (forward, backward, fetched terms) has run.
    List<Op> before = new ArrayList<>(terms);
    before.addAll(grads.values());
    newParams.leaves().values().forEach(before::add);
    update.state().leaves().values().forEach(before::add);
    traced.state().leaves().values().forEach(before::add);
    Ops after = tf.withControlDependencies(before);

    List<Op> assigns = new ArrayList<>();
    params.variables.forEach((p, v) -> assigns.add(after.assign(v, newParams.get(p))));
    opt.variables.forEach((p, v) -> assigns.add(after.assign(v, update.state().get(p))));
    traced.state().leaves().forEach((p, value) -> assigns.add(after.assign(state.variables.get(p), value)));
    if (avg != null) {
      Params newAvg = Optimizers.polyakAverage(tf, avg.reads, newParams, polyakDecay);
      avg.variables.forEach((p, v) -> assigns.add(after.assign(v, newAvg.get(p))));
    }
    return tf.withControlDependencies(assigns).withName("train_step").noOp();
  }

  /**
   * One training step on a batch (tensors named as the model's inputs; the caller keeps and closes
   * them). Returns the total loss under {@code loss} and every named term, before the update.
   *
   * @throws NonFiniteLossException if a term is NaN or infinite; the variables are then unusable
   *     and the last checkpoint is the state to go back to.
   */
  public Map<String, Float> step(Map<String, ? extends Tensor> batch) {
    Session.Runner runner = stepRunner(batch, "train step");
    Map<String, Float> out = new LinkedHashMap<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < terms.size(); i++) {
        out.put(termNames.get(i), ((TFloat32) result.get(fetches.slot(i))).getFloat());
      }
    } catch (TensorFlowException e) {
      lostRemote = remote;
      throw e;
    }
    step++;
    lastTerms = out;
    if (NonFiniteLossException.anyNonFinite(out)) {
      throw new NonFiniteLossException(step, out);
    }
    return out;
  }

  /**
   * One training step traced by TensorFlow: microseconds spent per op type (summed over the ops of
   * that type), largest first. For profiling; the step counts like any other.
   */
  public Map<String, Long> profileStep(Map<String, ? extends Tensor> batch) {
    Session.Runner runner = stepRunner(batch, "profiled train step");
    runner.setOptions(org.tensorflow.proto.RunOptions.newBuilder()
        .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
    Map<String, Long> byType = new TreeMap<>();
    try (Result result = runner.runAndFetchMetadata()) {
      var stats = result.getMetadata().orElseThrow().getStepStats();
      Map<String, String> types = new java.util.HashMap<>();
      graph.operations().forEachRemaining(op -> types.put(op.name(), op.type()));
      stats.getDevStatsList().forEach(device -> device.getNodeStatsList().forEach(node ->
          byType.merge(types.getOrDefault(node.getNodeName(), node.getNodeName()), node.getAllEndRelMicros(), Long::sum)));
    }
    step++;
    Map<String, Long> sorted = new LinkedHashMap<>();
    byType.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** A runner for one training step: the batch fed, every term fetched, the update as target. */
  private Session.Runner stepRunner(Map<String, ? extends Tensor> batch, String what) {
    if (trainOp == null) {
      throw new IllegalStateException("this trainer has no optimizer (it was built for inference): a " + what
          + " needs Trainer.builder().setOptimizer(...)");
    }
    Session.Runner runner = runner();
    inputs.feed(runner, batch, what);
    checkRows(batch, what);
    if (stepOptions != null) {
      runner.setOptions(stepOptions);
    }
    fetches.addTo(runner);
    return runner.addTarget(trainOp);
  }

  /** Each tower needs a row: a smaller batch would leave one with a mean over nothing. */
  private void checkRows(Map<String, ? extends Tensor> batch, String what) {
    if (towers == 1) {
      return;
    }
    for (var e : batch.entrySet()) {
      long rows = e.getValue().shape().numDimensions() == 0 ? 0 : e.getValue().shape().get(0);
      if (rows < towers) {
        throw new IllegalArgumentException(what + ": input '" + e.getKey() + "' has " + rows + " rows for " + towers
            + " towers; each tower needs at least one row: use a batch of at least " + towers);
      }
    }
  }

  /**
   * A runner of this trainer's session, after running the initializers of variables added since
   * the last run (a session opened on a cluster does not run them by itself).
   */
  private Session.Runner runner() {
    session.initialize();
    return session.runner();
  }

  /** The number of towers a step is split across (1: in one piece). */
  public int towers() {
    return towers;
  }

  /** The number of training steps taken (restored with a checkpoint). */
  public long stepCount() {
    return step;
  }

  /**
   * Traces {@code program} over this trainer's variables (the Polyak averages instead of the
   * parameters when {@code averaged}) and returns it compiled. Build functions once and reuse them:
   * each call of this method adds to the graph.
   */
  public CompiledFunction function(String name, Map<String, InputSpec> inputSpecs, Program program, boolean averaged) {
    if (functions.containsKey(name)) {
      throw new IllegalArgumentException("a function named '" + name + "' already exists in this trainer's graph; "
          + "keep the first one and call it again (each build adds to the graph)");
    }
    Ops scoped = tf.withSubScope(name);
    Feeds in = Feeds.declare(scoped, inputSpecs);
    Map<String, Operand<?>> outputs = program.apply(scoped, evalVars(averaged), in.inputs());
    CompiledFunction f = new CompiledFunction(name, this::runner, in, outputs);
    functions.put(name, f);
    return f;
  }

  private Vars evalVars(boolean averaged) {
    if (averaged && avg == null) {
      throw new IllegalStateException("averaged parameters requested but Polyak averaging is off (optPolyakDecay)");
    }
    return new Vars(averaged ? avg.reads : params.reads, state.reads);
  }

  /**
   * The current value of every parameter and state variable, copied to the host, by the names
   * {@link #assign} takes ({@code params/<path>}, {@code state/<path>}): to inspect trained weights
   * or compare two trainers. The first call adds one fetch-only function to the graph.
   */
  public Map<String, float[]> weightValues() {
    Map<String, float[]> values = new TreeMap<>();
    if (params.reads.isEmpty() && state.reads.isEmpty()) {
      return values;
    }
    if (weightReader == null) {
      Map<String, Operand<?>> reads = new LinkedHashMap<>();
      params.reads.leaves().forEach((p, v) -> reads.put(variableName(false, p), v));
      state.reads.leaves().forEach((p, v) -> reads.put(variableName(true, p), v));
      weightReader = new CompiledFunction("weight values", this::runner, Feeds.declare(tf.withSubScope("weight_values"), Map.of()), reads);
    }
    try (Outputs out = weightReader.call(Map.of())) {
      for (String name : out.names()) {
        values.put(name, out.floats(name));
      }
    }
    return values;
  }

  /** Variable names (as in checkpoints) and their shapes. */
  public Map<String, long[]> variableShapes() {
    Map<String, long[]> shapes = new TreeMap<>();
    groups().forEach(g -> g.describeInto(shapes));
    return shapes;
  }

  /**
   * Saves every variable (parameters, state, optimizer slots, averages) and the step as the
   * checkpoint folder {@code dir/ckpt-<step>} and returns it. Atomic: see {@link Checkpoints}.
   */
  public Path save(Path dir) {
    var manifest = new CheckpointManifest(CheckpointManifest.FORMAT, step, configHash, new TreeMap<>(variableShapes()), null, lastTerms,
        modelDescription);
    return Checkpoints.write(dir, manifest, prefix -> {
      session.initialize();
      session.save(prefix.toString());
    });
  }

  /**
   * Restores a checkpoint folder saved by a trainer of the same model. Anything else is a clear
   * error naming the folder: another model (the differences listed), damaged files (see
   * {@link Checkpoints#problem}), or a bundle TensorFlow cannot read.
   */
  public void restore(Path checkpoint) {
    CheckpointManifest manifest = Checkpoints.readManifest(checkpoint);
    List<String> diff = manifest.differencesFrom(variableShapes());
    if (!diff.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " is of a different model:\n  " + String.join("\n  ", diff));
    }
    readBundle(checkpoint, prefix -> {
      session.initialize();
      session.restore(prefix);
    });
    step = manifest.step();
    lastTerms = manifest.lastTerms() == null ? Map.of() : manifest.lastTerms();
  }

  /**
   * Restores only the weights from a checkpoint: the parameters (or, with {@code fromAverages}, the
   * checkpoint's Polyak averages, read into the parameters) and the model state. Optimizer slots
   * and averages in the checkpoint are ignored and this trainer's own stay as they are, so a
   * checkpoint trained with one optimizer restores into a model built with another, or with none.
   * Damage and shape differences are errors naming the folder.
   */
  public void restoreWeights(Path checkpoint, boolean fromAverages) {
    CheckpointManifest manifest = Checkpoints.readManifest(checkpoint);
    Map<String, long[]> weights = new TreeMap<>();
    params.describeInto(weights);
    state.describeInto(weights);
    java.util.function.UnaryOperator<String> source = name -> fromAverages && name.startsWith(params.group + "/") ? averageOf(name) : name;
    List<String> diff = manifest.weightDifferencesFrom(weights, source);
    if (!diff.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " does not hold this model's weights:\n  " + String.join("\n  ", diff)
          + (fromAverages && diff.stream().anyMatch(d -> d.contains("'" + AVG + "/")) ? "\n  (it has no Polyak averages: restore without them)" : ""));
    }
    if (weightRestore == null || weightRestore.fromAverages() != fromAverages) {
      weightRestore = WeightRestore.build(tf.withSubScope(fromAverages ? "restore_avg" : "restore_weights"), params, state, fromAverages);
    }
    readBundle(checkpoint, prefix -> weightRestore.run(runner(), prefix));
    step = manifest.step();
  }

  /**
   * The name a parameter's Polyak average has, from the parameter's: {@code params/enc/w} gives
   * {@code avg/enc/w}, and a graph op name such as {@code params_3/enc/w} gives {@code avg_3/enc/w}
   * (both groups are made in path order, so TensorFlow numbers them alike).
   */
  static String averageOf(String paramName) {
    return AVG + paramName.substring(PARAMS.length());
  }

  /**
   * Reads a checkpoint's tensor bundle with {@code read} (given the bundle prefix) after checking it
   * for damage; either failure is an error naming the folder.
   */
  private static void readBundle(Path checkpoint, java.util.function.Consumer<String> read) {
    Checkpoints.problem(checkpoint).ifPresent(p -> {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " is damaged: " + p);
    });
    try {
      read.accept(Checkpoints.variablesPrefix(checkpoint).toString());
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new IllegalArgumentException("checkpoint " + checkpoint + " cannot be read by TensorFlow: " + first, e);
    }
  }

  /**
   * Exports an inference-only SavedModel of {@code program} (signature {@code serving_default}):
   * a fresh graph holding only the variables it reads, with this trainer's current values. It is
   * written in a new temporary folder beside {@code dir} and renamed to {@code dir}, which must not
   * exist: this method never replaces or deletes anything it did not create.
   *
   * @throws IllegalArgumentException if {@code dir} exists
   */
  public void exportSavedModel(Path dir, Map<String, InputSpec> inputSpecs, Program program, boolean averaged) {
    evalVars(averaged);
    if (Files.exists(dir)) {
      throw new IllegalArgumentException("cannot export to " + dir + ": it exists; choose a path that does not");
    }
    Path work = null;
    Path staging = null;
    try {
      Path parent = dir.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      work = Files.createTempDirectory("hrvq-export");
      Path values = save(work);
      staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
      Path model = staging.resolve("model");
      SavedModels.export(model, values, this.model, averaged ? AVG : PARAMS, seed, inputSpecs, program);
      Files.move(model, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export SavedModel to " + dir, e);
    } finally {
      Checkpoints.deleteTreeQuietly(work);
      Checkpoints.deleteTreeQuietly(staging);
    }
  }

  /**
   * Overwrites variables with host values, by checkpoint name ({@code params/<path>},
   * {@code state/<path>}, ...): for data-dependent initialisation and codebook restarts. The first
   * assignment of each variable adds a placeholder and an assign op; later ones reuse them.
   */
  public void assign(Map<String, ? extends Tensor> values) {
    Session.Runner runner = runner();
    values.forEach((name, value) -> {
      Assignment a = assignments.computeIfAbsent(name, this::assignment);
      if (!a.placeholder().shape().isCompatibleWith(value.shape()) || !(value instanceof TFloat32)) {
        throw new IllegalArgumentException("cannot assign a " + value.dataType() + " " + value.shape() + " to '" + name
            + "' of shape " + a.placeholder().shape());
      }
      runner.feed(a.placeholder(), value).addTarget(a.op());
    });
    if (!values.isEmpty()) {
      runner.run().close();
    }
  }

  private record Assignment(Placeholder<TFloat32> placeholder, Op op) {}

  private Assignment assignment(String name) {
    VariableGroup group = groups().stream().filter(g -> name.startsWith(g.group + "/")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no variable '" + name + "'; variables are " + variableShapes().keySet()));
    var variable = group.variables.get(name.substring(group.group.length() + 1));
    if (variable == null) {
      throw new IllegalArgumentException("no variable '" + name + "'; variables are " + variableShapes().keySet());
    }
    Ops scoped = tf.withSubScope("assign");
    Placeholder<TFloat32> p = scoped.placeholder(TFloat32.class, Placeholder.shape(variable.shape()));
    return new Assignment(p, scoped.assign(variable, p));
  }

  private List<VariableGroup> groups() {
    List<VariableGroup> out = new ArrayList<>(List.of(params, state));
    if (opt != null) {
      out.add(opt);
    }
    if (avg != null) {
      out.add(avg);
    }
    return out;
  }

  /** The graph, for inspection (e.g. op counts); build nothing on it directly. */
  public Graph graph() {
    return graph;
  }

  /**
   * Closes the session and graph, except after a failed step on a server: closing that session
   * waits, without end, on the worker that was lost (measured: TF_CloseSession blocked), and the
   * graph waits for its session. Both are then left to the end of the process.
   */
  @Override
  public void close() {
    if (lostRemote) {
      return;
    }
    session.close();
    graph.close();
  }

  /** Builder: {@code setX} is required, {@code optX} optional. */
  public static final class Builder {
    private Model model;
    private GradientTransformation optimizer;
    private long seed = 0;
    private float polyakDecay = 0;
    private String configHash = "";
    private Map<String, Object> modelDescription;
    private List<String> towerDevices = List.of();
    private String variableDevice;
    private String sessionTarget;
    private long stepTimeoutMillis;

    public Builder setModel(Model model) {
      this.model = model;
      return this;
    }

    /** The optimizer; without one the trainer is for inference only (no {@code step}). */
    public Builder setOptimizer(GradientTransformation optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /** Seed of every parameter's initial value (each also keyed by its path). Default 0. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Keep a Polyak average of the parameters with this decay (e.g. 0.999); 0 (default) keeps none. */
    public Builder optPolyakDecay(float decay) {
      if (!(decay >= 0 && decay < 1)) {
        throw new IllegalArgumentException("Polyak decay must be in [0, 1), got " + decay);
      }
      this.polyakDecay = decay;
      return this;
    }

    /**
     * What built the model, as JSON-ready values (maps, lists, strings, numbers), recorded in every
     * checkpoint manifest so that the checkpoint alone says how to rebuild the model.
     */
    public Builder optModel(Map<String, Object> description) {
      this.modelDescription = description;
      return this;
    }

    /** A hash of the config that built the model, recorded in checkpoint manifests. */
    public Builder optConfigHash(String hash) {
      this.configHash = hash;
      return this;
    }

    /**
     * Splits every training step across one tower per device (TensorFlow device names such as
     * {@code /job:worker/task:1/device:CPU:0} or {@code /device:GPU:1}): each tower runs the loss
     * and its gradients on its share of the batch's rows, and the results equal one piece's up to
     * float summation order. Batch sums are added across towers ({@link BatchSums}). Default: none,
     * the step in one piece on the default device.
     */
    public Builder optTowers(List<String> devices) {
      for (String d : devices) {
        if (d == null || !d.startsWith("/")) {
          throw new IllegalArgumentException("tower device '" + d + "' is not a TensorFlow device name such as /job:worker/task:1 or /device:GPU:0");
        }
      }
      this.towerDevices = List.copyOf(devices);
      return this;
    }

    /** Where the variables, the optimizer update and the sums across towers run. Default: the first tower's device. */
    public Builder optVariableDevice(String device) {
      this.variableDevice = device;
      return this;
    }

    /**
     * The TensorFlow server to run on, such as {@code grpc://127.0.0.1:2222} (a cluster's master):
     * see {@link Sessions#open}. Default: none, an in-process session.
     */
    public Builder optSessionTarget(String target) {
      this.sessionTarget = target;
      return this;
    }

    /**
     * Fails a training step that takes longer (a frozen worker would otherwise block it forever)
     * with a TensorFlow {@code DEADLINE_EXCEEDED} error. Default 0: no limit.
     */
    public Builder optStepTimeout(java.time.Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("step timeout must not be negative, got " + timeout);
      }
      this.stepTimeoutMillis = timeout.toMillis();
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
