package com.aipasta.command.chat.turn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.springframework.stereotype.Component;

/**
 * Counts tokens for estimates and for providers that report no usage. It uses the cl100k encoding, a fair
 * stand-in for most models' tokenizers; a provider's own count always wins. Counts are kept by text: a turn sends
 * the session's newest messages again, up to a whole context of them, and would otherwise count them all anew.
 */
@Component
public class TokenCounter {

    /** What chat formatting adds per message (role markers, separators). */
    static final int PER_MESSAGE = 4;

    /** The characters of the texts whose counts are kept, at most. */
    private static final long KEPT_CHARACTERS = 16_000_000;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private final Cache<String, Long> counts = Caffeine.newBuilder().maximumWeight(KEPT_CHARACTERS)
            .<String, Long>weigher((text, count) -> text.length()).build();

    public long count(String text) {
        return text == null || text.isEmpty() ? 0
                : counts.get(text, uncounted -> (long) encoding.countTokensOrdinary(uncounted));
    }

    public long countMessages(Iterable<String> messages) {
        long total = 0;
        for (String message : messages) {
            total += count(message) + PER_MESSAGE;
        }
        return total;
    }
}
