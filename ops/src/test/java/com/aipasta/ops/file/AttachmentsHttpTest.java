package com.aipasta.ops.file;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.HttpApi.FilePart;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Files attached to turns, as the OpenAI-style stand-in receives them. */
class AttachmentsHttpTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String upload(Account account, String name, byte[] bytes) {
        HttpApi.Reply reply = api.upload("/api/files", List.of(new FilePart(name, "application/octet-stream", bytes)),
                Map.of(), account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("files").get(0).path("fileId").asText();
    }

    private Account premium() {
        Account account = register();
        assertThat(api.patch("/api/admin/users/" + account.id(), Map.of("plan", "premium"), admin().token())
                .status()).isEqualTo(200);
        return account;
    }

    /** The one completion request whose last user message holds {@code marker}. */
    private static JsonNode requestWith(String marker) throws Exception {
        List<String> sent = FakeProviders.completionRequests().stream().filter(body -> body.contains(marker)).toList();
        assertThat(sent).hasSize(1);
        return JSON.readTree(sent.get(0));
    }

    private static String marker() {
        return "[attach-" + UUID.randomUUID() + "]";
    }

    @Test
    void anImageAndAPdfReachAModelThatTakesImagesAsImageAndTextPartsAndAreResentWithTheHistory() throws Exception {
        Account account = premium();
        byte[] png = SampleFiles.png();
        String image = upload(account, "chart.png", png);
        String pdf = upload(account, "report.pdf", SampleFiles.pdf());
        String first = marker();

        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "What do these show? " + first,
                "modelId", PAID_MODEL, "files", List.of(image, pdf)), account.token());

        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        JsonNode parts = requestWith(first).path("messages").get(0).path("content");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"What do these show? " + first
                + "\"}");
        assertThat(parts.get(1).toString()).isEqualTo("{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"}}");
        assertThat(parts.get(2).path("type").asText()).isEqualTo("text");
        assertThat(parts.get(2).path("text").asText()).isEqualTo("File report.pdf:\nQuarterly figures: revenue up");

        String sessionId = turn.data().path("session").path("id").asText();
        JsonNode messages = api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages");
        assertThat(messages.get(0).path("attachments")).extracting(file -> file.path("fileId").asText())
                .containsExactly(image, pdf);
        assertThat(messages.get(0).path("attachments").get(0).path("name").asText()).isEqualTo("chart.png");
        assertThat(messages.get(0).path("attachments").get(1).path("type").asText()).isEqualTo("application/pdf");
        assertThat(messages.get(1).has("attachments")).isFalse();

        String second = marker();
        HttpApi.Reply next = api.post("/api/chat", Map.of("message", "And the trend? " + second,
                "sessionId", sessionId, "modelId", PAID_MODEL), account.token());

        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        JsonNode history = requestWith(second).path("messages");
        assertThat(history.get(0).path("content")).isEqualTo(parts);
        assertThat(history.get(2).path("content").asText()).isEqualTo("And the trend? " + second);
    }

    @Test
    void aModelThatTakesNoImagesIsRefusedBeforeAnythingIsReservedButReadsADocument() throws Exception {
        Account account = register();
        String image = upload(account, "photo.png", SampleFiles.png());
        String notes = upload(account, "notes.txt", SampleFiles.text("Buy basil and flour."));
        long balance = api.get("/api/user/wallet", account.token()).data().path("balance").asLong();
        String refusedMarker = marker();

        HttpApi.Reply refused = api.post("/api/chat", Map.of("message", "Describe it " + refusedMarker,
                "modelId", FREE_ROUTER_MODEL, "files", List.of(image)), account.token());

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("MODEL_CANNOT_READ_FILE");
        assertThat(FakeProviders.completionRequests()).noneMatch(body -> body.contains(refusedMarker));
        JsonNode wallet = api.get("/api/user/wallet", account.token()).data();
        assertThat(wallet.path("balance").asLong()).isEqualTo(balance);
        assertThat(wallet.path("reserved").asLong()).isZero();
        assertThat(api.get("/api/chat/sessions", account.token()).data().path("sessions")).isEmpty();

        String readMarker = marker();
        HttpApi.Reply read = api.post("/api/chat", Map.of("message", "Summarise " + readMarker,
                "modelId", FREE_MODEL, "files", List.of(notes)), account.token());
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        assertThat(requestWith(readMarker).path("messages").get(0).path("content").get(1).path("text").asText())
                .isEqualTo("File notes.txt:\nBuy basil and flour.");
    }

    @Test
    void anEditCarriesItsOwnFilesWhileTheEditedMessageKeepsItsOwn() throws Exception {
        Account account = register();
        String first = upload(account, "first.txt", SampleFiles.text("First draft"));
        String second = upload(account, "second.txt", SampleFiles.text("Second draft"));
        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Check this " + marker(), "modelId", FREE_MODEL,
                "files", List.of(first)), account.token());
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        String userMessageId = turn.data().path("message").path("parentId").asText();
        String marker = marker();

        HttpApi.Reply edited = api.post("/api/chat/messages/" + userMessageId + "/edit", Map.of("content",
                "Check this instead " + marker, "modelId", FREE_MODEL, "files", List.of(second)), account.token());

        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        JsonNode parts = requestWith(marker).path("messages").get(0).path("content");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).path("text").asText()).isEqualTo("File second.txt:\nSecond draft");
        String sessionId = edited.data().path("session").path("id").asText();
        JsonNode branches = api.get("/api/chat/sessions/" + sessionId + "?branch=" + userMessageId, account.token())
                .data().path("messages");
        assertThat(branches.get(0).path("attachments").get(0).path("fileId").asText()).isEqualTo(first);
    }

    @Test
    void aRegenerationSendsNewFilesWithTheAnsweredMessageAndTheBranchGoingOnFromItKeepsThem() throws Exception {
        Account account = register();
        String first = upload(account, "first.txt", SampleFiles.text("First draft"));
        String second = upload(account, "second.txt", SampleFiles.text("Second draft"));
        String asked = marker();
        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Compare the drafts " + asked,
                "modelId", FREE_MODEL, "files", List.of(first)), account.token());
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        String userMessageId = turn.data().path("message").path("parentId").asText();
        String answerId = turn.data().path("message").path("id").asText();

        HttpApi.Reply regenerated = api.post("/api/chat/messages/" + answerId + "/regenerate",
                Map.of("modelId", FREE_MODEL, "files", List.of(second)), account.token());

        assertThat(regenerated.status()).as(regenerated.body().toString()).isEqualTo(200);
        JsonNode answer = regenerated.data().path("message");
        assertThat(answer.path("parentId").asText()).isEqualTo(userMessageId);
        assertThat(answer.path("attachments")).extracting(file -> file.path("fileId").asText())
                .containsExactly(second);
        List<String> sent = FakeProviders.completionRequests().stream().filter(body -> body.contains(asked)).toList();
        assertThat(sent).hasSize(2);
        JsonNode parts = JSON.readTree(sent.get(1)).path("messages").get(0).path("content");
        assertThat(parts).extracting(part -> part.path("text").asText()).containsExactly("Compare the drafts " + asked,
                "File first.txt:\nFirst draft", "File second.txt:\nSecond draft");

        String sessionId = regenerated.data().path("session").path("id").asText();
        JsonNode messages = api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages");
        assertThat(messages).extracting(message -> message.path("id").asText())
                .containsExactly(userMessageId, answer.path("id").asText());
        assertThat(messages.get(1).path("attachments").get(0).path("name").asText()).isEqualTo("second.txt");

        String next = marker();
        HttpApi.Reply followUp = api.post("/api/chat", Map.of("message", "Which is better? " + next,
                "sessionId", sessionId, "modelId", FREE_MODEL), account.token());
        assertThat(followUp.status()).as(followUp.body().toString()).isEqualTo(200);
        JsonNode history = requestWith(next).path("messages");
        assertThat(history.get(0).path("content")).isEqualTo(parts);
        assertThat(history.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(history.get(2).path("content").asText()).isEqualTo("Which is better? " + next);
    }

    @Test
    void aRegenerationsFilesAreRefusedAsATurnsAreAndNothingIsReserved() {
        Account account = register();
        Account stranger = register();
        String image = upload(account, "photo.png", SampleFiles.png());
        String strangers = upload(stranger, "theirs.txt", SampleFiles.text("not yours"));
        String hello = marker();
        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Hello " + hello, "modelId",
                FREE_ROUTER_MODEL), account.token());
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        String sessionId = turn.data().path("session").path("id").asText();
        JsonNode wallet = api.get("/api/user/wallet", account.token()).data();

        HttpApi.Reply unreadable = api.post("/api/chat/sessions/" + sessionId + "/regenerate",
                Map.of("files", List.of(image)), account.token());
        HttpApi.Reply notTheirs = api.post("/api/chat/sessions/" + sessionId + "/regenerate",
                Map.of("files", List.of(strangers)), account.token());

        assertThat(unreadable.status()).as(unreadable.body().toString()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("MODEL_CANNOT_READ_FILE");
        assertThat(notTheirs.status()).as(notTheirs.body().toString()).isEqualTo(404);
        assertThat(FakeProviders.completionRequests()).filteredOn(body -> body.contains(hello)).hasSize(1);
        assertThat(api.get("/api/user/wallet", account.token()).data()).isEqualTo(wallet);
        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages")).hasSize(2);
    }

    @Test
    void aLargeDocumentCountsInTheReservationAndIsRefusedUpFront() {
        Account account = register();
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < FILES_MAX_SIZE - 20; i++) {
            words.append("word").append(i).append(' ');
        }
        String document = upload(account, "long.txt", SampleFiles.text(words.toString()));
        String marker = marker();

        HttpApi.Reply refused = api.post("/api/chat", Map.of("message", "Summarise " + marker,
                "modelId", FREE_MODEL, "files", List.of(document)), account.token());

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_TOKENS");
        assertThat(FakeProviders.completionRequests()).noneMatch(body -> body.contains(marker));
    }

    @Test
    void anotherUsersFileCannotBeAttached() {
        Account owner = register();
        Account stranger = register();
        String file = upload(owner, "secret.txt", SampleFiles.text("the owner's secret"));
        String marker = marker();

        HttpApi.Reply refused = api.post("/api/chat", Map.of("message", "Read it " + marker,
                "modelId", FREE_MODEL, "files", List.of(file)), stranger.token());

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("NOT_FOUND");
        assertThat(FakeProviders.completionRequests()).noneMatch(body -> body.contains(marker));
    }
}
