package dev.hrvq.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code hrvq-golden/quantizer-grad-v1} fixture: the objective's value and gradients. */
public record GradientFixture(Path file, String name, QuantizerInputs inputs, Expected expected, Tolerance tolerance)
    implements GoldenFixture {

  public static final String FORMAT = "hrvq-golden/quantizer-grad-v1";

  /**
   * @param loss the sum of every {@code VqObjectives.hrvqvae} term
   * @param gradLatents {@code dL/dxi0}, {@code [N*D]}
   * @param gradCodebooks per layer {@code dL/dC_i}, {@code [m^(i-1)*m*D]}
   */
  public record Expected(double loss, double[] gradLatents, List<double[]> gradCodebooks) {}

  @Override
  public String format() {
    return FORMAT;
  }

  public static GradientFixture read(Path file) {
    return read(FixtureReader.open(file));
  }

  static GradientFixture read(FixtureReader r) {
    GoldenFixture.expectFormat(r, FORMAT);
    String name = r.string("name");
    QuantizerInputs in = QuantizerInputs.read(r);
    double loss = r.number("expected.loss");
    double[] gx = r.numbers("expected.grad_latents", new long[] {in.count(), in.dim()},
        new String[] {"vectors", "components"});
    JsonNode gb = r.array(r.node("expected.grad_codebooks"), "expected.grad_codebooks", in.layers(), "layers");
    List<double[]> books = new ArrayList<>();
    for (int i = 0; i < in.layers(); i++) {
      books.add(r.numbers(gb.get(i), "expected.grad_codebooks[" + i + "]",
          new long[] {in.books(i + 1), in.m(), in.dim()}, new String[] {"codebooks", "codewords", "components"}));
    }
    return new GradientFixture(r.path, name, in, new Expected(loss, gx, books), r.tolerance());
  }
}
