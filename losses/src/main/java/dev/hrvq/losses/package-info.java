/** Loss functions as pure functions of operands: mse and the VQ-VAE / HR-VQVAE objectives. */
package dev.hrvq.losses;
