package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare: the differing keys and each run's figures, as printed and as written, and the curves. */
class CompareTest {
  @TempDir static Path tmp;
  static Path a;
  static Path b;

  @BeforeAll
  static void twoRuns() throws IOException {
    Path base = Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    a = tmp.resolve("a");
    b = tmp.resolve("b");
    assertThat(SweepTest.run("run", base.toString(), "--out", a.toString()).code()).isZero();
    assertThat(SweepTest.run("run", base.toString(), "--out", b.toString(), "--set", "model.quantizer.codewords=4",
        "--set", "seed=1").code()).isZero();
  }

  @Test
  void theTableHasTheDifferingKeysAndTheFiguresOfEachRun() throws IOException {
    Comparison c = new Comparison(List.of(RunFigures.read(a), RunFigures.read(b)));
    assertThat(c.differingKeys()).containsExactly("model.quantizer.codewords", "seed");
    List<Map<String, Object>> rows = c.rows();
    assertThat(rows.get(0)).containsEntry("model.quantizer.codewords", "2").containsEntry("seed", "0");
    assertThat(rows.get(1)).containsEntry("model.quantizer.codewords", "4").containsEntry("seed", "1");
    double mse = RunFigures.read(b).summary().path("test_mse").asDouble();
    assertThat(rows.get(1)).containsEntry("test_mse", mse);
    double ppl1 = (Double) rows.get(1).get("perplexity_codes_l1");
    double ppl2 = (Double) rows.get(1).get("perplexity_codes_l2");
    assertThat((Double) rows.get(1).get("code_bits")).isCloseTo(Math.log(ppl1 * ppl2) / Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void theCommandPrintsTheTableAndWritesItWithTheCurves() throws IOException {
    Path out = tmp.resolve("cmp");
    SweepTest.Result r = SweepTest.run("compare", a.toString(), b.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("| model.quantizer.codewords | 2", "| test_mse");
    for (String f : new String[] {"compare.md", "compare.csv", "compare.json"}) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(ImageIO.read(out.resolve("test_mse.png").toFile()).getWidth()).isPositive();
    assertThat(ImageIO.read(out.resolve("codebook_usage.png").toFile()).getWidth()).isPositive();
    assertThat(Files.readAllLines(out.resolve("compare.csv"))).hasSize(3);
    SweepTest.Result again = SweepTest.run("compare", a.toString(), b.toString(), "--out", out.toString());
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("add --force");
  }

  @Test
  void anUnfinishedOrForeignFolderIsNamed() throws IOException {
    Path notRun = Files.createDirectories(tmp.resolve("photos"));
    SweepTest.Result r = SweepTest.run("compare", a.toString(), notRun.toString(), "--out", tmp.resolve("x").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains(notRun + " is not a run directory");
    assertThat(SweepTest.run("compare", a.toString()).code()).as("one run is not a comparison").isEqualTo(2);
  }
}
