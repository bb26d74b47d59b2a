package com.aipasta.command.file;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FileTypesTest {

    private final FileTypes types = new FileTypes();

    private String detect(byte[] bytes) throws IOException {
        return types.detect(new ByteArrayInputStream(bytes));
    }

    private static byte[] image(String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, bytes);
        return bytes.toByteArray();
    }

    @Test
    void imagesAreKnownByTheirMagicNumbers() throws IOException {
        assertThat(detect(image("png"))).isEqualTo("image/png");
        assertThat(detect(image("jpg"))).isEqualTo("image/jpeg");
        assertThat(detect(image("gif"))).isEqualTo("image/gif");
        assertThat(detect("RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("image/webp");
    }

    @Test
    void pdfsAndTextAreKnownWithoutTheirNames() throws IOException {
        assertThat(detect("%PDF-1.7\n1 0 obj\n<< >>\nendobj\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("application/pdf");
        assertThat(detect("Dear team,\nthe numbers are in. — Asha\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
    }

    @Test
    void executablesAreNeitherImagesNorText() throws IOException {
        byte[] windows = new byte[256];
        windows[0] = 'M';
        windows[1] = 'Z';
        byte[] linux = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};

        assertThat(detect(windows)).isNotIn("image/png", "image/jpeg", "text/plain", "application/pdf");
        assertThat(detect(linux)).isNotIn("image/png", "image/jpeg", "text/plain", "application/pdf");
    }
}
