package com.aipasta.command.file;

import org.apache.tika.Tika;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * What a file is, from its bytes alone (their magic numbers, or text when they read as text): never from its name or
 * the type the client declared, which anyone can set.
 */
@Component
public class FileTypes {

    private final Tika tika = new Tika();

    /** The media type without parameters, such as {@code image/png}; {@code application/octet-stream} when unknown. */
    public String detect(InputStream bytes) throws IOException {
        String detected = tika.detect(new BufferedInputStream(bytes));
        MediaType type = MediaType.parseMediaType(detected);
        return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    }
}
