package com.aipasta.file.api.value;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.InputRules;

import java.util.Map;

/**
 * The name a file is shown and downloaded under: the last segment of what the client sent (a browser may send a whole
 * path), at most {@link #MAX_LENGTH} characters, with no control characters and no bidirectional overrides (which make
 * {@code gpj.exe} read as {@code exe.jpg}).
 */
public record FileName(String value) {

    public static final int MAX_LENGTH = 255;

    public FileName {
        String problem = problemOf(value);
        if (problem != null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The file name " + problem,
                    Map.of("name", problem));
        }
    }

    /** The name from what a client sent: only the part after the last path separator, without surrounding blanks. */
    public static FileName fromClient(String sent) {
        if (sent == null) {
            return new FileName(null);
        }
        int separator = Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\'));
        return new FileName(sent.substring(separator + 1).strip());
    }

    private static String problemOf(String value) {
        if (value == null || value.isBlank()) {
            return "must not be blank";
        }
        if (value.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            return "must be a name, not a path";
        }
        String textProblem = InputRules.textProblem(value).orElse(null);
        if (textProblem != null) {
            return textProblem;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F') {
                return "must not contain control or text-direction characters";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
