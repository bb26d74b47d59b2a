package com.aipasta.command.chat.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Records every listener call as {@code kind:value}, in order. */
final class RecordingListener implements ChatListener {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private final Consumer<String> onDelta;
    private volatile TokenUsage usage;
    private volatile ProviderException failure;

    RecordingListener() {
        this(text -> {
        });
    }

    RecordingListener(Consumer<String> onDelta) {
        this.onDelta = onDelta;
    }

    @Override
    public void onThought(String text) {
        calls.add("thought:" + text);
    }

    @Override
    public void onDelta(String text) {
        calls.add("delta:" + text);
        onDelta.accept(text);
    }

    @Override
    public void onComplete(TokenUsage usage, String finishReason) {
        this.usage = usage;
        calls.add("complete:" + finishReason);
        terminal.countDown();
    }

    @Override
    public void onError(ProviderException failure) {
        this.failure = failure;
        calls.add("error:" + failure.kind());
        terminal.countDown();
    }

    @Override
    public void onToolCalls(List<ToolCall> requested, TokenUsage usage) {
        this.usage = usage;
        requested.forEach(call -> calls.add("tool:" + call.id() + ":" + call.name() + ":" + call.arguments()));
        terminal.countDown();
    }

    RecordingListener awaitTerminal() throws InterruptedException {
        assertThat(terminal.await(5, TimeUnit.SECONDS)).as("a terminal call within 5 s, got %s", calls).isTrue();
        return this;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    TokenUsage usage() {
        return usage;
    }

    ProviderException failure() {
        return failure;
    }
}
