package com.aipasta.command.tool;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Colours that go with a base colour, computed in HSL: hues spread around the colour wheel by the chosen harmony
 * (analogous neighbours, the complement, a triad, a tetrad) or, for a monochromatic palette, one hue in lightnesses
 * from dark to light. The base colour comes first.
 */
@Component
public class ColorPalette implements Tool {

    static final int MIN_COLORS = 2;
    static final int MAX_COLORS = 12;
    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final List<String> HARMONIES = List.of("analogous", "complementary", "triadic", "tetradic",
            "monochromatic");

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .text("base", "the base colour as hex, #RRGGBB or #RGB", 7, true)
            .choice("harmony", "how the colours relate (analogous when left out)", HARMONIES, false)
            .integer("count", "how many colours, the base included (5 when left out)", MIN_COLORS, MAX_COLORS, false)
            .build();

    @Override
    public String name() {
        return "color-palette";
    }

    @Override
    public String description() {
        return "A palette of harmonious colours (analogous, complementary, triadic, tetradic or monochromatic) "
                + "from a base hex colour.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        String base = input.text("base", 7).strip();
        if (!HEX.matcher(base).matches()) {
            throw ToolInput.invalid("base", "must be a hex colour such as #3366cc or #36c");
        }
        String harmony = input.optionalChoice("harmony", HARMONIES).orElse("analogous");
        int count = input.optionalInteger("count", MIN_COLORS, MAX_COLORS).orElse(5);
        double[] hsl = toHsl(rgb(base));
        List<Map<String, Object>> colors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] next = harmony.equals("monochromatic") ? shade(hsl, i, count)
                    : new double[]{(hsl[0] + hueOffset(harmony, i, count) + 360) % 360, hsl[1], hsl[2]};
            colors.add(describe(i == 0 ? rgb(base) : toRgb(next)));
        }
        Map<String, Object> palette = new LinkedHashMap<>();
        palette.put("base", describe(rgb(base)).get("hex"));
        palette.put("harmony", harmony);
        palette.put("colors", colors);
        return palette;
    }

    /**
     * Degrees from the base hue of colour {@code index}: analogous neighbours 30° apart on alternating sides; for
     * the others the harmony's hues in turn, each further round of them turned 15° the other way.
     */
    private static double hueOffset(String harmony, int index, int count) {
        if (harmony.equals("analogous")) {
            int step = (index + 1) / 2;
            return (index % 2 == 1 ? 1 : -1) * 30.0 * step;
        }
        int hues = switch (harmony) {
            case "complementary" -> 2;
            case "triadic" -> 3;
            default -> 4;
        };
        int round = index / hues;
        return (360.0 / hues) * (index % hues) + 15.0 * round * (round % 2 == 0 ? 1 : -1);
    }

    /** The base hue at lightnesses spread evenly from 15 % to 85 %, the base itself first. */
    private static double[] shade(double[] base, int index, int count) {
        if (index == 0) {
            return base;
        }
        double lightness = 0.15 + 0.70 * (index - 1) / Math.max(1, count - 2);
        return new double[]{base[0], base[1], lightness};
    }

    private static int[] rgb(String hex) {
        String digits = hex.startsWith("#") ? hex.substring(1) : hex;
        if (digits.length() == 3) {
            digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1)
                    + digits.charAt(2) + digits.charAt(2);
        }
        int value = Integer.parseInt(digits, 16);
        return new int[]{(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF};
    }

    private static Map<String, Object> describe(int[] rgb) {
        double[] hsl = toHsl(rgb);
        Map<String, Object> color = new LinkedHashMap<>();
        color.put("hex", String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]));
        color.put("rgb", List.of(rgb[0], rgb[1], rgb[2]));
        color.put("hsl", List.of(Math.round(hsl[0]) % 360, Math.round(hsl[1] * 100), Math.round(hsl[2] * 100)));
        return color;
    }

    static double[] toHsl(int[] rgb) {
        double r = rgb[0] / 255.0;
        double g = rgb[1] / 255.0;
        double b = rgb[2] / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double lightness = (max + min) / 2;
        double delta = max - min;
        if (delta == 0) {
            return new double[]{0, 0, lightness};
        }
        double saturation = delta / (1 - Math.abs(2 * lightness - 1));
        double hue;
        if (max == r) {
            hue = 60 * (((g - b) / delta) % 6);
        } else if (max == g) {
            hue = 60 * ((b - r) / delta + 2);
        } else {
            hue = 60 * ((r - g) / delta + 4);
        }
        return new double[]{(hue + 360) % 360, saturation, lightness};
    }

    static int[] toRgb(double[] hsl) {
        double chroma = (1 - Math.abs(2 * hsl[2] - 1)) * hsl[1];
        double sector = hsl[0] / 60;
        double x = chroma * (1 - Math.abs(sector % 2 - 1));
        double[] rgb = switch ((int) sector % 6) {
            case 0 -> new double[]{chroma, x, 0};
            case 1 -> new double[]{x, chroma, 0};
            case 2 -> new double[]{0, chroma, x};
            case 3 -> new double[]{0, x, chroma};
            case 4 -> new double[]{x, 0, chroma};
            default -> new double[]{chroma, 0, x};
        };
        double m = hsl[2] - chroma / 2;
        return new int[]{channel(rgb[0] + m), channel(rgb[1] + m), channel(rgb[2] + m)};
    }

    private static int channel(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value * 255)));
    }
}
