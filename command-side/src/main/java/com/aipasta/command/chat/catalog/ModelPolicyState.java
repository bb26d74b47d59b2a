package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import com.aipasta.catalog.api.query.ModelPolicyView;
import com.aipasta.command.config.NodeState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Administrators' model policies in memory, so a chat turn checks its model without reading a store. Every node's state
 * processor ({@link NodeState}) keeps them, by model, in memory and in a collection of its own
 * ({@code model_policy_state}), which start-up loads; a policy changed by this process holds as soon as its command commits,
 * and one changed by another node as soon as this node's processor sees its event. Each policy carries the sequence
 * number of its last event, so an older event never overwrites a newer one.
 */
@Component
@ProcessingGroup(NodeState.PROCESSING_GROUP)
public class ModelPolicyState implements ModelPolicies {

    static final String COLLECTION = "model_policy_state";
    private static final String SEQUENCE = "sequence";

    private record Held(ModelPolicyView policy, long sequence) {
    }

    private final MongoTemplate mongo;
    private final Map<String, Held> policies = new ConcurrentHashMap<>();

    public ModelPolicyState(MongoTemplate mongo, EventBus eventBus) {
        this.mongo = mongo;
        mongo.find(new Query(), Document.class, COLLECTION).forEach(stored -> policies.put(stored.getString("_id"),
                new Held(new ModelPolicyView(stored.getString("_id"), stored.getBoolean("enabled"),
                        stored.getString("requiredPlan"), stored.getString("changedBy"),
                        stored.getDate("changedAt").toInstant()), stored.getLong(SEQUENCE))));
        eventBus.registerDispatchInterceptor(this::foldOnCommit);
    }

    @Override
    public Map<String, ModelPolicyView> byModel() {
        Map<String, ModelPolicyView> current = new HashMap<>();
        policies.forEach((modelId, held) -> current.put(modelId, held.policy()));
        return current;
    }

    @EventHandler
    @DisallowReplay
    void on(ModelPolicyChangedEvent event, @SequenceNumber long sequence) {
        Update update = new Update().set("enabled", event.enabled()).set("requiredPlan", event.requiredPlan())
                .set("changedBy", event.changedBy().value()).set("changedAt", Date.from(event.changedAt()))
                .set(SEQUENCE, sequence);
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(event.modelId()).and(SEQUENCE).lt(sequence)), update,
                    COLLECTION);
        } catch (DuplicateKeyException newerStored) {
            // the collection already holds this event or a later one
        }
        fold(event, sequence);
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> foldOnCommit(
            List<? extends EventMessage<?>> messages) {
        List<DomainEventMessage<?>> changes = messages.stream()
                .filter(message -> message instanceof DomainEventMessage<?>
                        && message.getPayload() instanceof ModelPolicyChangedEvent)
                .<DomainEventMessage<?>>map(message -> (DomainEventMessage<?>) message)
                .toList();
        if (!changes.isEmpty()) {
            Runnable foldAll = () -> changes.forEach(change ->
                    fold((ModelPolicyChangedEvent) change.getPayload(), change.getSequenceNumber()));
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(committed -> foldAll.run());
            } else {
                foldAll.run();
            }
        }
        return (index, message) -> message;
    }

    private void fold(ModelPolicyChangedEvent event, long sequence) {
        policies.merge(event.modelId(), new Held(new ModelPolicyView(event.modelId(), event.enabled(),
                        event.requiredPlan(), event.changedBy().value(), event.changedAt()), sequence),
                (held, changed) -> changed.sequence() > held.sequence() ? changed : held);
    }
}
