package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

class ColorPaletteTest {

    private final ColorPalette palette = new ColorPalette();

    @SuppressWarnings("unchecked")
    private List<String> hexes(Map<String, Object> parameters) {
        return ((List<Map<String, Object>>) ToolAssertions.run(palette, parameters).get("colors")).stream()
                .map(color -> (String) color.get("hex")).toList();
    }

    @Test
    void theComplementOfPureRedIsCyan() {
        assertThat(hexes(Map.of("base", "#ff0000", "harmony", "complementary", "count", 2)))
                .containsExactly("#ff0000", "#00ffff");
    }

    @Test
    void aTriadOfRedIsRedGreenAndBlue() {
        assertThat(hexes(Map.of("base", "f00", "harmony", "triadic", "count", 3)))
                .containsExactly("#ff0000", "#00ff00", "#0000ff");
    }

    @Test
    void analogousColoursNeighbourTheBaseOnBothSides() {
        assertThat(hexes(Map.of("base", "#FF0000", "count", 3))).containsExactly("#ff0000", "#ff8000", "#ff0080");
    }

    @Test
    void aMonochromaticPaletteKeepsTheHueFromDarkToLight() {
        List<Map<String, Object>> colors = castColors(ToolAssertions.run(palette, Map.of("base", "#3366cc",
                "harmony", "monochromatic", "count", 4)));

        assertThat(colors).hasSize(4);
        List<Long> lightness = colors.stream().skip(1).map(color -> (Long) ((List<?>) color.get("hsl")).get(2))
                .toList();
        assertThat(lightness).containsExactly(15L, 50L, 85L);
        colors.forEach(color -> assertThat((Long) ((List<?>) color.get("hsl")).get(0)).isBetween(218L, 222L));
    }

    @Test
    void givesTheNumberOfColoursAskedForAndFiveByDefault() {
        assertThat(hexes(Map.of("base", "#123456"))).hasSize(5).doesNotHaveDuplicates();
        assertThat(hexes(Map.of("base", "#123456", "harmony", "tetradic", "count", 12))).hasSize(12);
    }

    @Test
    void refusesWhatIsNotAHexColourAndCountsOutOfRange() {
        refused(() -> hexes(Map.of("base", "red")), "base", "must be a hex colour");
        refused(() -> hexes(Map.of("base", "#12345g")), "base", "must be a hex colour");
        refused(() -> hexes(Map.of("base", "#fff", "count", 1)), "count", "between 2 and 12");
        refused(() -> hexes(Map.of("base", "#fff", "count", 13)), "count", "between 2 and 12");
        refused(() -> hexes(Map.of("base", "#fff", "harmony", "random")), "harmony", "must be one of");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castColors(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("colors");
    }
}
