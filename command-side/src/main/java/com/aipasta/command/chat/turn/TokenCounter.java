package com.aipasta.command.chat.turn;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.springframework.stereotype.Component;

/**
 * Counts tokens for estimates and for providers that report no usage. It uses the cl100k encoding, a fair
 * stand-in for most models' tokenizers; a provider's own count always wins.
 */
@Component
public class TokenCounter {

    /** What chat formatting adds per message (role markers, separators). */
    private static final int PER_MESSAGE = 4;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    public long count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    public long countMessages(Iterable<String> messages) {
        long total = 0;
        for (String message : messages) {
            total += count(message) + PER_MESSAGE;
        }
        return total;
    }
}
