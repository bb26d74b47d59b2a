package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.command.DeleteFileCommand;
import com.aipasta.file.api.query.FileUsage;
import com.aipasta.file.api.query.FileView;
import com.aipasta.file.api.query.FindFileQuery;
import com.aipasta.file.api.query.FindFileUsageQuery;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.StoredFile;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploading, deleting and downloading the caller's files, and what may be uploaded. Listing them and their metadata
 * is the query side's. A file of another user answers 404 like a missing one.
 */
@RestController
public class FileController {

    private static final Logger log = LoggerFactory.getLogger(FileController.class);

    public record UploadedFiles(List<FileView> files) {
    }

    public record SupportedTypes(List<String> types, long maxFileSize, long quotaBytes, long usedBytes, long files,
                                 String storage) {
    }

    private final FileUploads uploads;
    private final FileStores stores;
    private final FilesProperties properties;
    private final AccessState access;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;

    public FileController(FileUploads uploads, FileStores stores, FilesProperties properties, AccessState access,
                          CommandGateway commands, QueryGateway queries, ReadModels readModels, Clock clock) {
        this.uploads = uploads;
        this.stores = stores;
        this.properties = properties;
        this.access = access;
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    @PostMapping(path = "/api/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public UploadedFiles upload(@AuthenticationPrincipal AccessToken caller,
                                @RequestPart(name = "files", required = false) List<MultipartFile> files,
                                @RequestParam(required = false) String displayName) {
        List<StoredFile> stored = uploads.upload(caller.userId(), planOf(caller), files, displayName,
                clock.instant());
        FileLibraryId library = FileLibraryId.of(caller.userId());
        return new UploadedFiles(stored.stream().map(file -> readModels.await(library.value(),
                () -> find(caller.userId(), file.fileId()), shown -> true)).toList());
    }

    /** Answers once the file is gone from the list and its bytes from the store. */
    @DeleteMapping("/api/files/{fileId}")
    public Map<String, Boolean> delete(@AuthenticationPrincipal AccessToken caller, @PathVariable String fileId) {
        FileId id = fileIdOf(fileId);
        String storage;
        try {
            storage = commands.sendAndWait(new DeleteFileCommand(FileLibraryId.of(caller.userId()), id,
                    clock.instant()));
        } catch (AggregateNotFoundException noFileEver) {
            throw noSuchFile();
        }
        deleteBytes(storage, id);
        readModels.await(FileLibraryId.of(caller.userId()).value(),
                () -> Optional.of(find(caller.userId(), id).isEmpty()), Boolean::booleanValue);
        return Map.of("deleted", true);
    }

    /**
     * The bytes, as a download under the file's name and with the type detected at upload; {@code nosniff} keeps a
     * browser from taking them for anything else.
     */
    @GetMapping("/api/files/{fileId}/content")
    public ResponseEntity<Resource> content(@AuthenticationPrincipal AccessToken caller,
                                            @PathVariable String fileId) {
        FileView file = find(caller.userId(), fileIdOf(fileId)).orElseThrow(FileController::noSuchFile);
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(file.type()))
                    .contentLength(file.size())
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(file.name(), StandardCharsets.US_ASCII.newEncoder().canEncode(file.name())
                                    ? null : StandardCharsets.UTF_8).build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(new InputStreamResource(stores.named(file.storage()).read(new FileId(file.fileId()))));
        } catch (FileNotFoundException e) {
            throw noSuchFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/files/supported-types")
    public SupportedTypes supportedTypes(@AuthenticationPrincipal AccessToken caller) {
        FileUsage usage = queries.query(new FindFileUsageQuery(caller.userId()), FileUsage.class).join();
        return new SupportedTypes(properties.allowedTypes(), properties.maxSize().toBytes(),
                properties.quotaOf(planOf(caller)), usage.usedBytes(), usage.files(), stores.current().name());
    }

    private String planOf(AccessToken caller) {
        Access account = access.of(caller.userId()).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED,
                "Authentication required"));
        if (account.guest()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "A guest cannot keep files; register first");
        }
        return account.effectivePlan();
    }

    private void deleteBytes(String storage, FileId fileId) {
        try {
            stores.named(storage).delete(fileId);
        } catch (IOException | RuntimeException e) {
            log.warn("The bytes of deleted file {} stay until the file-bytes policy deletes them", fileId.value(), e);
        }
    }

    private Optional<FileView> find(UserId owner, FileId fileId) {
        return queries.query(new FindFileQuery(owner, fileId), ResponseTypes.optionalInstanceOf(FileView.class))
                .join();
    }

    private static FileId fileIdOf(String text) {
        if (!FileId.wellFormed(text)) {
            throw noSuchFile();
        }
        return new FileId(text);
    }

    private static DomainException noSuchFile() {
        return new DomainException(ErrorCode.NOT_FOUND, "No such file");
    }
}
