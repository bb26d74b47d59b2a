package com.aipasta.template.api.query;

import com.aipasta.common.PageRequest;

/**
 * Public templates for administrators, hidden ones included, newest first: {@code hidden} (may be null) keeps only
 * the hidden or only the shown ones; {@code search} as for one's own.
 */
public record FindModeratedTemplatesQuery(Boolean hidden, String search, PageRequest pageRequest) {
}
