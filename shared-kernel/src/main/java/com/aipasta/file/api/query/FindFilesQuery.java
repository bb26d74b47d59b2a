package com.aipasta.file.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;

/**
 * The owner's files, newest first; {@code type} null for all, a whole media type ({@code image/png}) or a top-level
 * one ({@code image}) for those of that type.
 */
public record FindFilesQuery(UserId ownerId, String type, PageRequest pageRequest) {
}
