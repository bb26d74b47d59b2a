package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.command.UploadFilesCommand;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.FileName;
import com.aipasta.file.api.value.StoredFile;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes uploaded files in: every file is checked (name, size, the type its bytes show) before any is stored; then the
 * bytes are written under fresh ids, each marked pending first, and only then does the owner's library record the
 * files, deciding the quota one upload at a time. When the library refuses them, or anything fails after a write, the
 * written bytes are deleted again, so no {@code FileUploadedEvent} ever names bytes that were not written, and refused
 * bytes do not stay. Bytes of a process that stopped in between stay pending, and {@link UnrecordedBytesSweep}
 * deletes them after the upload's deadline.
 */
@Component
public class FileUploads {

    private static final Logger log = LoggerFactory.getLogger(FileUploads.class);

    /** A file that passed the checks, not yet stored. */
    private record Checked(MultipartFile part, FileName name, String type, String sha256) {
    }

    private final FilesProperties properties;
    private final FileTypes types;
    private final FileStores stores;
    private final PendingUploads pending;
    private final CommandGateway commands;

    public FileUploads(FilesProperties properties, FileTypes types, FileStores stores, PendingUploads pending,
                       CommandGateway commands) {
        this.properties = properties;
        this.types = types;
        this.stores = stores;
        this.pending = pending;
        this.commands = commands;
    }

    /** The files as recorded, in the order sent. {@code displayName} renames the only file sent. */
    public List<StoredFile> upload(UserId owner, String plan, List<MultipartFile> parts, String displayName,
                                   Instant now) {
        if (parts == null || parts.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Send one or more files as the part files",
                    Map.of("files", "is required"));
        }
        if (displayName != null && parts.size() > 1) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "displayName names a single file; send one file",
                    Map.of("displayName", "names a single file"));
        }
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            checked.add(check(parts.get(i), displayName, i));
        }
        FileStore store = stores.current();
        Instant recordBy = now.plus(properties.uploadTimeout());
        List<FileId> written = new ArrayList<>();
        List<StoredFile> files = new ArrayList<>();
        try {
            for (Checked file : checked) {
                FileId fileId = new FileId(FileId.PREFIX + UUID.randomUUID().toString().replace("-", ""));
                pending.begin(new PendingUploads.Pending(fileId, owner, store.name(), recordBy));
                written.add(fileId);
                store.write(fileId, file.part()::getInputStream, file.part().getSize(), file.type());
                files.add(new StoredFile(fileId, file.name().value(), file.type(), file.part().getSize(),
                        file.sha256(), store.name()));
            }
            commands.sendAndWait(new UploadFilesCommand(FileLibraryId.of(owner), owner, files,
                    properties.quotaOf(plan), now, recordBy));
        } catch (IOException e) {
            deleteAll(store, written);
            throw new UncheckedIOException("Could not store an uploaded file", e);
        } catch (RuntimeException e) {
            deleteAll(store, written);
            throw e;
        }
        end(written);
        return files;
    }

    private Checked check(MultipartFile part, String displayName, int index) {
        String field = "files[" + index + "]";
        FileName name;
        try {
            name = FileName.fromClient(displayName != null ? displayName : part.getOriginalFilename());
        } catch (DomainException e) {
            throw new DomainException(e.code(), e.getMessage(),
                    Map.of(displayName != null ? "displayName" : field, e.details().get("name")));
        }
        if (part.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The file " + name + " is empty",
                    Map.of(field, "is empty"));
        }
        if (part.getSize() > properties.maxSize().toBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "The file " + name + " is larger than "
                    + properties.maxSize().toBytes() + " bytes", Map.of(field, "is larger than "
                    + properties.maxSize().toBytes() + " bytes"));
        }
        try {
            String type;
            try (InputStream bytes = part.getInputStream()) {
                type = types.detect(bytes);
            }
            if (!properties.allows(type)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("name", name.value());
                details.put("detectedType", type);
                details.put("allowedTypes", properties.allowedTypes());
                throw new DomainException(ErrorCode.UNSUPPORTED_FILE_TYPE,
                        "The file " + name + " holds " + type + ", which is not accepted", details);
            }
            return new Checked(part, name, type, sha256(part));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an uploaded file", e);
        }
    }

    private static String sha256(MultipartFile part) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream bytes = new DigestInputStream(part.getInputStream(), digest)) {
            bytes.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Deletes what was written; bytes that stay (the store failed) stay pending, for the sweep to delete. */
    private void deleteAll(FileStore store, List<FileId> written) {
        List<FileId> deleted = new ArrayList<>();
        for (FileId fileId : written) {
            try {
                store.delete(fileId);
                deleted.add(fileId);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not delete the bytes of refused upload {} from {}", fileId, store.name(), e);
            }
        }
        end(deleted);
    }

    /** An upload that stays marked pending is ended by the sweep, which finds it recorded or deletes its bytes. */
    private void end(List<FileId> fileIds) {
        try {
            pending.end(fileIds);
        } catch (RuntimeException e) {
            log.warn("Could not mark uploads {} ended; the sweep of unrecorded bytes will", fileIds, e);
        }
    }
}
