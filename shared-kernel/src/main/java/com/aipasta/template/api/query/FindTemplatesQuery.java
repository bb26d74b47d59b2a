package com.aipasta.template.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;

/**
 * The owner's templates, newest first. {@code search} (may be null) matches part of the name in any case,
 * {@code tag} (may be null) one of the tags exactly.
 */
public record FindTemplatesQuery(UserId ownerId, String search, String tag, PageRequest pageRequest) {
}
