package com.aipasta.command.payment;

import com.aipasta.payment.api.command.CreatePlanCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Creates the configured plans that do not exist yet; one that exists keeps what administrators made of it. */
@Component
public class PlanSeeder implements ApplicationRunner {

    static final String SEEDED_BY = "config";
    static final String PLAN_ID_PREFIX = "plan-";

    /** The id of the plan a seed creates. */
    public static String planIdOf(PlanProperties.Seed seed) {
        return PLAN_ID_PREFIX + seed.id();
    }

    private final CommandGateway commands;
    private final PlanProperties properties;
    private final Clock clock;

    public PlanSeeder(CommandGateway commands, PlanProperties properties, Clock clock) {
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        for (PlanProperties.Seed seed : properties.seeds()) {
            try {
                commands.sendAndWait(new CreatePlanCommand(planIdOf(seed), seed.name(), seed.description(), seed.tokens(),
                        seed.amount(), seed.currency(), seed.planUpgrade(), seed.validityDays(), SEEDED_BY,
                        clock.instant()));
            } catch (AggregateStreamCreationException | ConcurrencyException alreadySeeded) {
                // created on an earlier start
            }
        }
    }
}
