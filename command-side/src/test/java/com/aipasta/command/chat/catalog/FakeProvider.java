package com.aipasta.command.chat.catalog;

import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ProviderModel;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose catalogue the test sets, or makes fail. */
class FakeProvider implements ChatProvider {

    private final String id;
    private final boolean configured;
    private final AtomicInteger syncs = new AtomicInteger();
    private volatile List<ProviderModel> models;
    private volatile ProviderException failure;

    FakeProvider(String id, boolean configured, ProviderModel... models) {
        this.id = id;
        this.configured = configured;
        this.models = List.of(models);
    }

    static ProviderModel model(String id, String name, String prompt, String completion, boolean free,
                               String... capabilities) {
        return new ProviderModel(id, name, name + " description", new BigDecimal(prompt), new BigDecimal(completion),
                8192, List.of(capabilities), free);
    }

    void answer(ProviderModel... models) {
        this.models = List.of(models);
        this.failure = null;
    }

    void fail(ProviderException failure) {
        this.failure = failure;
    }

    int syncs() {
        return syncs.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public List<ProviderModel> listModels() {
        syncs.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return models;
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatListener listener) {
        throw new UnsupportedOperationException();
    }
}
