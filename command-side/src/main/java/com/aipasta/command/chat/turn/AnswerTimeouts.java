package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.command.FailAssistantMessageCommand;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * No reservation outlives the configured timeout: answers running too long here are stopped, answers left
 * unfinished by a process that died are failed with what their checkpoint holds ({@link AnswerSettlement} then
 * settles their reservations or releases them), and reservations no answer will ever close are released. It decides
 * from {@link OpenTurns}, which events keep in the database, so a restart changes nothing; repeated commands are
 * no-ops for the aggregates.
 */
@Component
public class AnswerTimeouts {

    private static final Logger log = LoggerFactory.getLogger(AnswerTimeouts.class);
    static final String TIMEOUT = "TIMEOUT";

    private final ChatTurns turns;
    private final LiveGenerations live;
    private final TokenCounter tokens;
    private final CommandGateway commands;
    private final OpenTurns open;
    private final ChatProperties properties;
    private final Clock clock;

    public AnswerTimeouts(ChatTurns turns, LiveGenerations live, TokenCounter tokens, CommandGateway commands,
                          OpenTurns open, ChatProperties properties, Clock clock) {
        this.turns = turns;
        this.live = live;
        this.tokens = tokens;
        this.commands = commands;
        this.open = open;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${aipasta.chat.sweep-interval:15s}")
    public void sweep() {
        long limit = properties.reservationTimeout().toMillis();
        for (Generation generation : live.all()) {
            if (generation.latencyMillis() > limit) {
                turns.stop(generation.messageId(), TIMEOUT, "The answer took longer than " + properties
                        .reservationTimeout());
            }
        }
        Instant cutoff = clock.instant().minus(properties.reservationTimeout());
        Set<String> failing = new HashSet<>();
        open.answersStartedBefore(cutoff).stream()
                .filter(answer -> live.find(answer.messageId()).isEmpty())
                .forEach(answer -> {
                    failInterrupted(answer);
                    failing.add(answer.messageId());
                });
        open.reservationsTakenBefore(cutoff.minus(properties.sweepInterval())).stream()
                .filter(reservation -> live.find(reservation.requestId()).isEmpty()
                        && !failing.contains(reservation.requestId()))
                .forEach(reservation -> {
                    log.info("Releasing expired reservation {}", reservation.requestId());
                    commands.send(new ReleaseReservationCommand(reservation.walletId(), reservation.requestId(),
                            "timeout", clock.instant()));
                });
    }

    private void failInterrupted(OpenTurns.OpenAnswer answer) {
        Generation.Text text = live.checkpoint(answer.messageId());
        long generated = tokens.count(text.content()) + tokens.count(text.thoughts());
        log.info("Failing answer {}, interrupted with {} tokens generated", answer.messageId(), generated);
        commands.send(new FailAssistantMessageCommand(answer.sessionId(), answer.ownerId(), answer.messageId(),
                text.content(), text.thoughts(), TokenCount.of(answer.promptTokens(), generated), TIMEOUT,
                "The answer was interrupted and did not finish in time", Cost.ZERO, clock.instant()));
    }
}
