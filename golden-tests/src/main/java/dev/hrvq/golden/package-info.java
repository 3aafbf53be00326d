/** Golden fixtures and the public golden assertion API. Filled by the golden-tests issue. */
package dev.hrvq.golden;
