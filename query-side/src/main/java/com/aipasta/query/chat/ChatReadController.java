package com.aipasta.query.chat;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.ChatStats;
import com.aipasta.chat.api.query.FindChatStatsQuery;
import com.aipasta.chat.api.query.FindSessionQuery;
import com.aipasta.chat.api.query.FindSessionsQuery;
import com.aipasta.chat.api.query.SessionDetail;
import com.aipasta.chat.api.query.SessionPage;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's sessions; another user's session answers 404 like a missing one. */
@RestController
public class ChatReadController {

    private final QueryGateway queries;

    public ChatReadController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/chat/sessions")
    public SessionPage sessions(Authentication caller, @RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindSessionsQuery(new UserId(caller.getName()), new PageRequest(page, limit)),
                SessionPage.class).join();
    }

    /** The session with the messages of its current branch, or of the branch ending at {@code branch}. */
    @GetMapping("/api/chat/sessions/{sessionId}")
    public SessionDetail session(Authentication caller, @PathVariable String sessionId,
                                 @RequestParam(required = false) String branch) {
        return queries.query(new FindSessionQuery(new UserId(caller.getName()), new SessionId(sessionId), branch),
                        ResponseTypes.optionalInstanceOf(SessionDetail.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND,
                        branch == null ? "No such session" : "No such session or branch"));
    }

    @GetMapping("/api/chat/stats")
    public ChatStats stats(Authentication caller) {
        return queries.query(new FindChatStatsQuery(new UserId(caller.getName())), ChatStats.class).join();
    }
}
