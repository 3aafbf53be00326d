/** Loss functions as pure functions of operands: mse and the VQ objectives. Filled by the quantizer issue. */
package dev.hrvq.losses;
