package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    private final Format format = new Format();

    private String formatted(String language, String text, Integer indent) {
        Map<String, Object> parameters = new HashMap<>(Map.of("language", language, "text", text));
        if (indent != null) {
            parameters.put("indent", indent);
        }
        return (String) ToolAssertions.run(format, parameters).get("formatted");
    }

    @Test
    void prettyPrintsJsonKeepingEveryDigitOfItsNumbers() {
        assertThat(formatted("json", "{\"a\":[1,2.50,{\"b\":null}],\"c\":0.1000000000000000000001}", null))
                .isEqualTo("""
                        {
                          "a" : [
                            1,
                            2.50,
                            {
                              "b" : null
                            }
                          ],
                          "c" : 0.1000000000000000000001
                        }""");
        assertThat(formatted("json", "{\"a\":1}", 4)).isEqualTo("{\n    \"a\" : 1\n}");
    }

    @Test
    void invalidJsonIsRefusedSayingWhere() {
        refused(() -> formatted("json", "{\"a\":}", null), "text", "line 1, column 6");
        refused(() -> formatted("json", "{\"a\":1} trailing", null), "text", "is not valid JSON");
        refused(() -> formatted("json", "{\"a\":1,\"a\":2}", null), "text", "Duplicate field");
        refused(() -> formatted("json", "   ", null), "text", "is not valid JSON");
        refused(() -> formatted("json", "[".repeat(Format.MAX_NESTING + 1), null), "text", "nesting depth");
    }

    @Test
    void prettyPrintsXml() {
        assertThat(formatted("xml", "<a><b x=\"1\">text</b>  <c/></a>", null))
                .isEqualTo("<a>\n  <b x=\"1\">text</b>\n  <c/>\n</a>");
        assertThat(formatted("xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><b/></a>", 4))
                .startsWith("<?xml").contains("\n    <b/>");
    }

    @Test
    void invalidXmlIsRefusedSayingWhere() {
        refused(() -> formatted("xml", "<a><b></a>", null), "text", "line 1");
        refused(() -> formatted("xml", "not xml", null), "text", "is not valid XML");
    }

    @Test
    void xmlCannotReadFilesThroughExternalEntities() {
        refused(() -> formatted("xml", """
                <?xml version="1.0"?>
                <!DOCTYPE a [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <a>&secret;</a>""", null), "text", "DOCTYPE");
    }

    @Test
    void xmlCannotExpandEntityBombs() {
        refused(() -> formatted("xml", """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <lolz>&lol3;</lolz>""", null), "text", "DOCTYPE");
    }

    @Test
    void deeplyNestedXmlIsRefused() {
        refused(() -> formatted("xml", "<a>".repeat(Format.MAX_NESTING + 1) + "</a>".repeat(Format.MAX_NESTING + 1),
                null), "text", "is not valid XML");
    }

    @Test
    void refusesAnUnknownLanguageAndAnIndentOutOfRange() {
        refused(() -> formatted("yaml", "a: 1", null), "language", "must be one of json, xml");
        refused(() -> formatted("json", "{}", 9), "indent", "between 0 and 8");
    }
}
