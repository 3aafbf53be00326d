package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.experiments.config.ConfigException;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.config.SweepConfig;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.output.OwnerMark;
import dev.hrvq.experiments.prior.PriorRunner;
import dev.hrvq.experiments.run.Provenance;
import dev.hrvq.experiments.run.ResumeCheck;
import dev.hrvq.experiments.run.ResumeHint;
import dev.hrvq.experiments.run.RunContext;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.experiments.run.Runner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sweep: every point's config is resolved and checked against what its folder already
 * holds before anything trains; then each point trains into {@code SWEEP_DIR/<point>} (finished
 * points are skipped, interrupted ones resumed), with its prior in {@code SWEEP_DIR/<point>-prior}
 * when the sweep has one, and the results and plots are rewritten after every point. A point that
 * fails (e.g. diverges) is recorded as failed and the sweep goes on.
 */
public final class SweepRunner {
  /** How a sweep ended. */
  public enum Outcome { DONE, INTERRUPTED, FAILED }

  static final String COMMAND = "sweep";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  static final String PRIOR_SUFFIX = "-prior";

  private final SweepConfig sweep;
  private final Path folder;
  private final DataSets data;
  private final PrintStream out;
  private final String version;
  private final List<SweepRun> runs;

  public SweepRunner(SweepConfig sweep, Path folder, DataSets data, PrintStream out, String version) {
    this.sweep = sweep;
    this.folder = folder.toAbsolutePath().normalize();
    this.data = data;
    this.out = out;
    this.version = version;
    this.runs = SweepPoints.expand(sweep);
  }

  public List<SweepRun> runs() {
    return runs;
  }

  /** Every point's resolved config; all problems of all points at once, each naming its point. */
  public List<ResolvedConfig> resolveAll() {
    List<ResolvedConfig> resolved = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SweepRun run : runs) {
      try {
        ResolvedConfig r = ConfigLoader.resolve(sweep.base(), run.overrides());
        resolved.add(r);
        Path dir = folder.resolve(run.id());
        RunDirectory existing = new RunDirectory(dir);
        if (Files.exists(existing.config())) {
          ResumeCheck.check(dir, RunDirectory.unstamped(RunDirectory.readJson(existing.config())), r.json());
        }
      } catch (ConfigException | IllegalArgumentException e) {
        problems.add("point " + run.id() + ": " + e.getMessage().replace("\n", "\n  "));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(sweep.file() + ": " + problems.size() + " of " + runs.size() + " points cannot run:\n"
          + String.join("\n", problems));
    }
    return resolved;
  }

  /** Runs every point not finished yet, with the configs {@link #resolveAll} gave; returns how the sweep ended. */
  public Outcome run(List<ResolvedConfig> configs) {
    claimFolder();
    writeSweepRecord();
    SweepResults results = new SweepResults(sweep.name(), SweepPoints.sweptKeys(runs));
    SweepProgress progress = new SweepProgress(sweep.name(), runs.size(), out);
    List<String> failed = new ArrayList<>();
    for (SweepRun run : runs) {
      ResolvedConfig config = configs.get(run.index());
      Path dir = folder.resolve(run.id());
      Path priorDir = folder.resolve(run.id() + PRIOR_SUFFIX);
      boolean withPrior = sweep.hasPrior(run.seed());
      boolean done = finished(dir, config.config().training().steps()) && (!withPrior || priorFinished(priorDir));
      progress.starting(run, done);
      if (!done) {
        long t0 = System.nanoTime();
        try {
          boolean completed = train(config, dir) && (!withPrior || trainPrior(run, dir, priorDir));
          if (!completed) {
            finish(results);
            out.printf("sweep %s interrupted at point %d/%d (%s); rerun ./hrvq sweep %s to continue: finished points are skipped, "
                + "this one resumes%n", sweep.name(), run.index() + 1, runs.size(), run.id(), sweep.file());
            return Outcome.INTERRUPTED;
          }
        } catch (RuntimeException e) {
          out.printf("sweep %s: point %s failed: %s%n", sweep.name(), run.id(), e.getMessage());
          failed.add(run.id());
          results.put(run, "failed", Map.of());
          results.write(folder);
          continue;
        }
        progress.trained(System.nanoTime() - t0);
      }
      results.put(run, "done", figures(dir, withPrior ? priorDir : null));
      results.write(folder);
    }
    finish(results);
    if (!failed.isEmpty()) {
      out.printf("sweep %s: %d of %d points failed: %s; fix the cause and rerun the sweep to retry them%n", sweep.name(), failed.size(),
          runs.size(), String.join(", ", failed));
      return Outcome.FAILED;
    }
    out.printf("sweep %s: %d points done; results in %s%n", sweep.name(), runs.size(), folder.resolve(SweepResults.CSV));
    return Outcome.DONE;
  }

  private boolean train(ResolvedConfig config, Path dir) {
    boolean resume = Files.exists(new RunDirectory(dir).config());
    RunContext ctx = RunContext.create(config, version, dir, data);
    return !new Runner(ctx, out, continueWith()).run(resume).interrupted();
  }

  private boolean trainPrior(SweepRun run, Path dir, Path priorDir) {
    List<String> overrides = new ArrayList<>();
    sweep.priorSet().forEach((k, v) -> overrides.add(k + "=" + v));
    overrides.addAll(List.of("prior.run=" + jsonString(dir.toString()), "seed=" + run.seed(), "name=" + run.id() + PRIOR_SUFFIX));
    var prior = PriorConfigLoader.resolve(sweep.prior(), overrides);
    boolean resume = Files.exists(new RunDirectory(priorDir).config());
    return new PriorRunner(prior, priorDir, data, out, continueWith()).run(resume, version);
  }

  /** What resumes the sweep after a signal (the process ends before the sweep could say so itself). */
  private String continueWith() {
    return ResumeHint.sweep(sweep.file(), folder, sweep.commandLine());
  }

  /** The point's columns, and its prior's when {@code priorDir} is not null. */
  private Map<String, Object> figures(Path dir, Path priorDir) {
    Map<String, Object> figures = new LinkedHashMap<>(RunFigures.read(dir).columns());
    if (priorDir != null) {
      RunFigures prior = RunFigures.read(priorDir);
      // The prior's own figures: bits per position and the distances of its samples (its
      // reconstruction distances are the point's own).
      prior.columns().forEach((k, v) -> {
        if (k.startsWith("bits_") || k.endsWith("_samples")) {
          figures.put(k, v);
        }
      });
    }
    return figures;
  }

  private void finish(SweepResults results) {
    results.write(folder);
    SweepPlots.write(sweep, folder, results, out);
  }

  /** Finished: a summary, and a checkpoint at training.steps (a larger steps value extends the point). */
  static boolean finished(Path dir, long steps) {
    RunDirectory run = new RunDirectory(dir);
    if (!Files.isRegularFile(run.summary())) {
      return false;
    }
    return Checkpoints.latest(run.checkpoints()).map(c -> Checkpoints.readManifest(c).step() >= steps).orElse(false);
  }

  private static boolean priorFinished(Path priorDir) {
    return Files.isRegularFile(new RunDirectory(priorDir).summary());
  }

  /** The sweep folder is hrvq sweep's own (marked), new, or empty; anything else is refused before any work. */
  private void claimFolder() {
    try {
      if (Files.isDirectory(folder) && OwnerMark.isMarked(folder, COMMAND)) {
        return;
      }
      if (Files.exists(folder) && !(Files.isDirectory(folder) && isEmpty(folder))) {
        throw new IllegalArgumentException(folder + " exists and is not a sweep folder written by hrvq sweep; hrvq never writes into "
            + "what it did not make: set output.dir or name in " + sweep.file() + ", or move it away yourself");
      }
      Files.createDirectories(folder);
      OwnerMark.markFolder(folder, COMMAND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sweep folder " + folder, e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** sweep.json: the sweep as read, its points and where it ran (rewritten by every rerun). */
  private void writeSweepRecord() {
    ObjectNode record = JSON.createObjectNode();
    record.put("name", sweep.name());
    record.put("file", sweep.file().toAbsolutePath().toString());
    record.put("base", sweep.base().toString());
    record.put("prior", sweep.prior() == null ? null : sweep.prior().toString());
    // What every point and prior was given, the command line's --set and --prior-set included.
    record.set("set", JSON.valueToTree(sweep.set()));
    record.set("prior_set", JSON.valueToTree(sweep.priorSet()));
    try {
      record.set("sweep", JSON.readTree(sweep.file().toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sweep.file() + " again", e);
    }
    var points = record.putArray("points");
    runs.forEach(r -> {
      ObjectNode p = points.addObject();
      p.put("point", r.id());
      p.put("seed", r.seed());
      r.overrides().forEach(p.withArray("overrides")::add);
    });
    record.put("hrvq_version", version);
    record.set(Provenance.KEY, JSON.valueToTree(Provenance.describe()));
    RunDirectory.writeJson(folder.resolve("sweep.json"), record);
  }

  private static String jsonString(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }
}
