package com.aipasta.query.chat;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.ChatStats;
import com.aipasta.chat.api.query.FindChatStatsQuery;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.FindSessionQuery;
import com.aipasta.chat.api.query.FindSessionSummaryQuery;
import com.aipasta.chat.api.query.FindSessionsQuery;
import com.aipasta.chat.api.query.FindStaleAnswersQuery;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionDetail;
import com.aipasta.chat.api.query.SessionPage;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.query.StaleAnswers;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.SessionId;

import com.aipasta.common.Pagination;
import com.aipasta.projections.chat.ChatMessageDocument;
import com.aipasta.projections.chat.ChatSessionDocument;
import com.aipasta.projections.chat.UsageTallyDocument;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

@Component
public class ChatQueryHandlers {

    private final MongoTemplate mongo;

    public ChatQueryHandlers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public SessionPage handle(FindSessionsQuery query) {
        Criteria live = Criteria.where("ownerId").is(query.ownerId().value()).and("deleted").is(false);
        long total = mongo.count(Query.query(live), ChatSessionDocument.class);
        List<SessionSummary> sessions = mongo.find(Query.query(live)
                        .with(Sort.by(Sort.Direction.DESC, "lastActivityAt"))
                        .skip(query.pageRequest().offset())
                        .limit(query.pageRequest().limit()), ChatSessionDocument.class).stream()
                .map(ChatQueryHandlers::summary)
                .toList();
        return new SessionPage(sessions, Pagination.of(query.pageRequest().page(), query.pageRequest().limit(), total));
    }

    /**
     * Empty for a session that is not the owner's, is deleted, or has no message {@code branch}. Without a branch, the
     * session's active one; the read model stores a batch's sessions a moment before its messages (see
     * {@code ChatSessionProjection}), so until the active leaf is stored the branch ends at the newest leaf stored.
     */
    @QueryHandler
    public Optional<SessionDetail> handle(FindSessionQuery query) {
        return liveSession(query.ownerId(), query.sessionId()).flatMap(session -> {
            Map<String, ChatMessageDocument> messages = mongo.find(Query.query(Criteria.where("sessionId")
                            .is(session.id())), ChatMessageDocument.class).stream()
                    .collect(Collectors.toMap(ChatMessageDocument::id, Function.identity()));
            List<String> leaves = leaves(messages);
            String leaf = query.branch() != null ? query.branch() : session.activeLeafId();
            if (query.branch() == null && leaf != null && !messages.containsKey(leaf)) {
                leaf = leaves.isEmpty() ? null : leaves.get(leaves.size() - 1);
            }
            if (leaf != null && (!messages.containsKey(leaf) || messages.get(leaf).deleted())) {
                return Optional.empty();
            }
            return Optional.of(new SessionDetail(summary(session), leaf, branchEndingAt(leaf, messages), leaves));
        });
    }

    @QueryHandler
    public Optional<MessageView> handle(FindMessageQuery query) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(query.messageId())
                        .and("ownerId").is(query.ownerId().value()).and("deleted").is(false)),
                ChatMessageDocument.class)).map(ChatQueryHandlers::view);
    }

    @QueryHandler
    public Optional<SessionSummary> handle(FindSessionSummaryQuery query) {
        return liveSession(query.ownerId(), query.sessionId()).map(ChatQueryHandlers::summary);
    }

    /** The session a subscription follows; its updates come from {@code ChatSessionProjection}. */
    @QueryHandler
    public Optional<SessionSummary> handle(FollowSessionQuery query) {
        return liveSession(query.ownerId(), query.sessionId()).map(ChatQueryHandlers::summary);
    }

    /** The sessions the user keeps, and what the user sent and was answered in all of them, deleted ones too. */
    @QueryHandler
    public ChatStats handle(FindChatStatsQuery query) {
        String ownerId = query.ownerId().value();
        long sessions = mongo.count(Query.query(Criteria.where("ownerId").is(ownerId).and("deleted").is(false)),
                ChatSessionDocument.class);
        UsageTallyDocument total = mongo.findById(UsageTallyDocument.id(UsageTallyDocument.TOTAL, ownerId, null),
                UsageTallyDocument.class);
        return total == null ? new ChatStats(sessions, 0, 0, 0, 0, Cost.ZERO)
                : new ChatStats(sessions, total.messages() + total.answers(), total.answers(), total.failedAnswers(),
                total.tokens(), new Cost(total.usd(), total.inr()));
    }

    @QueryHandler
    public StaleAnswers handle(FindStaleAnswersQuery query) {
        return new StaleAnswers(mongo.find(Query.query(Criteria.where("status").is("generating")
                        .and("createdAt").lt(query.startedBefore())), ChatMessageDocument.class).stream()
                .map(message -> new StaleAnswers.StaleAnswer(new SessionId(message.sessionId()),
                        new UserId(message.ownerId()), message.id()))
                .toList());
    }

    private Optional<ChatSessionDocument> liveSession(UserId owner, SessionId sessionId) {
        return Optional.ofNullable(mongo.findById(sessionId.value(), ChatSessionDocument.class))
                .filter(session -> session.ownerId().equals(owner.value()) && !session.deleted());
    }

    private static List<MessageView> branchEndingAt(String leaf, Map<String, ChatMessageDocument> messages) {
        List<MessageView> branch = new ArrayList<>();
        for (ChatMessageDocument message = leaf == null ? null : messages.get(leaf); message != null;
             message = message.parentId() == null ? null : messages.get(message.parentId())) {
            if (!message.deleted()) {
                branch.add(view(message));
            }
        }
        Collections.reverse(branch);
        return branch;
    }

    private static List<String> leaves(Map<String, ChatMessageDocument> messages) {
        Set<String> parents = messages.values().stream().filter(message -> !message.deleted())
                .map(ChatMessageDocument::parentId).collect(Collectors.toSet());
        return messages.values().stream()
                .filter(message -> !message.deleted() && !parents.contains(message.id()))
                .sorted(Comparator.comparing(ChatMessageDocument::createdAt))
                .map(ChatMessageDocument::id)
                .toList();
    }

    public static SessionSummary summary(ChatSessionDocument session) {
        return new SessionSummary(session.id(), session.title(), session.systemInstruction(), session.modelId(),
                session.options(), session.createdAt(), session.lastActivityAt(), session.messageCount(),
                session.totalTokens(), new Cost(session.costUsd(), session.costInr()),
                session.models() == null ? List.of() : List.copyOf(session.models()));
    }

    public static MessageView view(ChatMessageDocument message) {
        return message.view();
    }
}
