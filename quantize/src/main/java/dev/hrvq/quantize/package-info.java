/**
 * Vector quantizers behind one contract ({@link dev.hrvq.quantize.Quantizer}): the flat
 * {@link dev.hrvq.quantize.VectorQuantizer} of VQ-VAE and the tree of codebooks of HR-VQVAE
 * ({@link dev.hrvq.quantize.HierarchicalQuantizer}), with codebook health metrics.
 */
package dev.hrvq.quantize;
