/** {@code @WebFluxTest} slices with and without the emulator annotation. */
@NullMarked
package io.github.ddbbackup.spring.autoconfigure.test.slice;

import org.jspecify.annotations.NullMarked;
