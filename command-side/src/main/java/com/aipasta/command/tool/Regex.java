package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tests a regular expression against a text: whether it matches the whole text, and where it is found. Java's
 * engine backtracks, so a pattern like {@code (a+)+b} can take exponential time; the matcher reads the text through a
 * view that stops it once the time limit passes ({@code REGEX_TIMEOUT}), freeing the thread.
 */
@Component
public class Regex implements Tool {

    static final int MAX_PATTERN_LENGTH = 1_000;
    static final int MAX_TEXT_LENGTH = 100_000;
    static final int MAX_LISTED_MATCHES = 100;
    static final int MAX_COUNTED_MATCHES = 10_000;
    private static final int MAX_SHOWN_LENGTH = 1_000;

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .text("pattern", "a Java regular expression", MAX_PATTERN_LENGTH, true)
            .text("text", "the text to test it against", MAX_TEXT_LENGTH, true)
            .text("flags", "any of i (ignore case), m (multiline), s (dot matches newlines), x (comments), "
                    + "u (Unicode case)", 5, false)
            .build();

    private final Duration timeLimit;

    public Regex(ToolProperties properties) {
        this.timeLimit = properties.regexTimeout();
    }

    @Override
    public String name() {
        return "regex";
    }

    @Override
    public String description() {
        return "Tests a regular expression against a text: whether it matches all of it, and each place it is found.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        String source = input.text("pattern", MAX_PATTERN_LENGTH);
        String text = input.text("text", MAX_TEXT_LENGTH);
        String flags = input.optionalText("flags", 5).orElse("");
        Pattern pattern = compile(source, flags);
        TimeLimitedText limited = new TimeLimitedText(text, System.nanoTime() + timeLimit.toNanos());
        try {
            Matcher matcher = pattern.matcher(limited);
            boolean whole = matcher.matches();
            matcher.reset();
            List<Map<String, Object>> found = new ArrayList<>();
            int count = 0;
            while (count < MAX_COUNTED_MATCHES && matcher.find()) {
                count++;
                if (found.size() < MAX_LISTED_MATCHES) {
                    found.add(match(matcher, text));
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pattern", source);
            result.put("flags", flags);
            result.put("matchesWholeText", whole);
            result.put("found", count > 0);
            result.put("count", count);
            result.put("countIsLowerBound", count == MAX_COUNTED_MATCHES);
            result.put("matches", found);
            return result;
        } catch (TimedOut timedOut) {
            throw new DomainException(ErrorCode.REGEX_TIMEOUT, "The pattern took longer than " + timeLimit.toMillis()
                    + " ms on this text and was stopped; it probably backtracks catastrophically",
                    Map.of("pattern", "took longer than " + timeLimit.toMillis() + " ms"));
        } catch (StackOverflowError tooDeep) {
            throw ToolInput.invalid("pattern", "recurses too deeply on this text; simplify its repetitions");
        }
    }

    private static Pattern compile(String source, String flags) {
        int bits = 0;
        for (char flag : flags.toCharArray()) {
            bits |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'u' -> Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE;
                default -> throw ToolInput.invalid("flags", "may hold only i, m, s, x and u");
            };
        }
        try {
            return Pattern.compile(source, bits);
        } catch (PatternSyntaxException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "pattern is not a valid regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
                    Map.of("pattern", e.getDescription()));
        }
    }

    private static Map<String, Object> match(Matcher matcher, String text) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("match", shown(text.substring(matcher.start(), matcher.end())));
        match.put("start", matcher.start());
        match.put("end", matcher.end());
        List<String> groups = new ArrayList<>();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            groups.add(matcher.start(group) < 0 ? null : shown(text.substring(matcher.start(group),
                    matcher.end(group))));
        }
        match.put("groups", groups);
        return match;
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH) + "…";
    }

    private static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    /** The text as the matcher reads it: every read past the deadline, or on an interrupted thread, stops it. */
    private static final class TimeLimitedText implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        TimeLimitedText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted())) {
                throw new TimedOut();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
