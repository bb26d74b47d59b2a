package com.aipasta.ops.file;

import com.aipasta.command.file.S3MockServer;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.HttpApi.FilePart;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the HTTP API on a platform that keeps their bytes in an S3-compatible server (S3Mock, a process of
 * its own), checked in the bucket itself: written on upload, read back, gone after a delete, and never left behind
 * by an upload the quota refuses.
 */
class S3FilesHttpTest {

    private static final String PASSWORD = "s3 files passphrase";
    private static final long QUOTA = 64 * 1024;

    private static S3MockServer s3;
    private static S3Client bucket;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3MockServer.start();
        bucket = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-s3-"),
                "--aipasta.files.s3.bucket=" + S3MockServer.BUCKET,
                "--aipasta.files.s3.endpoint=" + s3.endpoint(),
                "--aipasta.files.s3.region=us-east-1",
                "--aipasta.files.s3.access-key=test-key",
                "--aipasta.files.s3.secret-key=test-secret",
                "--aipasta.files.s3.path-style=true",
                "--aipasta.files.quotas.free=" + QUOTA + "B");
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static String register() {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", "s3-" + UUID.randomUUID()
                + "@example.com", "password", PASSWORD, "name", "S3"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    private static List<String> objectsInTheBucket() {
        return bucket.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(S3MockServer.BUCKET).build())
                .contents().stream().map(S3Object::key).toList();
    }

    private static byte[] objectBytes(String key) {
        return bucket.getObjectAsBytes(GetObjectRequest.builder().bucket(S3MockServer.BUCKET).key(key).build())
                .asByteArray();
    }

    private static long inGridFs(String fileId) {
        return platform.getBean(MongoTemplate.class).getCollection("file_bytes.files")
                .countDocuments(new Document("_id", fileId));
    }

    @Test
    void uploadedBytesLiveInTheBucketAreServedFromItAndLeaveItWhenTheFileIsDeleted() {
        String token = register();
        byte[] png = SampleFiles.png();
        byte[] pdf = SampleFiles.pdf();

        HttpApi.Reply uploaded = api.upload("/api/files", List.of(new FilePart("chart.png", "image/png", png),
                new FilePart("report.pdf", "application/pdf", pdf)), Map.of(), token);

        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        JsonNode files = uploaded.data().path("files");
        assertThat(files.findValuesAsText("storage")).containsExactly("s3", "s3");
        String image = files.get(0).path("fileId").asText();
        String document = files.get(1).path("fileId").asText();
        assertThat(objectsInTheBucket()).contains(image, document);
        assertThat(objectBytes(image)).isEqualTo(png);
        assertThat(objectBytes(document)).isEqualTo(pdf);
        assertThat(inGridFs(image) + inGridFs(document)).isZero();
        assertThat(api.get("/api/files/supported-types", token).data().path("storage").asText()).isEqualTo("s3");
        assertThat(api.get("/api/files", token).data().path("files").findValuesAsText("fileId"))
                .containsExactlyInAnyOrder(image, document);
        HttpResponse<byte[]> content = api.download("/api/files/" + document + "/content", token);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(content.body()).isEqualTo(pdf);

        HttpApi.Reply deleted = api.delete("/api/files/" + image, token);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(objectsInTheBucket()).doesNotContain(image).contains(document);
        assertThat(api.download("/api/files/" + image + "/content", token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/files/" + image, token).status()).isEqualTo(404);
        assertThat(api.get("/api/files", token).data().path("files").findValuesAsText("fileId"))
                .containsExactly(document);
    }

    @Test
    void anUploadTheQuotaRefusesLeavesNoObjectInTheBucket() {
        String token = register();
        byte[] first = SampleFiles.noisyPng(110, 3);
        byte[] second = SampleFiles.noisyPng(110, 4);
        assertThat(first.length).isLessThan((int) QUOTA).isGreaterThan((int) QUOTA / 2);
        HttpApi.Reply kept = api.upload("/api/files", List.of(new FilePart("first.png", "image/png", first)),
                Map.of(), token);
        assertThat(kept.status()).as(kept.body().toString()).isEqualTo(201);
        List<String> before = objectsInTheBucket();

        HttpApi.Reply refused = api.upload("/api/files", List.of(new FilePart("second.png", "image/png", second)),
                Map.of(), token);

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("STORAGE_QUOTA_EXCEEDED");
        assertThat(objectsInTheBucket()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(api.get("/api/files", token).data().path("files")).hasSize(1);
    }
}
