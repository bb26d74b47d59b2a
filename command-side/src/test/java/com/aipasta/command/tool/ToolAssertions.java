package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.assertj.core.api.ThrowableAssert;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs tools the way the endpoints do, and checks their refusals. */
final class ToolAssertions {

    private ToolAssertions() {
    }

    static Map<String, Object> run(Tool tool, Map<String, Object> parameters) {
        return new Tools(List.of(tool)).run(tool, parameters);
    }

    /** The refusal is a 400 naming {@code field}, with a reason containing {@code reason}. */
    static void refused(ThrowableAssert.ThrowingCallable call, String field, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(refusal.details()).containsKey(field);
            assertThat(refusal.details().get(field).toString()).contains(reason);
        });
    }
}
