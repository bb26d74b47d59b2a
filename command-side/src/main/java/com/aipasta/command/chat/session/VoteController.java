package com.aipasta.command.chat.session;

import com.aipasta.chat.api.command.RateMessageCommand;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.leaderboard.api.query.FindLeaderboardAnswerQuery;
import com.aipasta.leaderboard.api.query.LeaderboardAnswer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Votes on one's own finished answers. One vote counts per answer: voting again replaces it, and repeating it
 * changes nothing. Another user's answer is not found, like a missing one.
 */
@RestController
public class VoteController {

    public record VoteBody(@NotBlank @Size(max = 100) String messageId, @NotBlank String vote) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;

    public VoteController(CommandGateway commands, QueryGateway queries, ReadModels readModels, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    @PostMapping("/api/leaderboard/vote")
    public Map<String, Object> vote(@AuthenticationPrincipal AccessToken caller, @Valid @RequestBody VoteBody body) {
        Vote vote = Vote.parse(body.vote()).orElseThrow(() -> new DomainException(ErrorCode.VALIDATION_FAILED,
                "vote must be up or down", Map.of("vote", "must be up or down")));
        MessageView answer = queries.query(new FindMessageQuery(caller.userId(), body.messageId()),
                        ResponseTypes.optionalInstanceOf(MessageView.class)).join()
                .filter(message -> "assistant".equals(message.role()))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such answer"));
        commands.sendAndWait(new RateMessageCommand(new SessionId(answer.sessionId()), caller.userId(), answer.id(),
                vote, clock.instant()));
        LeaderboardAnswer counted = readModels.await(answer.sessionId(), () -> queries.query(
                        new FindLeaderboardAnswerQuery(answer.id()),
                        ResponseTypes.optionalInstanceOf(LeaderboardAnswer.class)).join(),
                leaderboardAnswer -> leaderboardAnswer.vote() == vote);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("messageId", counted.messageId());
        recorded.put("vote", vote.toString());
        recorded.put("modelId", counted.modelId());
        recorded.put("provider", counted.provider());
        recorded.put("category", counted.category().toString());
        return recorded;
    }
}
