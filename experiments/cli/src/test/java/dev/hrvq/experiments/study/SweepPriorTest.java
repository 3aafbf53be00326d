package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep with a prior: each point's prior trains over its run and the results carry bits per position. */
class SweepPriorTest {
  @TempDir Path tmp;

  @Test
  void thePriorOfEachPointGivesBitsPerPosition() throws Exception {
    Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    Files.writeString(tmp.resolve("prior.json"), """
        { "prior": { "run": "set-by-the-sweep", "hidden": 8, "blocks": 2, "kernel": 3, "embedding": 4 },
          "training": { "steps": 6, "batch_size": 16, "eval_every": 3, "checkpoint_every": 3, "log_every": 3 },
          "sampling": { "samples": 4 } }
        """);
    Path sweep = Files.writeString(tmp.resolve("s.json"), """
        { "base": "base.json", "prior": "prior.json", "grid": { "model.quantizer.codewords": [2] } }
        """);
    Path out = tmp.resolve("out");
    SweepTest.Result r = SweepTest.run("sweep", sweep.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = List.of(csv.get(0).split(","));
    assertThat(header).contains("bits_codes");
    double bits = Double.parseDouble(csv.get(1).split(",")[header.indexOf("bits_codes")]);
    Path priorSummary = out.resolve("codewords-2_seed-0-prior").resolve("summary.json");
    assertThat(bits).isPositive()
        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(priorSummary.toFile()).path("test_bits_per_position").path("codes").asDouble());
    SweepTest.Result again = SweepTest.run("sweep", sweep.toString(), "--out", out.toString());
    assertThat(again.out()).contains("finished earlier, skipped").doesNotContain("sampled");
    // The prior, resumed by hand with fewer steps than it trained, is refused as a VQ run would be.
    Path priorDir = out.resolve("codewords-2_seed-0-prior");
    String summary = Files.readString(priorSummary);
    SweepTest.Result shorter = SweepTest.run("run", tmp.resolve("prior.json").toString(), "--out", priorDir.toString(), "--resume",
        "--set", "prior.run=" + com.fasterxml.jackson.databind.node.TextNode.valueOf(out.resolve("codewords-2_seed-0").toString()),
        "--set", "training.steps=3");
    assertThat(shorter.code()).as(shorter.out()).isNotZero();
    assertThat(shorter.err()).contains("checkpoint is at step 6, past training.steps 3", "cannot be shortened");
    assertThat(Files.readString(priorSummary)).isEqualTo(summary);
  }

  @Test
  void priorSeedsChooseWhichPointsGetAPriorAndPriorSetReachesIt() throws Exception {
    Files.writeString(tmp.resolve("base.json"), SweepTest.BASE.replace("\"steps\": 40", "\"steps\": 10"));
    Files.writeString(tmp.resolve("prior.json"), """
        { "prior": { "run": "set-by-the-sweep", "hidden": 8, "blocks": 2, "kernel": 3, "embedding": 4 },
          "training": { "steps": 6, "batch_size": 16, "eval_every": 3, "checkpoint_every": 3, "log_every": 3 },
          "sampling": { "samples": 4 } }
        """);
    Path sweep = Files.writeString(tmp.resolve("s.json"), """
        { "base": "base.json", "prior": "prior.json", "seeds": [0, 1], "prior_seeds": [0] }
        """);
    Path out = tmp.resolve("out");
    SweepTest.Result r = SweepTest.run("sweep", sweep.toString(), "--out", out.toString(), "--prior-set", "training.steps=4");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(out.resolve("seed-0-prior").resolve("summary.json")).exists();
    assertThat(out.resolve("seed-1-prior")).doesNotExist();
    var prior = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("seed-0-prior").resolve("config.json").toFile());
    assertThat(prior.path("training").path("steps").asInt()).isEqualTo(4);
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = List.of(csv.get(0).split(",", -1));
    assertThat(csv.get(1).split(",", -1)[header.indexOf("bits_codes")]).isNotEmpty();
    assertThat(csv.get(2).split(",", -1)[header.indexOf("bits_codes")]).as("seed 1 has no prior").isEmpty();
    // The summary over seeds: one setting, test MSE over both seeds, the prior's bits from seed 0 alone.
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    List<String> columns = List.of(summary.get(0).split(",", -1));
    assertThat(summary).hasSize(2);
    String[] row = summary.get(1).split(",", -1);
    assertThat(row[columns.indexOf("test_mse_n")]).isEqualTo("2");
    assertThat(row[columns.indexOf("bits_codes_n")]).isEqualTo("1");
    SweepTest.Result again = SweepTest.run("sweep", sweep.toString(), "--out", out.toString(), "--prior-set", "training.steps=4");
    assertThat(again.out()).contains("finished earlier, skipped").doesNotContain("sampled");
  }
}
