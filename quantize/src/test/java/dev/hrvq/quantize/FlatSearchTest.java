package dev.hrvq.quantize;

import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FLAT search against brute force over all m^i codewords of each layer (local code = global mod m). */
class FlatSearchTest {

  @ParameterizedTest(name = "m={0}, n={1}, D={2}, seed={3}")
  @CsvSource({"2,3,4,101", "4,3,8,102", "3,2,5,103", "8,1,4,104", "2,4,3,105"})
  void flatSearchEqualsBruteForceOverEveryCodewordOfTheLayer(int m, int n, int dim, long seed) {
    TreeSearchTest.checkAgainstReference(Search.FLAT, m, n, dim, seed);
  }

  @Test
  void flatAndTreeSearchDifferOnTheseCases() {
    // Guards the two tests against being the same test: on deep random trees the best leaf of a
    // layer is often outside the codebook the tree path selects.
    TreeSearchTest.Case c = TreeSearchTest.randomCase(101, 2, 3, 4, 100, true);
    RefVq.Quantized tree = RefVq.quantize(c.x(), 4, 2, c.books(), false);
    assertThat(tree.global()[2]).isNotEqualTo(c.ref().global()[2]);
  }
}
