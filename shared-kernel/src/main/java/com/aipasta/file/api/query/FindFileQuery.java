package com.aipasta.file.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.value.FileId;

/** The file when {@code ownerId} owns it; empty otherwise, so another user's file looks like a missing one. */
public record FindFileQuery(UserId ownerId, FileId fileId) {
}
