package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

class CalculatorTest {

    private final Calculator calculator = new Calculator();

    private Object result(String operation, Object first, Object second) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("operation", operation);
        parameters.put("number1", first);
        if (second != null) {
            parameters.put("number2", second);
        }
        return ToolAssertions.run(calculator, parameters).get("result");
    }

    @Test
    void addsDecimalsWithoutBinaryRounding() {
        assertThat(result("add", 0.1, 0.2)).isEqualTo("0.3");
        assertThat(result("add", "0.1", "0.2")).isEqualTo("0.3");
    }

    @Test
    void keepsEveryDigitOfNumbersGivenAsStrings() {
        assertThat(result("add", "12345678901234567890.000000000000000001", "1"))
                .isEqualTo("12345678901234567891.000000000000000001");
        assertThat(result("multiply", "99999999999999999999", "99999999999999999999"))
                .isEqualTo("9999999999999999999800000000000000000001");
    }

    @Test
    void subtractsIntoNegativesAndDropsTrailingZeros() {
        assertThat(result("subtract", 7, 15)).isEqualTo("-8");
        assertThat(result("subtract", "2.50", "0.50")).isEqualTo("2");
        assertThat(result("multiply", 15, 7)).isEqualTo("105");
    }

    @Test
    void dividesExactlyWhenTheQuotientEndsAndRoundsToThePrecisionWhenItDoesNot() {
        assertThat(result("divide", 100, 25)).isEqualTo("4");
        assertThat(result("divide", 1, 8)).isEqualTo("0.125");
        assertThat(result("divide", 1, 3)).isEqualTo("0." + "3".repeat(34));
        Map<String, Object> parameters = new HashMap<>(Map.of("operation", "divide", "number1", 2, "number2", 3,
                "precision", 5));
        assertThat(ToolAssertions.run(calculator, parameters).get("result")).isEqualTo("0.66667");
    }

    @Test
    void divisionByZeroIsAClearRefusal() {
        refused(() -> result("divide", 1, 0), "number2", "must not be zero");
        refused(() -> result("divide", 1, "0.000"), "number2", "must not be zero");
        refused(() -> result("power", 0, -1), "number1", "must not be zero");
    }

    @Test
    void raisesToWholePowersExactlyAndToNegativeOnesRounded() {
        assertThat(result("power", 2, 10)).isEqualTo("1024");
        assertThat(result("power", "1.1", 2)).isEqualTo("1.21");
        assertThat(result("power", 2, -2)).isEqualTo("0.25");
        assertThat(result("power", 5, 0)).isEqualTo("1");
    }

    @Test
    void boundsThePowerSoNoResultGrowsWithoutLimit() {
        refused(() -> result("power", 2, 1000), "number2", "between -999 and 999");
        refused(() -> result("power", 2, "0.5"), "number2", "whole exponent");
        assertThat((String) result("power", "99999999999999999999", 999)).hasSizeLessThan(100).contains("E+");
    }

    @Test
    void takesSquareRootsToThePrecisionAskedFor() {
        assertThat(result("sqrt", 144, null)).isEqualTo("12");
        assertThat(result("sqrt", 2, null)).isEqualTo("1.414213562373095048801688724209698");
        Map<String, Object> parameters = new HashMap<>(Map.of("operation", "sqrt", "number1", 2, "precision", 3));
        assertThat(ToolAssertions.run(calculator, parameters).get("result")).isEqualTo("1.41");
        refused(() -> result("sqrt", -4, null), "number1", "must not be negative");
        refused(() -> result("sqrt", 4, 2), "number2", "not taken by sqrt");
        refused(() -> ToolAssertions.run(calculator, new HashMap<>(Map.of("operation", "sqrt", "number1", 2,
                "precision", 101))), "precision", "between 1 and 100");
    }

    @Test
    void refusesWhatIsNotANumberOrTooLargeToComputeWith() {
        refused(() -> result("add", "twelve", 1), "number1", "must be a number");
        refused(() -> result("add", true, 1), "number1", "must be a number");
        refused(() -> result("add", 1, null), "number2", "is required");
        refused(() -> result("add", "1e1001", 1), "number1", "between");
        refused(() -> result("add", "1" + "0".repeat(60) + ".5", 1), "number1", "significant digits");
        refused(() -> result("add", Double.NaN, 1), "number1", "finite");
        refused(() -> result("modulo", 1, 1), "operation", "must be one of");
        refused(() -> ToolAssertions.run(calculator, new HashMap<>(Map.of("operation", "add", "number1", 1,
                "number2", 2, "number3", 3))), "number3", "is not a parameter");
    }

    @Test
    void saysWhatItComputed() {
        Map<String, Object> answer = ToolAssertions.run(calculator, new HashMap<>(Map.of("operation", "multiply",
                "number1", 15, "number2", 7)));

        assertThat(answer).containsEntry("operation", "multiply").containsEntry("expression", "15 * 7")
                .containsEntry("result", "105");
    }
}
