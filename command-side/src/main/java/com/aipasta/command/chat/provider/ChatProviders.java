package com.aipasta.command.chat.provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every provider by id; says at start-up which can be called and which lack their configuration. */
@Component
public class ChatProviders {

    private static final Logger log = LoggerFactory.getLogger(ChatProviders.class);

    private final Map<String, ChatProvider> byId = new LinkedHashMap<>();

    public ChatProviders(List<ChatProvider> providers) {
        for (ChatProvider provider : providers) {
            if (byId.putIfAbsent(provider.id(), provider) != null) {
                throw new IllegalStateException("Two chat providers have the id " + provider.id()
                        + "; give the OpenAI-compatible one another name (OPENAI_COMPATIBLE_NAME)");
            }
        }
        log.info("Chat providers available: {}; not configured: {}", ids(true), ids(false));
    }

    public List<ChatProvider> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ChatProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private String ids(boolean configured) {
        List<String> ids = byId.values().stream().filter(p -> p.configured() == configured).map(ChatProvider::id)
                .toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
