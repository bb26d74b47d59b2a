package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decimal arithmetic without binary rounding: {@code 0.1 + 0.2} is {@code 0.3}. Sums, differences and products are
 * exact; quotients, negative powers and square roots are rounded half-even to {@code precision} significant digits
 * (34 unless asked otherwise). Results come as strings so that no digit is lost on the way.
 */
@Component
public class Calculator implements Tool {

    static final List<String> OPERATIONS = List.of("add", "subtract", "multiply", "divide", "power", "sqrt");
    static final int DEFAULT_PRECISION = 34;
    static final int MAX_PRECISION = 100;
    static final int MAX_EXPONENT = 999;

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .choice("operation", "what to compute", OPERATIONS, true)
            .decimal("number1", "the first operand (the base of a power, the radicand of a square root)", true)
            .decimal("number2", "the second operand (a whole exponent from -999 to 999 for a power); not for sqrt",
                    false)
            .integer("precision", "significant digits of a rounded result", 1, MAX_PRECISION, false)
            .build();

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Exact decimal arithmetic: add, subtract, multiply, divide, power and square root of decimal numbers.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        String operation = input.choice("operation", OPERATIONS);
        BigDecimal first = input.decimal("number1");
        MathContext rounding = new MathContext(input.optionalInteger("precision", 1, MAX_PRECISION)
                .orElse(DEFAULT_PRECISION), RoundingMode.HALF_EVEN);
        BigDecimal result;
        String expression;
        if (operation.equals("sqrt")) {
            if (input.values().get("number2") != null) {
                throw ToolInput.invalid("number2", "is not taken by sqrt");
            }
            if (first.signum() < 0) {
                throw ToolInput.invalid("number1", "must not be negative for sqrt");
            }
            result = first.sqrt(rounding);
            expression = "sqrt(" + first.toPlainString() + ")";
        } else {
            BigDecimal second = input.decimal("number2");
            expression = first.toPlainString() + " " + symbol(operation) + " " + second.toPlainString();
            result = switch (operation) {
                case "add" -> first.add(second);
                case "subtract" -> first.subtract(second);
                case "multiply" -> first.multiply(second);
                case "divide" -> divide(first, second, rounding);
                default -> power(first, second, rounding);
            };
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operation", operation);
        answer.put("expression", expression);
        answer.put("result", text(result));
        return answer;
    }

    private static BigDecimal divide(BigDecimal dividend, BigDecimal divisor, MathContext rounding) {
        if (divisor.signum() == 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Division by zero",
                    Map.of("number2", "must not be zero when dividing"));
        }
        return dividend.divide(divisor, rounding);
    }

    private static BigDecimal power(BigDecimal base, BigDecimal exponent, MathContext rounding) {
        int whole;
        try {
            whole = exponent.intValueExact();
        } catch (ArithmeticException notWhole) {
            throw ToolInput.invalid("number2", "must be a whole exponent for power");
        }
        if (Math.abs(whole) > MAX_EXPONENT) {
            throw ToolInput.invalid("number2", "must be between -" + MAX_EXPONENT + " and " + MAX_EXPONENT);
        }
        if (whole < 0 && base.signum() == 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Division by zero",
                    Map.of("number1", "must not be zero for a negative exponent"));
        }
        try {
            return whole >= 0 && base.precision() * (long) whole <= rounding.getPrecision()
                    ? base.pow(whole) : base.pow(whole, rounding);
        } catch (ArithmeticException overflow) {
            throw ToolInput.invalid("number2", "makes the result too large or too small to represent");
        }
    }

    private static String symbol(String operation) {
        return switch (operation) {
            case "add" -> "+";
            case "subtract" -> "-";
            case "multiply" -> "*";
            case "divide" -> "/";
            default -> "^";
        };
    }

    /** Plain digits unless that would take more than a hundred characters. */
    private static String text(BigDecimal value) {
        BigDecimal shortest = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        String plain = shortest.toPlainString();
        return plain.length() <= 100 ? plain : shortest.toString();
    }
}
