package com.aipasta.command.chat.provider;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatProvidersTest {

    private static ChatProvider named(String id) {
        return new ChatProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public List<ProviderModel> listModels() {
                return List.of();
            }

            @Override
            public ChatStream stream(ChatRequest request, ChatListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void findsProvidersById() {
        ChatProvider gemini = named("gemini");
        ChatProviders providers = new ChatProviders(List.of(named("openrouter"), gemini));

        assertThat(providers.find("gemini")).containsSame(gemini);
        assertThat(providers.find("nope")).isEmpty();
        assertThat(providers.all()).extracting(ChatProvider::id).containsExactly("openrouter", "gemini");
    }

    @Test
    void refusesToStartWithTwoProvidersOfOneId() {
        assertThatThrownBy(() -> new ChatProviders(List.of(named("openrouter"), named("openrouter"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENAI_COMPATIBLE_NAME");
    }
}
