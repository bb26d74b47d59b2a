package com.aipasta.template.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.template.api.value.TemplateId;

/** One template; {@code ownerId} null finds anyone's (for administrators), else only the owner's. */
public record FindTemplateQuery(TemplateId templateId, UserId ownerId) {
}
