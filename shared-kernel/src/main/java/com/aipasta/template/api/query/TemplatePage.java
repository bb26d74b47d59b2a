package com.aipasta.template.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record TemplatePage(List<TemplateView> templates, Pagination pagination) {
}
