package com.aipasta.command.tool;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Placeholder text: the first {@code count} words of the classic "Lorem ipsum" passage, repeated as far as needed,
 * or {@code count} of its paragraphs. The same request always gives the same text.
 */
@Component
public class Lorem implements Tool {

    static final int MAX_WORDS = 2_000;
    static final int MAX_PARAGRAPHS = 50;
    private static final int WORDS_PER_SENTENCE = 12;
    private static final List<String> UNITS = List.of("words", "paragraphs");

    static final List<String> PARAGRAPHS = List.of(
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
                    + "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi "
                    + "ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit "
                    + "esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, "
                    + "sunt in culpa qui officia deserunt mollit anim id est laborum.",
            "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam "
                    + "rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta "
                    + "sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugit, sed "
                    + "quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt.",
            "Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia "
                    + "non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem. "
                    + "Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi "
                    + "ut aliquid ex ea commodi consequatur.",
            "Quis autem vel eum iure reprehenderit qui in ea voluptate velit esse quam nihil molestiae consequatur, "
                    + "vel illum qui dolorem eum fugiat quo voluptas nulla pariatur. At vero eos et accusamus et iusto "
                    + "odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos "
                    + "dolores et quas molestias excepturi sint occaecati cupiditate non provident.",
            "Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime "
                    + "placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem "
                    + "quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates "
                    + "repudiandae sint et molestiae non recusandae.");

    private static final List<String> WORDS = PARAGRAPHS.stream()
            .flatMap(paragraph -> List.of(paragraph.toLowerCase().replaceAll("[.,]", "").split(" ")).stream())
            .toList();

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .choice("unit", "what count counts (words when left out)", UNITS, false)
            .integer("count", "words (1–" + MAX_WORDS + ") or paragraphs (1–" + MAX_PARAGRAPHS + ")", 1, MAX_WORDS,
                    true)
            .build();

    @Override
    public String name() {
        return "lorem";
    }

    @Override
    public String description() {
        return "Lorem ipsum placeholder text of a number of words or paragraphs.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        String unit = input.optionalChoice("unit", UNITS).orElse("words");
        if (unit.equals("paragraphs")) {
            int count = input.integer("count", 1, MAX_PARAGRAPHS);
            List<String> paragraphs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                paragraphs.add(PARAGRAPHS.get(i % PARAGRAPHS.size()));
            }
            return Map.of("unit", unit, "count", count, "paragraphs", paragraphs,
                    "text", String.join("\n\n", paragraphs));
        }
        int count = input.integer("count", 1, MAX_WORDS);
        return Map.of("unit", unit, "count", count, "text", words(count));
    }

    /** Sentences of twelve words, each capitalised and ended with a full stop, the last one however long is left. */
    private static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String word = WORDS.get(i % WORDS.size());
            boolean firstOfSentence = i % WORDS_PER_SENTENCE == 0;
            boolean lastOfSentence = i % WORDS_PER_SENTENCE == WORDS_PER_SENTENCE - 1 || i == count - 1;
            if (i > 0) {
                text.append(' ');
            }
            text.append(firstOfSentence ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            if (lastOfSentence) {
                text.append('.');
            }
        }
        return text.toString();
    }
}
