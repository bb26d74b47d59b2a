package com.aipasta.command.chat.catalog;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model catalogue. Model ids contain slashes, so one model is read at {@code /api/models/{provider}/{model…}};
 * the literal {@code providers} and {@code categories} routes win over that pattern.
 */
@RestController
@RequestMapping("/api/models")
public class ModelController {

    private final ModelCatalog catalog;
    private final PopularModels popularity;

    public ModelController(ModelCatalog catalog, PopularModels popularity) {
        this.catalog = catalog;
        this.popularity = popularity;
    }

    @GetMapping
    public ModelPage list(@RequestParam(required = false) String provider,
                          @RequestParam(required = false) String search,
                          @RequestParam(required = false) Boolean free,
                          @RequestParam(required = false) String category,
                          @RequestParam(required = false) String sort,
                          @RequestParam(required = false) String order,
                          @RequestParam(defaultValue = "1") int page,
                          @RequestParam(defaultValue = "20") int limit) {
        return catalog.list(provider, search, free, categoryOf(category), ModelOrder.parse(sort, order),
                popularity.turnsByModel(), new PageRequest(page, limit));
    }

    @GetMapping("/category/{category}")
    public ModelPage listCategory(@PathVariable String category,
                                  @RequestParam(required = false) String provider,
                                  @RequestParam(required = false) String search,
                                  @RequestParam(required = false) Boolean free,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String order,
                                  @RequestParam(defaultValue = "1") int page,
                                  @RequestParam(defaultValue = "20") int limit) {
        return list(provider, search, free, category, sort, order, page, limit);
    }

    @GetMapping("/providers")
    public Map<String, List<ProviderStatus>> providers() {
        return Map.of("providers", catalog.providers());
    }

    @GetMapping("/categories")
    public Map<String, List<CategoryCount>> categories() {
        return Map.of("categories", catalog.categories());
    }

    @GetMapping("/{*modelId}")
    public CatalogModel model(@PathVariable String modelId) {
        String id = modelId.startsWith("/") ? modelId.substring(1) : modelId;
        return catalog.find(id)
                .map(model -> model.withPopularity(popularity.turnsByModel().getOrDefault(id, 0L)))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such model: " + id));
    }

    private static String categoryOf(String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        String named = category.strip().toLowerCase(Locale.ROOT);
        if (!CatalogModel.CATEGORIES.contains(named)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "category must be one of " + CatalogModel.CATEGORIES,
                    Map.of("category", "must be one of " + String.join(", ", CatalogModel.CATEGORIES)));
        }
        return named;
    }
}
