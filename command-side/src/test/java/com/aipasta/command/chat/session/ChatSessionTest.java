package com.aipasta.command.chat.session;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.ChangeSessionSettingsCommand;
import com.aipasta.chat.api.command.CompleteAssistantMessageCommand;
import com.aipasta.chat.api.command.DeleteMessageCommand;
import com.aipasta.chat.api.command.DeleteSessionCommand;
import com.aipasta.chat.api.command.FailAssistantMessageCommand;
import com.aipasta.chat.api.command.PostToolMessageCommand;
import com.aipasta.chat.api.command.RateMessageCommand;
import com.aipasta.chat.api.command.RenameSessionCommand;
import com.aipasta.chat.api.command.RevokeSessionShareCommand;
import com.aipasta.chat.api.command.ShareSessionCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.command.StartSessionWithTurnCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.event.SessionDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionSettingsChangedEvent;
import com.aipasta.chat.api.event.SessionShareRevokedEvent;
import com.aipasta.chat.api.event.SessionSharedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.ToolMessagePostedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.chat.api.value.UserMessage;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.value.FileId;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatSessionTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final UserId STRANGER = new UserId("user-2");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final ModelRef MODEL = new ModelRef("local/llama", "local");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static final SessionStartedEvent STARTED =
            new SessionStartedEvent(SESSION, OWNER, "Hello", "Be brief", "local/llama", T);
    private static final UserMessagePostedEvent ASKED =
            new UserMessagePostedEvent(SESSION, OWNER, "u1", null, "Hi", T);
    private static final AssistantMessageStartedEvent ANSWERING =
            new AssistantMessageStartedEvent(SESSION, OWNER, "a1", "u1", MODEL, WALLET, 500, T, PromptCategory.CODING, 8L);
    private static final AssistantMessageCompletedEvent ANSWERED = new AssistantMessageCompletedEvent(SESSION, OWNER,
            "a1", MODEL, "Hello!", null, TokenCount.of(5, 2), "stop", 100, 10, Cost.ZERO, T);

    private AggregateTestFixture<ChatSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChatSession.class);
    }

    private static StartTurnCommand turn(UserId owner, String userId, String parent, String answerId) {
        return new StartTurnCommand(SESSION, owner, new UserMessage(userId, parent, "Hi"), answerId, null, MODEL,
                WALLET, 500, T, PromptCategory.CODING, 8L);
    }

    @Test
    void startsWithAFixedSystemInstruction() {
        fixture.givenNoPriorActivity()
                .when(new StartSessionCommand(SESSION, OWNER, "Hello", "Be brief", "local/llama", T))
                .expectEvents(STARTED);
    }

    @Test
    void aSessionStartedWithItsFirstTurnRecordsBothTogether() {
        StartSessionCommand session = new StartSessionCommand(SESSION, OWNER, "Hello", "Be brief", "local/llama", T);
        fixture.givenNoPriorActivity()
                .when(new StartSessionWithTurnCommand(session, turn(OWNER, "u1", null, "a1")))
                .expectEvents(STARTED, ASKED, ANSWERING);
        fixture.givenNoPriorActivity()
                .when(new StartSessionWithTurnCommand(session, turn(OWNER, "u1", "u0", "a1")))
                .expectNoEvents()
                .expectException(DomainException.class);
        assertThatThrownBy(() -> new StartSessionWithTurnCommand(session, turn(STRANGER, "u1", null, "a1")))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aToolMessageFollowsTheLastMessageOfTheCurrentBranch() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new PostToolMessageCommand(SESSION, OWNER, "t1", "calculator", "builtin", "{}", T))
                .expectEvents(new ToolMessagePostedEvent(SESSION, OWNER, "t1", "a1", "calculator", "builtin", "{}", T));
    }

    @Test
    void anAnswerMayFollowAToolMessageButNotAnotherAnswer() {
        ToolMessagePostedEvent tool = new ToolMessagePostedEvent(SESSION, OWNER, "t1", null, "echo", "builtin", "{}",
                T);
        fixture.given(STARTED, tool)
                .when(new StartTurnCommand(SESSION, OWNER, null, "a1", "t1", MODEL, WALLET, 500, T,
                        PromptCategory.GENERAL, 8L))
                .expectEvents(new AssistantMessageStartedEvent(SESSION, OWNER, "a1", "t1", MODEL, WALLET, 500, T,
                        PromptCategory.GENERAL, 8L));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new StartTurnCommand(SESSION, OWNER, null, "a2", "a1", MODEL, WALLET, 500, T,
                        PromptCategory.GENERAL, 8L))
                .expectException(DomainException.class);
    }

    @Test
    void onlyTheOwnerPostsToolMessagesToALiveSession() {
        fixture.given(STARTED)
                .when(new PostToolMessageCommand(SESSION, STRANGER, "t1", "echo", "builtin", "{}", T))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(STARTED, new SessionDeletedEvent(SESSION, T))
                .when(new PostToolMessageCommand(SESSION, OWNER, "t1", "echo", "builtin", "{}", T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aTurnPostsTheUserMessageAndStartsTheAnswer() {
        fixture.given(STARTED)
                .when(turn(OWNER, "u1", null, "a1"))
                .expectEvents(ASKED, ANSWERING);
    }

    @Test
    void anEditBranchesFromTheEditedMessagesParent() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(turn(OWNER, "u2", null, "a2"))
                .expectEvents(new UserMessagePostedEvent(SESSION, OWNER, "u2", null, "Hi", T),
                        new AssistantMessageStartedEvent(SESSION, OWNER, "a2", "u2", MODEL, WALLET, 500, T, PromptCategory.CODING, 8L));
    }

    @Test
    void aRegenerationAnswersTheSameUserMessageAgain() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new StartTurnCommand(SESSION, OWNER, null, "a2", "u1", MODEL, WALLET, 500, T, PromptCategory.CODING,
                        8L))
                .expectEvents(new AssistantMessageStartedEvent(SESSION, OWNER, "a2", "u1", MODEL, WALLET, 500, T, PromptCategory.CODING, 8L));
    }

    @Test
    void aRegenerationsFilesAreRecordedWithItsAnswer() {
        List<Attachment> files = List.of(new Attachment(new FileId("file-1"), "notes.txt", "text/plain", 12,
                "gridfs"));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new StartTurnCommand(SESSION, OWNER, null, "a2", "u1", MODEL, WALLET, 500, T,
                        PromptCategory.CODING, 8L, null, files))
                .expectEvents(new AssistantMessageStartedEvent(SESSION, OWNER, "a2", "u1", MODEL, WALLET, 500, T,
                        PromptCategory.CODING, 8L, null, files));
    }

    @Test
    void filesForTheAnswerAreRefusedBesideANewUserMessage() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new StartTurnCommand(SESSION, OWNER, new UserMessage("u2", "a1", "Hi", List.of()), "a2", null,
                        MODEL, WALLET, 500, T, PromptCategory.CODING, 8L, null,
                        List.of(new Attachment(new FileId("file-1"), "notes.txt", "text/plain", 12, "gridfs"))))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void onlyAUserMessageCanBeAnsweredAgain() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new StartTurnCommand(SESSION, OWNER, null, "a2", "a1", MODEL, WALLET, 500, T, PromptCategory.CODING,
                        8L))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void anotherUsersSessionDoesNotExistForThem() {
        fixture.given(STARTED)
                .when(turn(STRANGER, "u1", null, "a1"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    @Test
    void aDeletedSessionTakesNoMoreTurns() {
        fixture.given(STARTED, new SessionDeletedEvent(SESSION, T))
                .when(turn(OWNER, "u1", null, "a1"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    @Test
    void aTurnMustFollowAnExistingMessage() {
        fixture.given(STARTED)
                .when(turn(OWNER, "u1", "nope", "a1"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    @Test
    void messageIdsAreNeverReused() {
        fixture.given(STARTED, ASKED, ANSWERING)
                .when(turn(OWNER, "u9", "a1", "a1"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.CONFLICT));
    }

    @Test
    void completesAnAnswerOnceAndIgnoresARepeat() {
        fixture.given(STARTED, ASKED, ANSWERING)
                .when(complete())
                .expectEvents(ANSWERED);
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(complete())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedAnswerCannotComplete() {
        fixture.given(STARTED, ASKED, ANSWERING, failed())
                .when(complete())
                .expectNoEvents()
                .expectException(refusal(ErrorCode.CONFLICT));
    }

    @Test
    void failsAnAnswerKeepingWhatWasGenerated() {
        fixture.given(STARTED, ASKED, ANSWERING)
                .when(new FailAssistantMessageCommand(SESSION, OWNER, "a1", "Hel", null, TokenCount.of(5, 1),
                        "PROVIDER_CONNECTION", "cut", Cost.ZERO, T))
                .expectEvents(failed());
    }

    @Test
    void aLateFailureOfAFinishedAnswerChangesNothing() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(new FailAssistantMessageCommand(SESSION, OWNER, "a1", "", null, TokenCount.NONE, "TIMEOUT",
                        "late", Cost.ZERO, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotCompleteAUserMessage() {
        fixture.given(STARTED, ASKED)
                .when(new CompleteAssistantMessageCommand(SESSION, OWNER, "u1", "x", null, TokenCount.NONE, "stop", 1,
                        1, Cost.ZERO, T))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    @Test
    void renamesChangesSettingsAndDeletes() {
        GenerationOptions options = new GenerationOptions(0.2, 256, 0.9);
        fixture.given(STARTED)
                .when(new RenameSessionCommand(SESSION, OWNER, "Renamed", T))
                .expectEvents(new SessionRenamedEvent(SESSION, OWNER, "Renamed", T));
        fixture.given(STARTED)
                .when(new ChangeSessionSettingsCommand(SESSION, OWNER, "local/other", options, T))
                .expectEvents(new SessionSettingsChangedEvent(SESSION, "local/other", options, T));
        fixture.given(STARTED)
                .when(new DeleteSessionCommand(SESSION, OWNER, T))
                .expectEvents(new SessionDeletedEvent(SESSION, T));
        fixture.given(STARTED, new SessionDeletedEvent(SESSION, T))
                .when(new RenameSessionCommand(SESSION, OWNER, "Again", T))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    /** Settings left out keep what the session has, whatever a read model shows of it. */
    @Test
    void changesOnlyTheSettingsNamed() {
        GenerationOptions options = new GenerationOptions(0.2, 256, 0.9);
        SessionSettingsChangedEvent changed = new SessionSettingsChangedEvent(SESSION, "local/other", options, T);
        fixture.given(STARTED, changed)
                .when(new ChangeSessionSettingsCommand(SESSION, OWNER, "local/third", null, T))
                .expectEvents(new SessionSettingsChangedEvent(SESSION, "local/third", options, T));
        GenerationOptions cooler = new GenerationOptions(0.1, 128, 0.5);
        fixture.given(STARTED, changed)
                .when(new ChangeSessionSettingsCommand(SESSION, OWNER, null, cooler, T))
                .expectEvents(new SessionSettingsChangedEvent(SESSION, "local/other", cooler, T));
        fixture.given(STARTED)
                .when(new ChangeSessionSettingsCommand(SESSION, OWNER, null, cooler, T))
                .expectEvents(new SessionSettingsChangedEvent(SESSION, STARTED.modelId(), cooler, T));
        fixture.given(STARTED)
                .when(new ChangeSessionSettingsCommand(SESSION, OWNER, "local/third", null, T))
                .expectEvents(new SessionSettingsChangedEvent(SESSION, "local/third", GenerationOptions.DEFAULTS, T));
    }

    @Test
    void deletesAMessageOnce() {
        fixture.given(STARTED, ASKED)
                .when(new DeleteMessageCommand(SESSION, OWNER, "u1", T))
                .expectEvents(new MessageDeletedEvent(SESSION, "u1", T));
        fixture.given(STARTED, ASKED, new MessageDeletedEvent(SESSION, "u1", T))
                .when(new DeleteMessageCommand(SESSION, OWNER, "u1", T))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED)
                .when(new DeleteMessageCommand(SESSION, STRANGER, "u1", T))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
    }

    @Test
    void votesOnAFinishedAnswerWithItsModelAndCategory() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(rate(OWNER, "a1", Vote.UP))
                .expectEvents(rated(Vote.UP, null));
        fixture.given(STARTED, ASKED, ANSWERING, failed())
                .when(rate(OWNER, "a1", Vote.DOWN))
                .expectEvents(rated(Vote.DOWN, null));
    }

    @Test
    void aChangedVoteReplacesTheEarlierOne() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED, rated(Vote.UP, null))
                .when(rate(OWNER, "a1", Vote.DOWN))
                .expectEvents(rated(Vote.DOWN, Vote.UP));
    }

    @Test
    void repeatingAVoteChangesNothing() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED, rated(Vote.UP, null))
                .when(rate(OWNER, "a1", Vote.UP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED, rated(Vote.UP, null), rated(Vote.DOWN, Vote.UP))
                .when(rate(OWNER, "a1", Vote.DOWN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAnswerFromBeforeCategoriesIsRatedAsGeneral() {
        AssistantMessageStartedEvent uncategorised =
                new AssistantMessageStartedEvent(SESSION, OWNER, "a1", "u1", MODEL, WALLET, 500, T, null, 8L);
        fixture.given(STARTED, ASKED, uncategorised, ANSWERED)
                .when(rate(OWNER, "a1", Vote.UP))
                .expectEvents(new MessageRatedEvent(SESSION, OWNER, "a1", MODEL, PromptCategory.GENERAL, Vote.UP,
                        null, T));
    }

    @Test
    void onlyTheOwnerVotesAndOnlyOnAFinishedLiveAnswer() {
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(rate(STRANGER, "a1", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(rate(OWNER, "u1", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED)
                .when(rate(OWNER, "nope", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED, new MessageDeletedEvent(SESSION, "a1", T))
                .when(rate(OWNER, "a1", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED, ANSWERING, ANSWERED, new SessionDeletedEvent(SESSION, T))
                .when(rate(OWNER, "a1", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.given(STARTED, ASKED, ANSWERING)
                .when(rate(OWNER, "a1", Vote.UP))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.CONFLICT));
    }

    private static RateMessageCommand rate(UserId voter, String messageId, Vote vote) {
        return new RateMessageCommand(SESSION, voter, messageId, vote, T);
    }

    private static MessageRatedEvent rated(Vote vote, Vote previous) {
        return new MessageRatedEvent(SESSION, OWNER, "a1", MODEL, PromptCategory.CODING, vote, previous, T);
    }

    private static CompleteAssistantMessageCommand complete() {
        return new CompleteAssistantMessageCommand(SESSION, OWNER, "a1", "Hello!", null, TokenCount.of(5, 2), "stop",
                100, 10, Cost.ZERO, T);
    }

    private static AssistantMessageFailedEvent failed() {
        return new AssistantMessageFailedEvent(SESSION, OWNER, "a1", MODEL, "Hel", null, TokenCount.of(5, 1),
                "PROVIDER_CONNECTION", "cut", Cost.ZERO, T);
    }

    private static Matcher<Throwable> refusal(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof DomainException refused && refused.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code " + code);
            }
        };
    }

    @Test
    void itsOwnerSharesItOnceAndSharingAgainAnswersTheSameShare() {
        SessionSharedEvent shared = new SessionSharedEvent(SESSION, OWNER, "share-a", "Ada", T);
        fixture.given(STARTED, ASKED)
                .when(new ShareSessionCommand(SESSION, OWNER, "share-a", "Ada", T))
                .expectEvents(shared)
                .expectResultMessagePayload("share-a");
        fixture.given(STARTED, ASKED, shared)
                .when(new ShareSessionCommand(SESSION, OWNER, "share-b", null, T.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload("share-a");
    }

    @Test
    void aRevokedShareGoesAndTheSessionCanBeSharedAnew() {
        SessionSharedEvent shared = new SessionSharedEvent(SESSION, OWNER, "share-a", null, T);
        SessionShareRevokedEvent revoked = new SessionShareRevokedEvent(SESSION, OWNER, "share-a", T);
        fixture.given(STARTED, shared)
                .when(new RevokeSessionShareCommand(SESSION, OWNER, T))
                .expectEvents(revoked)
                .expectResultMessagePayload("share-a");
        fixture.given(STARTED, shared, revoked)
                .when(new RevokeSessionShareCommand(SESSION, OWNER, T))
                .expectNoEvents()
                .expectExceptionMessage("The session is not shared");
        fixture.given(STARTED, shared, revoked)
                .when(new ShareSessionCommand(SESSION, OWNER, "share-b", null, T))
                .expectEvents(new SessionSharedEvent(SESSION, OWNER, "share-b", null, T));
    }

    @Test
    void deletingASharedSessionAnswersTheShareItTakesDown() {
        SessionSharedEvent shared = new SessionSharedEvent(SESSION, OWNER, "share-a", null, T);
        fixture.given(STARTED, shared)
                .when(new DeleteSessionCommand(SESSION, OWNER, T))
                .expectEvents(new SessionDeletedEvent(SESSION, T))
                .expectResultMessagePayload("share-a");
        fixture.given(STARTED, shared, new SessionShareRevokedEvent(SESSION, OWNER, "share-a", T))
                .when(new DeleteSessionCommand(SESSION, OWNER, T))
                .expectEvents(new SessionDeletedEvent(SESSION, T))
                .expectResultMessagePayload(null);
    }

    @Test
    void onlyItsOwnerSharesOrRevokesALiveSession() {
        fixture.given(STARTED)
                .when(new ShareSessionCommand(SESSION, STRANGER, "share-a", null, T))
                .expectNoEvents()
                .expectExceptionMessage("No such session");
        fixture.given(STARTED, new SessionSharedEvent(SESSION, OWNER, "share-a", null, T))
                .when(new RevokeSessionShareCommand(SESSION, STRANGER, T))
                .expectNoEvents()
                .expectExceptionMessage("No such session");
        fixture.given(STARTED, new SessionDeletedEvent(SESSION, T))
                .when(new ShareSessionCommand(SESSION, OWNER, "share-a", null, T))
                .expectNoEvents()
                .expectExceptionMessage("No such session");
    }

    @Test
    void aSessionStartedFromATemplateRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new StartSessionCommand(SESSION, OWNER, "Hello", "# Instruction\nReview", null, T,
                        "template-1"))
                .expectEvents(new SessionStartedEvent(SESSION, OWNER, "Hello", "# Instruction\nReview", null, T,
                        "template-1"));
    }
}
