package com.aipasta.command.embedding;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.EmailProperties;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.command.chat.provider.EmbeddingProvider;
import com.aipasta.command.chat.provider.Embeddings;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ProviderModel;
import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.chat.turn.ModelAccess;
import com.aipasta.command.chat.turn.TokenCounter;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.WalletBalance;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** What an embedding request asks of the wallet, around a provider that reports no usage or fails. */
class EmbeddingRequestsTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final List<String> TEXTS = List.of("The quick brown fox", "jumps over the lazy dog");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final AccessState access = mock(AccessState.class);
    private final ModelCatalog catalog = mock(ModelCatalog.class);
    private final TokenCounter tokens = new TokenCounter();
    private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final ChatProperties chat = new ChatProperties(1024, 32_000, Duration.ofMinutes(10), Duration.ofSeconds(15),
            Duration.ofMillis(500), BigDecimal.valueOf(83), Map.of(), Map.of());
    private final EmbeddingRequests requests = new EmbeddingRequests(commands, access, catalog,
            new ModelAccess(chat, clock, new EmailProperties(null, 587, null, null, false, true,
                    "no-reply@localhost", false, Duration.ofMinutes(10), 5, Duration.ofMinutes(15))), tokens, chat, mock(ReadModels.class), mock(PendingReads.class),
            Runnable::run, clock);

    private static CatalogModel model(String id, List<String> capabilities) {
        return new CatalogModel("gemini/" + id, "gemini", id, id, null, BigDecimal.ZERO, BigDecimal.ZERO, 2048,
                capabilities, true, "free", "standard", "general", 0);
    }

    private void given(CatalogModel model, EmbeddingProvider provider) {
        when(access.of(OWNER)).thenReturn(Optional.of(new Access(OWNER, Role.USER, Access.FREE_PLAN, null, null,
                true, false, 0, null, Map.of(), null, true,
                new Access.Profile("owner@example.com", "Owner", Instant.EPOCH), 1)));
        when(catalog.find(model.id())).thenReturn(Optional.of(model));
        when(catalog.providerOf(model)).thenReturn(new Embedder(provider));
        when(commands.sendAndWait(any())).thenReturn(new WalletBalance(3, 9_990, 0, 10, 0));
    }

    @Test
    void settlesByTheEstimateWhenTheProviderReportsNoUsage() {
        CatalogModel model = model("text-embedding-004", List.of(ProviderModel.EMBEDDING));
        given(model, (name, inputs) -> new Embeddings(List.of(new double[] {0.1}, new double[] {0.2}), null));
        long estimate = tokens.count(TEXTS.get(0)) + tokens.count(TEXTS.get(1));

        EmbeddingRequests.EmbeddingResult result = requests.embed(
                new EmbeddingRequests.EmbeddingRequest(OWNER, model.id(), TEXTS, "abc"));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        ReserveTokensCommand reserved = (ReserveTokensCommand) sent.getAllValues().get(0);
        SettleReservationCommand settled = (SettleReservationCommand) sent.getAllValues().get(1);
        assertThat(reserved.requestId()).isEqualTo("embedding-abc");
        assertThat(reserved.amount()).isEqualTo(estimate);
        assertThat(reserved.quota()).as("the free plan's daily requests of the model's tier")
                .isEqualTo(new DailyQuota("standard", LocalDate.parse("2026-06-01"), 20));
        assertThat(settled.requestId()).isEqualTo("embedding-abc");
        assertThat(settled.usedTokens()).isEqualTo(estimate);
        assertThat(result.promptTokens()).isEqualTo(estimate);
        assertThat(result.usageReported()).isFalse();
        assertThat(result.vectors()).hasSize(2);
    }

    @Test
    void settlesByTheUsageTheProviderReports() {
        CatalogModel model = model("text-embedding-004", List.of(ProviderModel.EMBEDDING));
        given(model, (name, inputs) -> new Embeddings(List.of(new double[] {0.1}, new double[] {0.2}), 3L));

        requests.embed(new EmbeddingRequests.EmbeddingRequest(OWNER, model.id(), TEXTS, null));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        assertThat(((SettleReservationCommand) sent.getAllValues().get(1)).usedTokens()).isEqualTo(3);
    }

    @Test
    void releasesTheReservationWhenTheProviderFails() {
        CatalogModel model = model("text-embedding-004", List.of(ProviderModel.EMBEDDING));
        given(model, (name, inputs) -> {
            throw new ProviderException(ProviderException.Kind.RATE_LIMITED, "gemini answered HTTP 429");
        });

        assertThatThrownBy(() -> requests.embed(new EmbeddingRequests.EmbeddingRequest(OWNER, model.id(), TEXTS,
                null))).isInstanceOfSatisfying(DomainException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(failure.details()).containsEntry("providerError", "PROVIDER_RATE_LIMITED");
                });

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues().get(0)).isInstanceOf(ReserveTokensCommand.class);
        assertThat(sent.getAllValues().get(1)).isInstanceOfSatisfying(ReleaseReservationCommand.class,
                release -> assertThat(release.requestId()).isEqualTo(
                        ((ReserveTokensCommand) sent.getAllValues().get(0)).requestId()));
    }

    @Test
    void refusesAChatModelBeforeAnythingIsReserved() {
        CatalogModel model = model("gemini-2.5-flash", List.of("text", "image"));
        given(model, (name, inputs) -> {
            throw new AssertionError("the provider must not be called");
        });

        assertThatThrownBy(() -> requests.embed(new EmbeddingRequests.EmbeddingRequest(OWNER, model.id(), TEXTS,
                null))).isInstanceOfSatisfying(DomainException.class,
                failure -> assertThat(failure.code()).isEqualTo(ErrorCode.MODEL_NOT_EMBEDDING));
        verifyNoInteractions(commands);
    }

    /** A configured provider that embeds as told. */
    private record Embedder(EmbeddingProvider embeddings) implements ChatProvider, EmbeddingProvider {

        @Override
        public String id() {
            return "gemini";
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

        @Override
        public Embeddings embed(String model, List<String> inputs) {
            return embeddings.embed(model, inputs);
        }
    }
}
