package dev.hrvq.experiments.bench;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.models.VqVae;
import dev.hrvq.models.VqVae2;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.Precision;
import dev.hrvq.experiments.run.PrecisionChoice;
import dev.hrvq.experiments.run.Provenance;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.VectorQuantizer;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.types.TFloat32;

/**
 * The figures of {@code hrvq bench}, each measured after a warm-up in this process: the reference
 * MNIST model's training step, reconstruction of 10,000 images by each model, the quantizer alone,
 * ancestral sampling from a prior of the quickstart's sizes by full passes and incrementally,
 * achieved GFLOP/s, a 2048² matmul as the practical peak, and peak memory. Training and
 * reconstruction are measured in each requested precision, each against the 2048² matmul of that
 * precision (float32 sgemm; bfloat16, AMX where the CPU has it). Inputs are random: speed does not
 * depend on what the weights learned.
 */
public final class Bench {
  private final boolean quick;
  private final List<Precision> precisions;
  private final PrintStream log;

  /** @param precisions the precisions to measure training and reconstruction in, in this order */
  public Bench(boolean quick, List<Precision> precisions, PrintStream log) {
    this.quick = quick;
    this.precisions = List.copyOf(precisions);
    this.log = log;
  }

  public Map<String, Object> run() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("quick", quick);
    r.put("threads_intra_op", SessionConfig.intraOpThreads());
    r.put("precisions", precisions.stream().map(Precision::label).toList());
    r.put("cpu_has_amx", PrecisionChoice.hasAmx(Provenance.cpuFlags()));
    Map<Precision, Double> trainMs = new LinkedHashMap<>();
    Map<Precision, Double> reconSeconds = new LinkedHashMap<>();
    int images = quick ? 2_000 : 10_000;
    for (Precision p : precisions) {
      // float32 keys as they always were; bfloat16 ones end in _bf16.
      String s = p == Precision.FP32 ? "" : "_" + p.label();
      String peak = p == Precision.FP32 ? "sgemm" : "matmul_" + p.label();
      HrVqVae hr = new HrVqVae(Architecture.mnist(), HierarchicalQuantizer.builder().setCodewords(4).setLayers(3).build(), 0.25f,
          new float[] {0.25f, 0.25f, 0.25f}, p);
      TrainAgainstPeak train = trainAgainstPeak(hr, p, 128, quick ? 1 : 5, quick ? 1 : 6);
      trainMs.put(p, train.trainMs());
      r.put(peak + "_gflops", round(train.sgemmGflops()));
      r.put("train_ms_per_step_b128" + s, round(train.trainMs()));
      Map<String, VqAutoencoder> models = new LinkedHashMap<>();
      models.put("hrvqvae", hr);
      models.put("vqvae", new VqVae(Architecture.mnist(), VectorQuantizer.of(512), 0.25f, p));
      models.put("vqvae2", new VqVae2(Architecture.mnist(), 3, 512, 0.25f, p));
      double hrFlops = 0;
      for (var e : models.entrySet()) {
        double[] secondsAndFlops = reconstructSeconds(e.getValue(), images);
        r.put("recon_s_" + images + "_" + e.getKey() + s, round(secondsAndFlops[0]));
        if (p == Precision.FP32) {
          r.put("gflop_per_image_" + e.getKey(), round(secondsAndFlops[1] / 1e9));
        }
        if (e.getKey().equals("hrvqvae")) {
          hrFlops = secondsAndFlops[1];
          reconSeconds.put(p, secondsAndFlops[0]);
          r.put("recon_gflops" + s, round(hrFlops * images / secondsAndFlops[0] / 1e9));
        }
      }
      if (p == Precision.FP32) {
        r.put("gflop_per_image", round(hrFlops / 1e9));
      }
      // Training is forward + backward: about 3x the forward FLOPs (the usual estimate).
      double trainFlopsPerStep = 3 * hrFlops * 128;
      r.put("train_gflops" + s, round(trainFlopsPerStep / (train.trainMs() / 1000) / 1e9));
      r.put("train_fraction_of_" + peak, round(train.fractionOfPeak(trainFlopsPerStep)));
      r.put("recon_fraction_of_" + peak, round(hrFlops * images / reconSeconds.get(p) / (train.sgemmGflops() * 1e9)));
      r.put("rounds", train.rounds());
    }
    if (trainMs.size() == 2) {
      r.put("train_speedup_bf16", round(trainMs.get(Precision.FP32) / trainMs.get(Precision.BF16)));
      r.put("recon_speedup_bf16", round(reconSeconds.get(Precision.FP32) / reconSeconds.get(Precision.BF16)));
    }
    int vectors = quick ? 16_000 : 256_000;
    int chunk = quick ? 8_000 : 32_000;
    String k = quick ? "16k" : "256k";
    r.put("quantize_s_" + k + "_tree", round(QuantizerBench.seconds(Search.TREE, 16, 3, 64, vectors, chunk, 1)));
    QuantizerBench.treeAgainstBandwidth(16, 3, 64, vectors, chunk, quick ? 1 : 5).asMap().forEach((key, v) -> r.put(key, round(v)));
    r.put("quantize_s_" + k + "_flat", round(QuantizerBench.seconds(Search.FLAT, 16, 3, 64, vectors, chunk, 1)));
    r.putAll(SamplingBench.run(quick ? 4 : 64, quick ? 1 : 2, quick ? 8 : 1000, log));
    r.put("peak_rss_mb", peakRssMb());
    return r;
  }

  /**
   * The training step and the 2048² sgemm peak, measured in alternating rounds so that both see the
   * same machine: on a shared machine the sgemm figure alone moves by a third from minute to minute
   * (the training step far less), and a ratio of two figures taken a minute apart measured that drift.
   */
  TrainAgainstPeak trainAgainstPeak(VqAutoencoder model, Precision precision, int batch, int rounds, int stepsPerRound) {
    var shape = model.imageSpec().shape();
    float[] images = random((int) (batch * shape.get(1) * shape.get(2) * shape.get(3)), 5);
    try (Sgemm sgemm = new Sgemm(2048, precision);
        Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(3e-4f)).build();
        TFloat32 x = Tensors.of(images, batch, shape.get(1), shape.get(2), shape.get(3))) {
      Map<String, TFloat32> feed = Map.of("x", x);
      sgemm.seconds(1);
      for (int i = 0; i < (quick ? 1 : 3); i++) {
        t.step(feed);
      }
      double[] stepMs = new double[rounds];
      double[] sgemmSeconds = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        sgemmSeconds[round] = sgemm.seconds(quick ? 2 : 4);
        long start = System.nanoTime();
        for (int i = 0; i < stepsPerRound; i++) {
          t.step(feed);
        }
        stepMs[round] = (System.nanoTime() - start) / 1e6 / stepsPerRound;
        log.printf("%s round %d: train step (batch %d) %.1f ms, 2048² matmul %.0f GFLOP/s%n", precision.label(), round + 1, batch, stepMs[round],
            sgemm.flops() / sgemmSeconds[round] / 1e9);
      }
      if (!quick) {
        log.println("time per op type in one traced step (microseconds, summed over ops and threads):");
        t.profileStep(feed).entrySet().stream().limit(12).forEach(e -> log.printf("  %-28s %8d%n", e.getKey(), e.getValue()));
      }
      return new TrainAgainstPeak(stepMs, sgemmSeconds, sgemm.flops());
    }
  }

  /** Per-round step times and sgemm times; medians, and the median of the per-round ratios. */
  record TrainAgainstPeak(double[] stepMs, double[] sgemmSeconds, double sgemmFlops) {
    double trainMs() {
      return median(stepMs);
    }

    double sgemmGflops() {
      return sgemmFlops / median(sgemmSeconds) / 1e9;
    }

    /** Achieved training FLOP/s over sgemm FLOP/s, round by round, then the median. */
    double fractionOfPeak(double trainFlopsPerStep) {
      double[] ratios = new double[stepMs.length];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = (trainFlopsPerStep / (stepMs[i] / 1000)) / (sgemmFlops / sgemmSeconds[i]);
      }
      return median(ratios);
    }

    int rounds() {
      return stepMs.length;
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Seconds to reconstruct {@code images} in batches of 1000, and forward FLOPs per image. */
  double[] reconstructSeconds(VqAutoencoder model, int images) {
    var shape = model.imageSpec().shape();
    int batch = 1000;
    float[] data = random((int) (batch * shape.get(1) * shape.get(2) * shape.get(3)), 7);
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.sgd(0f)).build()) {
      CompiledVq vq = new CompiledVq(t, model, false);
      vq.reconstruct(data, batch, model.allLayers());
      long start = System.nanoTime();
      for (int done = 0; done < images; done += batch) {
        vq.reconstruct(data, batch, model.allLayers());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String scope = "reconstruct" + suffix(model);
      double flops = GraphFlops.convolutions(t.graph(), scope) + GraphFlops.quantizer(model);
      log.printf("reconstruct %d images with %s in %s: %.2f s (%.3f GFLOP per image)%n", images, model.kind().label(),
          model.precision().label(), seconds, flops / 1e9);
      return new double[] {seconds, flops};
    }
  }

  private static String suffix(VqAutoencoder model) {
    StringBuilder s = new StringBuilder();
    model.allLayers().forEach(i -> s.append('_').append(i));
    return s.toString();
  }

  /** Resident memory over {@code steps} training steps of a tiny model (see {@link MemorySoak}). */
  /** Training on a loopback cluster against one process: see {@link ClusterBench}. */
  public static Map<String, Object> cluster(boolean quick, PrintStream log) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("quick", quick);
    r.put("threads_intra_op", SessionConfig.intraOpThreads());
    r.putAll(ClusterBench.run(quick, log));
    r.put("peak_rss_mb", peakRssMb());
    return r;
  }

  public static Map<String, Object> soak(int steps, PrintStream log) {
    return MemorySoak.run(steps, log);
  }

  static long peakRssMb() {
    return MemorySoak.procStatusMb("VmHWM:");
  }

  static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextFloat();
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
