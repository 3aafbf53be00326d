package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.models.Precision;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecisionChoiceTest {
  private static final Set<String> SAPPHIRE_RAPIDS = Set.of("avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "amx_int8");
  private static final Set<String> ZEN3 = Set.of("avx2", "fma", "f16c");

  @Test
  void autoIsBfloat16OnlyWithAmxTilesAndBfloat16OnTheCpuBuild() {
    assertThat(PrecisionChoice.resolve("auto", SAPPHIRE_RAPIDS, false)).isEqualTo(Precision.BF16);
    assertThat(PrecisionChoice.resolve("auto", ZEN3, false)).isEqualTo(Precision.FP32);
    assertThat(PrecisionChoice.resolve("auto", Set.of("avx512_bf16"), false)).as("bf16 without AMX is emulated").isEqualTo(Precision.FP32);
    assertThat(PrecisionChoice.resolve("auto", Set.of("amx_tile", "amx_int8"), false)).isEqualTo(Precision.FP32);
    assertThat(PrecisionChoice.resolve("auto", SAPPHIRE_RAPIDS, true)).as("the GPU build").isEqualTo(Precision.FP32);
  }

  @Test
  void fp32AndBf16AreTakenAsWrittenOnEveryMachine() {
    assertThat(PrecisionChoice.resolve("fp32", SAPPHIRE_RAPIDS, false)).isEqualTo(Precision.FP32);
    assertThat(PrecisionChoice.resolve("bf16", ZEN3, false)).isEqualTo(Precision.BF16);
    assertThat(PrecisionChoice.resolve("bf16", ZEN3, true)).isEqualTo(Precision.BF16);
  }

  @Test
  void thisMachinesFlagsAndBuildAreRead() {
    assertThat(Provenance.cpuFlags()).as("/proc/cpuinfo flags").isNotEmpty();
    assertThat(PrecisionChoice.gpuBuild()).as("the test build is the CPU one").isFalse();
    assertThat(PrecisionChoice.resolve("auto")).isEqualTo(PrecisionChoice.hasAmx(Provenance.cpuFlags()) ? Precision.BF16 : Precision.FP32);
  }

  @Test
  void anotherValueIsAnError() {
    assertThatThrownBy(() -> PrecisionChoice.resolve("fp16", ZEN3, false)).hasMessageContaining("'fp16'").hasMessageContaining("fp32, bf16");
  }
}
