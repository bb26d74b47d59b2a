package com.aipasta.command.file;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Uploaded files: the media types accepted (as detected from the bytes), the largest file, and the bytes each plan may
 * keep in all. With {@code s3.bucket} set, new files go to that S3-compatible store; otherwise to GridFS in the
 * platform's MongoDB.
 *
 * @param allowedTypes media types accepted, exactly ({@code FILES_ALLOWED_TYPES})
 * @param maxSize      the largest file accepted ({@code FILES_MAX_SIZE})
 * @param quotas        by plan ({@code free}, {@code premium}), the bytes its users may keep
 *                      ({@code FILES_QUOTA_FREE}, {@code FILES_QUOTA_PREMIUM})
 * @param uploadTimeout how long after its bytes begin to be written an upload may be recorded; bytes not recorded
 *                      by then are deleted once this long again has passed ({@code FILES_UPLOAD_TIMEOUT})
 */
@ConfigurationProperties("aipasta.files")
public record FilesProperties(List<String> allowedTypes, DataSize maxSize, Map<String, DataSize> quotas, S3 s3,
                              Duration uploadTimeout) {

    private static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    public static final String FREE_PLAN = "free";

    /**
     * An S3-compatible store: {@code endpoint} empty for AWS itself; keys empty for the SDK's default credentials
     * (environment, profile, instance role).
     */
    public record S3(String bucket, String endpoint, String region, String accessKey, String secretKey,
                     boolean pathStyle) {

        public boolean configured() {
            return bucket != null && !bucket.isBlank();
        }
    }

    public FilesProperties {
        if (allowedTypes == null || allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("FILES_ALLOWED_TYPES must name at least one media type");
        }
        allowedTypes = allowedTypes.stream().map(type -> type.strip().toLowerCase(Locale.ROOT)).toList();
        allowedTypes.forEach(MediaType::parseMediaType);
        if (maxSize == null || maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("FILES_MAX_SIZE must be at least 1 byte");
        }
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
        if (!quotas.containsKey(FREE_PLAN)) {
            throw new IllegalArgumentException("FILES_QUOTA_FREE must be set");
        }
        quotas.forEach((plan, quota) -> {
            if (quota.toBytes() < 0) {
                throw new IllegalArgumentException("The file quota of plan " + plan + " must not be negative");
            }
        });
        s3 = s3 == null ? new S3(null, null, null, null, null, false) : s3;
        uploadTimeout = uploadTimeout == null ? DEFAULT_UPLOAD_TIMEOUT : uploadTimeout;
        if (uploadTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("FILES_UPLOAD_TIMEOUT must be at least 1s");
        }
    }

    /** The bytes a user of {@code plan} may keep; a plan without a quota of its own has the free plan's. */
    public long quotaOf(String plan) {
        return quotas.getOrDefault(plan, quotas.get(FREE_PLAN)).toBytes();
    }

    public boolean allows(String type) {
        return allowedTypes.contains(type);
    }
}
