package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.query.ModelPolicyView;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ChatProviders;
import com.aipasta.command.chat.provider.ProviderModel;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The models of every configured provider, synced on access once the cached catalogue is older than its TTL. One
 * caller syncs while the others keep reading the catalogue they had (before the first sync they wait for it); a
 * provider whose sync fails keeps its last good models.
 */
@Service
public class ModelCatalog {

    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final Comparator<CatalogModel> BY_NAME =
            Comparator.comparing((CatalogModel model) -> model.name().toLowerCase(Locale.ROOT))
                    .thenComparing(CatalogModel::id);

    private final ChatProviders providers;
    private final ModelCatalogProperties properties;
    private final ModelPolicies policies;
    private final Clock clock;
    private final Comparator<CatalogModel> defaultOrder;
    private final ReentrantLock syncing = new ReentrantLock();
    private final AtomicReference<CompletableFuture<Void>> forcedSync = new AtomicReference<>();
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), List.of());

    public ModelCatalog(ChatProviders providers, ModelCatalogProperties properties, Clock clock) {
        this(providers, properties, ModelPolicies.NONE, clock);
    }

    @Autowired
    public ModelCatalog(ChatProviders providers, ModelCatalogProperties properties, ModelPolicies policies,
                        Clock clock) {
        this.providers = providers;
        this.properties = properties;
        this.policies = policies;
        this.clock = clock;
        List<String> preferred = properties.preferredDefaults();
        this.defaultOrder = Comparator.comparing((CatalogModel model) -> !model.free())
                .thenComparing(model -> {
                    int rank = preferred.indexOf(model.id());
                    return model.free() && rank >= 0 ? rank : Integer.MAX_VALUE;
                })
                .thenComparing(BY_NAME);
    }

    /** Every model administrators have not disabled, in the default order, with the plan they require. */
    public List<CatalogModel> models() {
        Map<String, ModelPolicyView> byModel = policies.byModel();
        return current().models().stream()
                .filter(model -> byModel.get(model.id()) == null || byModel.get(model.id()).enabled())
                .map(model -> model.withPolicy(byModel.get(model.id())))
                .toList();
    }

    /** Every synced model with its policy, disabled ones included, for administrators. */
    public List<ManagedModel> managedModels() {
        Map<String, ModelPolicyView> byModel = policies.byModel();
        return current().models().stream()
                .map(model -> new ManagedModel(model.withPolicy(byModel.get(model.id())),
                        byModel.get(model.id()) == null || byModel.get(model.id()).enabled(), byModel.get(model.id())))
                .toList();
    }

    /** Whether the catalogue has synced a model of this id, enabled or not. */
    public boolean hasSynced(String id) {
        return current().models().stream().anyMatch(model -> model.id().equals(id));
    }

    /**
     * A page of the models matching every filter given (a null filter matches all), each with its popularity from
     * {@code popularity} (answers begun per model id), in {@code order}.
     */
    public ModelPage list(String provider, String search, Boolean free, String category, ModelOrder order,
                          Map<String, Long> popularity, PageRequest page) {
        String needle = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        List<CatalogModel> matching = models().stream()
                .filter(model -> provider == null || provider.isBlank() || model.provider().equals(provider.strip()))
                .filter(model -> free == null || model.free() == free)
                .filter(model -> category == null || model.category().equals(category))
                .filter(model -> needle == null || contains(model.id(), needle) || contains(model.name(), needle)
                        || contains(model.description(), needle))
                .map(model -> model.withPopularity(popularity.getOrDefault(model.id(), 0L)))
                .sorted(orderOf(order))
                .toList();
        List<CatalogModel> slice = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new ModelPage(slice, Pagination.of(page.page(), page.limit(), matching.size()));
    }

    public Optional<CatalogModel> find(String id) {
        return models().stream().filter(model -> model.id().equals(id)).findFirst();
    }

    /**
     * The model a turn naming none gets: the first of the preferred defaults that is in the catalogue and
     * {@code usable}, else the first usable free model in the default order.
     */
    public Optional<CatalogModel> defaultModel(Predicate<CatalogModel> usable) {
        List<CatalogModel> models = models();
        return properties.preferredDefaults().stream()
                .flatMap(id -> models.stream().filter(model -> model.id().equals(id)))
                .filter(usable)
                .findFirst()
                .or(() -> models.stream().filter(CatalogModel::free).filter(usable).findFirst());
    }

    /** The provider that serves a catalogue model. */
    public ChatProvider providerOf(CatalogModel model) {
        return providers.find(model.provider())
                .orElseThrow(() -> new IllegalStateException("No provider " + model.provider()));
    }

    /** Every provider, configured or not, with its models and its last sync. */
    public List<ProviderStatus> providers() {
        Snapshot current = current();
        return providers.all().stream().map(provider -> {
            ProviderSync sync = current.byProvider().getOrDefault(provider.id(), ProviderSync.NEVER);
            return new ProviderStatus(provider.id(), provider.configured(), sync.models().size(), sync.syncedAt(),
                    sync.error());
        }).toList();
    }

    /** The categories with their number of models, the largest first. */
    public List<CategoryCount> categories() {
        return models().stream()
                .collect(Collectors.groupingBy(CatalogModel::category, Collectors.counting()))
                .entrySet().stream()
                .map(entry -> new CategoryCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(CategoryCount::models).reversed().thenComparing(CategoryCount::category))
                .toList();
    }

    /** Equal keys keep the default order whichever way the key goes. */
    private Comparator<CatalogModel> orderOf(ModelOrder order) {
        Comparator<CatalogModel> key = switch (order.sort()) {
            case DEFAULT -> defaultOrder;
            case NAME -> BY_NAME;
            case PRICE -> Comparator.comparing(CatalogModel::price);
            case POPULARITY -> Comparator.comparingLong(CatalogModel::popularity);
        };
        return (order.descending() ? key.reversed() : key).thenComparing(defaultOrder);
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    /**
     * Syncs every configured provider now, whatever the catalogue's age, and answers the providers as the sync left
     * them. One sync at a time: a caller arriving while one is forced waits for that one and gets its outcome.
     */
    public List<ProviderStatus> syncNow() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = forcedSync.compareAndExchange(null, mine);
        if (running != null) {
            running.join();
            return providers();
        }
        try {
            syncing.lock();
            try {
                snapshot = sync(snapshot);
            } finally {
                syncing.unlock();
            }
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            forcedSync.set(null);
        }
        return providers();
    }

    /** Until the first sync has finished every caller waits for it; after that, only the one syncing waits. */
    private Snapshot current() {
        Snapshot current = snapshot;
        if (current.isFresh(clock.instant(), properties.cacheTtl())) {
            return current;
        }
        if (current.syncedAt() == null) {
            syncing.lock();
        } else if (!syncing.tryLock()) {
            return current;
        }
        try {
            if (!snapshot.isFresh(clock.instant(), properties.cacheTtl())) {
                snapshot = sync(snapshot);
            }
            return snapshot;
        } finally {
            syncing.unlock();
        }
    }

    private Snapshot sync(Snapshot previous) {
        Instant now = clock.instant();
        Map<String, ProviderSync> byProvider = new LinkedHashMap<>();
        for (ChatProvider provider : providers.all()) {
            if (!provider.configured()) {
                continue;
            }
            ProviderSync before = previous.byProvider().getOrDefault(provider.id(), ProviderSync.NEVER);
            try {
                List<CatalogModel> models = withEmbeddingModels(provider.id(), provider.listModels()).stream()
                        .map(model -> CatalogModel.of(provider.id(), model,
                                properties.requiredPlanOf(provider.id() + "/" + model.id()).orElse(null)))
                        .toList();
                byProvider.put(provider.id(), new ProviderSync(models, now, null));
            } catch (RuntimeException e) {
                log.warn("Could not sync the models of {}, serving its last {} models: {}", provider.id(),
                        before.models().size(), Objects.requireNonNullElse(e.getMessage(), e.toString()));
                String shown = e instanceof ProviderException failure ? failure.userMessage()
                        : "The model list could not be fetched";
                byProvider.put(provider.id(), new ProviderSync(before.models(), before.syncedAt(), shown));
            }
        }
        List<CatalogModel> models = byProvider.values().stream()
                .flatMap(sync -> sync.models().stream())
                .collect(Collectors.toMap(CatalogModel::id, Function.identity(), (first, repeated) -> first,
                        LinkedHashMap::new))
                .values().stream()
                .sorted(defaultOrder)
                .toList();
        return new Snapshot(now, Map.copyOf(byProvider), models);
    }

    /**
     * The provider's models with the configured embedding models marked as such, and added when the provider does
     * not list them (OpenAI-style model lists often leave embedding models out); an added one has no known price.
     */
    private List<ProviderModel> withEmbeddingModels(String provider, List<ProviderModel> listed) {
        List<String> embedding = properties.embeddingModelsOf(provider);
        List<ProviderModel> models = new ArrayList<>();
        for (ProviderModel model : listed) {
            models.add(embedding.contains(model.id()) ? model.asEmbeddingModel() : model);
        }
        embedding.stream()
                .filter(id -> listed.stream().noneMatch(model -> model.id().equals(id)))
                .forEach(id -> models.add(new ProviderModel(id, id, null, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                        List.of(ProviderModel.EMBEDDING), false)));
        return models;
    }

    private record ProviderSync(List<CatalogModel> models, Instant syncedAt, String error) {
        static final ProviderSync NEVER = new ProviderSync(List.of(), null, null);
    }

    /** A synced catalogue; {@code syncedAt} is null before the first sync. */
    private record Snapshot(Instant syncedAt, Map<String, ProviderSync> byProvider, List<CatalogModel> models) {

        boolean isFresh(Instant now, Duration ttl) {
            return syncedAt != null && now.isBefore(syncedAt.plus(ttl));
        }
    }
}
