package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void versionNamesHrvqAndTensorFlow() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).contains("hrvq 0.").contains("TensorFlow Java 1.1.0 (linux-x86_64");
  }

  @Test
  void selfcheckRunsAGradientAndListsTheCpu() {
    assertThat(run("selfcheck")).isZero();
    assertThat(out.toString())
        .contains("TensorFlow 2.")
        .contains("gradient of x^2 at x=3: 6.0 (ok)")
        .contains("threads: intra-op ")
        .containsPattern("device: CPU .*CPU:0")
        .contains("selfcheck passed");
  }

  @Test
  void quickBenchWritesValidJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("bench.json");
    assertThat(run("bench", "--quick", "--precision", "both", "--out", file.toString())).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    assertThat(json.get("quick").asBoolean()).isTrue();
    assertThat(json.get("precisions").toString()).isEqualTo("[\"fp32\",\"bf16\"]");
    assertThat(json.get("sample_codes_identical").asBoolean()).isTrue();
    for (String key : new String[] {"train_ms_per_step_b128", "recon_s_2000_hrvqvae", "recon_s_2000_vqvae", "recon_s_2000_vqvae2",
        "quantize_s_16k_tree", "quantize_s_16k_flat", "gflop_per_image", "train_gflops", "recon_gflops", "sgemm_gflops", "train_fraction_of_sgemm",
        "recon_fraction_of_sgemm", "rounds", "peak_rss_mb", "matmul_bf16_gflops", "train_ms_per_step_b128_bf16", "recon_s_2000_hrvqvae_bf16",
        "recon_s_2000_vqvae_bf16", "recon_s_2000_vqvae2_bf16", "train_gflops_bf16", "train_fraction_of_matmul_bf16",
        "recon_fraction_of_matmul_bf16", "train_speedup_bf16", "recon_speedup_bf16", "sample_n", "sample_s_per_1000_full",
        "sample_s_per_1000_incremental", "sample_speedup_incremental", "memory_gb_per_s", "quantize_tree_bound_s",
        "quantize_tree_fraction_of_bound", "sample_s_per_1000_incremental_batch_8"}) {
      assertThat(json.get(key)).as(key).isNotNull();
      assertThat(json.get(key).asDouble()).as(key).isPositive();
    }
  }

  @Test
  void benchRefusesAnUnknownPrecision() {
    assertThat(run("bench", "--quick", "--precision", "fp16")).isNotZero();
    assertThat(err.toString()).contains("--precision fp16 is not one of fp32, bf16, both");
  }

  @Test
  void dataListNamesEveryDataSetAndHowToInstallIt() {
    assertThat(run("data", "list")).isZero();
    assertThat(out.toString().lines()).hasSize(5);
    assertThat(out.toString()).containsPattern("synthetic +installed +\\(generated in code\\)");
    assertThat(out.toString()).containsPattern("images +your folder +data.dataset \"images\" and data.path in a config \\(decoded copies cached in /.*/cache/images\\)");
    for (String name : new String[] {"mnist", "fashion-mnist", "patches32"}) {
      assertThat(out.toString()).containsPattern(name + " +(installed +/|not installed +\\./hrvq data install " + name + ")");
    }
  }

  @Test
  void installingAnUnknownDataSetIsAnError() {
    assertThat(run("data", "install", "cifar10")).isNotZero();
    assertThat(err.toString()).contains("unknown data set 'cifar10'");
  }

  @Test
  void anUnknownCommandIsAnErrorWithUsage() {
    assertThat(run("trian")).isNotZero();
    assertThat(err.toString()).contains("Unmatched argument").contains("trian");
  }
}
