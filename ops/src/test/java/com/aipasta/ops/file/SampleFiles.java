package com.aipasta.ops.file;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Real files of each kind, made the way their programs make them. */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static byte[] png() {
        return image("png");
    }

    /** A PNG of {@code side} by {@code side} random pixels, which do not compress: near three bytes a pixel. */
    public static byte[] noisyPng(int side, long seed) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encoded(image, "png");
    }

    public static byte[] jpeg() {
        return image("jpg");
    }

    /** A one-page PDF, as a PDF writer lays it out: header, objects, cross-reference table, trailer. */
    public static byte[] pdf() {
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                null,
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        };
        String text = "BT /F1 18 Tf 20 100 Td (Quarterly figures: revenue up) Tj ET";
        objects[3] = "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        long[] offsets = new long[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        long xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (long offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a Windows executable: the MZ header pointing at a PE header. */
    public static byte[] windowsExecutable() {
        byte[] bytes = new byte[1024];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        bytes[0x84] = 0x4c;
        bytes[0x85] = 0x01;
        return bytes;
    }

    /** The start of a Linux executable: the ELF header of a 64-bit x86 program. */
    public static byte[] linuxExecutable() {
        byte[] bytes = new byte[512];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** Text of exactly {@code size} bytes. */
    public static byte[] textOfSize(long size) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, 32, 24);
        graphics.setColor(Color.BLUE);
        graphics.drawLine(0, 0, 31, 23);
        graphics.dispose();
        return encoded(image, format);
    }

    private static byte[] encoded(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No image writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
