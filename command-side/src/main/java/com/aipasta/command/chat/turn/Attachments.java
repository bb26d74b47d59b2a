package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.file.FileStores;
import com.aipasta.command.file.LibraryFiles;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.stereotype.Component;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Files attached to a turn: which of the caller's files they are, whether the model can take them, and what they are
 * sent as. Images go as images; PDFs (their text, by Apache PDFBox) and text files go as text naming their file.
 */
@Component
public class Attachments {

    public static final int MAX_FILES = 10;
    /** What an image is reserved as: providers count an image by its size in tiles, near this for common sizes. */
    public static final long IMAGE_TOKENS = 1_000;
    static final String IMAGE_INPUT = "image";

    private final LibraryFiles library;
    private final FileStores stores;

    public Attachments(LibraryFiles library, FileStores stores) {
        this.library = library;
        this.stores = stores;
    }

    /** The caller's files named by {@code fileIds}, in order, once each; 404 for one that is not the caller's. */
    public List<Attachment> resolve(UserId owner, List<String> fileIds) {
        if (fileIds == null || fileIds.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>(fileIds);
        if (distinct.size() > MAX_FILES) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_FILES + " files per message",
                    Map.of("files", "must hold at most " + MAX_FILES + " files"));
        }
        Map<FileId, FileUploadedEvent> held = library.of(owner);
        List<Attachment> attachments = new ArrayList<>();
        for (String fileId : distinct) {
            FileUploadedEvent file = FileId.wellFormed(fileId) ? held.get(new FileId(fileId)) : null;
            if (file == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, "No such file: " + fileId, Map.of("files", fileId));
            }
            attachments.add(new Attachment(file.fileId(), file.name(), file.type(), file.size(), file.storage()));
        }
        return attachments;
    }

    /** Refuses a model that takes no images when any of {@code attachments} is one. */
    public void requireReadableBy(CatalogModel model, List<Attachment> attachments) {
        attachments.stream().filter(Attachment::image).findFirst().ifPresent(image -> {
            if (!model.capabilities().contains(IMAGE_INPUT)) {
                throw new DomainException(ErrorCode.MODEL_CANNOT_READ_FILE, "Model " + model.id()
                        + " cannot read images such as " + image.name() + "; choose a model that takes images",
                        Map.of("modelId", model.id(), "fileId", image.fileId().value(), "type", image.type()));
            }
        });
    }

    /** What the attachments are sent as, in order. A file deleted since it was attached is said to be gone. */
    public List<ChatRequest.Part> parts(List<Attachment> attachments) {
        List<ChatRequest.Part> parts = new ArrayList<>();
        for (Attachment attachment : attachments) {
            try (InputStream bytes = stores.named(attachment.storage()).read(attachment.fileId())) {
                parts.add(part(attachment, bytes.readAllBytes()));
            } catch (FileNotFoundException e) {
                parts.add(new ChatRequest.TextPart("[File " + attachment.name() + " was deleted]"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read attached file " + attachment.fileId(), e);
            }
        }
        return parts;
    }

    private static ChatRequest.Part part(Attachment attachment, byte[] bytes) throws IOException {
        if (attachment.image()) {
            return new ChatRequest.ImagePart(attachment.name(), attachment.type(), Base64.getEncoder().encodeToString(bytes));
        }
        String text = "application/pdf".equals(attachment.type()) ? pdfText(bytes)
                : new String(bytes, StandardCharsets.UTF_8);
        return new ChatRequest.TextPart("File " + attachment.name() + ":\n" + text.strip());
    }

    private static String pdfText(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
