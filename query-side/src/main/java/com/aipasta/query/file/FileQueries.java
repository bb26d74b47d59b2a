package com.aipasta.query.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.file.api.query.FilePage;
import com.aipasta.file.api.query.FileUsage;
import com.aipasta.file.api.query.FileView;
import com.aipasta.file.api.query.FindFileQuery;
import com.aipasta.file.api.query.FindFileUsageQuery;
import com.aipasta.file.api.query.FindFilesQuery;
import com.aipasta.file.api.value.FileId;
import com.aipasta.projections.file.FileDocument;
import com.aipasta.projections.file.FileUsageDocument;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The caller's files and their metadata; another user's file answers 404 like a missing one. */
@RestController
public class FileQueries {

    private static final String TYPE_FORMAT = "[a-z0-9][a-z0-9.+-]{0,126}(/[a-z0-9][a-z0-9.+-]{0,126})?";

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public FileQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    /** {@code type} a whole media type ({@code application/pdf}) or its top-level part ({@code image}). */
    @GetMapping("/api/files")
    public FilePage list(Authentication caller, @RequestParam(defaultValue = "1") int page,
                         @RequestParam(defaultValue = "20") int limit,
                         @RequestParam(required = false) String type) {
        String wanted = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !wanted.matches(TYPE_FORMAT)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "type must be a media type such as image/png, "
                    + "or its first part such as image", Map.of("type", "must be a media type or its first part"));
        }
        return queries.query(new FindFilesQuery(new UserId(caller.getName()), wanted, new PageRequest(page, limit)),
                FilePage.class).join();
    }

    @GetMapping("/api/files/{fileId}")
    public FileView file(Authentication caller, @PathVariable String fileId) {
        Optional<FileView> file = FileId.wellFormed(fileId)
                ? queries.query(new FindFileQuery(new UserId(caller.getName()), new FileId(fileId)),
                ResponseTypes.optionalInstanceOf(FileView.class)).join()
                : Optional.empty();
        return file.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such file"));
    }

    @QueryHandler
    public FilePage handle(FindFilesQuery query) {
        Criteria criteria = Criteria.where("ownerId").is(query.ownerId().value());
        if (query.type() != null) {
            criteria = criteria.and(query.type().contains("/") ? "type" : "typeGroup").is(query.type());
        }
        long total = mongo.count(Query.query(criteria), FileDocument.class);
        List<FileView> files = mongo.find(Query.query(criteria)
                        .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                        .skip(query.pageRequest().offset())
                        .limit(query.pageRequest().limit()), FileDocument.class).stream()
                .map(FileQueries::view).toList();
        return new FilePage(files, Pagination.of(query.pageRequest().page(), query.pageRequest().limit(), total));
    }

    @QueryHandler
    public Optional<FileView> handle(FindFileQuery query) {
        return Optional.ofNullable(mongo.findById(query.fileId().value(), FileDocument.class))
                .filter(file -> file.ownerId().equals(query.ownerId().value()))
                .map(FileQueries::view);
    }

    @QueryHandler
    public FileUsage handle(FindFileUsageQuery query) {
        FileUsageDocument usage = mongo.findById(query.ownerId().value(), FileUsageDocument.class);
        return usage == null ? new FileUsage(0, 0) : new FileUsage(usage.files(), usage.usedBytes());
    }

    private static FileView view(FileDocument file) {
        return new FileView(file.id(), file.name(), file.type(), file.size(), file.sha256(), file.storage(),
                file.createdAt());
    }
}
