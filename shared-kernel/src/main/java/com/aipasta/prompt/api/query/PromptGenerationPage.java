package com.aipasta.prompt.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record PromptGenerationPage(List<PromptGenerationView> generations, Pagination pagination) {
}
