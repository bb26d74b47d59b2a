package com.aipasta.command.file;

import com.aipasta.file.api.value.FileId;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Bytes in an S3 bucket, on AWS or any S3-compatible server (MinIO, Ceph, R2), one object per file named by its id.
 * A put is one request, so a failed write leaves no object. Checksums are sent only where S3 requires them, since not
 * every compatible server takes the SDK's default trailing checksums.
 */
public class S3FileStore implements FileStore, AutoCloseable {

    public static final String NAME = "s3";

    private final S3Client client;
    private final String bucket;

    public S3FileStore(FilesProperties.S3 properties) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(properties.region() == null || properties.region().isBlank() ? "us-east-1"
                        : properties.region()))
                .credentialsProvider(credentials(properties))
                .forcePathStyle(properties.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null && !properties.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(properties.endpoint()));
        }
        this.client = builder.build();
        this.bucket = properties.bucket();
    }

    private static AwsCredentialsProvider credentials(FilesProperties.S3 properties) {
        if (properties.accessKey() == null || properties.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(),
                properties.secretKey()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(FileId fileId, Content content, long size, String type) throws IOException {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(fileId.value()).contentType(type)
                    .contentLength(size).build(), RequestBody.fromContentProvider(() -> {
                        try {
                            return content.open();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, size, type));
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("Could not write " + fileId + " to bucket " + bucket, e);
        }
    }

    @Override
    public InputStream read(FileId fileId) throws IOException {
        try {
            return client.getObject(GetObjectRequest.builder().bucket(bucket).key(fileId.value()).build());
        } catch (NoSuchKeyException e) {
            throw (FileNotFoundException) new FileNotFoundException("No bytes stored for " + fileId).initCause(e);
        } catch (SdkException e) {
            throw new IOException("Could not read " + fileId + " from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(FileId fileId) throws IOException {
        try {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(fileId.value()).build());
        } catch (SdkException e) {
            throw new IOException("Could not delete " + fileId + " from bucket " + bucket, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
