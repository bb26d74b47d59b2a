package com.aipasta.template.api.value;

import com.aipasta.common.Require;

public record TemplateId(String value) {

    public static final String PREFIX = "template-";

    public TemplateId {
        Require.text(value, "templateId");
    }

    @Override
    public String toString() {
        return value;
    }
}
