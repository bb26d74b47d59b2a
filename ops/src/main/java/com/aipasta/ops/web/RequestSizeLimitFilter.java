package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Refuses request bodies above a limit with 413: at once when the declared length is too large, and while
 * reading for bodies sent without a length. A multipart upload to the upload path has a limit of its own.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Raised while reading a body that grows past the limit. */
    public static class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long limit) {
            super("The request body exceeds " + limit + " bytes");
        }
    }

    private final long maxBytes;
    private final String uploadPath;
    private final long maxUploadBytes;
    private final EnvelopeWriter envelope;

    public RequestSizeLimitFilter(long maxBytes, String uploadPath, long maxUploadBytes, EnvelopeWriter envelope) {
        this.maxBytes = maxBytes;
        this.uploadPath = uploadPath;
        this.maxUploadBytes = maxUploadBytes;
        this.envelope = envelope;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isUpload(request) ? maxUploadBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            envelope.write(response, ErrorCode.PAYLOAD_TOO_LARGE, new PayloadTooLargeException(limit).getMessage(),
                    null);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && uploadPath.equals(request.getRequestURI())
                && request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
