package com.aipasta.file.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record FilePage(List<FileView> files, Pagination pagination) {
}
