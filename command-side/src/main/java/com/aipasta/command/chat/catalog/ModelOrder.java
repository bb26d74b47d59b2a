package com.aipasta.command.chat.catalog;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.util.Locale;
import java.util.Map;

/**
 * An order of the model list: what it sorts by and which way. Without {@code order}, names and prices ascend and
 * popularity descends (the most popular first); the default order ascends.
 */
public record ModelOrder(ModelSort sort, boolean descending) {

    public static ModelOrder of(ModelSort sort) {
        return new ModelOrder(sort, sort == ModelSort.POPULARITY);
    }

    /** Reads the {@code sort} and {@code order} parameters; {@code order} is {@code asc} or {@code desc}. */
    public static ModelOrder parse(String sort, String order) {
        ModelOrder byDefault = of(ModelSort.parse(sort));
        if (order == null || order.isBlank()) {
            return byDefault;
        }
        return switch (order.strip().toLowerCase(Locale.ROOT)) {
            case "asc" -> new ModelOrder(byDefault.sort(), false);
            case "desc" -> new ModelOrder(byDefault.sort(), true);
            default -> throw new DomainException(ErrorCode.VALIDATION_FAILED, "order must be asc or desc",
                    Map.of("order", "must be asc or desc"));
        };
    }
}
