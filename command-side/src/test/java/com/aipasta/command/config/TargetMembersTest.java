package com.aipasta.command.config;

import com.aipasta.account.api.value.UserId;
import com.aipasta.catalog.api.command.ChangeModelPolicyCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands are routed to the same aggregate, at the same version, as Axon's own resolver routes them. */
class TargetMembersTest {

    private final TargetMembers resolver = new TargetMembers();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record Renamed(@TargetAggregateIdentifier String id, String name) {
    }

    static final class Versioned {
        @TargetAggregateIdentifier
        private final String id;
        @TargetAggregateVersion
        private final int version;

        Versioned(String id, int version) {
            this.id = id;
            this.version = version;
        }
    }

    static final class Untargeted {
        private final String id = "nowhere";
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    @Test
    void resolvesAsAxonDoesFromMethodsAndFields() {
        for (Object payload : List.of(new Renamed("a-1", "x"), new Versioned("b-2", 7), new Renamed("a-3", "y"),
                new ChangeModelPolicyCommand("openrouter/model", true, null, new UserId("admin"),
                        Instant.EPOCH))) {
            assertThat(resolver.resolveTarget(command(payload))).isEqualTo(axons.resolveTarget(command(payload)));
        }
        assertThat(resolver.resolveTarget(command(new Versioned("b-2", 7))).getVersion()).isEqualTo(7L);
        assertThat(resolver.resolveTarget(command(new Renamed("a-3", "y"))).getIdentifier()).isEqualTo("a-3");
    }

    @Test
    void refusesACommandThatNamesNoAggregate() {
        assertThatThrownBy(() -> resolver.resolveTarget(command(new Untargeted())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Untargeted");
        assertThatThrownBy(() -> resolver.resolveTarget(command(new Renamed(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Renamed");
    }
}
