package com.aipasta.command.chat.catalog;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.util.Locale;
import java.util.Map;

/** Orders of the model list; {@link #DEFAULT} puts free models first, the preferred defaults first among them. */
public enum ModelSort {
    DEFAULT, NAME, PRICE, POPULARITY;

    /** Reads the {@code sort} parameter: absent for the default order, else name, price or popularity. */
    public static ModelSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return DEFAULT;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "name" -> NAME;
            case "price" -> PRICE;
            case "popularity" -> POPULARITY;
            default -> throw new DomainException(ErrorCode.VALIDATION_FAILED, "sort must be name, price or popularity",
                    Map.of("sort", "must be name, price or popularity"));
        };
    }
}
