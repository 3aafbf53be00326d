/** Vector quantizers: flat, hierarchical (the tree of codebooks), multi-scale; codebook metrics. Filled by the quantizer issue. */
package dev.hrvq.quantize;
