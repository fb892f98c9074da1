package dev.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes a well-behaved client would never send (broken chunked encoding, a body cut short), written on a socket of
 * their own; what the server answers, read until it closes the connection or a read times out.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The answer's status code after sending {@code head} (CRLF line ends added) and {@code body}, then half-closing. */
    public static int send(String baseUrl, String head, String body) {
        String answer = answer(baseUrl, head, body);
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** The whole answer, status line, headers and body, to {@code head} and {@code body}. */
    public static String answer(String baseUrl, String head, String body) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = head.replace("\n", "\r\n") + "\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String answer = readAll(socket.getInputStream());
            if (!answer.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("no HTTP answer to " + head.lines().findFirst().orElse("") + ": [" + answer + "]");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) { // a reset after the answer: what was read is the answer
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
