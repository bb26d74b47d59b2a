package com.aipasta.query.template;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.projections.template.TemplateDocument;
import com.aipasta.template.api.query.FindModeratedTemplatesQuery;
import com.aipasta.template.api.query.FindPublicTemplatesQuery;
import com.aipasta.template.api.query.FindTemplateQuery;
import com.aipasta.template.api.query.FindTemplatesQuery;
import com.aipasta.template.api.query.TemplatePage;
import com.aipasta.template.api.query.TemplateView;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
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

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's templates and everyone's public ones. {@code search} matches part of the name in any case (as plain
 * text: it is quoted, never read as a pattern), {@code tag} one tag exactly; both are checked here and refused with a
 * 400 naming the parameter.
 */
@RestController
public class TemplateQueries {

    public static final int SEARCH_LENGTH = 100;

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public TemplateQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/templates")
    public TemplatePage own(Authentication caller, @RequestParam(required = false) String search,
                            @RequestParam(required = false) String tag,
                            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindTemplatesQuery(new UserId(caller.getName()), search(search), tag(tag),
                new PageRequest(page, limit)), TemplatePage.class).join();
    }

    @GetMapping("/api/templates/public")
    public TemplatePage everyones(@RequestParam(required = false) String search,
                                  @RequestParam(required = false) String tag,
                                  @RequestParam(defaultValue = "newest") String sort,
                                  @RequestParam(defaultValue = "1") int page,
                                  @RequestParam(defaultValue = "20") int limit) {
        if (!sort.equals("newest") && !sort.equals("popular")) {
            throw invalid("sort", "must be newest or popular");
        }
        return queries.query(new FindPublicTemplatesQuery(search(search), tag(tag), sort.equals("popular"),
                new PageRequest(page, limit)), TemplatePage.class).join();
    }

    /** Public templates, hidden ones included, for moderation. */
    @GetMapping("/api/admin/templates")
    public TemplatePage moderated(@RequestParam(required = false) Boolean hidden,
                                  @RequestParam(required = false) String search,
                                  @RequestParam(defaultValue = "1") int page,
                                  @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindModeratedTemplatesQuery(hidden, search(search), new PageRequest(page, limit)),
                TemplatePage.class).join();
    }

    /** One of the caller's templates. */
    @GetMapping("/api/templates/{id}")
    public Map<String, TemplateView> one(Authentication caller, @PathVariable String id) {
        return Map.of("template", queries.query(new FindTemplateQuery(
                                new TemplateId(id), new UserId(caller.getName())),
                        ResponseTypes.optionalInstanceOf(TemplateView.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such template")));
    }

    @QueryHandler
    public TemplatePage handle(FindTemplatesQuery query) {
        Criteria filter = Criteria.where("ownerId").is(query.ownerId().value());
        return page(filter, query.search(), query.tag(), false, query.pageRequest());
    }

    @QueryHandler
    public TemplatePage handle(FindPublicTemplatesQuery query) {
        return page(Criteria.where("listed").is(true), query.search(), query.tag(), query.mostUsedFirst(),
                query.pageRequest());
    }

    @QueryHandler
    public TemplatePage handle(FindModeratedTemplatesQuery query) {
        Criteria filter = Criteria.where("publicTemplate").is(true);
        if (query.hidden() != null) {
            filter.and("hidden").is(query.hidden());
        }
        return page(filter, query.search(), null, false, query.pageRequest());
    }

    @QueryHandler
    public Optional<TemplateView> handle(FindTemplateQuery query) {
        return Optional.ofNullable(mongo.findById(query.templateId().value(), TemplateDocument.class))
                .filter(template -> query.ownerId() == null || template.ownerId().equals(query.ownerId().value()))
                .map(TemplateQueries::view);
    }

    private TemplatePage page(Criteria filter, String search, String tag, boolean mostUsedFirst, PageRequest page) {
        if (tag != null) {
            filter.and("tags").is(tag);
        }
        if (search != null) {
            filter.and("name").regex(Pattern.compile(Pattern.quote(search), Pattern.CASE_INSENSITIVE));
        }
        Query matching = Query.query(filter);
        long total = mongo.count(matching, TemplateDocument.class);
        Sort order = mostUsedFirst
                ? Sort.by(Sort.Order.desc("uses"), Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))
                : Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
        return new TemplatePage(mongo.find(Query.of(matching).with(order).skip(page.offset()).limit(page.limit()),
                        TemplateDocument.class).stream().map(TemplateQueries::view).toList(),
                Pagination.of(page.page(), page.limit(), total));
    }

    private static String search(String search) {
        if (search == null || search.isBlank()) {
            return null;
        }
        if (search.strip().length() > SEARCH_LENGTH) {
            throw invalid("search", "must be at most " + SEARCH_LENGTH + " characters");
        }
        return search.strip();
    }

    private static String tag(String tag) {
        return tag == null || tag.isBlank() ? null : TemplateContent.tag(tag, "tag");
    }

    private static TemplateView view(TemplateDocument template) {
        return new TemplateView(template.id(), template.name(), template.description(), template.persona(),
                template.context(), template.instruction(), template.format(), template.tone(), template.inputData(),
                template.thinkingPoints(), template.warnings(), template.askMe(), template.publicTemplate(),
                template.tags(), template.hidden(), template.uses(), template.createdAt(), template.updatedAt(),
                template.lastSequence());
    }

    private static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
