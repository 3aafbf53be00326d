package dev.hrvq.experiments.run;

import dev.hrvq.models.Precision;
import java.util.Set;

/**
 * What a config's {@code precision} means on this machine: {@code fp32} and {@code bf16} are taken
 * as written; {@code auto} is bf16 only where bfloat16 is fast, that is on a CPU with Intel AMX
 * ({@code amx_bf16} and {@code amx_tile} in its flags) running TensorFlow's CPU build, and fp32
 * everywhere else (without AMX, bfloat16 convolutions are emulated and slower than float32).
 */
public final class PrecisionChoice {
  /** The config value resolved per machine; the others are {@link Precision#label()}s. */
  public static final String AUTO = "auto";

  private PrecisionChoice() {}

  /** {@code configured} ({@code fp32}, {@code bf16} or {@code auto}) on this machine. */
  public static Precision resolve(String configured) {
    return resolve(configured, Provenance.cpuFlags(), gpuBuild());
  }

  /** {@code configured} on a machine with these CPU flags and build. */
  static Precision resolve(String configured, Set<String> cpuFlags, boolean gpuBuild) {
    if (AUTO.equals(configured)) {
      return !gpuBuild && hasAmx(cpuFlags) ? Precision.BF16 : Precision.FP32;
    }
    return Precision.fromLabel(configured);
  }

  /** True where the CPU reports AMX tiles with bfloat16 (Intel Sapphire Rapids and later). */
  public static boolean hasAmx(Set<String> cpuFlags) {
    return cpuFlags.contains("amx_bf16") && cpuFlags.contains("amx_tile");
  }

  /**
   * True when TensorFlow's CUDA build is on the class path (the {@code gpu} Maven profile, or
   * {@code HRVQ_GPU=1 ./hrvq}): its native libraries sit under their own platform folder.
   */
  public static boolean gpuBuild() {
    return PrecisionChoice.class.getClassLoader().getResource("org/tensorflow/internal/c_api/linux-x86_64-gpu/") != null;
  }
}
