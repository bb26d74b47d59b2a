package com.aipasta.template.api.query;

import com.aipasta.common.PageRequest;

/** Everyone's public templates that are not hidden, newest or most used first; search and tag as for one's own. */
public record FindPublicTemplatesQuery(String search, String tag, boolean mostUsedFirst, PageRequest pageRequest) {
}
