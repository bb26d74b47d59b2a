package com.aipasta.common;

import java.util.Objects;
import java.util.stream.Stream;

/** A failure's chain of causes: the failure itself, then its cause, and so on. */
public final class Causes {

    private Causes() {
    }

    public static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }
}
