package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tool's parameters, read by name and type. A parameter that is missing, of the wrong type or out of its bounds is
 * refused with a 400 naming it.
 */
public final class ToolInput {

    /** The most significant digits a decimal parameter may have, and the widest exponent it may carry. */
    static final int MAX_DECIMAL_DIGITS = 50;
    static final int MAX_DECIMAL_EXPONENT = 1000;
    private static final int MAX_DECIMAL_TEXT = 120;

    private final Map<String, Object> values;

    public ToolInput(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public Map<String, Object> values() {
        return values;
    }

    public Optional<String> optionalText(String name, int maxLength) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        if (text.length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    public String text(String name, int maxLength) {
        return optionalText(name, maxLength).orElseThrow(() -> invalid(name, "is required"));
    }

    /** One of {@code choices}, compared without regard to case and answered in lower case. */
    public Optional<String> optionalChoice(String name, List<String> choices) {
        return optionalText(name, 100).map(text -> {
            String chosen = text.strip().toLowerCase(Locale.ROOT);
            if (!choices.contains(chosen)) {
                throw invalid(name, "must be one of " + String.join(", ", choices));
            }
            return chosen;
        });
    }

    public String choice(String name, List<String> choices) {
        return optionalChoice(name, choices).orElseThrow(() -> invalid(name, "is required"));
    }

    public Optional<Integer> optionalInteger(String name, int minimum, int maximum) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        BigInteger integer;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            integer = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            integer = big;
        } else {
            throw invalid(name, "must be a whole number");
        }
        if (integer.compareTo(BigInteger.valueOf(minimum)) < 0 || integer.compareTo(BigInteger.valueOf(maximum)) > 0) {
            throw invalid(name, "must be between " + minimum + " and " + maximum);
        }
        return Optional.of(integer.intValueExact());
    }

    public int integer(String name, int minimum, int maximum) {
        return optionalInteger(name, minimum, maximum).orElseThrow(() -> invalid(name, "is required"));
    }

    /**
     * A decimal given as a JSON number or a string of one, with at most {@value #MAX_DECIMAL_DIGITS} significant
     * digits and an exponent within ±{@value #MAX_DECIMAL_EXPONENT}, so no arithmetic on it grows without bound.
     */
    public Optional<BigDecimal> optionalDecimal(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal decimal;
        if (value instanceof BigDecimal exact) {
            decimal = exact;
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw invalid(name, "must be a finite number");
            }
            decimal = BigDecimal.valueOf(number);
        } else if (value instanceof Number number) {
            decimal = new BigDecimal(number.toString());
        } else if (value instanceof String text) {
            decimal = parse(name, text.strip());
        } else {
            throw invalid(name, "must be a number");
        }
        if (decimal.precision() > MAX_DECIMAL_DIGITS) {
            throw invalid(name, "must have at most " + MAX_DECIMAL_DIGITS + " significant digits");
        }
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        if (decimal.signum() != 0 && Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
            throw invalid(name, "must lie between 1e-" + MAX_DECIMAL_EXPONENT + " and 1e" + MAX_DECIMAL_EXPONENT);
        }
        return Optional.of(decimal.signum() == 0 ? BigDecimal.ZERO : decimal);
    }

    public BigDecimal decimal(String name) {
        return optionalDecimal(name).orElseThrow(() -> invalid(name, "is required"));
    }

    private static BigDecimal parse(String name, String text) {
        if (text.isEmpty() || text.length() > MAX_DECIMAL_TEXT) {
            throw invalid(name, "must be a number");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a number");
        }
    }

    public static DomainException invalid(String name, String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, name + " " + reason, Map.of(name, reason));
    }
}
