package io.github.ddbbackup.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP/1.1 exchange over a plain socket, read until the server closes: shows the bytes exactly as sent. */
final class RawSocket {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawSocket() {
    }

    static String exchange(URI endpoint, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
