package com.aipasta.command.chat.catalog;

import com.aipasta.common.Pagination;

import java.util.List;

public record ModelPage(List<CatalogModel> models, Pagination pagination) {
}
